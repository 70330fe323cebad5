import { randomUUID } from "node:crypto";
import {
  DEFAULT_AUDIENCE,
  DEV_ISSUER,
  type GraphQLResponse,
  TEST_SUBJECT_REF_KEY,
  generateKeyPairJwk,
  graphqlRequest,
  signToken,
  subjectRef,
} from "@kgraph/platform";
import { ROLES, type Role, SCOPES, type Scope, rolesWith } from "@kgraph/policy";
import { maskedReceiptCode } from "../src/modules/complaint/receipt-code";
import {
  ALL_ROLES_SUB,
  CALLERS,
  type Caller,
  type Scenario,
  callAs,
  fileComplaintAs,
  recordIncident,
  respond,
  seedScenario,
  triage,
  decide,
} from "./authorization-fixture";
import {
  type MonitoringHarness,
  addFinding,
  addRecommendation,
  daysFromNow,
  hoursAgo,
  startMonitoringHarness,
  visitIn,
} from "./harness";

let h: MonitoringHarness;
let s: Scenario;
beforeAll(async () => {
  h = await startMonitoringHarness();
  s = await seedScenario(h);
});
afterAll(async () => {
  await h?.stop();
});

/**
 * Who holds each scope this subgraph uses: DESIGN §3's table, written out so this test reads as
 * the table it checks (the first test holds it against the policy file).
 */
const HOLDERS: Record<string, readonly Role[]> = {
  [SCOPES.MONITORING_READ]: ROLES,
  [SCOPES.MONITORING_WRITE]: ["monitor", "ombudsperson"],
  [SCOPES.RECOMMENDATION_RESPOND]: ["mia_officer", "dhs_liaison", "facility_staff"],
  [SCOPES.INCIDENT_WRITE]: ["mia_officer", "facility_staff", "ombudsperson"],
  [SCOPES.COMPLAINT_READ]: ["mia_officer", "legal_counsel", "monitor", "ombudsperson"],
  [SCOPES.COMPLAINT_IDENTITY_READ]: ["ombudsperson"],
  [SCOPES.COMPLAINT_HANDLE]: ["ombudsperson"],
};
const holds = (caller: Caller, scope: Scope | null) =>
  scope === null || (caller !== "public" && HOLDERS[scope].includes(caller));

async function gqlAs(caller: Caller, query: string, variables: Record<string, unknown> = {}) {
  return h.gql(query, variables, await callAs(h, caller, s));
}

function expectForbiddenAt(res: GraphQLResponse, path: (string | number)[]) {
  expect(res.status).toBe(200);
  expect(res.errors).toEqual([
    expect.objectContaining({ path, extensions: expect.objectContaining({ code: "FORBIDDEN" }) }),
  ]);
}

const valueAt = (data: unknown, path: (string | number)[]) =>
  path.reduce<any>((value, key) => (value === null || value === undefined ? value : value[key]), data);

it("writes out the policy's holders of every scope this subgraph uses", () => {
  for (const [scope, roles] of Object.entries(HOLDERS)) {
    expect([...rolesWith(scope as Scope)].sort()).toEqual([...roles].sort());
  }
});

describe("a request without a valid token is refused with 401", () => {
  const QUERY = `{ monitoringBodies { id } }`;
  const claims = { sub: "1d0c7b5e-0000-4000-8000-000000000006", roles: ["ombudsperson"] };
  const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");

  it("no token: UNAUTHENTICATED", async () => {
    const res = await h.gql(QUERY, {}, null);
    expect(res.status).toBe(401);
    expect(res.data).toBeUndefined();
    expect(res.errors).toEqual([expect.objectContaining({ extensions: { code: "UNAUTHENTICATED" } })]);
  });

  it.each([
    [
      "signed by another key",
      async () => {
        const other = await generateKeyPairJwk("other-issuer");
        return signToken(other.privateJwk, claims, { issuer: DEV_ISSUER, audience: DEFAULT_AUDIENCE, ttlSeconds: 600 });
      },
    ],
    [
      "alg: none",
      async () => {
        const now = Math.floor(Date.now() / 1000);
        const payload = { ...claims, iss: DEV_ISSUER, aud: DEFAULT_AUDIENCE, iat: now, exp: now + 600 };
        return `${b64({ alg: "none", typ: "JWT" })}.${b64(payload)}.`;
      },
    ],
    [
      "expired",
      () =>
        signToken(h.auth.keys.issuer.privateJwk, claims, {
          issuer: DEV_ISSUER,
          audience: DEFAULT_AUDIENCE,
          ttlSeconds: -120,
        }),
    ],
    [
      "issued for another audience",
      () =>
        signToken(h.auth.keys.issuer.privateJwk, claims, {
          issuer: DEV_ISSUER,
          audience: "elsewhere",
          ttlSeconds: 600,
        }),
    ],
  ])("%s", async (_name, token) => {
    const res = await graphqlRequest(h.url, QUERY, {}, { authorization: `Bearer ${await token()}` });
    expect(res.status).toBe(401);
    expect(res.data).toBeUndefined();
    expect(res.errors).toEqual([expect.objectContaining({ extensions: { code: "UNAUTHENTICATED" } })]);
  });
});

/**
 * THE TABLE, fields: each protected field of each type, reached by its root query and (for
 * entities) by `_entities`. Without the root's scope the root is FORBIDDEN (and `_entities` has
 * no such record: null, no error); with it but without the field's scope the field is FORBIDDEN
 * at its exact path; otherwise the exact value.
 */
interface FieldCase {
  field: string;
  scope: Scope;
  root: "incident" | "complaint" | "recommendation";
  /** The selection under the root, the path from the root to the value, and where a denial is reported. */
  selection: string;
  path: (string | number)[];
  deniedAt?: (string | number)[];
  expected: () => unknown;
}
const ROOTS = {
  incident: { scope: SCOPES.MONITORING_READ, typename: "Incident", id: () => s.incidents.iF1 },
  complaint: { scope: SCOPES.COMPLAINT_READ, typename: "Complaint", id: () => s.complaints.all },
  recommendation: { scope: null, typename: null, id: () => s.recommendations.pubAnswered },
} as const;

let incidentRow: Record<string, any>;
let complaintRow: Record<string, any>;
let escalationRow: Record<string, any>;
beforeAll(async () => {
  incidentRow = (await h.db.query(`SELECT * FROM monitoring.incident WHERE id = $1`, [s.incidents.iF1]))[0];
  complaintRow = (await h.db.query(`SELECT * FROM monitoring.complaint WHERE id = $1`, [s.complaints.all]))[0];
  escalationRow = (
    await h.db.query(`SELECT * FROM monitoring.complaint_escalation WHERE complaint_id = $1`, [s.complaints.all])
  )[0];
});
const iso = (value: Date) => value.toISOString();

const R = SCOPES.MONITORING_READ;
const C = SCOPES.COMPLAINT_READ;
const ID = SCOPES.COMPLAINT_IDENTITY_READ;
const incidentField = (field: string, selection: string, expected: () => unknown): FieldCase => ({
  field: `Incident.${field}`,
  scope: R,
  root: "incident",
  selection,
  path: [field],
  expected,
});
const complaintField = (
  field: string,
  scope: Scope,
  selection: string,
  path: (string | number)[],
  expected: () => unknown,
  deniedAt?: (string | number)[],
): FieldCase => ({ field, scope, root: "complaint", selection, path, expected, deniedAt });

const FIELDS: FieldCase[] = [
  incidentField("type", "type", () => "USE_OF_FORCE"),
  incidentField("at", "at", () => iso(incidentRow.at)),
  incidentField("narrative", "narrative", () => "Restraint used during the evening count; nurse called."),
  incidentField("status", "status", () => "REPORTED"),
  incidentField("reportedAt", "reportedAt", () => iso(incidentRow.reported_at)),
  incidentField("updatedAt", "updatedAt", () => iso(incidentRow.updated_at)),
  incidentField("facility", "facility { id }", () => ({ id: s.F1 })),
  incidentField("subjectRefs", "subjectRefs", () =>
    incidentRow.case_ids.map((id: string) => subjectRef(id, TEST_SUBJECT_REF_KEY)),
  ),
  complaintField("Complaint.channel", C, "channel", ["channel"], () => "HOTLINE"),
  complaintField("Complaint.anonymous", C, "anonymous", ["anonymous"], () => false),
  complaintField("Complaint.category", C, "category", ["category"], () => "TREATMENT_BY_STAFF"),
  complaintField("Complaint.text", C, "text", ["text"], () => "A guard pushed a resident during the evening count."),
  complaintField("Complaint.status", C, "status", ["status"], () => "DECIDED"),
  complaintField("Complaint.receivedAt", C, "receivedAt", ["receivedAt"], () => iso(complaintRow.received_at)),
  complaintField("Complaint.dueAt", C, "dueAt", ["dueAt"], () => iso(complaintRow.due_at)),
  complaintField("Complaint.updatedAt", C, "updatedAt", ["updatedAt"], () => iso(complaintRow.updated_at)),
  complaintField("Complaint.receiptCode", C, "receiptCode", ["receiptCode"], () =>
    maskedReceiptCode(complaintRow.receipt_code_last_group),
  ),
  complaintField("Complaint.subjectRef", C, "subjectRef", ["subjectRef"], () =>
    subjectRef(s.cases.client, TEST_SUBJECT_REF_KEY),
  ),
  complaintField("Complaint.facility", C, "facility { id }", ["facility"], () => ({ id: s.F1 })),
  complaintField("Complaint.case", C, "case { id }", ["case"], () => ({ id: s.cases.client })),
  complaintField(
    "Complaint.escalations",
    C,
    "escalations { to }",
    ["escalations", 0, "to"],
    () => escalationRow.escalated_to,
    ["escalations"],
  ),
  complaintField(
    "ComplaintEscalation.to",
    C,
    "escalations { to }",
    ["escalations", 0, "to"],
    () => "Ministry of Internal Affairs – Inspectorate",
  ),
  complaintField("ComplaintEscalation.at", C, "escalations { at }", ["escalations", 0, "at"], () =>
    iso(escalationRow.escalated_at),
  ),
  complaintField(
    "ComplaintEscalation.reason",
    C,
    "escalations { reason }",
    ["escalations", 0, "reason"],
    () => "Needs an investigation by the competent authority.",
  ),
  complaintField("Complaint.decision", C, "decision { outcome }", ["decision", "outcome"], () => "PARTLY_UPHELD", [
    "decision",
  ]),
  complaintField(
    "ComplaintDecision.outcome",
    C,
    "decision { outcome }",
    ["decision", "outcome"],
    () => "PARTLY_UPHELD",
  ),
  complaintField(
    "ComplaintDecision.text",
    C,
    "decision { text }",
    ["decision", "text"],
    () => "Upheld in part; the facility is to report back.",
  ),
  complaintField("ComplaintDecision.decidedAt", C, "decision { decidedAt }", ["decision", "decidedAt"], () =>
    iso(complaintRow.decided_at),
  ),
  complaintField("Complaint.complainantName", ID, "complainantName", ["complainantName"], () => "Arben Krasniqi"),
  complaintField(
    "Complaint.complainantContact",
    ID,
    "complainantContact",
    ["complainantContact"],
    () => "+383 44 000 111",
  ),
  {
    field: "RecommendationResponse.respondedBy",
    scope: R,
    root: "recommendation",
    selection: "response { respondedBy }",
    path: ["response", "respondedBy"],
    expected: () => ALL_ROLES_SUB,
  },
];

const FIELD_TABLE = FIELDS.flatMap((fc) => CALLERS.map((caller) => [fc.field, caller, fc] as const));

describe.each(["root query", "_entities"] as const)("fields by %s", (door) => {
  const cases = FIELD_TABLE.filter(([, , fc]) => door === "root query" || ROOTS[fc.root].typename !== null);
  it.each(cases)("%s as %s", async (_field, caller, fc) => {
    const root = ROOTS[fc.root];
    const query =
      door === "root query"
        ? `query($id: ID!) { ${fc.root}(id: $id) { ${fc.selection} } }`
        : `query($r: [_Any!]!) { _entities(representations: $r) { ... on ${root.typename} { ${fc.selection} } } }`;
    const variables = door === "root query" ? { id: root.id() } : { r: [{ __typename: root.typename, id: root.id() }] };
    const rootPath: (string | number)[] = door === "root query" ? [fc.root] : ["_entities", 0];
    const res = await gqlAs(caller, query, variables);
    if (!holds(caller, root.scope)) {
      if (door === "root query") {
        expectForbiddenAt(res, [fc.root]);
        expect(valueAt(res.data, [fc.root])).toBeNull();
      } else {
        // Outside the caller's records: no such entity, and nothing says whether it exists.
        expect(res.errors).toBeUndefined();
        expect(res.data).toEqual({ _entities: [null] });
      }
    } else if (!holds(caller, fc.scope)) {
      const errorPath = [...rootPath, ...(fc.deniedAt ?? fc.path)];
      expectForbiddenAt(res, errorPath);
      expect(valueAt(res.data, errorPath)).toBeNull();
    } else {
      expect(res.errors).toBeUndefined();
      expect(valueAt(res.data, [...rootPath, ...fc.path])).toEqual(fc.expected());
    }
  });
});

/** A sensitive field through every shape of selection: aliases, fragments, inline fragments. */
describe("the complainant's name through aliases and fragments", () => {
  const SHAPES: [string, string, (string | number)[]][] = [
    ["alias", `query($id: ID!) { complaint(id: $id) { who: complainantName } }`, ["complaint", "who"]],
    ["aliased root", `query($id: ID!) { c: complaint(id: $id) { complainantName } }`, ["c", "complainantName"]],
    [
      "named fragment",
      `query($id: ID!) { complaint(id: $id) { ...Who } } fragment Who on Complaint { complainantName }`,
      ["complaint", "complainantName"],
    ],
    [
      "inline fragment",
      `query($id: ID!) { complaint(id: $id) { ... on Complaint { complainantName } } }`,
      ["complaint", "complainantName"],
    ],
    [
      "fragment on _entities with an alias",
      `query($r: [_Any!]!) { _entities(representations: $r) { ...Who } } fragment Who on Complaint { name: complainantName }`,
      ["_entities", 0, "name"],
    ],
  ];
  const table = SHAPES.flatMap(([shape, query, path]) =>
    CALLERS.map((caller) => [shape, caller, query, path] as const),
  );

  it.each(table)("%s as %s", async (_shape, caller, query, path) => {
    const res = await gqlAs(caller, query, {
      id: s.complaints.all,
      r: [{ __typename: "Complaint", id: s.complaints.all }],
    });
    const rootPath = path.slice(0, path[0] === "_entities" ? 2 : 1);
    if (!holds(caller, SCOPES.COMPLAINT_READ)) {
      if (path[0] === "_entities") expect(res).toMatchObject({ data: { _entities: [null] } });
      else expectForbiddenAt(res, rootPath);
      expect(valueAt(res.data, rootPath)).toBeNull();
    } else if (!holds(caller, SCOPES.COMPLAINT_IDENTITY_READ)) {
      expectForbiddenAt(res, path);
      expect(valueAt(res.data, path)).toBeNull();
    } else {
      expect(res.errors).toBeUndefined();
      expect(valueAt(res.data, path)).toBe("Arben Krasniqi");
    }
  });
});

/**
 * THE TABLE, mutations: each protected mutation as each caller, on a record inside the caller's
 * record rule (so only the scope decides). Allowed: the exact result. Denied: FORBIDDEN at the
 * mutation's path, and the record is as it was.
 */
interface MutationCase {
  scope: Scope | null;
  document: string;
  /** Sets up a record for the mutation; returns its variables, the expected result and a view of its state. */
  prepare(): Promise<{ variables: Record<string, unknown>; expected: unknown; state(): Promise<unknown> }>;
}
const q = (sql: string, params: unknown[]) => h.db.query(sql, params) as Promise<Record<string, unknown>[]>;
const visitStatus = (id: string) => () => q(`SELECT status FROM monitoring.visit WHERE id = $1`, [id]);
const ownVisit = (status: "PLANNED" | "IN_PROGRESS" | "COMPLETED") =>
  visitIn(h, status, { bodyId: s.bodyA, facilityId: s.F1 });

const MUTATIONS: Record<string, MutationCase> = {
  planVisit: {
    scope: SCOPES.MONITORING_WRITE,
    document: `mutation($input: PlanVisitInput!) { planVisit(input: $input) { status body { id } facility { id } } }`,
    async prepare() {
      const facilityId = randomUUID();
      return {
        variables: {
          input: {
            bodyId: s.bodyA,
            facilityId,
            plannedFor: daysFromNow(3),
            announced: true,
            phases: ["FACILITY_TOUR"],
          },
        },
        expected: { status: "PLANNED", body: { id: s.bodyA }, facility: { id: facilityId } },
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
    document: `mutation($input: RecordIncidentInput!) { recordIncident(input: $input) { type status facility { id } } }`,
    async prepare() {
      const narrative = `Fire alarm in block C, building evacuated (${Math.random()}).`;
      return {
        variables: { input: { type: "OTHER", at: hoursAgo(2), facilityId: s.F1, caseIds: [], narrative } },
        expected: { type: "OTHER", status: "REPORTED", facility: { id: s.F1 } },
        state: () => q(`SELECT count(*)::int AS n FROM monitoring.incident WHERE narrative = $1`, [narrative]),
      };
    },
  },
  changeIncidentStatus: {
    scope: SCOPES.INCIDENT_WRITE,
    document: `mutation($input: ChangeIncidentStatusInput!) { changeIncidentStatus(input: $input) { id status } }`,
    async prepare() {
      const id = await recordIncident(h, s.F1);
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
      const id = await fileComplaintAs(h, { facilityId: s.F1 });
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
      const id = await fileComplaintAs(h, { facilityId: s.F1 });
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
      const id = await fileComplaintAs(h, { facilityId: s.F1 });
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
      const id = await fileComplaintAs(h, { facilityId: s.F1 });
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
      const text = `The heating is off in block D (${Math.random()}).`;
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

describe("mutations", () => {
  it.each(MUTATION_TABLE)("%s as %s", async (name, caller, mc) => {
    const { variables, expected, state } = await mc.prepare();
    const before = await state();
    const res = await gqlAs(caller, mc.document, variables);
    if (holds(caller, mc.scope)) {
      expect(res.errors).toBeUndefined();
      expect(res.data).toEqual({ [name]: expected });
      expect(await state()).not.toEqual(before);
    } else {
      expectForbiddenAt(res, [name]);
      expect(res.data).toBeNull();
      expect(await state()).toEqual(before);
    }
  });
});
