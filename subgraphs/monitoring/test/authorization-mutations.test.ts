import { randomUUID } from "node:crypto";
import { type CallAs, TEST_SUBJECT_REF_KEY, subjectRef } from "@kgraph/platform";
import { type Role, SCOPES, type Scope } from "@kgraph/policy";
import {
  CALLERS,
  type Caller,
  HOLDERS,
  addResidents,
  decide,
  fileComplaintAs,
  recordIncident,
  respond,
  triage,
} from "./authorization-fixture";
import {
  type MonitoringHarness,
  addFinding,
  addRecommendation,
  createBody,
  daysFromNow,
  hoursAgo,
  startMonitoringHarness,
  visitIn,
} from "./harness";

/**
 * THE WRITE TABLE: each mutation as each caller, on a record inside the caller's record rule (the
 * monitor's body, the staff's facility and its resident, a recommendation addressed to DHS), so
 * only the scope decides. Allowed: the exact result, and the record changed. Denied: FORBIDDEN at
 * the mutation's path, no data, and the record as it was. Which records a restricted writer may
 * change is record-rules.test.ts's.
 */

let h: MonitoringHarness;
/** The monitor's body, the staff's facility and a resident of it. */
let BM: string;
const FM = randomUUID();
const resident = randomUUID();
beforeAll(async () => {
  h = await startMonitoringHarness();
  BM = (await createBody(h.db)).id;
  await addResidents(h, FM, [resident]);
});
afterAll(async () => {
  await h?.stop();
});

async function callAs(caller: Caller): Promise<CallAs> {
  if (caller === "public") return { token: await h.auth.publicToken() };
  if (caller === "facility_staff") return { roles: [caller], sub: randomUUID(), facility_id: FM };
  if (caller === "monitor") return { roles: [caller], sub: randomUUID(), org_id: BM };
  return { roles: [caller], sub: randomUUID() };
}
const holds = (caller: Caller, scope: Scope | null) =>
  scope === null || (caller !== "public" && HOLDERS[scope].includes(caller as Role));

interface MutationCase {
  scope: Scope | null;
  document: string;
  /** Sets up a record for the mutation; returns its variables, the expected result and a view of its state. */
  prepare(): Promise<{ variables: Record<string, unknown>; expected: unknown; state(): Promise<unknown> }>;
}
const q = (sql: string, params: unknown[]) => h.db.query(sql, params) as Promise<Record<string, unknown>[]>;
const visitStatus = (id: string) => () => q(`SELECT status FROM monitoring.visit WHERE id = $1`, [id]);
const ownVisit = (status: "PLANNED" | "IN_PROGRESS" | "COMPLETED") =>
  visitIn(h, status, { bodyId: BM, facilityId: FM });

const MUTATIONS: Record<string, MutationCase> = {
  planVisit: {
    scope: SCOPES.MONITORING_WRITE,
    document: `mutation($input: PlanVisitInput!) { planVisit(input: $input) { status announced body { id } facility { id } } }`,
    async prepare() {
      const facilityId = randomUUID();
      return {
        variables: {
          input: { bodyId: BM, facilityId, plannedFor: daysFromNow(3), announced: false, phases: ["FACILITY_TOUR"] },
        },
        expected: { status: "PLANNED", announced: false, body: { id: BM }, facility: { id: facilityId } },
        state: () => q(`SELECT count(*)::int AS n FROM monitoring.visit WHERE facility_id = $1`, [facilityId]),
      };
    },
  },
  startVisit: {
    scope: SCOPES.MONITORING_WRITE,
    document: `mutation($input: StartVisitInput!) { startVisit(input: $input) { id status } }`,
    async prepare() {
      const visit = await ownVisit("PLANNED");
      return {
        variables: { input: { visitId: visit.id, startedAt: hoursAgo(1) } },
        expected: { id: visit.id, status: "IN_PROGRESS" },
        state: visitStatus(visit.id),
      };
    },
  },
  completeVisit: {
    scope: SCOPES.MONITORING_WRITE,
    document: `mutation($input: CompleteVisitInput!) { completeVisit(input: $input) { id status } }`,
    async prepare() {
      const visit = await ownVisit("IN_PROGRESS");
      return {
        variables: { input: { visitId: visit.id } },
        expected: { id: visit.id, status: "COMPLETED" },
        state: visitStatus(visit.id),
      };
    },
  },
  publishVisitReport: {
    scope: SCOPES.MONITORING_WRITE,
    document: `mutation($input: PublishVisitReportInput!) { publishVisitReport(input: $input) { id status reportSummary } }`,
    async prepare() {
      const visit = await ownVisit("COMPLETED");
      return {
        variables: { input: { visitId: visit.id, summary: "Overcrowding in block B; see findings." } },
        expected: { id: visit.id, status: "REPORT_PUBLISHED", reportSummary: "Overcrowding in block B; see findings." },
        state: visitStatus(visit.id),
      };
    },
  },
  addFinding: {
    scope: SCOPES.MONITORING_WRITE,
    document: `mutation($input: AddFindingInput!) { addFinding(input: $input) { severity standardRef visit { id } } }`,
    async prepare() {
      const visit = await ownVisit("IN_PROGRESS");
      return {
        variables: {
          input: { visitId: visit.id, severity: "LOW", standardRef: "CPT §1", description: "Windows do not close." },
        },
        expected: { severity: "LOW", standardRef: "CPT §1", visit: { id: visit.id } },
        state: () => q(`SELECT count(*)::int AS n FROM monitoring.finding WHERE visit_id = $1`, [visit.id]),
      };
    },
  },
  addRecommendation: {
    scope: SCOPES.MONITORING_WRITE,
    document: `mutation($input: AddRecommendationInput!) { addRecommendation(input: $input) { addressee status finding { id } } }`,
    async prepare() {
      const finding = await addFinding(h, (await ownVisit("IN_PROGRESS")).id);
      return {
        variables: {
          input: {
            findingId: finding.id,
            addressee: "Facility management",
            text: "Repair the windows.",
            dueAt: daysFromNow(20),
          },
        },
        expected: { addressee: "Facility management", status: "OPEN", finding: { id: finding.id } },
        state: () => q(`SELECT count(*)::int AS n FROM monitoring.recommendation WHERE finding_id = $1`, [finding.id]),
      };
    },
  },
  markRecommendationImplemented: {
    scope: SCOPES.MONITORING_WRITE,
    document: `mutation($id: ID!) { markRecommendationImplemented(recommendationId: $id) { id status } }`,
    async prepare() {
      const finding = await addFinding(h, (await ownVisit("IN_PROGRESS")).id);
      const recommendation = await addRecommendation(h, finding.id);
      await respond(h, recommendation.id);
      return {
        variables: { id: recommendation.id },
        expected: { id: recommendation.id, status: "IMPLEMENTED" },
        state: () =>
          q(`SELECT status, implemented_at FROM monitoring.recommendation WHERE id = $1`, [recommendation.id]),
      };
    },
  },
  respondToRecommendation: {
    scope: SCOPES.RECOMMENDATION_RESPOND,
    document: `mutation($input: RespondToRecommendationInput!) { respondToRecommendation(input: $input) { id status response { accepted text } } }`,
    async prepare() {
      // At the facility staff's facility and addressed to DHS: inside every responder's rule.
      const finding = await addFinding(h, (await ownVisit("IN_PROGRESS")).id);
      const recommendation = await addRecommendation(h, finding.id, {
        addressee: "US Department of Homeland Security",
      });
      return {
        variables: { input: { recommendationId: recommendation.id, accepted: false, text: "Not feasible this year." } },
        expected: {
          id: recommendation.id,
          status: "REJECTED",
          response: { accepted: false, text: "Not feasible this year." },
        },
        state: () => q(`SELECT status, responded_at FROM monitoring.recommendation WHERE id = $1`, [recommendation.id]),
      };
    },
  },
  recordIncident: {
    scope: SCOPES.INCIDENT_WRITE,
    document: `mutation($input: RecordIncidentInput!) { recordIncident(input: $input) { type status facility { id } subjectRefs } }`,
    async prepare() {
      // At the staff's facility, about its resident: inside every recorder's rule.
      const narrative = `A fight in the dining hall, one resident bruised (${randomUUID()}).`;
      return {
        variables: { input: { type: "ASSAULT", at: hoursAgo(2), facilityId: FM, caseIds: [resident], narrative } },
        expected: {
          type: "ASSAULT",
          status: "REPORTED",
          facility: { id: FM },
          subjectRefs: [subjectRef(resident, TEST_SUBJECT_REF_KEY)],
        },
        state: () => q(`SELECT count(*)::int AS n FROM monitoring.incident WHERE narrative = $1`, [narrative]),
      };
    },
  },
  changeIncidentStatus: {
    scope: SCOPES.INCIDENT_WRITE,
    document: `mutation($input: ChangeIncidentStatusInput!) { changeIncidentStatus(input: $input) { id status } }`,
    async prepare() {
      const id = await recordIncident(h, FM, [resident]);
      return {
        variables: { input: { incidentId: id, status: "UNDER_INVESTIGATION" } },
        expected: { id, status: "UNDER_INVESTIGATION" },
        state: () => q(`SELECT status, updated_at FROM monitoring.incident WHERE id = $1`, [id]),
      };
    },
  },
  triageComplaint: {
    scope: SCOPES.COMPLAINT_HANDLE,
    document: `mutation($input: TriageComplaintInput!) { triageComplaint(input: $input) { id status category } }`,
    async prepare() {
      const id = await fileComplaintAs(h, { facilityId: FM });
      return {
        variables: { input: { complaintId: id, category: "HEALTH_CARE" } },
        expected: { id, status: "UNDER_REVIEW", category: "HEALTH_CARE" },
        state: () => q(`SELECT status, category FROM monitoring.complaint WHERE id = $1`, [id]),
      };
    },
  },
  escalateComplaint: {
    scope: SCOPES.COMPLAINT_HANDLE,
    document: `mutation($input: EscalateComplaintInput!) { escalateComplaint(input: $input) { id status escalations { to } } }`,
    async prepare() {
      const id = await fileComplaintAs(h, { facilityId: FM });
      await triage(h, id);
      return {
        variables: { input: { complaintId: id, to: "Police Inspectorate", reason: "Alleged ill-treatment." } },
        expected: { id, status: "ESCALATED", escalations: [{ to: "Police Inspectorate" }] },
        state: () =>
          q(
            `SELECT status, (SELECT count(*)::int FROM monitoring.complaint_escalation WHERE complaint_id = $1) AS n FROM monitoring.complaint WHERE id = $1`,
            [id],
          ),
      };
    },
  },
  decideComplaint: {
    scope: SCOPES.COMPLAINT_HANDLE,
    document: `mutation($input: DecideComplaintInput!) { decideComplaint(input: $input) { id status decision { outcome } } }`,
    async prepare() {
      const id = await fileComplaintAs(h, { facilityId: FM });
      await triage(h, id);
      return {
        variables: { input: { complaintId: id, outcome: "NOT_UPHELD", text: "No breach found." } },
        expected: { id, status: "DECIDED", decision: { outcome: "NOT_UPHELD" } },
        state: () => q(`SELECT status, decided_at FROM monitoring.complaint WHERE id = $1`, [id]),
      };
    },
  },
  closeComplaint: {
    scope: SCOPES.COMPLAINT_HANDLE,
    document: `mutation($id: ID!) { closeComplaint(complaintId: $id) { id status } }`,
    async prepare() {
      const id = await fileComplaintAs(h, { facilityId: FM });
      await triage(h, id);
      await decide(h, id);
      return {
        variables: { id },
        expected: { id, status: "CLOSED" },
        state: () => q(`SELECT status FROM monitoring.complaint WHERE id = $1`, [id]),
      };
    },
  },
  fileComplaint: {
    scope: null,
    document: `mutation($input: FileComplaintInput!) { fileComplaint(input: $input) { status } }`,
    async prepare() {
      const text = `The heating is off in block D (${randomUUID()}).`;
      return {
        variables: { input: { channel: "WEB", category: "LIVING_CONDITIONS", text, anonymous: true } },
        expected: { status: "RECEIVED" },
        state: () => q(`SELECT count(*)::int AS n FROM monitoring.complaint WHERE text = $1`, [text]),
      };
    },
  },
};

const MUTATION_TABLE = Object.entries(MUTATIONS).flatMap(([name, mc]) =>
  CALLERS.map((caller) => [name, caller, mc] as const),
);

it("has a row for every mutation of the subgraph", async () => {
  const res = await h.gql(`{ __schema { mutationType { fields { name } } } }`);
  const names = (res.data as { __schema: { mutationType: { fields: { name: string }[] } } }).__schema.mutationType
    .fields;
  expect(names.map((f) => f.name).sort()).toEqual(Object.keys(MUTATIONS).sort());
});

describe("mutations", () => {
  it.each(MUTATION_TABLE)("%s as %s", async (name, caller, mc) => {
    const { variables, expected, state } = await mc.prepare();
    const before = await state();
    const res = await h.gql(mc.document, variables, await callAs(caller));
    expect(res.status).toBe(200);
    if (holds(caller, mc.scope)) {
      expect(res.errors).toBeUndefined();
      expect(res.data).toEqual({ [name]: expected });
      expect(await state()).not.toEqual(before);
    } else {
      expect(res.errors).toEqual([
        {
          message: `Mutation.${name} needs ${mc.scope}.`,
          locations: expect.any(Array),
          path: [name],
          extensions: { code: "FORBIDDEN", requiredScopes: [mc.scope] },
        },
      ]);
      expect(res.data).toBeNull();
      expect(await state()).toEqual(before);
    }
  });
});
