import { randomUUID } from "node:crypto";
import {
  type CallAs,
  DEFAULT_AUDIENCE,
  DEV_ISSUER,
  type GraphQLResponse,
  TEST_SUBJECT_REF_KEY,
  generateKeyPairJwk,
  graphqlRequest,
  signToken,
  subjectRef,
} from "@kgraph/platform";
import { type Role, SCOPES, type Scope } from "@kgraph/policy";
import { type Caller, type Cell, type Step, CALLERS, callerHolds, describeRoleTable } from "@kgraph/testkit";
import { definition } from "../src";
import type { Agreement } from "../src/modules/agreement/agreement.entity";
import type { Case } from "../src/modules/case/case.entity";
import { CaseStatus } from "../src/modules/case/case-status";
import { type CasesHarness, startCasesHarness } from "./harness";
import { type Fixture, createFixture, createResidenceStandIn, databaseDigest } from "./authorization.fixtures";

/**
 * THE SCOPE TABLE of the cases subgraph, cell by cell, against the subgraph itself (no gateway):
 * for every role of the policy and the public caller, every field of every type is either
 * allowed (the exact data comes back) or denied (FORBIDDEN at its exact path, nothing leaks).
 *
 * The expectations come from this file's own transcription of the scope table (REQUIRED below,
 * DESIGN §3 and the brief of issue 3) and from the policy's role → scopes mapping; never from
 * the decorators under test.
 */

const CR = SCOPES.CASE_READ;
const PR = SCOPES.PERSON_READ;
const DOCS = SCOPES.PERSON_DOCUMENTS_READ;
const SENS = SCOPES.CASE_SENSITIVE_READ;
const PRIV = SCOPES.CASE_PRIVILEGED;

let h: CasesHarness;
let f: Fixture;

beforeAll(async () => {
  h = await startCasesHarness();
  await createResidenceStandIn(h.db);
  f = await createFixture(h.db);
});
afterAll(async () => {
  await h?.stop();
});

/** How each caller signs in: counsel as the fixture's counsel of record, staff of its facility. */
async function callAs(caller: Caller): Promise<CallAs> {
  if (caller === "public") return { token: await h.auth.publicToken() };
  if (caller === "legal_counsel") return { roles: [caller], sub: f.counselId };
  if (caller === "facility_staff") return { roles: [caller], sub: randomUUID(), facility_id: f.facilityId };
  return { roles: [caller], sub: randomUUID() };
}

const holds = callerHolds;

const caseT: Step = { field: "case", args: "(id: $t)", scopes: [CR] };
const caseP: Step = { field: "case", args: "(id: $p)", scopes: [CR] };
const transferQ: Step = { field: "transfer", args: "(id: $tr)", scopes: [CR] };
const agreements: Step = { field: "agreements", list: true };
const representation: Step = { field: "representation", scopes: [CR] };
const contact: Step = { field: "counselContacts", scopes: [CR], list: true };
const note: Step = { field: "privilegedNotes", scopes: [CR], list: true };
const review: Step = { field: "reviews", scopes: [CR], list: true };
const screening: Step = { field: "screenings", scopes: [CR], list: true };
const flag: Step = { field: "vulnerabilityFlags", scopes: [CR], list: true };
const person: Step = { field: "person", scopes: [PR] };
const documents: Step = { field: "identityDocuments", scopes: [PR, DOCS], list: true };
const caseEntity: Step = {
  field: "_entities",
  args: "(representations: $caseRefs)",
  list: true,
  recordScopes: [CR],
  on: "Case",
};
const transferEntity: Step = {
  field: "_entities",
  args: "(representations: $transferRefs)",
  list: true,
  recordScopes: [CR],
  on: "Transfer",
};

const ledgerEntity: Step = {
  field: "_entities",
  args: "(representations: $ledgerRefs)",
  list: true,
  on: "OverdueLedger",
};
const quarterEntity: Step = {
  field: "_entities",
  args: "(representations: $quarterRefs)",
  list: true,
  on: "StatisticsQuarter",
};
const overdueOffers: Step = { field: "counselOffers", args: "(asOf: $offerAsOf)", scopes: [CR], list: true };

const iso = (d: Date | null) => (d ? d.toISOString() : null);
/** A field of the main case T and its expected value. */
const caseField = (field: string, scopes: Scope[], expected: (c: Case) => unknown, leaf?: string): Cell => ({
  name: `Case.${field}`,
  steps: [caseT, { field, scopes }],
  leaf,
  expected: () => expected(f.t),
});

const CELLS: Cell[] = [
  // Query and the public part of the graph.
  {
    name: "Query.agreements",
    steps: [{ field: "agreements" }],
    leaf: "{ id }",
    expected: () => [{ id: f.agreement.id }],
  },
  {
    name: "Query.programmeStatistics",
    steps: [{ field: "programmeStatistics", args: '(from: "2026-01", to: "2026-01")' }],
    leaf: "{ from to agreement { id } suppressionThreshold totalArrivals totalSuppressed arrivalsByMonth { month complete arrivals suppressed monthlyCap } arrivalsByNationality { nationality arrivals suppressed } arrivalsByQuarter { quarter complete nationalities { nationality arrivals } nationalitiesWithheld } }",
    // One arrival in January: a count below 5, withheld, and its nationality not named.
    expected: () => ({
      from: "2026-01",
      to: "2026-01",
      agreement: null,
      suppressionThreshold: 5,
      totalArrivals: null,
      totalSuppressed: true,
      arrivalsByMonth: [{ month: "2026-01", complete: true, arrivals: null, suppressed: true, monthlyCap: 150 }],
      arrivalsByNationality: [],
      arrivalsByQuarter: [{ quarter: "2026-Q1", complete: true, nationalities: [], nationalitiesWithheld: true }],
    }),
  },
  {
    // Public quarter figures, the same for everyone: 2025-Q4 is before the fixture's agreement
    // and arrivals, so every count is 0 and both medians are withheld (a base of 0).
    name: "StatisticsQuarter.caseFigures",
    steps: [quarterEntity, { field: "caseFigures" }],
    leaf: "{ indicator dimension value suppressed }",
    expected: () => [
      ...["2025-10", "2025-11", "2025-12", null].map((dimension) => ({
        indicator: "arrivals",
        dimension,
        value: 0,
        suppressed: false,
      })),
      { indicator: "arrival_to_counsel_hours_median", dimension: null, value: null, suppressed: true },
      { indicator: "arrival_to_screening_hours_median", dimension: null, value: null, suppressed: true },
      // No outcome listed: a breakdown lists only the parts published above zero.
      { indicator: "onward_outcomes", dimension: null, value: 0, suppressed: false },
    ],
  },
  {
    // The audit trail's root: auditors and the Ombudsperson only.
    name: "Query.auditTrail",
    steps: [{ field: "auditTrail", scopes: [SCOPES.AUDIT_READ] }],
    leaf: "{ id }",
    expected: () => ({ id: "audit" }),
  },
  { name: "Query.case", steps: [caseT], leaf: "{ id }", expected: () => ({ id: f.t.id }) },
  {
    name: "Query.cases",
    steps: [{ field: "cases", args: "(first: 10)", scopes: [CR] }],
    leaf: "{ edges { node { id } } }",
    // Newest first; counsel and facility staff only the cases of their record rule (T and P).
    expected: (caller) => ({
      edges: (caller === "legal_counsel" || caller === "facility_staff"
        ? [f.p, f.t]
        : [f.accepted, f.nominated, f.p, f.t]
      ).map((c) => ({ node: { id: c.id } })),
    }),
  },
  { name: "Query.transfer", steps: [transferQ], leaf: "{ id }", expected: () => ({ id: f.transfer.id }) },
  {
    name: "Query.transfers",
    steps: [{ field: "transfers", args: "(first: 10)", scopes: [CR] }],
    leaf: "{ edges { node { id } } }",
    // A restricted reader sees only the transfers carrying a case of its rule (T's, not the planned one).
    expected: (caller) => ({
      edges: (caller === "legal_counsel" || caller === "facility_staff"
        ? [f.transfer.id]
        : [f.plannedTransferId, f.transfer.id]
      ).map((id) => ({ node: { id } })),
    }),
  },
  ...(
    [
      ["id", (a: Agreement) => a.id],
      ["title", (a: Agreement) => a.title],
      ["parties", (a: Agreement) => a.parties],
      ["termStart", (a: Agreement) => a.termStart],
      ["termEnd", (a: Agreement) => a.termEnd],
      ["monthlyCap", (a: Agreement) => a.monthlyCap],
      ["totalCap", (a: Agreement) => a.totalCap],
      ["status", (a: Agreement) => a.status],
    ] as const
  ).map(([field, value]): Cell => ({
    name: `Agreement.${field}`,
    steps: [agreements, { field }],
    expected: () => value(f.agreement),
  })),

  // Case (the main case T: arrived, placed in the facility, counsel of record, every record kind).
  // Its id is the entity key: no decorator.
  caseField("id", [], (c) => c.id),
  caseField("caseNumber", [CR], (c) => c.caseNumber),
  caseField("status", [CR], () => CaseStatus.ACCOMMODATED),
  caseField("nationality", [CR], () => "AF"),
  caseField("ageBand", [CR], () => "AGE_26_35"),
  caseField("openedAt", [CR], (c) => iso(c.openedAt)),
  caseField("arrivedAt", [CR], (c) => iso(c.arrivedAt)),
  caseField("closedAt", [CR], () => null),
  // Free text about the person (why a case was declined or closed): sensitive.
  caseField("statusReason", [SENS], () => null),
  caseField("subjectRef", [CR], (c) => subjectRef(c.id, TEST_SUBJECT_REF_KEY)),
  caseField("agreement", [CR], () => ({ id: f.agreement.id }), "{ id }"),
  caseField("assignedOfficer", [CR], () => ({ id: f.officialId }), "{ id }"),
  caseField("representation", [CR], () => ({ id: f.representationId }), "{ id }"),
  caseField("representationHistory", [CR], () => [{ id: f.representationId }], "{ id }"),
  caseField("counselContacts", [CR], () => [{ id: f.contactId }], "{ id }"),
  caseField("privilegedNotes", [CR], () => [{ id: f.noteId }], "{ id }"),
  caseField("reviews", [CR], () => [{ id: f.reviewId }], "{ id }"),
  caseField("screenings", [CR], () => [{ id: f.screeningId }], "{ id }"),
  caseField("transfer", [CR], () => ({ id: f.transfer.id }), "{ id }"),
  caseField("vulnerabilityFlags", [CR], () => [{ id: f.flagId }], "{ id }"),
  {
    name: "Case.person (after handover)",
    steps: [caseT, person],
    leaf: "{ __typename }",
    // A DHS liaison reads identity only until the handover; T has been handed over.
    expected: (caller) => (caller === "dhs_liaison" ? null : { __typename: "Person" }),
  },
  {
    name: "Case.person (before handover)",
    steps: [caseP, person],
    leaf: "{ __typename }",
    expected: () => ({ __typename: "Person" }),
  },
  {
    name: "Official.id",
    steps: [caseT, { field: "assignedOfficer", scopes: [CR] }, { field: "id" }],
    expected: () => f.officialId,
  },

  // Person (of the case P, not yet handed over, so a DHS liaison may read it too).
  ...(["givenNames", "familyName", "dateOfBirth", "sex", "languages"] as const).map((field): Cell => ({
    name: `Person.${field}`,
    steps: [caseP, person, { field, scopes: [PR] }],
    expected: () => f.pPerson[field],
  })),
  {
    name: "Person.identityDocuments",
    steps: [caseP, person, { ...documents, list: false }],
    leaf: "{ __typename }",
    expected: () => [{ __typename: "IdentityDocument" }],
  },
  ...(["type", "number", "issuingCountry", "expiresOn"] as const).map((field): Cell => ({
    name: `IdentityDocument.${field}`,
    steps: [caseP, person, documents, { field, scopes: [PR, DOCS] }],
    expected: () => f.pPerson.identityDocuments[0][field] ?? null,
  })),

  // LegalRepresentation
  ...(
    [
      ["id", () => f.representationId],
      ["counselId", () => f.counselId],
      ["organisation", () => "Legal Aid Kosovo (synthetic)"],
      ["from", () => "2026-01-16T09:00:00.000Z"],
      ["to", () => null],
    ] as const
  ).map(([field, value]): Cell => ({
    name: `LegalRepresentation.${field}`,
    steps: [caseT, representation, { field, scopes: [CR] }],
    expected: value,
  })),
  {
    name: "LegalRepresentation.case",
    steps: [caseT, representation, { field: "case", scopes: [CR] }],
    leaf: "{ id }",
    expected: () => ({ id: f.t.id }),
  },

  // CounselContactEvent
  ...(
    [
      ["id", () => f.contactId],
      ["counselId", () => f.counselId],
      ["requestedAt", () => "2026-01-17T08:00:00.000Z"],
      ["grantedAt", () => "2026-01-17T10:00:00.000Z"],
      ["heldAt", () => "2026-01-18T10:00:00.000Z"],
      ["deniedReason", () => null],
      ["recordedAt", () => "2026-01-18T11:00:00.000Z"],
    ] as const
  ).map(([field, value]): Cell => ({
    name: `CounselContactEvent.${field}`,
    // Why contact with counsel was denied is free text about the person: sensitive.
    steps: [caseT, contact, { field, scopes: field === "deniedReason" ? [SENS] : [CR] }],
    expected: value,
  })),
  {
    name: "CounselContactEvent.case",
    steps: [caseT, contact, { field: "case", scopes: [CR] }],
    leaf: "{ id }",
    expected: () => ({ id: f.t.id }),
  },

  // PrivilegedNote: anyone with case:read may see that it exists; its text only its author.
  ...(
    [
      ["id", () => f.noteId],
      ["counselId", () => f.counselId],
      ["createdAt", () => "2026-01-18T12:00:00.000Z"],
    ] as const
  ).map(([field, value]): Cell => ({
    name: `PrivilegedNote.${field}`,
    steps: [caseT, note, { field, scopes: [CR] }],
    expected: value,
  })),
  {
    name: "PrivilegedNote.text",
    steps: [caseT, note, { field: "text", scopes: [PRIV] }],
    expected: () => "Client instructs to appeal the return decision.",
  },
  {
    name: "PrivilegedNote.case",
    steps: [caseT, note, { field: "case", scopes: [CR] }],
    leaf: "{ id }",
    expected: () => ({ id: f.t.id }),
  },

  // CaseReview and its decisions
  ...(
    [
      ["id", () => f.reviewId],
      ["heldAt", () => "2026-01-20T09:00:00.000Z"],
      ["panel", () => ["MIA case officer", "Centre for Social Work"]],
      ["recordedAt", () => "2026-01-20T12:00:00.000Z"],
    ] as const
  ).map(([field, value]): Cell => ({
    name: `CaseReview.${field}`,
    steps: [caseT, review, { field, scopes: [CR] }],
    expected: value,
  })),
  {
    // What a review decides reveals medical and protection outcomes: sensitive.
    name: "CaseReview.decisions",
    steps: [caseT, review, { field: "decisions", scopes: [SENS] }],
    leaf: "{ __typename }",
    expected: () => [{ __typename: "ReviewDecision" }],
  },
  {
    name: "CaseReview.case",
    steps: [caseT, review, { field: "case", scopes: [CR] }],
    leaf: "{ id }",
    expected: () => ({ id: f.t.id }),
  },
  ...(
    [
      ["code", () => "MEDICAL_REFERRAL"],
      ["text", () => "Refer to the regional hospital's diabetes clinic."],
    ] as const
  ).map(([field, value]): Cell => ({
    name: `ReviewDecision.${field}`,
    steps: [caseT, review, { field: "decisions", scopes: [SENS], list: true }, { field, scopes: [SENS] }],
    expected: value,
  })),

  // ProtectionScreening
  ...(
    [
      ["id", [CR], () => f.screeningId],
      ["destinationCountry", [CR], () => "AF"],
      ["outcome", [SENS], () => "RISK_IDENTIFIED"],
      ["claimSummary", [SENS], () => "Fears persecution as a former interpreter."],
      ["screenedAt", [CR], () => "2026-01-21T09:00:00.000Z"],
      ["recordedAt", [CR], () => "2026-01-21T12:00:00.000Z"],
    ] as const
  ).map(([field, scopes, value]): Cell => ({
    name: `ProtectionScreening.${field}`,
    steps: [caseT, screening, { field, scopes: [...scopes] }],
    expected: value,
  })),
  {
    name: "ProtectionScreening.case",
    steps: [caseT, screening, { field: "case", scopes: [CR] }],
    leaf: "{ id }",
    expected: () => ({ id: f.t.id }),
  },
  {
    name: "ProtectionScreening.screenedBy",
    steps: [caseT, screening, { field: "screenedBy", scopes: [CR] }],
    leaf: "{ id }",
    expected: () => ({ id: f.officialId }),
  },

  // VulnerabilityFlag
  ...(
    [
      ["id", [CR], () => f.flagId],
      ["code", [CR], () => "MEDICAL"],
      ["source", [CR], () => "MEDICAL_ASSESSMENT"],
      ["status", [CR], () => "CONFIRMED"],
      ["detail", [SENS], () => "Type 1 diabetes."],
      // Identity data, so it follows the identity rule wherever it sits: T is handed over, and a
      // DHS liaison reads identity only until the handover.
      [
        "handlingInstructions",
        [PR],
        (caller: Caller) => (caller === "dhs_liaison" ? null : "Insulin twice daily; keep refrigerated."),
      ],
      ["recordedAt", [CR], () => "2026-01-16T12:00:00.000Z"],
      ["updatedAt", [CR], () => "2026-01-19T12:00:00.000Z"],
      ["resolvedAt", [CR], () => null],
    ] as const
  ).map(([field, scopes, value]): Cell => ({
    name: `VulnerabilityFlag.${field}`,
    steps: [caseT, flag, { field, scopes: [...scopes] }],
    expected: value,
  })),
  {
    name: "VulnerabilityFlag.case",
    steps: [caseT, flag, { field: "case", scopes: [CR] }],
    leaf: "{ id }",
    expected: () => ({ id: f.t.id }),
  },

  // Transfer (its id is the entity key: no decorator)
  ...(
    [
      ["id", [], () => f.transfer.id],
      ["direction", [CR], () => "INBOUND"],
      ["flightNumber", [CR], () => "SYN900"],
      ["departureAt", [CR], () => "2026-01-15T06:00:00.000Z"],
      ["arrivalAt", [CR], () => "2026-01-15T09:00:00.000Z"],
      ["handoverAt", [CR], () => "2026-01-15T09:00:00.000Z"],
      ["status", [CR], () => "HANDED_OVER"],
      ["cancellationReason", [CR], () => null],
      ["recordedAt", [CR], () => "2026-01-10T12:00:00.000Z"],
    ] as const
  ).map(([field, scopes, value]): Cell => ({
    name: `Transfer.${field}`,
    steps: [transferQ, { field, scopes: [...scopes] }],
    expected: value,
  })),
  {
    name: "Transfer.cases",
    steps: [transferQ, { field: "cases", scopes: [CR] }],
    leaf: "{ id }",
    expected: () => [{ id: f.t.id }],
  },

  // Entity references: a caller without case:read gets null for the record, never an error that
  // would tell it the record exists.
  { name: "_entities Case", steps: [caseEntity, { field: "id" }], expected: () => f.t.id },
  {
    name: "_entities Case.caseNumber",
    steps: [caseEntity, { field: "caseNumber", scopes: [CR] }],
    expected: () => f.t.caseNumber,
  },
  {
    name: "_entities Case.vulnerabilityFlags.detail",
    steps: [caseEntity, flag, { field: "detail", scopes: [SENS] }],
    expected: () => "Type 1 diabetes.",
  },
  {
    name: "_entities Case.person.familyName",
    steps: [caseEntity, person, { field: "familyName", scopes: [PR] }],
    // The entity is T (handed over): a DHS liaison gets no person, and so no name.
    expected: (caller) => (caller === "dhs_liaison" ? null : f.tPerson.familyName),
  },
  { name: "_entities Transfer", steps: [transferEntity, { field: "id" }], expected: () => f.transfer.id },
  {
    name: "_entities Transfer.flightNumber",
    steps: [transferEntity, { field: "flightNumber", scopes: [CR] }],
    expected: () => "SYN900",
  },
  {
    name: "_entities Transfer.cases",
    steps: [transferEntity, { field: "cases", scopes: [CR] }],
    leaf: "{ id }",
    expected: () => [{ id: f.t.id }],
  },
  // The task force's ledger (an oversight entity) as this subgraph extends it: T arrived on
  // 15 January 09:00, asked for counsel on the 17th 08:00 and was screened on the 21st, so on
  // the 17th at 00:00 its counsel offer is 15 h overdue, and on the 19th at noon its screening 1 day.
  {
    name: "OverdueLedger.counselOffers",
    steps: [ledgerEntity, { field: "counselOffers", args: "(asOf: $offerAsOf)", scopes: [CR] }],
    leaf: "{ case { id } }",
    expected: () => [{ case: { id: f.t.id } }],
  },
  {
    name: "OverdueLedger.protectionScreenings",
    steps: [ledgerEntity, { field: "protectionScreenings", args: "(asOf: $screeningAsOf)", scopes: [CR] }],
    leaf: "{ case { id } }",
    expected: () => [{ case: { id: f.t.id } }],
  },
  // The counts beside the lists: every overdue case the caller may read (T alone here).
  {
    name: "OverdueLedger.counselOffersCount",
    steps: [ledgerEntity, { field: "counselOffersCount", args: "(asOf: $offerAsOf)", scopes: [CR] }],
    expected: () => 1,
  },
  {
    name: "OverdueLedger.protectionScreeningsCount",
    steps: [ledgerEntity, { field: "protectionScreeningsCount", args: "(asOf: $screeningAsOf)", scopes: [CR] }],
    expected: () => 1,
  },
  ...(
    [
      ["kind", () => "COUNSEL_OFFER"],
      ["dueAt", () => "2026-01-16T09:00:00.000Z"],
      ["daysOverdue", () => 0],
      ["band", () => "DAYS_0_TO_7"],
    ] as const
  ).map(([field, value]): Cell => ({
    name: `OverdueCaseObligation.${field}`,
    steps: [ledgerEntity, overdueOffers, { field, scopes: [CR] }],
    expected: value,
  })),
  {
    name: "OverdueCaseObligation.case",
    steps: [ledgerEntity, overdueOffers, { field: "case", scopes: [CR] }],
    leaf: "{ id caseNumber }",
    expected: () => ({ id: f.t.id, caseNumber: f.t.caseNumber }),
  },
  {
    name: "OverdueCaseObligation.band (a screening)",
    steps: [
      ledgerEntity,
      { field: "protectionScreenings", args: "(asOf: $screeningAsOf)", scopes: [CR], list: true },
      { field: "band", scopes: [CR] },
    ],
    expected: () => "DAYS_0_TO_7",
  },
];

/** The variables the cells use. */
function variables(): Record<string, { type: string; value: unknown }> {
  return {
    t: { type: "ID!", value: f.t.id },
    p: { type: "ID!", value: f.p.id },
    tr: { type: "ID!", value: f.transfer.id },
    caseRefs: { type: "[_Any!]!", value: [{ __typename: "Case", id: f.t.id }] },
    transferRefs: { type: "[_Any!]!", value: [{ __typename: "Transfer", id: f.transfer.id }] },
    ledgerRefs: { type: "[_Any!]!", value: [{ __typename: "OverdueLedger", agency: "MIA" }] },
    quarterRefs: { type: "[_Any!]!", value: [{ __typename: "StatisticsQuarter", quarter: "2025-Q4" }] },
    offerAsOf: { type: "DateTimeISO", value: "2026-01-17T00:00:00.000Z" },
    screeningAsOf: { type: "DateTimeISO", value: "2026-01-19T12:00:00.000Z" },
  };
}

describeRoleTable("the scope table: every field for every role and the public", () => ({
  cells: CELLS,
  variables,
  callAs,
  send: (query, values, as) => h.gql(query, values, as),
  schema: () => definition.buildSchema(),
  coveredElsewhere: {
    "Query.auditTrail": "above, as a cell",
    "AuditTrail.cases": "packages/platform/test/audit.test.ts and tests/e2e/audit.test.ts",
  },
}));

describe("aliases, fragments and inline fragments meet the same wall", () => {
  const QUERY = `query($t: ID!) {
    c: case(id: $t) {
      flags: vulnerabilityFlags { what: detail code }
      ...Screenings
      ... on Case { person { name: familyName } }
    }
  }
  fragment Screenings on Case { screenings { ... on ProtectionScreening { outcome destinationCountry } } }`;

  it("a monitor gets the case-level data and FORBIDDEN at each sensitive or identity path", async () => {
    const res = await h.gql(QUERY, { t: f.t.id }, await callAs("monitor"));
    expect(res.data).toEqual({
      c: {
        flags: [{ what: null, code: "MEDICAL" }],
        screenings: [{ outcome: null, destinationCountry: "AF" }],
        person: null,
      },
    });
    expect(forbiddenPaths(res)).toEqual([
      ["c", "flags", 0, "what"],
      ["c", "person"],
      ["c", "screenings", 0, "outcome"],
    ]);
  });

  it("facility staff read identity and handling, not sensitive detail", async () => {
    const res = await h.gql(QUERY, { t: f.t.id }, await callAs("facility_staff"));
    expect(res.data!.c.person).toEqual({ name: f.tPerson.familyName });
    expect(forbiddenPaths(res)).toEqual([
      ["c", "flags", 0, "what"],
      ["c", "screenings", 0, "outcome"],
    ]);
  });

  it("the Ombudsperson reads everything the query names", async () => {
    const res = await h.gql(QUERY, { t: f.t.id }, await callAs("ombudsperson"));
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({
      c: {
        flags: [{ what: "Type 1 diabetes.", code: "MEDICAL" }],
        screenings: [{ outcome: "RISK_IDENTIFIED", destinationCountry: "AF" }],
        person: { name: f.tPerson.familyName },
      },
    });
  });

  it("the same field asked twice, by alias and in a fragment, is refused at both paths", async () => {
    const res = await h.gql(
      `query($p: ID!) { case(id: $p) { person { docs: identityDocuments { number } ...Docs } } }
       fragment Docs on Person { identityDocuments { number } }`,
      { p: f.p.id },
      await callAs("facility_staff"),
    );
    expect(res.data).toEqual({ case: { person: { docs: null, identityDocuments: null } } });
    expect(forbiddenPaths(res)).toEqual([
      ["case", "person", "docs"],
      ["case", "person", "identityDocuments"],
    ]);
  });
});

function forbiddenPaths(res: GraphQLResponse): (string | number)[][] {
  for (const error of res.errors ?? []) expect(error.extensions?.code).toBe("FORBIDDEN");
  return (res.errors ?? []).map((e) => e.path ?? []).sort((a, b) => a.join(".").localeCompare(b.join(".")));
}

/**
 * Every mutation for every caller. A caller without the scope sends a VALID input that would
 * change data and gets FORBIDDEN at the mutation's path with the database untouched; a caller
 * with the scope sends a probe naming a record that does not exist and so reaches the service
 * (NOT_FOUND), or the record rule for callers that have one (FORBIDDEN without requiredScopes).
 */
interface MutationCell {
  name: string;
  scopes: Scope[];
  /** Roles whose record rule refuses the probe (they hold the scope but only for some cases). */
  ruled?: Role[];
  query: string;
  valid: () => Record<string, unknown>;
  probe: Record<string, unknown>;
}

const UNKNOWN = "00000000-0000-4000-8000-000000000000";
const INPUT = (type: string, name: string, selection = "id") =>
  `mutation($input: ${type}!) { ${name}(input: $input) { ${selection} } }`;

const MUTATIONS: MutationCell[] = [
  {
    name: "nominateCase",
    scopes: [SCOPES.CASE_WRITE],
    query: INPUT("NominateCaseInput", "nominateCase"),
    valid: () => ({ input: nomination(f.agreement.id) }),
    probe: { input: nomination(UNKNOWN) },
  },
  {
    name: "acceptCase",
    scopes: [SCOPES.CASE_WRITE],
    query: `mutation($caseId: ID!) { acceptCase(caseId: $caseId) { id } }`,
    valid: () => ({ caseId: f.nominated.id }),
    probe: { caseId: UNKNOWN },
  },
  {
    name: "declineCase",
    scopes: [SCOPES.CASE_WRITE],
    query: `mutation($caseId: ID!) { declineCase(caseId: $caseId, reason: "Outside the agreement") { id } }`,
    valid: () => ({ caseId: f.nominated.id }),
    probe: { caseId: UNKNOWN },
  },
  {
    name: "changeCaseStatus",
    scopes: [SCOPES.CASE_WRITE],
    query: INPUT("ChangeCaseStatusInput", "changeCaseStatus"),
    valid: () => ({ input: { caseId: f.nominated.id, status: "ACCEPTED" } }),
    probe: { input: { caseId: UNKNOWN, status: "ACCEPTED" } },
  },
  {
    name: "assignOfficer",
    scopes: [SCOPES.CASE_WRITE],
    query: INPUT("AssignOfficerInput", "assignOfficer"),
    valid: () => ({ input: { caseId: f.t.id, officialId: randomUUID() } }),
    probe: { input: { caseId: UNKNOWN, officialId: UNKNOWN } },
  },
  {
    name: "assignCounsel",
    scopes: [SCOPES.CASE_WRITE],
    query: INPUT("AssignCounselInput", "assignCounsel"),
    valid: () => ({ input: { caseId: f.t.id, counselId: randomUUID(), organisation: "Another firm" } }),
    probe: { input: { caseId: UNKNOWN, counselId: UNKNOWN, organisation: "Another firm" } },
  },
  {
    name: "endRepresentation",
    scopes: [SCOPES.CASE_WRITE],
    query: INPUT("EndRepresentationInput", "endRepresentation"),
    valid: () => ({ input: { representationId: f.representationId } }),
    probe: { input: { representationId: UNKNOWN } },
  },
  {
    name: "recordCounselContact",
    scopes: [SCOPES.COUNSEL_WRITE],
    ruled: ["legal_counsel", "facility_staff"],
    query: INPUT("RecordCounselContactInput", "recordCounselContact"),
    valid: () => ({ input: { caseId: f.t.id, requestedAt: "2026-02-01T08:00:00.000Z" } }),
    probe: { input: { caseId: UNKNOWN, requestedAt: "2026-02-01T08:00:00.000Z" } },
  },
  {
    name: "addPrivilegedNote",
    scopes: [SCOPES.CASE_PRIVILEGED],
    ruled: ["legal_counsel"],
    query: INPUT("AddPrivilegedNoteInput", "addPrivilegedNote"),
    valid: () => ({ input: { caseId: f.t.id, text: "A note nobody else may write." } }),
    probe: { input: { caseId: UNKNOWN, text: "A note." } },
  },
  {
    name: "recordCaseReview",
    scopes: [SCOPES.CASE_WRITE],
    query: INPUT("RecordCaseReviewInput", "recordCaseReview"),
    valid: () => ({ input: reviewInput(f.t.id) }),
    probe: { input: reviewInput(UNKNOWN) },
  },
  {
    name: "recordScreening",
    scopes: [SCOPES.CASE_WRITE],
    query: INPUT("RecordScreeningInput", "recordScreening"),
    valid: () => ({ input: screeningInput(f.t.id) }),
    probe: { input: screeningInput(UNKNOWN) },
  },
  {
    name: "addVulnerabilityFlag",
    scopes: [SCOPES.CASE_WRITE],
    query: INPUT("AddVulnerabilityFlagInput", "addVulnerabilityFlag"),
    valid: () => ({
      input: { caseId: f.t.id, code: "DISABILITY", source: "CASE_OFFICER", detail: "Uses a wheelchair." },
    }),
    probe: { input: { caseId: UNKNOWN, code: "DISABILITY", source: "CASE_OFFICER", detail: "Uses a wheelchair." } },
  },
  {
    name: "updateVulnerabilityFlag",
    scopes: [SCOPES.CASE_WRITE],
    query: INPUT("UpdateVulnerabilityFlagInput", "updateVulnerabilityFlag"),
    valid: () => ({ input: { flagId: f.flagId, status: "RESOLVED" } }),
    probe: { input: { flagId: UNKNOWN, status: "RESOLVED" } },
  },
  {
    name: "recordTransfer",
    scopes: [SCOPES.TRANSFER_WRITE],
    query: INPUT("RecordTransferInput", "recordTransfer"),
    valid: () => ({ input: transferInput([f.accepted.id]) }),
    probe: { input: transferInput([UNKNOWN]) },
  },
  {
    name: "updateTransferStatus",
    scopes: [SCOPES.TRANSFER_WRITE],
    query: INPUT("UpdateTransferStatusInput", "updateTransferStatus"),
    valid: () => ({ input: { transferId: f.plannedTransferId, status: "IN_FLIGHT" } }),
    probe: { input: { transferId: UNKNOWN, status: "IN_FLIGHT" } },
  },
  {
    name: "recordHandover",
    scopes: [SCOPES.TRANSFER_WRITE],
    query: INPUT("RecordHandoverInput", "recordHandover"),
    valid: () => ({ input: { transferId: f.plannedTransferId } }),
    probe: { input: { transferId: UNKNOWN } },
  },
  {
    name: "cancelTransfer",
    scopes: [SCOPES.TRANSFER_WRITE],
    query: INPUT("CancelTransferInput", "cancelTransfer"),
    valid: () => ({ input: { transferId: f.plannedTransferId, reason: "Aircraft unavailable" } }),
    probe: { input: { transferId: UNKNOWN, reason: "Aircraft unavailable" } },
  },
];

function nomination(agreementId: string) {
  return {
    agreementId,
    nationality: "AF",
    ageBand: "AGE_18_25",
    person: { givenNames: "Probe", familyName: "Person", sex: "F", languages: ["ps"], identityDocuments: [] },
  };
}
function reviewInput(caseId: string) {
  return { caseId, panel: ["MIA case officer"], decisions: [{ code: "CONTINUE_PLACEMENT", text: "Keep it." }] };
}
function screeningInput(caseId: string) {
  return { caseId, destinationCountry: "AF", outcome: "NO_RISK_IDENTIFIED", screenedById: randomUUID() };
}
function transferInput(caseIds: string[]) {
  return { direction: "INBOUND", flightNumber: "SYN777", departureAt: "2026-02-10T08:00:00.000Z", caseIds };
}

describe("every mutation for every role and the public", () => {
  const table = MUTATIONS.flatMap((m) => CALLERS.map((caller) => [m.name, caller, m] as const));

  it.each(table)("%s as %s", async (_name, caller, m) => {
    if (!holds(caller, m.scopes)) {
      const before = await databaseDigest(h.db);
      const res = await h.gql(m.query, m.valid(), await callAs(caller));
      expect(res.status).toBe(200);
      expect(res.errors).toHaveLength(1);
      expect(res.errors![0]).toMatchObject({
        path: [m.name],
        message: `Mutation.${m.name} needs ${m.scopes.join(" and ")}.`,
        extensions: { code: "FORBIDDEN", requiredScopes: m.scopes },
      });
      expect(res.data).toBeNull();
      expect(await databaseDigest(h.db)).toBe(before);
    } else {
      const res = await h.gql(m.query, m.probe, await callAs(caller));
      expect(res.errors).toHaveLength(1);
      expect(res.errors![0].path).toEqual([m.name]);
      expect(res.errors![0].extensions?.requiredScopes).toBeUndefined();
      const ruled = caller !== "public" && (m.ruled ?? []).includes(caller);
      expect(res.errors![0].extensions?.code).toBe(ruled ? "FORBIDDEN" : "NOT_FOUND");
    }
  });
});

describe("the subgraph refuses requests without a valid token (HTTP 401)", () => {
  const QUERY = `{ agreements { id } }`;
  const send = (authorization?: string) => graphqlRequest(h.url, QUERY, {}, authorization ? { authorization } : {});

  it("answers a valid token", async () => {
    expect((await h.gql(QUERY, {}, await callAs("monitor"))).status).toBe(200);
  });

  it("refuses no token at all with UNAUTHENTICATED", async () => {
    const res = await h.gql(QUERY, {}, null);
    expect(res.status).toBe(401);
    expect(res.errors).toEqual([
      {
        message: "invalid token",
        extensions: { code: "UNAUTHENTICATED" },
      },
    ]);
  });

  it("refuses a token signed by another key", async () => {
    const other = await generateKeyPairJwk("test-issuer");
    const token = await signToken(
      other.privateJwk,
      { sub: randomUUID(), roles: ["mia_officer"] },
      { issuer: DEV_ISSUER, audience: DEFAULT_AUDIENCE, ttlSeconds: 600 },
    );
    const res = await send(`Bearer ${token}`);
    expect(res.status).toBe(401);
    expect(res.errors?.[0]).toMatchObject({
      message: "invalid token",
      extensions: { code: "UNAUTHENTICATED" },
    });
  });

  it('refuses an unsigned token (alg "none")', async () => {
    const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");
    const now = Math.floor(Date.now() / 1000);
    const token = `${encode({ alg: "none", typ: "JWT" })}.${encode({
      iss: DEV_ISSUER,
      aud: DEFAULT_AUDIENCE,
      sub: randomUUID(),
      roles: ["mia_officer"],
      iat: now,
      exp: now + 600,
    })}.`;
    const res = await send(`Bearer ${token}`);
    expect(res.status).toBe(401);
    expect(res.errors?.[0].extensions?.code).toBe("UNAUTHENTICATED");
    expect(res.data).toBeUndefined();
  });

  it("refuses an expired token", async () => {
    const token = await signToken(
      h.auth.keys.issuer.privateJwk,
      { sub: randomUUID(), roles: ["mia_officer"] },
      { issuer: DEV_ISSUER, audience: DEFAULT_AUDIENCE, ttlSeconds: -120 },
    );
    const res = await send(`Bearer ${token}`);
    expect(res.status).toBe(401);
    expect(res.errors?.[0]).toMatchObject({
      message: "invalid token",
      extensions: { code: "UNAUTHENTICATED" },
    });
  });

  it("refuses a malformed header", async () => {
    const res = await send("Bearer not-a-jwt");
    expect(res.status).toBe(401);
    expect(res.errors?.[0].extensions?.code).toBe("UNAUTHENTICATED");
  });
});

describe("finding 3: sensitive facts do not travel in non-sensitive fields", () => {
  // Before: ReviewDecision.code/text (MEDICAL_REFERRAL, REFER_FOR_ASYLUM, …), Case.statusReason and
  // CounselContactEvent.deniedReason were case:read, so monitors, DHS, auditors and facility
  // staff learned what case:sensitive:read hides.
  const QUERY = `query($t: ID!) { case(id: $t) {
    statusReason
    reviews { decisions { code text } }
    counselContacts { deniedReason }
  } }`;

  it.each(["monitor", "dhs_liaison", "auditor", "facility_staff"] as const)(
    "%s gets FORBIDDEN at each sensitive path and nothing of it",
    async (caller) => {
      const res = await h.gql(QUERY, { t: f.t.id }, await callAs(caller));
      expect(res.data).toEqual({
        case: { statusReason: null, reviews: [{ decisions: null }], counselContacts: [{ deniedReason: null }] },
      });
      expect(forbiddenPaths(res)).toEqual([
        ["case", "counselContacts", 0, "deniedReason"],
        ["case", "reviews", 0, "decisions"],
        ["case", "statusReason"],
      ]);
    },
  );

  it("the MIA officer, the Ombudsperson and the counsel of record read them", async () => {
    for (const caller of ["mia_officer", "ombudsperson", "legal_counsel"] as const) {
      const res = await h.gql(QUERY, { t: f.t.id }, await callAs(caller));
      expect(res.errors).toBeUndefined();
      expect(res.data!.case.reviews[0].decisions[0]).toEqual({
        code: "MEDICAL_REFERRAL",
        text: "Refer to the regional hospital's diabetes clinic.",
      });
    }
  });
});
