import { randomUUID } from "node:crypto";
import { type CallAs, type GraphQLResponse, TEST_SUBJECT_REF_KEY, subjectRef } from "@kgraph/platform";
import { INCIDENT_WRITE_FORBIDDEN } from "../src/modules/incident/incident.policy";
import {
  addCounselClient,
  addResidents,
  escalate,
  fileComplaintAs,
  recordIncident,
  startVisit,
  triage,
} from "./authorization-fixture";
import {
  type MonitoringHarness,
  addFinding,
  addRecommendation,
  createBody,
  daysFromNow,
  hoursAgo,
  ok,
  planVisit,
  startMonitoringHarness,
  visitIn,
} from "./harness";

/**
 * Regression tests for the security findings of issue 7 that concern the monitoring subgraph.
 * Each says what the code before the one record-rule mechanism (commit 2d671cb) did; each fails
 * on that code. Every test makes its own bodies, facilities and cases.
 */

let h: MonitoringHarness;
let publicCaller: CallAs;
beforeAll(async () => {
  h = await startMonitoringHarness();
  publicCaller = { token: await h.auth.publicToken() };
});
afterAll(async () => {
  await h?.stop();
});

const iso = (value: Date | null) => (value ? value.toISOString() : null);
const staffOf = (facilityId: string): CallAs => ({
  roles: ["facility_staff"],
  sub: randomUUID(),
  facility_id: facilityId,
});
const monitorOf = (bodyId: string): CallAs => ({ roles: ["monitor"], sub: randomUUID(), org_id: bodyId });
/** A signed-in caller of one role (its `sub` finds its audit events). */
type Signed = { roles: string[]; sub: string };
const role = (name: string): Signed => ({ roles: [name], sub: randomUUID() });
const one = async (sql: string, params: unknown[]) => (await h.db.query(sql, params))[0] as Record<string, any>;

describe("issue 7, finding 5: an unannounced visit is hidden before it starts from all but its body and the Ombudsperson", () => {
  /**
   * Before: `visitReadScope` gave every caller holding monitoring:read — every role — every visit,
   * so the staff of the facility to be inspected listed the surprise visit, with its date, through
   * each of these doors.
   */
  type Seen = { id: string; plannedFor: string; startedAt: string | null };
  const SEEN = "id plannedFor startedAt";

  /** The visit as each door shows it to the caller (null or [] where it is hidden). */
  async function doors(as: CallAs, visit: string, facility: string, incident: string, complaint: string) {
    const listed = ok(await h.gql(`{ visits(first: 100) { edges { node { ${SEEN} } } } }`, {}, as)).visits.edges.map(
      (e: { node: Seen }) => e.node,
    ) as Seen[];
    const filtered = ok(
      await h.gql(
        `query($f: ID!) { visits(first: 100, filter: { facilityId: $f }) { edges { node { ${SEEN} } } } }`,
        { f: facility },
        as,
      ),
    ).visits.edges.map((e: { node: Seen }) => e.node);
    const byId = ok(await h.gql(`query($id: ID!) { visit(id: $id) { ${SEEN} } }`, { id: visit }, as)).visit;
    const entities = ok(
      await h.gql(
        `query($r: [_Any!]!) { _entities(representations: $r) { ... on MonitoringVisit { ${SEEN} } ... on Facility { visits { ${SEEN} } } } }`,
        {
          r: [
            { __typename: "MonitoringVisit", id: visit },
            { __typename: "Facility", id: facility },
          ],
        },
        as,
      ),
    )._entities;
    const viewer = as as { roles?: string[]; token?: string };
    // The facility as an incident or a complaint there leads to it (for those who read them).
    const throughIncident = viewer.token
      ? []
      : ok(
          await h.gql(
            `query($id: ID!) { incident(id: $id) { facility { visits { ${SEEN} } } } }`,
            { id: incident },
            as,
          ),
        ).incident.facility.visits;
    const throughComplaint = viewer.roles?.some((r) => ["mia_officer", "ombudsperson"].includes(r))
      ? ok(
          await h.gql(
            `query($id: ID!) { complaint(id: $id) { facility { visits { ${SEEN} } } } }`,
            { id: complaint },
            as,
          ),
        ).complaint.facility.visits
      : [];
    return {
      visits: listed.filter((v) => v.id === visit),
      "visits(filter: facility)": filtered,
      "visit(id)": byId,
      "_entities MonitoringVisit": entities[0],
      "_entities Facility.visits": entities[1].visits,
      "Incident.facility.visits": throughIncident,
      "Complaint.facility.visits": throughComplaint,
    };
  }
  const everywhere = (seen: Seen | null, as: CallAs) => {
    const viewer = as as { roles?: string[]; token?: string };
    const list = seen ? [seen] : [];
    return {
      visits: list,
      "visits(filter: facility)": list,
      "visit(id)": seen,
      "_entities MonitoringVisit": seen,
      "_entities Facility.visits": list,
      "Incident.facility.visits": viewer.token ? [] : list,
      "Complaint.facility.visits": viewer.roles?.some((r) => ["mia_officer", "ombudsperson"].includes(r)) ? list : [],
    };
  };

  it("hides it, date included, through every door until it starts; then the facility's staff see it", async () => {
    const body = (await createBody(h.db)).id;
    const otherBody = (await createBody(h.db)).id;
    const facility = randomUUID();
    const resident = randomUUID();
    await addResidents(h, facility, [resident]);
    const plannedFor = daysFromNow(5);
    const visit = (await planVisit(h, { bodyId: body, facilityId: facility, plannedFor, announced: false })).id;
    const incident = await recordIncident(h, facility, [resident]);
    const complaint = await fileComplaintAs(h, { facilityId: facility }, publicCaller);
    await triage(h, complaint);
    await escalate(h, complaint, "Ministry of Internal Affairs");

    const planned: Seen = { id: visit, plannedFor, startedAt: null };
    const hiddenFrom: [string, CallAs][] = [
      ["the staff of the facility inspected", staffOf(facility)],
      ["an MIA officer", role("mia_officer")],
      ["the DHS liaison", role("dhs_liaison")],
      ["counsel", role("legal_counsel")],
      ["an auditor", role("auditor")],
      ["a training administrator", role("training_admin")],
      ["a monitor of another body", monitorOf(otherBody)],
      ["the public", publicCaller],
    ];
    for (const [who, as] of hiddenFrom) {
      expect({ who, ...(await doors(as, visit, facility, incident, complaint)) }).toEqual({
        who,
        ...everywhere(null, as),
      });
    }
    for (const [who, as] of [
      ["a monitor of the visiting body", monitorOf(body)],
      ["the Ombudsperson", role("ombudsperson")],
    ] as [string, CallAs][]) {
      expect({ who, ...(await doors(as, visit, facility, incident, complaint)) }).toEqual({
        who,
        ...everywhere(planned, as),
      });
    }

    await startVisit(h, visit);
    const startedAt = iso((await one(`SELECT started_at FROM monitoring.visit WHERE id = $1`, [visit])).started_at);
    const staff = staffOf(facility);
    expect(await doors(staff, visit, facility, incident, complaint)).toEqual(
      everywhere({ id: visit, plannedFor, startedAt }, staff),
    );
  });

  it("hides the findings and recommendations of such a visit with it", async () => {
    // The API records findings only on a started visit; rows written too early still follow their visit.
    const facility = randomUUID();
    const visit = (await planVisit(h, { facilityId: facility, announced: false })).id;
    const finding = randomUUID();
    const recommendation = randomUUID();
    await h.db.query(
      `INSERT INTO monitoring.finding (id, visit_id, severity, standard_ref, description, created_at)
       VALUES ($1, $2, 'LOW', 'CPT §1', 'Recorded before the visit started.', now())`,
      [finding, visit],
    );
    await h.db.query(
      `INSERT INTO monitoring.recommendation (id, finding_id, visit_id, facility_id, addressee, text, due_at, status, created_at)
       VALUES ($1, $2, $3, $4, 'Facility management', 'Open the yard every day.', $5, 'OPEN', now())`,
      [recommendation, finding, visit, facility, daysFromNow(30)],
    );
    const read = async (as: CallAs) => ({
      recommendation: ok(
        await h.gql(`query($id: ID!) { recommendation(id: $id) { id finding { id } } }`, { id: recommendation }, as),
      ).recommendation,
      open: ok(
        await h.gql(
          `query($r: [_Any!]!) { _entities(representations: $r) { ... on Facility { openRecommendations { id } } } }`,
          { r: [{ __typename: "Facility", id: facility }] },
          as,
        ),
      )._entities[0].openRecommendations,
    });
    expect(await read(staffOf(facility))).toEqual({ recommendation: null, open: [] });
    expect(await read(role("mia_officer"))).toEqual({ recommendation: null, open: [] });
    expect(await read(role("ombudsperson"))).toEqual({
      recommendation: { id: recommendation, finding: { id: finding } },
      open: [{ id: recommendation }],
    });
  });
});

describe("issue 7, finding 6: facility staff read the monitoring records of their own facility only", () => {
  /**
   * Before: every role holding monitoring:read read every visit, finding, recommendation and
   * incident, so the staff of one facility read another facility's unpublished findings,
   * recommendations and incidents.
   */
  it("reads its own facility's visits, findings, recommendations and incidents, another's only once published", async () => {
    const [own, other] = [randomUUID(), randomUUID()];
    const [ownResident, otherResident] = [randomUUID(), randomUUID()];
    await addResidents(h, own, [ownResident]);
    await addResidents(h, other, [otherResident]);
    const make = async (facilityId: string, caseId: string) => {
      const visit = (await visitIn(h, "COMPLETED", { facilityId, announced: true })).id;
      const finding = (await addFinding(h, visit)).id;
      const recommendation = (await addRecommendation(h, finding, { addressee: "Facility management" })).id;
      const incident = await recordIncident(h, facilityId, [caseId]);
      return { visit, finding, recommendation, incident };
    };
    const mine = await make(own, ownResident);
    const theirs = await make(other, otherResident);
    const published = (await visitIn(h, "REPORT_PUBLISHED", { facilityId: other })).id;
    const staff = staffOf(own);

    const read = async (records: typeof mine, facility: string) => {
      const res = await h.gql(
        `query($visit: ID!, $rec: ID!, $incident: ID!, $r: [_Any!]!) {
          visit(id: $visit) { id findings { id } }
          recommendation(id: $rec) { id }
          incident(id: $incident) { id subjectRefs }
          _entities(representations: $r) {
            ... on MonitoringVisit { id }
            ... on Incident { id }
            ... on Facility { visits { id } openRecommendations { id } }
          }
        }`,
        {
          visit: records.visit,
          rec: records.recommendation,
          incident: records.incident,
          r: [
            { __typename: "MonitoringVisit", id: records.visit },
            { __typename: "Incident", id: records.incident },
            { __typename: "Facility", id: facility },
          ],
        },
        staff,
      );
      const lists = ok(
        await h.gql(
          `{ visits(first: 100) { edges { node { id } } } incidents(first: 100) { edges { node { id } } } }`,
          {},
          staff,
        ),
      );
      const ids = (list: { edges: { node: { id: string } }[] }) => list.edges.map((e) => e.node.id);
      return {
        ...ok(res),
        listedVisit: ids(lists.visits).includes(records.visit),
        listedIncident: ids(lists.incidents).includes(records.incident),
      };
    };

    expect(await read(mine, own)).toEqual({
      visit: { id: mine.visit, findings: [{ id: mine.finding }] },
      recommendation: { id: mine.recommendation },
      incident: { id: mine.incident, subjectRefs: [subjectRef(ownResident, TEST_SUBJECT_REF_KEY)] },
      _entities: [
        { id: mine.visit },
        { id: mine.incident },
        { visits: [{ id: mine.visit }], openRecommendations: [{ id: mine.recommendation }] },
      ],
      listedVisit: true,
      listedIncident: true,
    });
    expect(await read(theirs, other)).toEqual({
      visit: null,
      recommendation: null,
      incident: null,
      // Published reports are everyone's, the other facility's included.
      _entities: [null, null, { visits: [{ id: published }], openRecommendations: [] }],
      listedVisit: false,
      listedIncident: false,
    });
  });
});

describe("issue 7, finding 1 (monitors): planning a visit opens no complaints, starting it does", () => {
  /**
   * Before: a monitor read the complaints about any facility its body had a visit to, "whatever
   * its status" — planning a visit to a facility was enough to read its complaints.
   */
  it("reaches a facility's complaints through no door while its body's visit is planned, through every door once started", async () => {
    const body = (await createBody(h.db)).id;
    const monitor = monitorOf(body);
    const facility = randomUUID();
    const caseId = randomUUID();
    const complaint = await fileComplaintAs(h, { facilityId: facility, caseId }, publicCaller);
    const reached = async () => {
      const list = ok(await h.gql(`{ complaints(first: 100) { edges { node { id } } } }`, {}, monitor)).complaints;
      const byId = ok(
        await h.gql(`query($id: ID!) { complaint(id: $id) { id subjectRef } }`, { id: complaint }, monitor),
      ).complaint;
      const entities = ok(
        await h.gql(
          `query($r: [_Any!]!) { _entities(representations: $r) { ... on Complaint { id } } }`,
          { r: [{ __typename: "Complaint", id: complaint }] },
          monitor,
        ),
      )._entities;
      return { list: list.edges.map((e: { node: { id: string } }) => e.node.id), byId, entities };
    };

    const visit = (await planVisit(h, { bodyId: body, facilityId: facility, announced: true })).id;
    expect(await reached()).toEqual({ list: [], byId: null, entities: [null] });

    await startVisit(h, visit);
    expect(await reached()).toEqual({
      list: [complaint],
      byId: { id: complaint, subjectRef: subjectRef(caseId, TEST_SUBJECT_REF_KEY) },
      entities: [{ id: complaint }],
    });
  });
});

describe("issue 7, finding 4: a complaint never leads an MIA officer or counsel to who it is about", () => {
  /**
   * Before: `Complaint.subjectRef` and `Complaint.case` needed complaint:read only, so an MIA
   * officer (on a complaint referred to the MIA) and counsel (on a client's complaint) got the
   * case id — and through the cases subgraph, the person's name — and the pseudonym that links
   * the complaint to every other record of that person.
   */
  const QUERY = `query($id: ID!, $r: [_Any!]!, $facility: ID!) {
    complaint(id: $id) { id subjectRef case { id } }
    _entities(representations: $r) { ... on Complaint { id subjectRef } }
    complaints(first: 100, filter: { facilityId: $facility }) { edges { node { id subjectRef } } }
  }`;

  let complaint: string;
  let caseId: string;
  let counsel: string;
  const facility = randomUUID();
  beforeAll(async () => {
    caseId = randomUUID();
    counsel = randomUUID();
    await addCounselClient(h, caseId, counsel);
    complaint = await fileComplaintAs(h, { facilityId: facility, caseId }, publicCaller);
    await triage(h, complaint);
    await escalate(h, complaint, "Ministry of Internal Affairs – Inspectorate");
  });

  it.each([
    ["an MIA officer (the complaint is referred to the MIA)", () => role("mia_officer")],
    ["counsel of record of the case", () => ({ roles: ["legal_counsel"], sub: counsel })],
  ] as [string, () => Signed][])("%s: subjectRef null, case FORBIDDEN, nothing audited", async (_who, as) => {
    const caller = as();
    const res: GraphQLResponse = await h.gql(
      QUERY,
      { id: complaint, r: [{ __typename: "Complaint", id: complaint }], facility },
      caller,
    );
    expect(res.errors).toEqual([
      {
        message: "Complaint.case needs complaint:identity:read.",
        locations: expect.any(Array),
        path: ["complaint", "case"],
        extensions: { code: "FORBIDDEN", requiredScopes: ["complaint:identity:read"] },
      },
    ]);
    expect(res.data).toEqual({
      complaint: { id: complaint, subjectRef: null, case: null },
      _entities: [{ id: complaint, subjectRef: null }],
      complaints: { edges: [{ node: { id: complaint, subjectRef: null } }] },
    });
    expect(JSON.stringify(res)).not.toContain(caseId);
    expect(JSON.stringify(res)).not.toContain(subjectRef(caseId, TEST_SUBJECT_REF_KEY));
    const events = await one(`SELECT count(*)::int AS n FROM monitoring.audit_event WHERE actor_sub = $1`, [
      caller.sub,
    ]);
    expect(events.n).toBe(0);
  });

  it("the Ombudsperson: the pseudonym and the case, and the read of the case is audited", async () => {
    const ombudsperson = role("ombudsperson");
    const res = await h.gql(
      `query($id: ID!) { complaint(id: $id) { id subjectRef case { id } } }`,
      { id: complaint },
      ombudsperson,
    );
    expect(ok(res).complaint).toEqual({
      id: complaint,
      subjectRef: subjectRef(caseId, TEST_SUBJECT_REF_KEY),
      case: { id: caseId },
    });
    expect(
      await h.db.query(`SELECT kind, record_ids, fields, entries FROM monitoring.audit_event WHERE actor_sub = $1`, [
        ombudsperson.sub,
      ]),
    ).toEqual([
      {
        kind: "READ",
        record_ids: [complaint],
        fields: ["Complaint.case"],
        entries: [{ type: "Complaint", id: complaint, fields: ["case"] }],
      },
    ]);
  });
});

describe("issue 7, finding 9: facility staff record incidents only about residents of their facility", () => {
  /**
   * Before: facility staff recorded an incident at their facility naming any case ids at all, and
   * the answer gave each id's pseudonym (`subjectRefs`) — a way to turn any case id into the
   * pseudonym that links it to every monitoring record; changeIncidentStatus checked the facility
   * only.
   */
  const RECORD = `mutation($input: RecordIncidentInput!) { recordIncident(input: $input) { id facility { id } subjectRefs } }`;
  const CHANGE = `mutation($input: ChangeIncidentStatusInput!) { changeIncidentStatus(input: $input) { id status } }`;
  const input = (facilityId: string, caseIds: string[]) => ({
    type: "USE_OF_FORCE",
    at: hoursAgo(1),
    facilityId,
    caseIds,
    narrative: "Restraint used during the evening count; nurse called.",
  });

  it("refuses a case that does not live there, before anything else, and writes nothing; residents are fine", async () => {
    const [own, other] = [randomUUID(), randomUUID()];
    const [r1, r2, elsewhere, unknown] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    await addResidents(h, own, [r1, r2]);
    await addResidents(h, other, [elsewhere]);
    const staff = staffOf(own);
    const written = async (caseId: string) => ({
      incidents: (await one(`SELECT count(*)::int AS n FROM monitoring.incident WHERE $1 = ANY(case_ids)`, [caseId])).n,
      audit: (await one(`SELECT count(*)::int AS n FROM monitoring.audit_event WHERE $1 = ANY(record_ids)`, [caseId]))
        .n,
    });

    const refusals = [
      await h.gql(RECORD, { input: input(own, [elsewhere]) }, staff),
      await h.gql(RECORD, { input: input(own, [unknown]) }, staff),
      await h.gql(RECORD, { input: input(own, [r1, unknown]) }, staff),
      await h.gql(RECORD, { input: input(other, [elsewhere]) }, staff),
    ];
    for (const res of refusals) {
      expect(res.errors).toEqual([
        {
          message: INCIDENT_WRITE_FORBIDDEN,
          locations: expect.any(Array),
          path: ["recordIncident"],
          extensions: { code: "FORBIDDEN" },
        },
      ]);
      expect(res.data).toBeNull();
    }
    // A case living elsewhere and one that does not exist are refused alike.
    expect(refusals[0].errors).toEqual(refusals[1].errors);
    for (const caseId of [elsewhere, unknown, r1]) expect(await written(caseId)).toEqual({ incidents: 0, audit: 0 });

    const recorded = ok(await h.gql(RECORD, { input: input(own, [r1, r2]) }, staff)).recordIncident;
    expect(recorded).toEqual({
      id: expect.any(String),
      facility: { id: own },
      subjectRefs: [subjectRef(r1, TEST_SUBJECT_REF_KEY), subjectRef(r2, TEST_SUBJECT_REF_KEY)],
    });
    expect((await one(`SELECT case_ids FROM monitoring.incident WHERE id = $1`, [recorded.id])).case_ids).toEqual([
      r1,
      r2,
    ]);
  });

  it("moves on only incidents whose every case lives at the staff's facility", async () => {
    const facility = randomUUID();
    const [resident, elsewhere] = [randomUUID(), randomUUID()];
    await addResidents(h, facility, [resident]);
    await addResidents(h, randomUUID(), [elsewhere]);
    const staff = staffOf(facility);
    // Recorded by an MIA officer, who may name anyone.
    const mixed = await recordIncident(h, facility, [resident, elsewhere]);
    const residents = await recordIncident(h, facility, [resident]);

    const refused = await h.gql(CHANGE, { input: { incidentId: mixed, status: "CLOSED" } }, staff);
    expect(refused.errors).toEqual([
      {
        message: INCIDENT_WRITE_FORBIDDEN,
        locations: expect.any(Array),
        path: ["changeIncidentStatus"],
        extensions: { code: "FORBIDDEN" },
      },
    ]);
    expect((await one(`SELECT status FROM monitoring.incident WHERE id = $1`, [mixed])).status).toBe("REPORTED");
    expect(ok(await h.gql(CHANGE, { input: { incidentId: residents, status: "CLOSED" } }, staff))).toEqual({
      changeIncidentStatus: { id: residents, status: "CLOSED" },
    });
  });
});
