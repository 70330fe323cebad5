import type { CallAs, GraphQLResponse } from "@kgraph/platform";
import { ROLES } from "@kgraph/policy";
import { INCIDENT_WRITE_FORBIDDEN } from "../src/modules/incident/incident.policy";
import { RESPOND_FORBIDDEN } from "../src/modules/recommendation/recommendation.policy";
import { MONITORING_WRITE_FORBIDDEN } from "../src/modules/visit/visit.policy";
import { type Scenario, claimsOf, publish, recordIncident, respond, seedScenario } from "./authorization-fixture";
import {
  type MonitoringHarness,
  addFinding,
  addRecommendation,
  daysFromNow,
  hoursAgo,
  ok,
  planVisit,
  startMonitoringHarness,
  visitIn,
} from "./harness";

let h: MonitoringHarness;
let s: Scenario;
let publicCaller: CallAs;
beforeAll(async () => {
  h = await startMonitoringHarness();
  s = await seedScenario(h);
  publicCaller = { token: await h.auth.publicToken() };
});
afterAll(async () => {
  await h?.stop();
});

const ids = (res: GraphQLResponse, list: string) =>
  (ok(res)[list].edges as { node: { id: string } }[]).map((e) => e.node.id).sort();
const sorted = (values: string[]) => [...values].sort();
const column = async (sql: string, params: unknown[] = []) =>
  sorted(((await h.db.query(sql, params)) as { id: string }[]).map((row) => row.id));

function expectForbidden(res: GraphQLResponse, path: string, message: string) {
  expect(res.errors).toEqual([
    expect.objectContaining({ message, path: [path], extensions: expect.objectContaining({ code: "FORBIDDEN" }) }),
  ]);
  expect(res.data).toBeNull();
}

describe("visits, findings and recommendations: the public reads published visits only", () => {
  const LIST = `{ visits(first: 100) { edges { node { id } } } }`;

  it("lists exactly the published visits to the public, and every visit to any role", async () => {
    const published = await column(`SELECT id FROM monitoring.visit WHERE status = 'REPORT_PUBLISHED'`);
    expect(published).toEqual(sorted([s.visits.pub, s.visits.pub2]));
    expect(ids(await h.gql(LIST, {}, publicCaller), "visits")).toEqual(published);
    const every = await column(`SELECT id FROM monitoring.visit`);
    expect(every).toHaveLength(4);
    for (const role of ROLES) expect(ids(await h.gql(LIST, {}, claimsOf(role, s)), "visits")).toEqual(every);
    const unpublished = await h.gql(
      `{ visits(first: 100, filter: { status: [PLANNED, IN_PROGRESS, COMPLETED] }) { edges { node { id } } } }`,
      {},
      publicCaller,
    );
    expect(ids(unpublished, "visits")).toEqual([]);
  });

  it("gives the same answer by id and by entity reference", async () => {
    const all = [s.visits.pub, s.visits.pub2, s.visits.hidden, s.visits.planned];
    const expected = [s.visits.pub, s.visits.pub2, null, null];
    for (const [i, id] of all.entries()) {
      const res = await h.gql(`query($id: ID!) { visit(id: $id) { id } }`, { id }, publicCaller);
      expect(ok(res).visit?.id ?? null).toBe(expected[i]);
    }
    const entities = await h.gql(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on MonitoringVisit { id published } } }`,
      { r: all.map((id) => ({ __typename: "MonitoringVisit", id })) },
      publicCaller,
    );
    expect(ok(entities)._entities).toEqual(expected.map((id) => (id ? { id, published: true } : null)));
    const asAuditor = await h.gql(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on MonitoringVisit { id } } }`,
      { r: all.map((id) => ({ __typename: "MonitoringVisit", id })) },
      claimsOf("auditor", s),
    );
    expect(ok(asAuditor)._entities).toEqual(all.map((id) => ({ id })));
  });

  it("shows a facility's published visits and open recommendations from them only", async () => {
    const query = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Facility {
      visits { id findings { id recommendations { id } } } openRecommendations { id } } } }`;
    const r = [{ __typename: "Facility", id: s.F1 }];
    const publicView = ok(await h.gql(query, { r }, publicCaller))._entities[0];
    expect(publicView).toEqual({
      visits: [
        {
          id: s.visits.pub,
          findings: [
            {
              id: s.findings.pub,
              recommendations: [{ id: s.recommendations.pubAnswered }, { id: s.recommendations.pubOpen }],
            },
          ],
        },
      ],
      openRecommendations: [{ id: s.recommendations.pubOpen }],
    });
    const staffView = ok(await h.gql(query, { r }, claimsOf("facility_staff", s)))._entities[0];
    expect(sorted(staffView.visits.map((v: { id: string }) => v.id))).toEqual(sorted([s.visits.pub, s.visits.hidden]));
    expect(sorted(staffView.openRecommendations.map((rec: { id: string }) => rec.id))).toEqual(
      await column(`SELECT id FROM monitoring.recommendation WHERE facility_id = $1 AND status = 'OPEN'`, [s.F1]),
    );
  });

  it("answers a recommendation of an unpublished visit with null for the public", async () => {
    const query = `query($id: ID!) { recommendation(id: $id) { id finding { id visit { id } } } }`;
    const open = await h.gql(query, { id: s.recommendations.pubOpen }, publicCaller);
    expect(ok(open).recommendation).toEqual({
      id: s.recommendations.pubOpen,
      finding: { id: s.findings.pub, visit: { id: s.visits.pub } },
    });
    expect(ok(await h.gql(query, { id: s.recommendations.hidden }, publicCaller)).recommendation).toBeNull();
    expect(ok(await h.gql(query, { id: s.recommendations.hidden }, claimsOf("dhs_liaison", s))).recommendation).toEqual(
      {
        id: s.recommendations.hidden,
        finding: { id: s.findings.hidden, visit: { id: s.visits.hidden } },
      },
    );
  });
});

describe("incidents: every role reads every incident, the public none", () => {
  it("lists, finds and resolves every incident for each role, and nothing for the public", async () => {
    const every = await column(`SELECT id FROM monitoring.incident`);
    expect(every).toEqual(sorted([s.incidents.iF1, s.incidents.iF2]));
    const r = every.map((id) => ({ __typename: "Incident", id }));
    for (const role of ROLES) {
      const as = claimsOf(role, s);
      expect(ids(await h.gql(`{ incidents(first: 100) { edges { node { id } } } }`, {}, as), "incidents")).toEqual(
        every,
      );
      const other = await h.gql(`query($id: ID!) { incident(id: $id) { id } }`, { id: s.incidents.iF2 }, as);
      expect(ok(other).incident).toEqual({ id: s.incidents.iF2 });
      const entities = await h.gql(
        `query($r: [_Any!]!) { _entities(representations: $r) { ... on Incident { id } } }`,
        { r },
        as,
      );
      expect(ok(entities)._entities).toEqual(every.map((id) => ({ id })));
    }
    const entities = await h.gql(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Incident { id } } }`,
      { r },
      publicCaller,
    );
    expect(ok(entities)._entities).toEqual([null, null]);
  });
});

describe("complaints: each role reads exactly its complaints", () => {
  /** `sees: null`: no complaint:read at all (the root queries are FORBIDDEN, references null). */
  type Who = { name: string; as: () => CallAs; sees: () => string[] | null };
  const c = () => s.complaints;
  const WHO: Who[] = [
    { name: "ombudsperson", as: () => claimsOf("ombudsperson", s), sees: () => Object.values(c()) },
    {
      name: "monitor (filed, or their body visited the facility)",
      as: () => claimsOf("monitor", s),
      sees: () => [c().all, c().filed, c().visited],
    },
    {
      name: "monitor without org_id (filed only)",
      as: () => ({ roles: ["monitor"], sub: s.monitorSub }),
      sees: () => [c().filed],
    },
    { name: "legal_counsel (clients)", as: () => claimsOf("legal_counsel", s), sees: () => [c().all, c().client] },
    {
      name: "other counsel (K2's client)",
      as: () => ({ roles: ["legal_counsel"], sub: s.counsel.K2 }),
      sees: () => [c().other],
    },
    { name: "mia_officer (referred to MIA)", as: () => claimsOf("mia_officer", s), sees: () => [c().all, c().mia] },
    {
      name: "mia_officer and legal_counsel (the union)",
      as: () => ({ roles: ["mia_officer", "legal_counsel"], sub: s.counsel.K }),
      sees: () => [c().all, c().client, c().mia],
    },
    {
      name: "monitor and ombudsperson (any unrestricted role: all)",
      as: () => ({ roles: ["monitor", "ombudsperson"], sub: s.monitorSub, org_id: s.bodyA }),
      sees: () => Object.values(c()),
    },
    ...(["dhs_liaison", "facility_staff", "auditor", "training_admin"] as const).map((role) => ({
      name: `${role} (no complaint:read)`,
      as: () => claimsOf(role, s),
      sees: () => null,
    })),
    { name: "public", as: () => publicCaller, sees: () => null },
  ];

  it("has the ground truth the scenario describes", async () => {
    expect(await column(`SELECT id FROM monitoring.complaint`)).toEqual(sorted(Object.values(s.complaints)));
  });

  it.each(WHO)("$name: the list, each id and each entity reference agree", async ({ as, sees }) => {
    const caller = as();
    const readable = sees();
    const visible = sorted(readable ?? []);
    const everyComplaint = Object.values(s.complaints);
    const list = await h.gql(`{ complaints(first: 100) { edges { node { id } } } }`, {}, caller);
    if (readable === null) expectForbidden(list, "complaints", "Query.complaints needs complaint:read.");
    else {
      expect(ids(list, "complaints")).toEqual(visible);
      expect(ids(list, "complaints")).toHaveLength(readable.length);
    }
    for (const id of everyComplaint) {
      const one = await h.gql(`query($id: ID!) { complaint(id: $id) { id } }`, { id }, caller);
      if (readable === null) expect(one.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
      else expect(ok(one).complaint).toEqual(visible.includes(id) ? { id } : null);
    }
    const entities = await h.gql(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Complaint { id } } }`,
      { r: everyComplaint.map((id) => ({ __typename: "Complaint", id })) },
      caller,
    );
    expect(ok(entities)._entities).toEqual(everyComplaint.map((id) => (visible.includes(id) ? { id } : null)));
  });

  it("stores who filed a complaint when signed in, and no one for the public", async () => {
    const rows = await h.db.query(`SELECT id, filed_by FROM monitoring.complaint`);
    const filedBy = Object.fromEntries(
      rows.map((row: { id: string; filed_by: string | null }) => [row.id, row.filed_by]),
    );
    expect(filedBy[s.complaints.filed]).toBe(s.monitorSub);
    for (const key of ["all", "visited", "client", "mia", "other"] as const)
      expect(filedBy[s.complaints[key]]).toBeNull();
  });

  it("keeps an anonymous complaint anonymous: no filer stored, no actor in the audit trail", async () => {
    const monitor = { roles: ["monitor"], sub: "monitor-anonymous-filer" };
    const filed = await h.gql(
      `mutation($input: FileComplaintInput!) { fileComplaint(input: $input) { receiptCode } }`,
      { input: { channel: "WEB", category: "OTHER", text: "Filed without my name, please.", anonymous: true } },
      monitor,
    );
    expect(filed.errors).toBeUndefined();
    const [row] = await h.db.query(`SELECT id, filed_by FROM monitoring.complaint ORDER BY received_at DESC LIMIT 1`);
    expect(row.filed_by).toBeNull();
    const [event] = await h.db.query(
      `SELECT actor_sub, actor_roles, record_ids FROM monitoring.audit_event WHERE kind = 'WRITE' ORDER BY seq DESC LIMIT 1`,
    );
    expect(event).toEqual({ actor_sub: null, actor_roles: [], record_ids: expect.any(Array) });
    const events = await h.db.query(`SELECT count(*)::int AS n FROM monitoring.audit_event WHERE actor_sub = $1`, [
      monitor.sub,
    ]);
    expect(events[0].n).toBe(0);
  });

  it("follows the published counsel view and the body's visits as they change", async () => {
    const list = async (as: CallAs) =>
      ids(await h.gql(`{ complaints(first: 100) { edges { node { id } } } }`, {}, as), "complaints");
    // Counsel of record changes: K hands the client over to K2.
    await h.db.query(`UPDATE cases.counsel_client SET counsel_id = $1 WHERE case_id = $2`, [
      s.counsel.K2,
      s.cases.client,
    ]);
    expect(await list(claimsOf("legal_counsel", s))).toEqual([]);
    expect(await list({ roles: ["legal_counsel"], sub: s.counsel.K2 })).toEqual(
      sorted([s.complaints.all, s.complaints.client, s.complaints.other]),
    );
    await h.db.query(`UPDATE cases.counsel_client SET counsel_id = $1 WHERE case_id = $2`, [
      s.counsel.K,
      s.cases.client,
    ]);
    // Body A plans a visit to F2: its monitors now read the complaints about F2 too.
    await planVisit(h, { bodyId: s.bodyA, facilityId: s.F2 });
    expect(await list(claimsOf("monitor", s))).toEqual(sorted(Object.values(s.complaints)));
  });
});

describe("monitors write only for their own body", () => {
  const monitor = () => claimsOf("monitor", s);
  const status = async (id: string) =>
    (await h.db.query(`SELECT status FROM monitoring.visit WHERE id = $1`, [id]))[0].status as string;
  const count = async (sql: string, params: unknown[]) => (await h.db.query(sql, params))[0].n as number;

  it("refuses to plan a visit for another body, and creates nothing", async () => {
    const before = await count(`SELECT count(*)::int AS n FROM monitoring.visit WHERE body_id = $1`, [s.bodyB]);
    const res = await h.gql(
      `mutation($input: PlanVisitInput!) { planVisit(input: $input) { id } }`,
      {
        input: {
          bodyId: s.bodyB,
          facilityId: s.F3,
          plannedFor: daysFromNow(2),
          announced: true,
          phases: ["FACILITY_TOUR"],
        },
      },
      monitor(),
    );
    expectForbidden(res, "planVisit", MONITORING_WRITE_FORBIDDEN);
    expect(await count(`SELECT count(*)::int AS n FROM monitoring.visit WHERE body_id = $1`, [s.bodyB])).toBe(before);
  });

  it("refuses to move another body's visit on, and leaves it as it was", async () => {
    const inProgress = (await visitIn(h, "IN_PROGRESS", { bodyId: s.bodyB, facilityId: s.F2 })).id;
    const cases = [
      ["startVisit", "StartVisitInput", { visitId: s.visits.planned }, s.visits.planned, "PLANNED"],
      ["completeVisit", "CompleteVisitInput", { visitId: inProgress }, inProgress, "IN_PROGRESS"],
      [
        "publishVisitReport",
        "PublishVisitReportInput",
        { visitId: s.visits.hidden, summary: "A report by someone else." },
        s.visits.hidden,
        "COMPLETED",
      ],
    ] as const;
    for (const [mutation, type, input, visitId, unchanged] of cases) {
      const res = await h.gql(`mutation($input: ${type}!) { ${mutation}(input: $input) { id } }`, { input }, monitor());
      expectForbidden(res, mutation, MONITORING_WRITE_FORBIDDEN);
      expect(await status(visitId)).toBe(unchanged);
    }
  });

  it("refuses findings, recommendations and implementation on another body's visit, and writes nothing", async () => {
    const findings = () =>
      count(`SELECT count(*)::int AS n FROM monitoring.finding WHERE visit_id = $1`, [s.visits.hidden]);
    const recommendations = () =>
      count(`SELECT count(*)::int AS n FROM monitoring.recommendation WHERE finding_id = $1`, [s.findings.hidden]);
    const [findingsBefore, recommendationsBefore] = [await findings(), await recommendations()];
    const finding = await h.gql(
      `mutation($input: AddFindingInput!) { addFinding(input: $input) { id } }`,
      {
        input: {
          visitId: s.visits.hidden,
          severity: "LOW",
          standardRef: "CPT §1",
          description: "Windows do not close.",
        },
      },
      monitor(),
    );
    expectForbidden(finding, "addFinding", MONITORING_WRITE_FORBIDDEN);
    const recommendation = await h.gql(
      `mutation($input: AddRecommendationInput!) { addRecommendation(input: $input) { id } }`,
      {
        input: {
          findingId: s.findings.hidden,
          addressee: "Facility management",
          text: "Repair the windows.",
          dueAt: daysFromNow(9),
        },
      },
      monitor(),
    );
    expectForbidden(recommendation, "addRecommendation", MONITORING_WRITE_FORBIDDEN);
    expect([await findings(), await recommendations()]).toEqual([findingsBefore, recommendationsBefore]);

    const accepted = await addRecommendation(h, s.findings.hidden);
    await respond(h, accepted.id);
    const implemented = await h.gql(
      `mutation($id: ID!) { markRecommendationImplemented(recommendationId: $id) { id } }`,
      { id: accepted.id },
      monitor(),
    );
    expectForbidden(implemented, "markRecommendationImplemented", MONITORING_WRITE_FORBIDDEN);
    const row = (
      await h.db.query(`SELECT status, implemented_at FROM monitoring.recommendation WHERE id = $1`, [accepted.id])
    )[0];
    expect(row).toEqual({ status: "ACCEPTED", implemented_at: null });
  });

  it("refuses a monitor whose token names no body, even for a visit of theirs", async () => {
    const own = (await planVisit(h, { bodyId: s.bodyA, facilityId: s.F3 })).id;
    const res = await h.gql(
      `mutation($input: StartVisitInput!) { startVisit(input: $input) { id } }`,
      { input: { visitId: own } },
      { roles: ["monitor"], sub: s.monitorSub },
    );
    expectForbidden(res, "startVisit", MONITORING_WRITE_FORBIDDEN);
    expect(await status(own)).toBe("PLANNED");
    const allowed = await h.gql(
      `mutation($input: StartVisitInput!) { startVisit(input: $input) { id status } }`,
      { input: { visitId: own } },
      monitor(),
    );
    expect(ok(allowed).startVisit).toEqual({ id: own, status: "IN_PROGRESS" });
  });

  it("lets a monitor who is also the Ombudsperson write for any body", async () => {
    const other = (await planVisit(h, { bodyId: s.bodyB, facilityId: s.F3 })).id;
    const res = await h.gql(
      `mutation($input: StartVisitInput!) { startVisit(input: $input) { id status } }`,
      { input: { visitId: other, startedAt: hoursAgo(1) } },
      { roles: ["monitor", "ombudsperson"], sub: s.monitorSub, org_id: s.bodyA },
    );
    expect(ok(res).startVisit).toEqual({ id: other, status: "IN_PROGRESS" });
  });
});

describe("responses to recommendations: facility staff for their facility, DHS for what is addressed to DHS", () => {
  const RESPOND = `mutation($input: RespondToRecommendationInput!) { respondToRecommendation(input: $input) { id status } }`;
  async function openRecommendation(facilityId: string, addressee: string) {
    const visit = await visitIn(h, "IN_PROGRESS", { bodyId: s.bodyB, facilityId });
    const finding = await addFinding(h, visit.id);
    return (await addRecommendation(h, finding.id, { addressee })).id;
  }
  const stored = async (id: string) =>
    (
      await h.db.query(`SELECT status, responded_at, responded_by FROM monitoring.recommendation WHERE id = $1`, [id])
    )[0];
  const attempt = (id: string, as: CallAs) =>
    h.gql(RESPOND, { input: { recommendationId: id, accepted: true, text: "We accept and will act." } }, as);

  const cases: [string, () => CallAs, string, string, boolean][] = [
    ["facility staff, own facility", () => claimsOf("facility_staff", s), "F1", "Facility management", true],
    ["facility staff, another facility", () => claimsOf("facility_staff", s), "F2", "Facility management", false],
    [
      "facility staff without facility_id",
      () => ({ roles: ["facility_staff"], sub: "staff-without-facility" }),
      "F1",
      "Facility management",
      false,
    ],
    ["DHS liaison, addressed to DHS", () => claimsOf("dhs_liaison", s), "F2", "US DHS / ICE", true],
    [
      "DHS liaison, addressed to Homeland Security",
      () => claimsOf("dhs_liaison", s),
      "F3",
      "U.S. Department of Homeland Security",
      true,
    ],
    [
      "DHS liaison, addressed to the MIA",
      () => claimsOf("dhs_liaison", s),
      "F1",
      "Ministry of Internal Affairs",
      false,
    ],
    [
      "DHS liaison, addressed to DCAM",
      () => claimsOf("dhs_liaison", s),
      "F2",
      "Department for Citizenship, Asylum and Migration",
      false,
    ],
    [
      "staff and DHS liaison at once, own facility",
      () => ({ roles: ["facility_staff", "dhs_liaison"], sub: "both", facility_id: s.F1 }),
      "F1",
      "Facility management",
      true,
    ],
    [
      "staff and DHS liaison at once, DHS elsewhere",
      () => ({ roles: ["facility_staff", "dhs_liaison"], sub: "both", facility_id: s.F1 }),
      "F2",
      "DHS",
      true,
    ],
    [
      "staff and DHS liaison at once, neither",
      () => ({ roles: ["facility_staff", "dhs_liaison"], sub: "both", facility_id: s.F1 }),
      "F2",
      "Facility management",
      false,
    ],
    ["MIA officer, anywhere", () => claimsOf("mia_officer", s), "F3", "Kosovo Police", true],
  ];

  it.each(cases)("%s", async (_name, as, facility, addressee, allowed) => {
    const facilityId = { F1: s.F1, F2: s.F2, F3: s.F3 }[facility as "F1" | "F2" | "F3"];
    const id = await openRecommendation(facilityId, addressee);
    const before = await stored(id);
    const res = await attempt(id, as());
    if (allowed) {
      expect(ok(res).respondToRecommendation).toEqual({ id, status: "ACCEPTED" });
      expect((await stored(id)).responded_by).toBe((as() as { sub: string }).sub);
    } else {
      expectForbidden(res, "respondToRecommendation", RESPOND_FORBIDDEN);
      expect(await stored(id)).toEqual(before);
    }
  });
});

describe("incidents: facility staff record and follow up only at their facility", () => {
  const staff = () => claimsOf("facility_staff", s);

  it("refuses to record an incident at another facility, and records nothing", async () => {
    const count = async () =>
      (await h.db.query(`SELECT count(*)::int AS n FROM monitoring.incident WHERE facility_id = $1`, [s.F2]))[0].n;
    const before = await count();
    const res = await h.gql(
      `mutation($input: RecordIncidentInput!) { recordIncident(input: $input) { id } }`,
      {
        input: {
          type: "OTHER",
          at: hoursAgo(1),
          facilityId: s.F2,
          caseIds: [],
          narrative: "Fire alarm in block C, evacuated.",
        },
      },
      staff(),
    );
    expectForbidden(res, "recordIncident", INCIDENT_WRITE_FORBIDDEN);
    expect(await count()).toBe(before);
  });

  it("refuses to move another facility's incident on, and leaves it as it was", async () => {
    const id = await recordIncident(h, s.F2);
    const change = (as: CallAs) =>
      h.gql(
        `mutation($input: ChangeIncidentStatusInput!) { changeIncidentStatus(input: $input) { id status } }`,
        { input: { incidentId: id, status: "CLOSED" } },
        as,
      );
    expectForbidden(await change(staff()), "changeIncidentStatus", INCIDENT_WRITE_FORBIDDEN);
    expectForbidden(
      await change({ roles: ["facility_staff"], sub: "staff-without-facility" }),
      "changeIncidentStatus",
      INCIDENT_WRITE_FORBIDDEN,
    );
    expect((await h.db.query(`SELECT status FROM monitoring.incident WHERE id = $1`, [id]))[0].status).toBe("REPORTED");
    expect(ok(await change(claimsOf("ombudsperson", s))).changeIncidentStatus).toEqual({ id, status: "CLOSED" });
  });
});

it("publishes a visit's findings to the public only once its report is out", async () => {
  const visit = (await visitIn(h, "COMPLETED", { bodyId: s.bodyA, facilityId: s.F3 })).id;
  const finding = (await addFinding(h, visit)).id;
  const read = () =>
    h
      .gql(`query($id: ID!) { visit(id: $id) { id findings { id } } }`, { id: visit }, publicCaller)
      .then((res) => ok(res).visit);
  expect(await read()).toBeNull();
  await publish(h, visit);
  expect(await read()).toEqual({ id: visit, findings: [{ id: finding }] });
});
