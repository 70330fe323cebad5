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
import { DATA, type Role, SCOPES, type Scope, rolesWith } from "@kgraph/policy";
import { type Cell, type Step, describeRoleTable } from "@kgraph/testkit";
import { maskedReceiptCode } from "../src/modules/complaint/receipt-code";
import { definition } from "../src";
import {
  ALL_ROLES_SUB,
  CALLERS,
  type Caller,
  HOLDERS,
  type Scenario,
  type VisitKey,
  callAs,
  readsComplaint,
  readsIncident,
  readsRecommendation,
  readsVisit,
  seedScenario,
} from "./authorization-fixture";
import { type MonitoringHarness, startMonitoringHarness } from "./harness";

/**
 * THE ROLE TABLE of the monitoring subgraph (the shared kit, @kgraph/testkit): every protected
 * field, through its doors (root queries, `_entities`, inline fragments, the facility it extends),
 * as every role and the public. The expectations come from this file's own transcription of each
 * field's data class and of each class's scopes (DESIGN §3), and from the scenario's transcribed
 * readers (authorization-fixture.ts) — never from the decorators under test.
 */

// The table runs as one test: some 150 cells × 9 callers, one request each.
jest.setTimeout(300_000);

let h: MonitoringHarness;
let s: Scenario;
const rows: Record<string, Record<string, any>> = {};
const order: Record<"visits" | "incidents" | "complaints", string[]> = { visits: [], incidents: [], complaints: [] };

beforeAll(async () => {
  h = await startMonitoringHarness();
  s = await seedScenario(h);
  const one = async (sql: string, id: string) => (await h.db.query(sql, [id]))[0] as Record<string, any>;
  for (const [key, id] of Object.entries(s.visits))
    rows[`visit:${key}`] = await one(`SELECT * FROM monitoring.visit WHERE id = $1`, id);
  for (const [key, id] of Object.entries(s.findings))
    rows[`finding:${key}`] = await one(`SELECT * FROM monitoring.finding WHERE id = $1`, id);
  for (const [key, id] of Object.entries(s.recommendations)) {
    rows[`recommendation:${key}`] = await one(`SELECT * FROM monitoring.recommendation WHERE id = $1`, id);
  }
  for (const [key, id] of Object.entries(s.incidents))
    rows[`incident:${key}`] = await one(`SELECT * FROM monitoring.incident WHERE id = $1`, id);
  for (const [key, id] of Object.entries(s.complaints)) {
    rows[`complaint:${key}`] = await one(`SELECT * FROM monitoring.complaint WHERE id = $1`, id);
    rows[`escalation:${key}`] = await one(
      `SELECT * FROM monitoring.complaint_escalation WHERE complaint_id = $1 ORDER BY escalated_at, id LIMIT 1`,
      id,
    );
  }
  // The order the lists promise (newest first), as the database holds it.
  const ids = async (sql: string) => ((await h.db.query(sql)) as { id: string }[]).map((row) => row.id);
  order.visits = await ids(`SELECT id FROM monitoring.visit ORDER BY planned_for DESC, id DESC`);
  order.incidents = await ids(`SELECT id FROM monitoring.incident ORDER BY at DESC, id DESC`);
  order.complaints = await ids(`SELECT id FROM monitoring.complaint ORDER BY received_at DESC, id DESC`);
});
afterAll(async () => {
  await h?.stop();
});

const R = SCOPES.MONITORING_READ;
const C = SCOPES.COMPLAINT_READ;
const ID = SCOPES.COMPLAINT_IDENTITY_READ;

/**
 * Each field's data class, transcribed (DESIGN §3: the class sets the scope, the record rule and
 * the audit). The first test holds the schema to it, so a field cannot change class unnoticed.
 */
const FIELD_CLASSES: Record<string, string> = {
  ...Object.fromEntries(
    [
      "phases",
      "announced",
      "plannedFor",
      "startedAt",
      "endedAt",
      "status",
      "publishedAt",
      "reportSummary",
      "createdAt",
      "body",
      "facility",
      "published",
      "findings",
    ].map((field) => [`MonitoringVisit.${field}`, "monitoringReport"]),
  ),
  "Facility.visits": "monitoringReport",
  "Facility.openRecommendations": "monitoringReport",
  ...Object.fromEntries(
    ["severity", "standardRef", "description", "createdAt", "visit", "recommendations"].map((field) => [
      `Finding.${field}`,
      "monitoringReport",
    ]),
  ),
  ...Object.fromEntries(
    ["addressee", "text", "dueAt", "implementedAt", "createdAt", "status", "overdue", "response", "finding"].map(
      (field) => [`Recommendation.${field}`, "monitoringReport"],
    ),
  ),
  "RecommendationResponse.accepted": "monitoringReport",
  "RecommendationResponse.text": "monitoringReport",
  "RecommendationResponse.respondedAt": "monitoringReport",
  // Who answered is not part of the published report.
  "RecommendationResponse.respondedBy": "monitoring",
  "MonitoringBody.name": "public",
  "MonitoringBody.kind": "public",
  // Public quarter statistics: aggregates only, open to everyone, the public included.
  "StatisticsQuarter.monitoringFigures": "public",
  ...Object.fromEntries(
    ["type", "at", "narrative", "status", "reportedAt", "updatedAt", "facility", "subjectRefs"].map((field) => [
      `Incident.${field}`,
      "monitoring",
    ]),
  ),
  ...Object.fromEntries(
    [
      "channel",
      "anonymous",
      "category",
      "text",
      "status",
      "receivedAt",
      "dueAt",
      "updatedAt",
      "receiptCode",
      "escalations",
      "decision",
      "facility",
    ].map((field) => [`Complaint.${field}`, "complaint"]),
  ),
  "Complaint.subjectRef": "complaintSubject",
  "Complaint.complainantName": "complainant",
  "Complaint.complainantContact": "complainant",
  // The case leads to who the person is (issue 7, finding 4).
  "Complaint.case": "complainant",
  "ComplaintEscalation.to": "complaint",
  "ComplaintEscalation.at": "complaint",
  "ComplaintEscalation.reason": "complaint",
  "ComplaintDecision.outcome": "complaint",
  "ComplaintDecision.text": "complaint",
  "ComplaintDecision.decidedAt": "complaint",
  // The task force's ledger, as this subgraph extends it: each entry under its record's class.
  "OverdueLedger.complaints": "complaint",
  ...Object.fromEntries(
    ["kind", "dueAt", "daysOverdue", "band", "complaint"].map((field) => [
      `OverdueComplaintObligation.${field}`,
      "complaint",
    ]),
  ),
  "OverdueLedger.recommendationResponses": "monitoringReport",
  ...Object.fromEntries(
    ["kind", "dueAt", "daysOverdue", "band", "recommendation"].map((field) => [
      `OverdueRecommendationResponse.${field}`,
      "monitoringReport",
    ]),
  ),
};

/** What each class requires of the caller (DESIGN §3, "Scopes per role"). */
const CLASS_SCOPES: Record<string, readonly Scope[]> = {
  public: [],
  // Published reports are everyone's; before that, monitoring:read's record rules decide.
  monitoringReport: [],
  monitoring: [R],
  complaint: [C],
  complaintSubject: [C],
  complainant: [ID],
};
/** Complaint readers who can put a name to a pseudonym (person:read) but may not know who complained. */
const NAMES_PSEUDONYMS: readonly Caller[] = ["mia_officer", "legal_counsel"];

const scopesOf = (field: string): Scope[] => {
  const dataClass = FIELD_CLASSES[field];
  if (!dataClass) throw new Error(`${field} has no transcribed data class`);
  return [...CLASS_SCOPES[dataClass]];
};

describe("the transcription", () => {
  it("gives every classified field of the schema the class the schema declares", async () => {
    expect((await definition.buildSchema()).dataClasses).toEqual(FIELD_CLASSES);
  });

  it("states each class's scopes as the policy does", () => {
    for (const [name, scopes] of Object.entries(CLASS_SCOPES)) {
      expect([...DATA[name as keyof typeof DATA].scopes]).toEqual(scopes);
    }
  });

  it("states the policy's holders of every scope this subgraph uses", () => {
    for (const [scope, roles] of Object.entries(HOLDERS)) {
      expect([...rolesWith(scope as Scope)].sort()).toEqual([...roles].sort());
    }
  });
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

// ---------------------------------------------------------------------------------------------
// The doors. Records not yet published resolve to null (no error) for the public.

const iso = (value: Date | null) => (value ? value.toISOString() : null);
const ref = (typename: string, id: () => string) => ({
  type: "[_Any!]!",
  value: () => [{ __typename: typename, id: id() }],
});
const entities = (variable: string, on: string, recordScopes?: Scope[]): Step => ({
  field: "_entities",
  args: `(representations: $${variable})`,
  list: true,
  on,
  recordScopes,
});

const visitAway: Step = { field: "visit", args: "(id: $away)", recordScopes: [R] };
const visitSurpriseOwn = entities("surpriseOwnRef", "MonitoringVisit", [R]);
const publishedVisitOfF1: Step[] = [
  { field: "visits", args: "(first: 1, filter: { facilityId: $F1, status: [REPORT_PUBLISHED] })" },
  { field: "edges", list: true },
  { field: "node" },
];
const recommendationAway: Step = { field: "recommendation", args: "(id: $recAway)", recordScopes: [R] };
const recommendationPublished: Step = { field: "recommendation", args: "(id: $recPubAnswered)" };
const facility = (variable: string) => entities(variable, "Facility");
const incidentF2: Step = { field: "incident", args: "(id: $iF2)", scopes: [R] };
const incidentF1Entity = entities("iF1Ref", "Incident", [R]);
const complaintAll: Step = { field: "complaint", args: "(id: $all)", scopes: [C] };
const complaintAllEntity = entities("allRef", "Complaint", [C]);
const complaintClientEntity = entities("clientRef", "Complaint", [C]);

const VARIABLES: Record<string, { type: string; value: () => unknown }> = {
  away: { type: "ID!", value: () => s.visits.away },
  surpriseOther: { type: "ID!", value: () => s.visits.surpriseOther },
  surpriseOwnRef: ref("MonitoringVisit", () => s.visits.surpriseOwn),
  F1: { type: "ID!", value: () => s.F1 },
  F1Ref: ref("Facility", () => s.F1),
  F2Ref: ref("Facility", () => s.F2),
  recAway: { type: "ID!", value: () => s.recommendations.away },
  recPubAnswered: { type: "ID!", value: () => s.recommendations.pubAnswered },
  recSurprise: { type: "ID!", value: () => s.recommendations.surprise },
  iF2: { type: "ID!", value: () => s.incidents.iF2 },
  iF1Ref: ref("Incident", () => s.incidents.iF1),
  all: { type: "ID!", value: () => s.complaints.all },
  allRef: ref("Complaint", () => s.complaints.all),
  clientRef: ref("Complaint", () => s.complaints.client),
  trailRef: ref("AuditTrail", () => "audit"),
  ombudspersonLedger: { type: "[_Any!]!", value: () => [{ __typename: "OverdueLedger", agency: "OMBUDSPERSON" }] },
  operatorLedger: { type: "[_Any!]!", value: () => [{ __typename: "OverdueLedger", agency: "FACILITY_OPERATOR" }] },
  ledgerAsOf: { type: "DateTimeISO", value: () => ledgerAsOf().toISOString() },
  // A quarter long over, before any of the scenario's records: its figures are known zeros.
  quarterRef: { type: "[_Any!]!", value: () => [{ __typename: "StatisticsQuarter", quarter: "2001-Q1" }] },
};

// ---------------------------------------------------------------------------------------------
// Expected values, from the rows the scenario wrote.

const visitRow = (key: VisitKey) => rows[`visit:${key}`];
const VISIT_VALUES: Record<string, { leaf?: string; value: (key: VisitKey, caller: Caller) => unknown }> = {
  phases: { value: (key) => visitRow(key).phases },
  announced: { value: (key) => visitRow(key).announced },
  plannedFor: { value: (key) => iso(visitRow(key).planned_for) },
  startedAt: { value: (key) => iso(visitRow(key).started_at) },
  endedAt: { value: (key) => iso(visitRow(key).ended_at) },
  status: { value: (key) => visitRow(key).status },
  publishedAt: { value: (key) => iso(visitRow(key).published_at) },
  reportSummary: { value: (key) => visitRow(key).report_summary },
  createdAt: { value: (key) => iso(visitRow(key).created_at) },
  body: { leaf: "{ id kind }", value: (key) => ({ id: visitRow(key).body_id, kind: "CIVIL_SOCIETY" }) },
  facility: { leaf: "{ id }", value: (key) => ({ id: visitRow(key).facility_id }) },
  published: { value: (key) => visitRow(key).status === "REPORT_PUBLISHED" },
  findings: {
    leaf: "{ id }",
    value: (key) =>
      Object.entries(s.findings)
        .filter(([finding]) => rows[`finding:${finding}`].visit_id === s.visits[key])
        .map(([, id]) => ({ id })),
  },
};

const visitCells = (): Cell[] =>
  Object.entries(VISIT_VALUES).flatMap(([field, { leaf, value }]) => {
    const step: Step = { field, scopes: scopesOf(`MonitoringVisit.${field}`) };
    const name = `MonitoringVisit.${field}`;
    return [
      {
        name: `${name} (visit(id), a completed visit to another facility than the staff's)`,
        steps: [visitAway, step],
        leaf,
        expected: (caller) => (readsVisit(caller, "away") ? value("away", caller) : null),
      },
      {
        name: `${name} (_entities, an unannounced visit not yet started)`,
        steps: [visitSurpriseOwn, step],
        leaf,
        expected: (caller) => (readsVisit(caller, "surpriseOwn") ? value("surpriseOwn", caller) : null),
      },
      {
        name: `${name} (visits, a published report)`,
        steps: [...publishedVisitOfF1, step],
        leaf,
        expected: (caller) => value("pub", caller),
      },
    ];
  });

const findingRow = (key: string) => rows[`finding:${key}`];
const FINDING_VALUES: Record<string, { leaf?: string; value: (key: string) => unknown }> = {
  severity: { value: (key) => findingRow(key).severity },
  standardRef: { value: (key) => findingRow(key).standard_ref },
  description: { value: (key) => findingRow(key).description },
  createdAt: { value: (key) => iso(findingRow(key).created_at) },
  visit: { leaf: "{ id }", value: (key) => ({ id: findingRow(key).visit_id }) },
  recommendations: {
    leaf: "{ id }",
    value: (key) =>
      Object.entries(s.recommendations)
        .filter(([rec]) => rows[`recommendation:${rec}`].finding_id === s.findings[key as keyof Scenario["findings"]])
        .map(([, id]) => ({ id })),
  },
};

const findingCells = (): Cell[] =>
  Object.entries(FINDING_VALUES).flatMap(([field, { leaf, value }]) => {
    const step: Step = { field, scopes: scopesOf(`Finding.${field}`) };
    return [
      {
        name: `Finding.${field} (visit(id) { findings }, unpublished)`,
        steps: [visitAway, { field: "findings", list: true }, step],
        leaf,
        expected: (caller) => (readsVisit(caller, "away") ? value("away") : null),
      },
      {
        name: `Finding.${field} (recommendation(id) { finding }, published)`,
        steps: [recommendationPublished, { field: "finding" }, step],
        leaf,
        expected: () => value("pub"),
      },
    ];
  });

const recommendationRow = (key: string) => rows[`recommendation:${key}`];
const RECOMMENDATION_VALUES: Record<string, { leaf?: string; value: (key: string) => unknown }> = {
  addressee: { value: (key) => recommendationRow(key).addressee },
  text: { value: (key) => recommendationRow(key).text },
  dueAt: { value: (key) => iso(recommendationRow(key).due_at) },
  implementedAt: { value: (key) => iso(recommendationRow(key).implemented_at) },
  createdAt: { value: (key) => iso(recommendationRow(key).created_at) },
  // recAway is implemented; recPubOpen went past its due date unanswered.
  status: { value: (key) => ({ away: "IMPLEMENTED", pubOpen: "OVERDUE" })[key] },
  overdue: { value: (key) => ({ away: false, pubOpen: true })[key] },
  response: {
    leaf: "{ accepted text }",
    value: (key) => (key === "away" ? { accepted: true, text: "Accepted; beds are removed from corridors." } : null),
  },
  finding: { leaf: "{ id }", value: (key) => ({ id: recommendationRow(key).finding_id }) },
};

const recommendationCells = (): Cell[] =>
  Object.entries(RECOMMENDATION_VALUES).flatMap(([field, { leaf, value }]) => {
    const step: Step = { field, scopes: scopesOf(`Recommendation.${field}`) };
    return [
      {
        name: `Recommendation.${field} (recommendation(id), unpublished, another facility than the staff's)`,
        steps: [recommendationAway, step],
        leaf,
        expected: (caller) => (readsRecommendation(caller, "away") ? value("away") : null),
      },
      {
        name: `Recommendation.${field} (Facility.openRecommendations, published)`,
        steps: [facility("F1Ref"), { field: "openRecommendations", list: true }, step],
        leaf,
        expected: () => value("pubOpen"),
      },
    ];
  });

const RESPONSE_VALUES: Record<string, (key: string) => unknown> = {
  accepted: () => true,
  text: () => "Accepted; beds are removed from corridors.",
  respondedAt: (key) => iso(recommendationRow(key).responded_at),
  respondedBy: () => ALL_ROLES_SUB,
};

const responseCells = (): Cell[] =>
  Object.entries(RESPONSE_VALUES).flatMap(([field, value]) => {
    const step: Step = { field, scopes: scopesOf(`RecommendationResponse.${field}`) };
    return [
      {
        name: `RecommendationResponse.${field} (recommendation(id), unpublished)`,
        steps: [recommendationAway, { field: "response" }, step],
        expected: (caller) => (readsRecommendation(caller, "away") ? value("away") : null),
      },
      {
        name: `RecommendationResponse.${field} (recommendation(id), published)`,
        steps: [recommendationPublished, { field: "response" }, step],
        expected: () => value("pubAnswered"),
      },
    ];
  });

const incidentRow = (key: string) => rows[`incident:${key}`];
const INCIDENT_VALUES: Record<string, { leaf?: string; value: (key: string) => unknown }> = {
  type: { value: (key) => incidentRow(key).type },
  at: { value: (key) => iso(incidentRow(key).at) },
  narrative: { value: (key) => incidentRow(key).narrative },
  status: { value: (key) => incidentRow(key).status },
  reportedAt: { value: (key) => iso(incidentRow(key).reported_at) },
  updatedAt: { value: (key) => iso(incidentRow(key).updated_at) },
  facility: { leaf: "{ id }", value: (key) => ({ id: incidentRow(key).facility_id }) },
  subjectRefs: {
    value: (key) => (incidentRow(key).case_ids as string[]).map((id) => subjectRef(id, TEST_SUBJECT_REF_KEY)),
  },
};

const incidentCells = (): Cell[] =>
  Object.entries(INCIDENT_VALUES).flatMap(([field, { leaf, value }]) => {
    const step: Step = { field, scopes: scopesOf(`Incident.${field}`) };
    return [
      {
        name: `Incident.${field} (incident(id), another facility than the staff's)`,
        steps: [incidentF2, step],
        leaf,
        expected: (caller) => (readsIncident(caller, "iF2") ? value("iF2") : null),
      },
      {
        name: `Incident.${field} (_entities, the staff's facility)`,
        steps: [incidentF1Entity, step],
        leaf,
        expected: (caller) => (readsIncident(caller, "iF1") ? value("iF1") : null),
      },
    ];
  });

const complaintRow = (key: string) => rows[`complaint:${key}`];
const escalationRow = (key: string) => rows[`escalation:${key}`];
const COMPLAINT_VALUES: Record<string, { leaf?: string; value: (key: "all" | "client", caller: Caller) => unknown }> = {
  channel: { value: (key) => complaintRow(key).channel },
  anonymous: { value: (key) => complaintRow(key).anonymous },
  category: { value: (key) => complaintRow(key).category },
  text: { value: (key) => complaintRow(key).text },
  status: { value: (key) => complaintRow(key).status },
  receivedAt: { value: (key) => iso(complaintRow(key).received_at) },
  dueAt: { value: (key) => iso(complaintRow(key).due_at) },
  updatedAt: { value: (key) => iso(complaintRow(key).updated_at) },
  receiptCode: { value: (key) => maskedReceiptCode(complaintRow(key).receipt_code_last_group) },
  escalations: { leaf: "{ to }", value: (key) => [{ to: escalationRow(key).escalated_to }] },
  decision: { leaf: "{ outcome }", value: () => ({ outcome: "PARTLY_UPHELD" }) },
  facility: { leaf: "{ id }", value: (key) => ({ id: complaintRow(key).facility_id }) },
  // Withheld (null) from those who could turn the pseudonym into a name.
  subjectRef: {
    value: (key, caller) =>
      NAMES_PSEUDONYMS.includes(caller) ? null : subjectRef(complaintRow(key).case_id, TEST_SUBJECT_REF_KEY),
  },
  complainantName: { value: (key) => complaintRow(key).complainant_name },
  complainantContact: { value: (key) => complaintRow(key).complainant_contact },
  case: { leaf: "{ id }", value: (key) => ({ id: complaintRow(key).case_id }) },
};

const complaintCells = (): Cell[] =>
  Object.entries(COMPLAINT_VALUES).flatMap(([field, { leaf, value }]) => {
    const scopes = scopesOf(`Complaint.${field}`);
    const step: Step = { field, scopes };
    // A field needing more than complaint:read is tried on a complaint every complaint reader reaches.
    const second = scopes.includes(ID) ? "all" : "client";
    return [
      {
        name: `Complaint.${field} (complaint(id))`,
        steps: [complaintAll, step],
        leaf,
        expected: (caller) => (readsComplaint(caller, "all") ? value("all", caller) : null),
      },
      {
        name: `Complaint.${field} (_entities, ${second === "all" ? "the same complaint" : "a client's complaint"})`,
        steps: [second === "all" ? complaintAllEntity : complaintClientEntity, step],
        leaf,
        expected: (caller) => (readsComplaint(caller, second) ? value(second, caller) : null),
      },
    ];
  });

const nestedComplaintCells = (): Cell[] => {
  const escalation: Record<string, (key: "all" | "client") => unknown> = {
    to: (key) => escalationRow(key).escalated_to,
    at: (key) => iso(escalationRow(key).escalated_at),
    reason: (key) => escalationRow(key).reason,
  };
  const decision: Record<string, (key: "all" | "client") => unknown> = {
    outcome: () => "PARTLY_UPHELD",
    text: () => "Upheld in part; the facility is to report back.",
    decidedAt: (key) => iso(complaintRow(key).decided_at),
  };
  const nested = (type: string, container: Step, values: Record<string, (key: "all" | "client") => unknown>) =>
    Object.entries(values).flatMap(([field, value]): Cell[] => {
      const step: Step = { field, scopes: scopesOf(`${type}.${field}`) };
      return [
        {
          name: `${type}.${field} (complaint(id))`,
          steps: [complaintAll, container, step],
          expected: (caller) => (readsComplaint(caller, "all") ? value("all") : null),
        },
        {
          name: `${type}.${field} (_entities, a client's complaint)`,
          steps: [complaintClientEntity, container, step],
          expected: (caller) => (readsComplaint(caller, "client") ? value("client") : null),
        },
      ];
    });
  return [
    ...nested(
      "ComplaintEscalation",
      { field: "escalations", scopes: scopesOf("Complaint.escalations"), list: true },
      escalation,
    ),
    ...nested("ComplaintDecision", { field: "decision", scopes: scopesOf("Complaint.decision") }, decision),
  ];
};

/** The ids of a list in its order, as the caller reads it. */
const listed = (all: string[], reads: (id: string) => boolean) => all.filter(reads);
const keyOf = <K extends string>(ids: Record<K, string>, id: string) =>
  (Object.keys(ids) as K[]).find((key) => ids[key] === id) as K;
const openRecommendationsOf = (facilityId: string, caller: Caller) =>
  (Object.keys(s.recommendations) as (keyof Scenario["recommendations"])[])
    .filter((key) => recommendationRow(key).facility_id === facilityId && recommendationRow(key).status === "OPEN")
    .filter((key) => readsRecommendation(caller, key))
    .sort((a, b) => recommendationRow(a).due_at.getTime() - recommendationRow(b).due_at.getTime())
    .map((key) => ({ id: s.recommendations[key] }));

const rootCells = (): Cell[] => [
  {
    name: "Query.visits",
    steps: [{ field: "visits", args: "(first: 20)" }],
    leaf: "{ edges { node { id } } }",
    expected: (caller) => ({
      edges: listed(order.visits, (id) => readsVisit(caller, keyOf(s.visits, id))).map((id) => ({ node: { id } })),
    }),
  },
  {
    name: "Query.visit (an unannounced visit not yet started)",
    steps: [{ field: "visit", args: "(id: $surpriseOther)" }],
    leaf: "{ id plannedFor }",
    expected: (caller) =>
      readsVisit(caller, "surpriseOther")
        ? { id: s.visits.surpriseOther, plannedFor: iso(visitRow("surpriseOther").planned_for) }
        : null,
  },
  {
    name: "Query.recommendation (on an unannounced visit not yet started)",
    steps: [{ field: "recommendation", args: "(id: $recSurprise)" }],
    leaf: "{ id }",
    expected: (caller) => (readsRecommendation(caller, "surprise") ? { id: s.recommendations.surprise } : null),
  },
  ...(["F1", "F2"] as const).flatMap((f): Cell[] => [
    {
      name: `Facility.visits (${f})`,
      steps: [facility(`${f}Ref`), { field: "visits", scopes: scopesOf("Facility.visits") }],
      leaf: "{ id }",
      expected: (caller) =>
        listed(order.visits, (id) => visitRow(keyOf(s.visits, id)).facility_id === s[f])
          .filter((id) => readsVisit(caller, keyOf(s.visits, id)))
          .map((id) => ({ id })),
    },
    {
      name: `Facility.openRecommendations (${f})`,
      steps: [facility(`${f}Ref`), { field: "openRecommendations", scopes: scopesOf("Facility.openRecommendations") }],
      leaf: "{ id }",
      expected: (caller) => openRecommendationsOf(s[f], caller),
    },
  ]),
  {
    name: "Query.incident",
    steps: [incidentF2],
    leaf: "{ id }",
    expected: (caller) => (readsIncident(caller, "iF2") ? { id: s.incidents.iF2 } : null),
  },
  {
    name: "Query.incidents",
    steps: [{ field: "incidents", args: "(first: 20)", scopes: [R] }],
    leaf: "{ edges { node { id } } }",
    expected: (caller) => ({
      edges: listed(order.incidents, (id) => readsIncident(caller, keyOf(s.incidents, id))).map((id) => ({
        node: { id },
      })),
    }),
  },
  {
    name: "Query.complaint",
    steps: [complaintAll],
    leaf: "{ id }",
    expected: (caller) => (readsComplaint(caller, "all") ? { id: s.complaints.all } : null),
  },
  {
    name: "Query.complaints",
    steps: [{ field: "complaints", args: "(first: 20)", scopes: [C] }],
    leaf: "{ edges { node { id } } }",
    expected: (caller) => ({
      edges: listed(order.complaints, (id) => readsComplaint(caller, keyOf(s.complaints, id))).map((id) => ({
        node: { id },
      })),
    }),
  },
  {
    // The audit trail: its reference is public (just its id); the events need audit:read.
    name: "AuditTrail.monitoring (_entities)",
    steps: [
      entities("trailRef", "AuditTrail"),
      { field: "monitoring", args: "(first: 1)", scopes: [SCOPES.AUDIT_READ] },
    ],
    leaf: "{ pageInfo { hasNextPage } }",
    expected: () => ({ pageInfo: { hasNextPage: true } }),
  },
];

// The overdue ledger, 40 days after the last complaint was filed: every complaint not decided is
// past its 30 days, the two still RECEIVED past their 72 h acknowledgement; of the OPEN
// recommendations, those addressed to facility management and due by then are the operator's.
const DAY = 86_400_000;
const ledgerAsOf = () => new Date(rows["complaint:other"].received_at.getTime() + 40 * DAY);
const bandOf = (days: number) =>
  days <= 7 ? "DAYS_0_TO_7" : days <= 30 ? "DAYS_8_TO_30" : days <= 90 ? "DAYS_31_TO_90" : "OVER_90_DAYS";
const timing = (dueAt: Date) => {
  const days = Math.floor((ledgerAsOf().getTime() - dueAt.getTime()) / DAY);
  return { dueAt: dueAt.toISOString(), daysOverdue: days, band: bandOf(days) };
};
const overdueComplaintsOf = (caller: Caller) => {
  const asOf = ledgerAsOf();
  const owed: { kind: string; dueAt: Date; id: string }[] = [];
  for (const key of Object.keys(s.complaints) as (keyof Scenario["complaints"])[]) {
    if (!readsComplaint(caller, key)) continue;
    const row = complaintRow(key);
    const acknowledgeBy = new Date(row.received_at.getTime() + 3 * DAY);
    if (row.status === "RECEIVED" && acknowledgeBy < asOf)
      owed.push({ kind: "COMPLAINT_ACKNOWLEDGEMENT", dueAt: acknowledgeBy, id: row.id });
    if (row.due_at < asOf && (row.decided_at === null || row.decided_at > asOf))
      owed.push({ kind: "COMPLAINT_DECISION", dueAt: row.due_at, id: row.id });
  }
  return owed
    .sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime() || a.id.localeCompare(b.id))
    .map(({ kind, dueAt, id }) => ({ kind, ...timing(dueAt), complaint: { id } }));
};
const overdueRecommendationsOf = (caller: Caller) =>
  (Object.keys(s.recommendations) as (keyof Scenario["recommendations"])[])
    .filter((key) => recommendationRow(key).status === "OPEN" && recommendationRow(key).due_at < ledgerAsOf())
    .filter((key) => recommendationRow(key).addressee === "Facility management")
    .filter((key) => readsRecommendation(caller, key))
    .sort((a, b) => recommendationRow(a).due_at.getTime() - recommendationRow(b).due_at.getTime())
    .map((key) => ({
      kind: "RECOMMENDATION_RESPONSE",
      ...timing(recommendationRow(key).due_at),
      recommendation: { id: s.recommendations[key] },
    }));

const ledgerCells = (): Cell[] => {
  const complaints: Step = { field: "complaints", args: "(asOf: $ledgerAsOf)", scopes: [C], list: true };
  const responses: Step = { field: "recommendationResponses", args: "(asOf: $ledgerAsOf)", list: true };
  const ombudsperson = entities("ombudspersonLedger", "OverdueLedger");
  const operator = entities("operatorLedger", "OverdueLedger");
  return [
    {
      name: "OverdueLedger.complaints",
      steps: [ombudsperson, { ...complaints, list: false }],
      leaf: "{ kind dueAt daysOverdue band complaint { id } }",
      expected: (caller) => overdueComplaintsOf(caller),
    },
    ...["kind", "dueAt", "daysOverdue", "band", "complaint"].map((field): Cell => ({
      name: `OverdueComplaintObligation.${field}`,
      steps: [ombudsperson, complaints, { field, scopes: scopesOf(`OverdueComplaintObligation.${field}`) }],
      leaf: field === "complaint" ? "{ id }" : undefined,
      expected: (caller) => (overdueComplaintsOf(caller)[0] as Record<string, unknown> | undefined)?.[field],
    })),
    {
      name: "OverdueLedger.recommendationResponses",
      steps: [operator, { ...responses, list: false }],
      leaf: "{ kind dueAt daysOverdue band recommendation { id } }",
      expected: (caller) => overdueRecommendationsOf(caller),
    },
    ...["kind", "dueAt", "daysOverdue", "band", "recommendation"].map((field): Cell => ({
      name: `OverdueRecommendationResponse.${field}`,
      steps: [operator, responses, { field, scopes: scopesOf(`OverdueRecommendationResponse.${field}`) }],
      leaf: field === "recommendation" ? "{ id }" : undefined,
      expected: (caller) => (overdueRecommendationsOf(caller)[0] as Record<string, unknown> | undefined)?.[field],
    })),
  ];
};

// The quarter's public figures: the same for every caller, the public included.
const statisticsCells = (): Cell[] => {
  const zero = (indicator: string, dimension: string | null = null) => ({
    indicator,
    dimension,
    value: 0,
    suppressed: false,
  });
  const withheld = (indicator: string) => ({ indicator, dimension: null, value: null, suppressed: true });
  return [
    {
      name: "StatisticsQuarter.monitoringFigures (_entities)",
      steps: [
        entities("quarterRef", "StatisticsQuarter"),
        { field: "monitoringFigures", scopes: scopesOf("StatisticsQuarter.monitoringFigures") },
      ],
      leaf: "{ indicator dimension value suppressed }",
      expected: () => [
        // No category listed: a breakdown lists only the parts published above zero.
        zero("complaints"),
        withheld("complaint_resolution_days_median"),
        zero("complaints_overdue"),
        zero("recommendations_due"),
        zero("recommendations_implemented"),
        withheld("recommendation_implementation_rate"),
        zero("incidents"),
      ],
    },
  ];
};

describeRoleTable("the role table: every protected field, every door, every caller", () => ({
  cells: [
    ...rootCells(),
    ...visitCells(),
    ...findingCells(),
    ...recommendationCells(),
    ...responseCells(),
    ...incidentCells(),
    ...complaintCells(),
    ...nestedComplaintCells(),
    ...ledgerCells(),
    ...statisticsCells(),
  ],
  variables: () =>
    Object.fromEntries(Object.entries(VARIABLES).map(([name, { type, value }]) => [name, { type, value: value() }])),
  callAs: (caller) => callAs(h, caller, s),
  send: (query, variables, as) => h.gql(query, variables, as),
  schema: () => definition.buildSchema(),
}));

// ---------------------------------------------------------------------------------------------

/**
 * The fields that lead to a person, through every shape a selection can take: aliases, named
 * fragments, inline fragments, `_entities` with an alias. Expected: the value, FORBIDDEN at the
 * exact (aliased) path, or null where a record rule withholds it.
 */
describe("fields that lead to a person, through aliases and fragments", () => {
  type Outcome = { value: unknown } | { forbiddenAt: (string | number)[] } | { absentAt: (string | number)[] };
  interface Shape {
    name: string;
    query: string;
    path: (string | number)[];
    outcome: (caller: Caller) => Outcome;
  }
  const complaintRoot = (caller: Caller, path: (string | number)[], root: (string | number)[]) =>
    !HOLDERS[C].includes(caller as Role) ? { forbiddenAt: root } : { forbiddenAt: path };
  const name = (caller: Caller, path: (string | number)[], root: (string | number)[]): Outcome =>
    caller === "ombudsperson" ? { value: "Arben Krasniqi" } : complaintRoot(caller, path, root);

  const SHAPES: Shape[] = [
    {
      name: "complainantName, aliased",
      query: `query($id: ID!) { complaint(id: $id) { who: complainantName } }`,
      path: ["complaint", "who"],
      outcome: (caller) => name(caller, ["complaint", "who"], ["complaint"]),
    },
    {
      name: "complainantName, aliased root",
      query: `query($id: ID!) { c: complaint(id: $id) { complainantName } }`,
      path: ["c", "complainantName"],
      outcome: (caller) => name(caller, ["c", "complainantName"], ["c"]),
    },
    {
      name: "complainantName, named fragment",
      query: `query($id: ID!) { complaint(id: $id) { ...Who } } fragment Who on Complaint { complainantName }`,
      path: ["complaint", "complainantName"],
      outcome: (caller) => name(caller, ["complaint", "complainantName"], ["complaint"]),
    },
    {
      name: "complainantName, _entities through a named fragment with an alias",
      query: `query($r: [_Any!]!) { _entities(representations: $r) { ...Who } } fragment Who on Complaint { name: complainantName }`,
      path: ["_entities", 0, "name"],
      outcome: (caller) =>
        !HOLDERS[C].includes(caller as Role)
          ? { absentAt: ["_entities", 0] }
          : caller === "ombudsperson"
            ? { value: "Arben Krasniqi" }
            : { forbiddenAt: ["_entities", 0, "name"] },
    },
    {
      name: "case, aliased inside an inline fragment",
      query: `query($id: ID!) { complaint(id: $id) { ... on Complaint { about: case { id } } } }`,
      path: ["complaint", "about"],
      outcome: (caller) =>
        caller === "ombudsperson"
          ? { value: { id: s.cases.client } }
          : complaintRoot(caller, ["complaint", "about"], ["complaint"]),
    },
    {
      name: "subjectRef, aliased in a named fragment",
      query: `query($id: ID!) { complaint(id: $id) { ...Ref } } fragment Ref on Complaint { pseudonym: subjectRef }`,
      path: ["complaint", "pseudonym"],
      outcome: (caller) =>
        !HOLDERS[C].includes(caller as Role)
          ? { forbiddenAt: ["complaint"] }
          : { value: NAMES_PSEUDONYMS.includes(caller) ? null : subjectRef(s.cases.client, TEST_SUBJECT_REF_KEY) },
    },
    {
      name: "an unannounced visit's date, aliased through a named fragment on _entities",
      query: `query($r: [_Any!]!) { _entities(representations: $r) { ...When } } fragment When on MonitoringVisit { when: plannedFor }`,
      path: ["_entities", 0, "when"],
      outcome: (caller) =>
        readsVisit(caller, "surpriseOther")
          ? { value: iso(visitRow("surpriseOther").planned_for) }
          : { absentAt: ["_entities", 0] },
    },
  ];

  const table = SHAPES.flatMap((shape) => CALLERS.map((caller) => [shape.name, caller, shape] as const));

  it.each(table)("%s as %s", async (_name, caller, shape) => {
    const res: GraphQLResponse = await h.gql(
      shape.query,
      {
        id: s.complaints.all,
        r: shape.query.includes("MonitoringVisit")
          ? [{ __typename: "MonitoringVisit", id: s.visits.surpriseOther }]
          : [{ __typename: "Complaint", id: s.complaints.all }],
      },
      await callAs(h, caller, s),
    );
    const at = (path: (string | number)[]) =>
      path.reduce<any>((value, key) => (value === null || value === undefined ? value : value[key]), res.data);
    const outcome = shape.outcome(caller);
    expect(res.status).toBe(200);
    if ("value" in outcome) {
      expect(res.errors).toBeUndefined();
      expect(at(shape.path)).toEqual(outcome.value);
    } else if ("forbiddenAt" in outcome) {
      expect(res.errors).toEqual([
        expect.objectContaining({
          path: outcome.forbiddenAt,
          extensions: expect.objectContaining({ code: "FORBIDDEN" }),
        }),
      ]);
      expect(at(outcome.forbiddenAt)).toBeNull();
    } else {
      expect(res.errors).toBeUndefined();
      expect(at(outcome.absentAt)).toBeNull();
    }
  });
});
