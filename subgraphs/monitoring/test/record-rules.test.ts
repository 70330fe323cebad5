import { randomUUID } from "node:crypto";
import type { CallAs, GraphQLResponse } from "@kgraph/platform";
import type { Role } from "@kgraph/policy";
import { type RuleRow, describeRecordRuleRows } from "@kgraph/testkit";
import { ComplaintRecords } from "../src/modules/complaint/complaint.records";
import { FindingRecords } from "../src/modules/finding/finding.records";
import { INCIDENT_WRITE_FORBIDDEN } from "../src/modules/incident/incident.policy";
import { IncidentRecords } from "../src/modules/incident/incident.records";
import { RESPOND_FORBIDDEN } from "../src/modules/recommendation/recommendation.policy";
import { RecommendationRecords } from "../src/modules/recommendation/recommendation.records";
import { MONITORING_WRITE_FORBIDDEN } from "../src/modules/visit/visit.policy";
import { VisitRecords } from "../src/modules/visit/visit.records";
import {
  type Caller,
  type Scenario,
  addResidents,
  claimsOf,
  readable,
  readsComplaint,
  readsFinding,
  readsIncident,
  readsRecommendation,
  readsVisit,
  recordIncident,
  respond,
  seedScenario,
  startVisit,
} from "./authorization-fixture";
import {
  type MonitoringHarness,
  UNKNOWN_ID,
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
 * THE RECORD-RULE ROWS of the monitoring subgraph (the shared kit, @kgraph/testkit): for every
 * role the policy narrows on a kind of record, which records of the scenario it reaches through
 * every door there is (lists, lookups by id, `_entities`, the facility it extends, the records
 * they hang from) and which it does not; and, for writers, which records they may change. The
 * expected records are the scenario's transcribed readers (authorization-fixture.ts).
 */

jest.setTimeout(120_000);

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

const sorted = (values: Iterable<string>) => [...new Set(values)].sort();
type Node = { id: string; facility?: { id: string } | null };
/** Reads of the scenario only: records other tests in this file write live at other facilities. */
const inScenario = (node: Node) => [s.F1, s.F2, s.F3].includes(node.facility?.id ?? "");
const edges = <T>(res: GraphQLResponse, list: string) =>
  (ok(res)[list].edges as { node: T }[]).map((edge) => edge.node);
const refs = (typename: string, ids: string[]) => ids.map((id) => ({ __typename: typename, id }));
const nonNull = (values: ({ id: string } | null)[]) => values.filter((v): v is { id: string } => v !== null);

/** The same ids through every door. */
const everyDoor = (doors: string[], ids: string[]) => Object.fromEntries(doors.map((door) => [door, sorted(ids)]));

// --- Visits -------------------------------------------------------------------------------------

const VISIT_DOORS = ["visits", "visit(id)", "_entities", "Facility.visits"];
async function visitsReached(as: CallAs): Promise<Record<string, string[]>> {
  const all = Object.values(s.visits);
  const list = edges<Node>(
    await h.gql(`{ visits(first: 100) { edges { node { id facility { id } } } } }`, {}, as),
    "visits",
  );
  const byId: string[] = [];
  for (const id of all) {
    const one = ok(await h.gql(`query($id: ID!) { visit(id: $id) { id plannedFor } }`, { id }, as)).visit;
    if (one) byId.push(one.id);
  }
  const entities = ok(
    await h.gql(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on MonitoringVisit { id plannedFor } } }`,
      { r: refs("MonitoringVisit", all) },
      as,
    ),
  )._entities;
  const facilities = ok(
    await h.gql(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Facility { visits { id plannedFor } } } }`,
      { r: refs("Facility", [s.F1, s.F2, s.F3]) },
      as,
    ),
  )._entities as { visits: Node[] }[];
  return {
    visits: sorted(list.filter(inScenario).map((v) => v.id)),
    "visit(id)": sorted(byId),
    _entities: sorted(nonNull(entities).map((v) => v.id)),
    "Facility.visits": sorted(facilities.flatMap((f) => f.visits.map((v) => v.id))),
  };
}
const expectVisits = async (as: CallAs, caller: Caller) =>
  expect(await visitsReached(as)).toEqual(everyDoor(VISIT_DOORS, readable(s.visits, readsVisit, caller)));

// --- Findings (reached only through their visit or a recommendation) ------------------------------

const FINDING_DOORS = [
  "visits { findings }",
  "visit(id) { findings }",
  "_entities { findings }",
  "recommendation(id) { finding }",
];
async function findingsReached(as: CallAs): Promise<Record<string, string[]>> {
  const FINDINGS = `findings { id severity }`;
  const list = edges<Node & { findings: { id: string; severity: string }[] }>(
    await h.gql(`{ visits(first: 100) { edges { node { id facility { id } ${FINDINGS} } } } }`, {}, as),
    "visits",
  );
  const byVisitId: string[] = [];
  for (const id of Object.values(s.visits)) {
    const one = ok(await h.gql(`query($id: ID!) { visit(id: $id) { ${FINDINGS} } }`, { id }, as)).visit;
    if (one) byVisitId.push(...one.findings.map((f: { id: string }) => f.id));
  }
  const entities = ok(
    await h.gql(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on MonitoringVisit { ${FINDINGS} } } }`,
      { r: refs("MonitoringVisit", Object.values(s.visits)) },
      as,
    ),
  )._entities as ({ findings: { id: string }[] } | null)[];
  const viaRecommendation: string[] = [];
  for (const id of Object.values(s.recommendations)) {
    const one = ok(
      await h.gql(`query($id: ID!) { recommendation(id: $id) { finding { id severity } } }`, { id }, as),
    ).recommendation;
    if (one) viaRecommendation.push(one.finding.id);
  }
  const nodes = list.filter(inScenario);
  // A finding reached is a finding read: its fields answer too.
  for (const node of nodes) for (const finding of node.findings) expect(finding.severity).toEqual(expect.any(String));
  return {
    "visits { findings }": sorted(nodes.flatMap((v) => v.findings.map((f) => f.id))),
    "visit(id) { findings }": sorted(byVisitId),
    "_entities { findings }": sorted(entities.flatMap((v) => (v ? v.findings.map((f) => f.id) : []))),
    "recommendation(id) { finding }": sorted(viaRecommendation),
  };
}
const expectFindings = async (as: CallAs, caller: Caller) =>
  expect(await findingsReached(as)).toEqual(everyDoor(FINDING_DOORS, readable(s.findings, readsFinding, caller)));

// --- Recommendations ----------------------------------------------------------------------------

/** The scenario's OPEN recommendations (the others were answered). */
const OPEN = ["pubOpen", "hidden", "awayOpen", "surprise"] as const;
async function recommendationsReached(as: CallAs): Promise<Record<string, string[]>> {
  const byId: string[] = [];
  for (const id of Object.values(s.recommendations)) {
    const one = ok(await h.gql(`query($id: ID!) { recommendation(id: $id) { id text } }`, { id }, as)).recommendation;
    if (one) byId.push(one.id);
  }
  const list = edges<Node & { findings: { recommendations: { id: string }[] }[] }>(
    await h.gql(
      `{ visits(first: 100) { edges { node { id facility { id } findings { recommendations { id text } } } } } }`,
      {},
      as,
    ),
    "visits",
  );
  const facilities = ok(
    await h.gql(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Facility { openRecommendations { id text } } } }`,
      { r: refs("Facility", [s.F1, s.F2, s.F3]) },
      as,
    ),
  )._entities as { openRecommendations: { id: string }[] }[];
  return {
    "recommendation(id)": sorted(byId),
    "visits { findings { recommendations } }": sorted(
      list.filter(inScenario).flatMap((v) => v.findings.flatMap((f) => f.recommendations.map((r) => r.id))),
    ),
    "Facility.openRecommendations": sorted(facilities.flatMap((f) => f.openRecommendations.map((r) => r.id))),
  };
}
const expectRecommendations = async (as: CallAs, caller: Caller) => {
  const reads = readable(s.recommendations, readsRecommendation, caller);
  const open = OPEN.map((key) => s.recommendations[key]).filter((id) => reads.includes(id));
  expect(await recommendationsReached(as)).toEqual({
    "recommendation(id)": reads,
    "visits { findings { recommendations } }": reads,
    "Facility.openRecommendations": sorted(open),
  });
};

// --- Incidents ----------------------------------------------------------------------------------

const INCIDENT_DOORS = ["incidents", "incident(id)", "_entities"];
async function incidentsReached(as: CallAs): Promise<Record<string, string[]>> {
  const all = Object.values(s.incidents);
  const list = edges<Node>(
    await h.gql(`{ incidents(first: 100) { edges { node { id facility { id } } } } }`, {}, as),
    "incidents",
  );
  const byId: string[] = [];
  for (const id of all) {
    const one = ok(await h.gql(`query($id: ID!) { incident(id: $id) { id subjectRefs } }`, { id }, as)).incident;
    if (one) byId.push(one.id);
  }
  const entities = ok(
    await h.gql(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Incident { id narrative } } }`,
      { r: refs("Incident", all) },
      as,
    ),
  )._entities;
  return {
    incidents: sorted(list.filter(inScenario).map((i) => i.id)),
    "incident(id)": sorted(byId),
    _entities: sorted(nonNull(entities).map((i) => i.id)),
  };
}
const expectIncidents = async (as: CallAs, caller: Caller) =>
  expect(await incidentsReached(as)).toEqual(everyDoor(INCIDENT_DOORS, readable(s.incidents, readsIncident, caller)));

// --- Complaints ---------------------------------------------------------------------------------

const COMPLAINT_DOORS = ["complaints", "complaint(id)", "_entities"];
async function complaintsReached(as: CallAs): Promise<Record<string, string[]>> {
  const all = Object.values(s.complaints);
  const list = edges<Node>(
    await h.gql(`{ complaints(first: 100) { edges { node { id facility { id } } } } }`, {}, as),
    "complaints",
  );
  const byId: string[] = [];
  for (const id of all) {
    const one = ok(await h.gql(`query($id: ID!) { complaint(id: $id) { id text } }`, { id }, as)).complaint;
    if (one) byId.push(one.id);
  }
  const entities = ok(
    await h.gql(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Complaint { id text } } }`,
      { r: refs("Complaint", all) },
      as,
    ),
  )._entities;
  return {
    complaints: sorted(list.filter(inScenario).map((c) => c.id)),
    "complaint(id)": sorted(byId),
    _entities: sorted(nonNull(entities).map((c) => c.id)),
  };
}
const expectComplaints = (as: CallAs, expected: string[]) =>
  complaintsReached(as).then((got) => expect(got).toEqual(everyDoor(COMPLAINT_DOORS, expected)));

// --- Writes -------------------------------------------------------------------------------------

/** A restricted writer's refusal: one FORBIDDEN at the mutation, with the rule's message, and no data. */
function expectRefused(res: GraphQLResponse, mutation: string, message: string) {
  expect(res.status).toBe(200);
  expect(res.errors).toEqual([
    { message, locations: expect.any(Array), path: [mutation], extensions: { code: "FORBIDDEN" } },
  ]);
  expect(res.data).toBeNull();
}
/** Two refusals that tell the caller nothing apart (an unknown id, a record outside the rule). */
function expectSameRefusal(unknown: GraphQLResponse, outside: GraphQLResponse, mutation: string, message: string) {
  expectRefused(unknown, mutation, message);
  expectRefused(outside, mutation, message);
  expect(unknown.errors).toEqual(outside.errors);
}
const one = async (sql: string, params: unknown[]) => (await h.db.query(sql, params))[0] as Record<string, unknown>;
const count = async (sql: string, params: unknown[]) => (await one(sql, params)).n as number;

const START = `mutation($input: StartVisitInput!) { startVisit(input: $input) { id status } }`;
const COMPLETE = `mutation($input: CompleteVisitInput!) { completeVisit(input: $input) { id status } }`;
const PUBLISH = `mutation($input: PublishVisitReportInput!) { publishVisitReport(input: $input) { id status } }`;
const PLAN = `mutation($input: PlanVisitInput!) { planVisit(input: $input) { id status body { id } } }`;
const ADD_FINDING = `mutation($input: AddFindingInput!) { addFinding(input: $input) { id visit { id } } }`;
const ADD_RECOMMENDATION = `mutation($input: AddRecommendationInput!) { addRecommendation(input: $input) { id status } }`;
const IMPLEMENTED = `mutation($id: ID!) { markRecommendationImplemented(recommendationId: $id) { id status } }`;
const RESPOND = `mutation($input: RespondToRecommendationInput!) { respondToRecommendation(input: $input) { id status } }`;
const RECORD = `mutation($input: RecordIncidentInput!) { recordIncident(input: $input) { id facility { id } subjectRefs } }`;
const CHANGE = `mutation($input: ChangeIncidentStatusInput!) { changeIncidentStatus(input: $input) { id status } }`;

const planInput = (bodyId: string, facilityId: string) => ({
  bodyId,
  facilityId,
  plannedFor: daysFromNow(2),
  announced: false,
  phases: ["FACILITY_TOUR"],
});
const findingInput = (visitId: string) => ({
  visitId,
  severity: "LOW",
  standardRef: "CPT §1",
  description: "Windows do not close.",
});
const recommendationInput = (findingId: string) => ({
  findingId,
  addressee: "Facility management",
  text: "Repair the windows.",
  dueAt: daysFromNow(9),
});
const incidentInput = (facilityId: string, caseIds: string[]) => ({
  type: "ASSAULT",
  at: hoursAgo(1),
  facilityId,
  caseIds,
  narrative: "A fight in the dining hall; two residents bruised.",
});

/** A monitor of a body of their own, and another body's visits to write on (fresh records). */
async function monitorOfNewBody() {
  const body = (await createBody(h.db)).id;
  const other = (await createBody(h.db)).id;
  return { body, other, as: { roles: ["monitor"], sub: randomUUID(), org_id: body } as CallAs };
}
/** A staff member of a facility of their own, with one resident (fresh records). */
async function staffOfNewFacility() {
  const facility = randomUUID();
  const resident = randomUUID();
  await addResidents(h, facility, [resident]);
  return { facility, resident, as: { roles: ["facility_staff"], sub: randomUUID(), facility_id: facility } as CallAs };
}
async function openRecommendation(facilityId: string, addressee: string) {
  const visit = await visitIn(h, "IN_PROGRESS", { facilityId });
  const finding = await addFinding(h, visit.id);
  return (await addRecommendation(h, finding.id, { addressee })).id;
}

// --- The rows -----------------------------------------------------------------------------------

const DISCLOSED_ONLY: Role[] = ["mia_officer", "dhs_liaison", "legal_counsel", "auditor", "training_admin"];
const readShows: Record<string, string> = {
  facility_staff:
    "reaches its own facility's records once disclosed and the published reports, never another facility's nor an unannounced visit before it starts",
  monitor:
    "reaches disclosed records, its own body's unannounced visits before they start, and the published reports; never another body's unannounced visit before it starts",
  ...Object.fromEntries(
    DISCLOSED_ONLY.map((role) => [
      role,
      "reaches disclosed records (announced or started visits) and the published reports, never an unannounced visit before it starts",
    ]),
  ),
};
const NARROWED_ON_MONITORING: Role[] = [...DISCLOSED_ONLY, "facility_staff", "monitor"];

const readRows: RuleRow[] = NARROWED_ON_MONITORING.flatMap((role): RuleRow[] => [
  {
    role,
    kind: VisitRecords.name,
    shows: `${readShows[role]}: through visits, visit(id), _entities and Facility.visits`,
    run: () => expectVisits(claimsOf(role, s), role),
  },
  {
    role,
    kind: FindingRecords.name,
    shows: `${readShows[role]}: findings through their visit by every door and through their recommendations`,
    run: () => expectFindings(claimsOf(role, s), role),
  },
  {
    role,
    kind: RecommendationRecords.name,
    shows: `${readShows[role]}: recommendations by id, through their findings and as a facility's open ones`,
    run: () => expectRecommendations(claimsOf(role, s), role),
  },
  {
    role,
    kind: IncidentRecords.name,
    shows:
      role === "facility_staff"
        ? "reaches only its own facility's incidents, through incidents, incident(id) and _entities"
        : "reaches every incident (incidents never announce a visit), through incidents, incident(id) and _entities",
    run: () => expectIncidents(claimsOf(role, s), role),
  },
]);

const complaintRows: RuleRow[] = [
  {
    role: "mia_officer",
    kind: ComplaintRecords.name,
    shows: "reaches the complaints referred to the MIA, by name or as 'MIA', nothing else, by every door",
    run: () => expectComplaints(claimsOf("mia_officer", s), readable(s.complaints, readsComplaint, "mia_officer")),
  },
  {
    role: "legal_counsel",
    kind: ComplaintRecords.name,
    shows: "reaches the complaints about its clients' cases, not another counsel's, by every door",
    run: () => expectComplaints(claimsOf("legal_counsel", s), readable(s.complaints, readsComplaint, "legal_counsel")),
  },
  {
    role: "monitor",
    kind: ComplaintRecords.name,
    shows:
      "reaches complaints it filed and complaints about a facility its body has started a visit to, not where its body has only planned one, by every door",
    run: () => expectComplaints(claimsOf("monitor", s), readable(s.complaints, readsComplaint, "monitor")),
  },
];

const writeRows: RuleRow[] = [
  {
    role: "monitor",
    kind: VisitRecords.name,
    shows:
      "plans, starts, completes and publishes only its own body's visits; another body (even an unknown one) and an unknown visit are refused alike, and nothing changes",
    async run() {
      const m = await monitorOfNewBody();
      const facility = randomUUID();
      const visitsOf = (body: string) =>
        count(`SELECT count(*)::int AS n FROM monitoring.visit WHERE body_id = $1`, [body]);

      // Another body, existing or not: refused before the body is looked up.
      const existing = await h.gql(PLAN, { input: planInput(m.other, facility) }, m.as);
      const unknown = await h.gql(PLAN, { input: planInput(UNKNOWN_ID, facility) }, m.as);
      expectSameRefusal(unknown, existing, "planVisit", MONITORING_WRITE_FORBIDDEN);
      expect(await visitsOf(m.other)).toBe(0);
      const own = ok(await h.gql(PLAN, { input: planInput(m.body, facility) }, m.as)).planVisit;
      expect(own).toEqual({ id: expect.any(String), status: "PLANNED", body: { id: m.body } });

      const planned = (await planVisit(h, { bodyId: m.other, facilityId: facility })).id;
      const inProgress = (await visitIn(h, "IN_PROGRESS", { bodyId: m.other, facilityId: facility })).id;
      const completed = (await visitIn(h, "COMPLETED", { bodyId: m.other, facilityId: facility })).id;
      const moves = [
        ["startVisit", START, { visitId: planned }, { visitId: UNKNOWN_ID }, planned, "PLANNED"],
        ["completeVisit", COMPLETE, { visitId: inProgress }, { visitId: UNKNOWN_ID }, inProgress, "IN_PROGRESS"],
        [
          "publishVisitReport",
          PUBLISH,
          { visitId: completed, summary: "A report by someone else." },
          { visitId: UNKNOWN_ID, summary: "A report by someone else." },
          completed,
          "COMPLETED",
        ],
      ] as const;
      for (const [mutation, document, outside, missing, visitId, unchanged] of moves) {
        const refused = await h.gql(document, { input: outside }, m.as);
        const notThere = await h.gql(document, { input: missing }, m.as);
        expectSameRefusal(notThere, refused, mutation, MONITORING_WRITE_FORBIDDEN);
        expect((await one(`SELECT status FROM monitoring.visit WHERE id = $1`, [visitId])).status).toBe(unchanged);
      }
      expect(ok(await h.gql(START, { input: { visitId: own.id } }, m.as)).startVisit).toEqual({
        id: own.id,
        status: "IN_PROGRESS",
      });
    },
  },
  {
    role: "monitor",
    kind: FindingRecords.name,
    shows: "adds findings only to its own body's visits; another body's visit and an unknown one are refused alike",
    async run() {
      const m = await monitorOfNewBody();
      const facility = randomUUID();
      const others = (await visitIn(h, "IN_PROGRESS", { bodyId: m.other, facilityId: facility })).id;
      const own = (await visitIn(h, "IN_PROGRESS", { bodyId: m.body, facilityId: facility })).id;
      const findingsOf = (visit: string) =>
        count(`SELECT count(*)::int AS n FROM monitoring.finding WHERE visit_id = $1`, [visit]);
      expectSameRefusal(
        await h.gql(ADD_FINDING, { input: findingInput(UNKNOWN_ID) }, m.as),
        await h.gql(ADD_FINDING, { input: findingInput(others) }, m.as),
        "addFinding",
        MONITORING_WRITE_FORBIDDEN,
      );
      expect(await findingsOf(others)).toBe(0);
      expect(ok(await h.gql(ADD_FINDING, { input: findingInput(own) }, m.as)).addFinding).toEqual({
        id: expect.any(String),
        visit: { id: own },
      });
    },
  },
  {
    role: "monitor",
    kind: RecommendationRecords.name,
    shows:
      "adds recommendations to and marks implemented only its own body's; another body's finding or recommendation and an unknown id are refused alike",
    async run() {
      const m = await monitorOfNewBody();
      const facility = randomUUID();
      const othersFinding = (
        await addFinding(h, (await visitIn(h, "IN_PROGRESS", { bodyId: m.other, facilityId: facility })).id)
      ).id;
      const ownFinding = (
        await addFinding(h, (await visitIn(h, "IN_PROGRESS", { bodyId: m.body, facilityId: facility })).id)
      ).id;
      const recommendationsOf = (finding: string) =>
        count(`SELECT count(*)::int AS n FROM monitoring.recommendation WHERE finding_id = $1`, [finding]);
      expectSameRefusal(
        await h.gql(ADD_RECOMMENDATION, { input: recommendationInput(UNKNOWN_ID) }, m.as),
        await h.gql(ADD_RECOMMENDATION, { input: recommendationInput(othersFinding) }, m.as),
        "addRecommendation",
        MONITORING_WRITE_FORBIDDEN,
      );
      expect(await recommendationsOf(othersFinding)).toBe(0);

      const othersAccepted = (await addRecommendation(h, othersFinding)).id;
      await respond(h, othersAccepted);
      expectSameRefusal(
        await h.gql(IMPLEMENTED, { id: UNKNOWN_ID }, m.as),
        await h.gql(IMPLEMENTED, { id: othersAccepted }, m.as),
        "markRecommendationImplemented",
        MONITORING_WRITE_FORBIDDEN,
      );
      expect(
        await one(`SELECT status, implemented_at FROM monitoring.recommendation WHERE id = $1`, [othersAccepted]),
      ).toEqual({ status: "ACCEPTED", implemented_at: null });

      const own = ok(
        await h.gql(ADD_RECOMMENDATION, { input: recommendationInput(ownFinding) }, m.as),
      ).addRecommendation;
      expect(own).toEqual({ id: expect.any(String), status: "OPEN" });
      await respond(h, own.id);
      expect(ok(await h.gql(IMPLEMENTED, { id: own.id }, m.as)).markRecommendationImplemented).toEqual({
        id: own.id,
        status: "IMPLEMENTED",
      });
    },
  },
  {
    role: "facility_staff",
    kind: RecommendationRecords.name,
    shows:
      "responds only to its own facility's recommendations; another facility's and an unknown id are refused alike",
    async run() {
      const staff = await staffOfNewFacility();
      const elsewhere = await openRecommendation(randomUUID(), "Facility management");
      const own = await openRecommendation(staff.facility, "Facility management");
      const input = (recommendationId: string) => ({ recommendationId, accepted: true, text: "We will act." });
      expectSameRefusal(
        await h.gql(RESPOND, { input: input(UNKNOWN_ID) }, staff.as),
        await h.gql(RESPOND, { input: input(elsewhere) }, staff.as),
        "respondToRecommendation",
        RESPOND_FORBIDDEN,
      );
      expect(
        await one(`SELECT status, responded_at FROM monitoring.recommendation WHERE id = $1`, [elsewhere]),
      ).toEqual({
        status: "OPEN",
        responded_at: null,
      });
      expect(ok(await h.gql(RESPOND, { input: input(own) }, staff.as)).respondToRecommendation).toEqual({
        id: own,
        status: "ACCEPTED",
      });
    },
  },
  {
    role: "dhs_liaison",
    kind: RecommendationRecords.name,
    shows: "responds only to recommendations addressed to DHS; any other and an unknown id are refused alike",
    async run() {
      const toMia = await openRecommendation(randomUUID(), "Ministry of Internal Affairs");
      const toDhs = await openRecommendation(randomUUID(), "U.S. Department of Homeland Security");
      const input = (recommendationId: string) => ({ recommendationId, accepted: false, text: "Not ours to do." });
      const dhs = claimsOf("dhs_liaison", s);
      expectSameRefusal(
        await h.gql(RESPOND, { input: input(UNKNOWN_ID) }, dhs),
        await h.gql(RESPOND, { input: input(toMia) }, dhs),
        "respondToRecommendation",
        RESPOND_FORBIDDEN,
      );
      expect((await one(`SELECT status FROM monitoring.recommendation WHERE id = $1`, [toMia])).status).toBe("OPEN");
      expect(ok(await h.gql(RESPOND, { input: input(toDhs) }, dhs)).respondToRecommendation).toEqual({
        id: toDhs,
        status: "REJECTED",
      });
    },
  },
  {
    role: "facility_staff",
    kind: IncidentRecords.name,
    shows:
      "records and moves on incidents only at its own facility about its residents; another facility, a non-resident and an unknown incident are refused alike, and nothing is written",
    async run() {
      const staff = await staffOfNewFacility();
      const elsewhere = randomUUID();
      const incidentsAt = (facility: string) =>
        count(`SELECT count(*)::int AS n FROM monitoring.incident WHERE facility_id = $1`, [facility]);
      expectSameRefusal(
        await h.gql(RECORD, { input: incidentInput(elsewhere, [staff.resident]) }, staff.as),
        await h.gql(RECORD, { input: incidentInput(staff.facility, [randomUUID()]) }, staff.as),
        "recordIncident",
        INCIDENT_WRITE_FORBIDDEN,
      );
      expect([await incidentsAt(elsewhere), await incidentsAt(staff.facility)]).toEqual([0, 0]);
      const recorded = ok(
        await h.gql(RECORD, { input: incidentInput(staff.facility, [staff.resident]) }, staff.as),
      ).recordIncident;
      expect(recorded.facility).toEqual({ id: staff.facility });

      const othersIncident = await recordIncident(h, elsewhere, [randomUUID()]);
      expectSameRefusal(
        await h.gql(CHANGE, { input: { incidentId: UNKNOWN_ID, status: "CLOSED" } }, staff.as),
        await h.gql(CHANGE, { input: { incidentId: othersIncident, status: "CLOSED" } }, staff.as),
        "changeIncidentStatus",
        INCIDENT_WRITE_FORBIDDEN,
      );
      expect((await one(`SELECT status FROM monitoring.incident WHERE id = $1`, [othersIncident])).status).toBe(
        "REPORTED",
      );
      expect(
        ok(await h.gql(CHANGE, { input: { incidentId: recorded.id, status: "UNDER_INVESTIGATION" } }, staff.as))
          .changeIncidentStatus,
      ).toEqual({ id: recorded.id, status: "UNDER_INVESTIGATION" });
    },
  },
];

describeRecordRuleRows(
  "record rules: what each narrowed role reaches, kind by kind",
  [VisitRecords, FindingRecords, RecommendationRecords, IncidentRecords, ComplaintRecords],
  [...readRows, ...complaintRows, ...writeRows],
);

// --- Beyond the rows: the public, several roles at once, tokens without their claims ------------

describe("the public", () => {
  it("reaches the published reports and nothing else, by every door", async () => {
    await expectVisits(publicCaller, "public");
    await expectFindings(publicCaller, "public");
    await expectRecommendations(publicCaller, "public");
  });

  it("reaches no incident and no complaint through an entity reference", async () => {
    const entities = await h.gql(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Incident { id } ... on Complaint { id } } }`,
      { r: [...refs("Incident", Object.values(s.incidents)), ...refs("Complaint", Object.values(s.complaints))] },
      publicCaller,
    );
    expect(ok(entities)._entities).toEqual(
      [...Object.values(s.incidents), ...Object.values(s.complaints)].map(() => null),
    );
  });
});

describe("the Ombudsperson reaches every record of every kind", () => {
  it("by every door", async () => {
    const ombudsperson = claimsOf("ombudsperson", s);
    await expectVisits(ombudsperson, "ombudsperson");
    await expectFindings(ombudsperson, "ombudsperson");
    await expectRecommendations(ombudsperson, "ombudsperson");
    await expectIncidents(ombudsperson, "ombudsperson");
    await expectComplaints(ombudsperson, Object.values(s.complaints));
  });
});

describe("several roles, and tokens without the claims their rules need", () => {
  const c = () => s.complaints;
  it.each([
    [
      "a monitor without org_id: only the complaints it filed",
      () => ({ roles: ["monitor"], sub: s.monitorSub }),
      () => [c().filed],
    ],
    ["another counsel: its own client's", () => ({ roles: ["legal_counsel"], sub: s.counsel.K2 }), () => [c().other]],
    ["counsel whose sub is not a uuid: none", () => ({ roles: ["legal_counsel"], sub: "counsel-k" }), () => []],
    [
      "an MIA officer who is also counsel: the union",
      () => ({ roles: ["mia_officer", "legal_counsel"], sub: s.counsel.K }),
      () => [c().all, c().client, c().mia],
    ],
    [
      "a monitor who is also the Ombudsperson: all",
      () => ({ roles: ["monitor", "ombudsperson"], sub: s.monitorSub, org_id: s.bodyA }),
      () => Object.values(c()),
    ],
  ] as [string, () => CallAs, () => string[]][])("complaints: %s", async (_name, as, expected) => {
    await expectComplaints(as(), expected());
  });

  it("a monitor without org_id reaches no unannounced visit before it starts", async () => {
    await expectVisits({ roles: ["monitor"], sub: s.monitorSub }, "mia_officer");
  });

  it("facility staff without facility_id reach the published reports only, and no incident", async () => {
    const as = { roles: ["facility_staff"], sub: randomUUID() };
    await expectVisits(as, "public");
    await expectRecommendations(as, "public");
    expect(await incidentsReached(as)).toEqual(everyDoor(INCIDENT_DOORS, []));
  });

  it("facility staff who are also monitors: their facility's disclosed visits, their body's and the disclosed ones", async () => {
    // monitoring:read of both roles: disclosed OR own body, and own facility AND disclosed (contained).
    await expectVisits(
      { roles: ["facility_staff", "monitor"], sub: randomUUID(), facility_id: s.F1, org_id: s.bodyA },
      "monitor",
    );
  });
});

// --- Complaints: who filed, and rules that follow other subgraphs' views -----------------------

describe("complaints follow their filer and the published views", () => {
  it("stores who filed a complaint when signed in, and no one for the public", async () => {
    const rows = await h.db.query(`SELECT id, filed_by FROM monitoring.complaint WHERE id = ANY($1)`, [
      Object.values(s.complaints),
    ]);
    const filedBy = Object.fromEntries(
      rows.map((row: { id: string; filed_by: string | null }) => [row.id, row.filed_by]),
    );
    expect(filedBy).toEqual({
      [s.complaints.all]: null,
      [s.complaints.filed]: s.monitorSub,
      [s.complaints.visited]: null,
      [s.complaints.client]: null,
      [s.complaints.mia]: null,
      [s.complaints.other]: null,
    });
  });

  it("keeps an anonymous complaint anonymous: no filer stored, no actor in the audit trail", async () => {
    const monitor = { roles: ["monitor"], sub: "monitor-anonymous-filer" };
    const text = `Filed without my name, please (${randomUUID()}).`;
    const filed = await h.gql(
      `mutation($input: FileComplaintInput!) { fileComplaint(input: $input) { status } }`,
      { input: { channel: "WEB", category: "OTHER", text, anonymous: true } },
      monitor,
    );
    expect(ok(filed).fileComplaint).toEqual({ status: "RECEIVED" });
    const row = await one(`SELECT id, filed_by FROM monitoring.complaint WHERE text = $1`, [text]);
    expect(row.filed_by).toBeNull();
    const event = await one(
      `SELECT actor_sub, actor_roles FROM monitoring.audit_event WHERE kind = 'WRITE' AND $1 = ANY(record_ids)`,
      [row.id],
    );
    expect(event).toEqual({ actor_sub: null, actor_roles: [] });
    expect(
      await count(`SELECT count(*)::int AS n FROM monitoring.audit_event WHERE actor_sub = $1`, [monitor.sub]),
    ).toBe(0);
    // Nor does the filer's own rule bring it back to them.
    const mine = await h.gql(`query($id: ID!) { complaint(id: $id) { id } }`, { id: row.id }, monitor);
    expect(ok(mine).complaint).toBeNull();
  });

  it("follows counsel of record as it changes in the cases subgraph's view", async () => {
    await h.db.query(`UPDATE cases.counsel_client SET counsel_id = $1 WHERE case_id = $2`, [
      s.counsel.K2,
      s.cases.client,
    ]);
    try {
      await expectComplaints(claimsOf("legal_counsel", s), []);
      await expectComplaints({ roles: ["legal_counsel"], sub: s.counsel.K2 }, [
        s.complaints.all,
        s.complaints.client,
        s.complaints.other,
      ]);
    } finally {
      await h.db.query(`UPDATE cases.counsel_client SET counsel_id = $1 WHERE case_id = $2`, [
        s.counsel.K,
        s.cases.client,
      ]);
    }
    await expectComplaints(claimsOf("legal_counsel", s), readable(s.complaints, readsComplaint, "legal_counsel"));
  });

  it("opens a facility's complaints to a body once its visit there starts, not when it is planned", async () => {
    // Its own monitor on a body of its own, so the scenario's bodies keep what they reach.
    const body = (await createBody(h.db)).id;
    const monitor = { roles: ["monitor"], sub: randomUUID(), org_id: body };
    const visit = (await planVisit(h, { bodyId: body, facilityId: s.F2, announced: true })).id;
    await expectComplaints(monitor, []);
    await startVisit(h, visit);
    await expectComplaints(monitor, [s.complaints.client, s.complaints.mia, s.complaints.other]);
  });
});

describe("writers the policy gives every record get NOT_FOUND for an unknown id", () => {
  const TRIAGE = `mutation($input: TriageComplaintInput!) { triageComplaint(input: $input) { id } }`;
  it.each([
    ["startVisit", "ombudsperson", START, { input: { visitId: UNKNOWN_ID } }, "MonitoringVisit"],
    ["markRecommendationImplemented", "ombudsperson", IMPLEMENTED, { id: UNKNOWN_ID }, "Recommendation"],
    ["addRecommendation", "ombudsperson", ADD_RECOMMENDATION, { input: recommendationInput(UNKNOWN_ID) }, "Finding"],
    [
      "respondToRecommendation",
      "mia_officer",
      RESPOND,
      { input: { recommendationId: UNKNOWN_ID, accepted: true, text: "Accepted." } },
      "Recommendation",
    ],
    [
      "changeIncidentStatus",
      "mia_officer",
      CHANGE,
      { input: { incidentId: UNKNOWN_ID, status: "CLOSED" } },
      "Incident",
    ],
    ["triageComplaint", "ombudsperson", TRIAGE, { input: { complaintId: UNKNOWN_ID } }, "Complaint"],
  ] as const)("%s as %s", async (mutation, role, document, variables, what) => {
    const res = await h.gql(document, variables, claimsOf(role, s));
    expect(res.errors).toEqual([
      {
        message: `${what} ${UNKNOWN_ID} does not exist.`,
        locations: expect.any(Array),
        path: [mutation],
        extensions: { code: "NOT_FOUND", id: UNKNOWN_ID },
      },
    ]);
    expect(res.data).toBeNull();
  });
});

describe("responses to recommendations: facility staff for their facility, DHS for what is addressed to DHS", () => {
  const stored = (id: string) =>
    one(`SELECT status, responded_at, responded_by FROM monitoring.recommendation WHERE id = $1`, [id]);
  const cases: [string, (facility: string) => CallAs, "own" | "other", string, boolean][] = [
    [
      "facility staff, own facility",
      (f) => ({ roles: ["facility_staff"], sub: "s1", facility_id: f }),
      "own",
      "Facility management",
      true,
    ],
    [
      "facility staff, another facility",
      (f) => ({ roles: ["facility_staff"], sub: "s1", facility_id: f }),
      "other",
      "Facility management",
      false,
    ],
    [
      "facility staff without facility_id",
      () => ({ roles: ["facility_staff"], sub: "s2" }),
      "own",
      "Facility management",
      false,
    ],
    ["DHS liaison, addressed to DHS", () => ({ roles: ["dhs_liaison"], sub: "d1" }), "other", "US DHS / ICE", true],
    [
      "DHS liaison, addressed to Homeland Security",
      () => ({ roles: ["dhs_liaison"], sub: "d1" }),
      "other",
      "U.S. Department of Homeland Security",
      true,
    ],
    [
      "DHS liaison, addressed to the MIA",
      () => ({ roles: ["dhs_liaison"], sub: "d1" }),
      "own",
      "Ministry of Internal Affairs",
      false,
    ],
    [
      "DHS liaison, addressed to DCAM",
      () => ({ roles: ["dhs_liaison"], sub: "d1" }),
      "other",
      "Department for Citizenship, Asylum and Migration",
      false,
    ],
    [
      "DHS liaison, addressed to DHSS",
      () => ({ roles: ["dhs_liaison"], sub: "d1" }),
      "other",
      "DHSS regional office",
      false,
    ],
    [
      "staff and DHS liaison at once, own facility",
      (f) => ({ roles: ["facility_staff", "dhs_liaison"], sub: "b", facility_id: f }),
      "own",
      "Facility management",
      true,
    ],
    [
      "staff and DHS liaison at once, DHS elsewhere",
      (f) => ({ roles: ["facility_staff", "dhs_liaison"], sub: "b", facility_id: f }),
      "other",
      "DHS",
      true,
    ],
    [
      "staff and DHS liaison at once, neither",
      (f) => ({ roles: ["facility_staff", "dhs_liaison"], sub: "b", facility_id: f }),
      "other",
      "Facility management",
      false,
    ],
    ["MIA officer, anywhere", () => ({ roles: ["mia_officer"], sub: "m1" }), "other", "Kosovo Police", true],
  ];

  it.each(cases)("%s", async (_name, as, where, addressee, allowed) => {
    const own = randomUUID();
    const caller = as(own);
    const id = await openRecommendation(where === "own" ? own : randomUUID(), addressee);
    const before = await stored(id);
    const res = await h.gql(
      RESPOND,
      { input: { recommendationId: id, accepted: true, text: "We accept and will act." } },
      caller,
    );
    if (allowed) {
      expect(ok(res).respondToRecommendation).toEqual({ id, status: "ACCEPTED" });
      expect((await stored(id)).responded_by).toBe((caller as { sub: string }).sub);
    } else {
      expectRefused(res, "respondToRecommendation", RESPOND_FORBIDDEN);
      expect(await stored(id)).toEqual(before);
    }
  });
});
