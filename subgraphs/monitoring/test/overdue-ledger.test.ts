import { randomUUID } from "node:crypto";
import { type CallAs, sqlStatements } from "@kgraph/platform";
import { addresseeAgency, overdueComplaintObligations } from "../src/modules/overdue/overdue.policy";
import { ComplaintStatus } from "../src/modules/complaint/complaint-enums";
import { type MonitoringHarness, startMonitoringHarness } from "./harness";

/**
 * The monitoring subgraph's part of the task force's OverdueLedger: complaint acknowledgements
 * (72 h) and decisions (the due date) owed by the Ombudsperson, and recommendation responses
 * owed by the agency addressed, judged at a fixed time under each caller's record rules in SQL.
 * Every record in this file's database is made here.
 */

let h: MonitoringHarness;
const AS_OF = "2026-03-01T12:00:00.000Z";
const DAY = 86_400_000;
const F1 = randomUUID();
const F2 = randomUUID();
const F3 = randomUUID();
const B1 = randomUUID();
const B2 = randomUUID();
const MONITOR2_SUB = randomUUID();

const r = {} as Record<"mia" | "dcam" | "dhs" | "facility" | "hidden" | "health" | "answered" | "notDue", string>;
const k = {} as Record<"fresh" | "ack" | "both" | "review" | "decidedLate" | "decided" | "mia", string>;

async function visit(bodyId: string, facilityId: string, state: "published" | "completed" | "plannedSurprise") {
  const id = randomUUID();
  await h.db.query(
    `INSERT INTO monitoring.visit (id, body_id, facility_id, phases, announced, planned_for, started_at, ended_at, status, published_at, report_summary, created_at)
     VALUES ($1, $2, $3, ARRAY['FACILITY_TOUR'], $4, '2025-10-01T09:00:00Z', $5, $6, $7, $8, $9, '2025-09-01T09:00:00Z')`,
    [
      id,
      bodyId,
      facilityId,
      state !== "plannedSurprise",
      state === "plannedSurprise" ? null : "2025-10-01T09:00:00Z",
      state === "plannedSurprise" ? null : "2025-10-01T15:00:00Z",
      { published: "REPORT_PUBLISHED", completed: "COMPLETED", plannedSurprise: "PLANNED" }[state],
      state === "published" ? "2025-10-10T09:00:00Z" : null,
      state === "published" ? "Published report." : null,
    ],
  );
  const finding = randomUUID();
  await h.db.query(
    `INSERT INTO monitoring.finding (id, visit_id, severity, standard_ref, description, created_at)
     VALUES ($1, $2, 'MEDIUM', 'CPT/Inf(2017)3 §5', 'Rooms for four people hold eight.', '2025-10-01T16:00:00Z')`,
    [finding, id],
  );
  return { id, facilityId, finding };
}

async function recommendation(
  on: { id: string; facilityId: string; finding: string },
  addressee: string,
  dueAt: string,
  answered = false,
): Promise<string> {
  const id = randomUUID();
  await h.db.query(
    `INSERT INTO monitoring.recommendation (id, finding_id, visit_id, facility_id, addressee, text, due_at, status, response_accepted, response_text, responded_at, created_at)
     VALUES ($1, $2, $3, $4, $5, 'Open the yard every day.', $6, $7, $8, $9, $10, '2025-10-01T16:00:00Z')`,
    [
      id,
      on.finding,
      on.id,
      on.facilityId,
      addressee,
      dueAt,
      answered ? "ACCEPTED" : "OPEN",
      answered ? true : null,
      answered ? "Accepted." : null,
      answered ? "2025-12-01T09:00:00Z" : null,
    ],
  );
  return id;
}

async function complaint(
  receivedAt: string,
  status: ComplaintStatus,
  facilityId: string,
  more: { decidedAt?: string; filedBy?: string } = {},
): Promise<string> {
  const id = randomUUID();
  const received = new Date(receivedAt);
  await h.db.query(
    `INSERT INTO monitoring.complaint (id, receipt_code_hash, receipt_code_last_group, channel, anonymous, category, text, status, received_at, due_at, updated_at, facility_id, decision_outcome, decision_text, decided_at, filed_by)
     VALUES ($1, $2, 'ABCD', 'WEB', true, 'OTHER', 'The heating does not work.', $3, $4, $5, $4, $6, $7, $8, $9, $10)`,
    [
      id,
      id.replace(/-/g, "").padEnd(64, "0"),
      status,
      received.toISOString(),
      new Date(received.getTime() + 30 * DAY).toISOString(),
      facilityId,
      more.decidedAt ? "UPHELD" : null,
      more.decidedAt ? "Upheld." : null,
      more.decidedAt ?? null,
      more.filedBy ?? null,
    ],
  );
  return id;
}

beforeAll(async () => {
  h = await startMonitoringHarness();
  await h.db.query(
    `INSERT INTO monitoring.monitoring_body (id, name, kind) VALUES ($1, 'Body one', 'CIVIL_SOCIETY'), ($2, 'Body two', 'CIVIL_SOCIETY')`,
    [B1, B2],
  );
  const pub = await visit(B1, F1, "published");
  const away = await visit(B1, F2, "completed");
  const hidden = await visit(B2, F2, "plannedSurprise");
  r.mia = await recommendation(pub, "Ministry of Internal Affairs", "2026-02-20T12:00:00Z");
  r.dcam = await recommendation(away, "Department for Citizenship, Asylum and Migration", "2025-11-01T12:00:00Z");
  r.dhs = await recommendation(pub, "US DHS / ICE", "2026-02-28T12:00:00Z");
  r.facility = await recommendation(pub, "Facility management", "2026-01-15T12:00:00Z");
  r.hidden = await recommendation(hidden, "Facility management", "2026-02-01T12:00:00Z");
  r.health = await recommendation(pub, "Ministry of Health", "2026-01-01T12:00:00Z");
  r.answered = await recommendation(pub, "Ministry of Internal Affairs", "2026-01-01T12:00:00Z", true);
  r.notDue = await recommendation(pub, "MIA", "2026-03-10T12:00:00Z");

  k.fresh = await complaint("2026-02-27T12:00:00Z", ComplaintStatus.RECEIVED, F1);
  k.ack = await complaint("2026-02-20T12:00:00Z", ComplaintStatus.RECEIVED, F1);
  k.both = await complaint("2026-01-10T12:00:00Z", ComplaintStatus.RECEIVED, F2);
  k.review = await complaint("2026-01-20T12:00:00Z", ComplaintStatus.UNDER_REVIEW, F1, { filedBy: MONITOR2_SUB });
  k.decidedLate = await complaint("2026-01-05T12:00:00Z", ComplaintStatus.DECIDED, F3, {
    decidedAt: "2026-03-05T12:00:00Z",
  });
  k.decided = await complaint("2026-01-05T12:00:00Z", ComplaintStatus.DECIDED, F3, {
    decidedAt: "2026-02-01T12:00:00Z",
  });
  k.mia = await complaint("2026-01-25T12:00:00Z", ComplaintStatus.ESCALATED, F3);
  await h.db.query(
    `INSERT INTO monitoring.complaint_escalation (id, complaint_id, escalated_to, escalated_at, reason)
     VALUES ($1, $2, 'Ministry of Internal Affairs – Inspectorate', '2026-01-28T12:00:00Z', 'Conduct of staff.')`,
    [randomUUID(), k.mia],
  );
});
afterAll(async () => {
  await h?.stop();
});

const AGENCIES = ["MIA", "DHS", "OMBUDSPERSON", "FACILITY_OPERATOR", "CIVIL_SOCIETY"];
const TIMING = "kind dueAt daysOverdue band";
const COMPLAINTS = `complaints(asOf: $asOf) { ${TIMING} complaint { id status } }`;
const RECOMMENDATIONS = `recommendationResponses(asOf: $asOf) { ${TIMING} recommendation { id addressee } }`;
const ledgerQuery = (fields: string) =>
  `query($r: [_Any!]!, $asOf: DateTimeISO) { _entities(representations: $r) { ... on OverdueLedger { agency ${fields} } } }`;
const ledgers = (agencies: string[]) => agencies.map((agency) => ({ __typename: "OverdueLedger", agency }));

async function read(fields: string, as: CallAs, agencies = AGENCIES, asOf: string | null = AS_OF) {
  const res = await h.gql(ledgerQuery(fields), { r: ledgers(agencies), asOf }, as);
  expect(res.errors).toBeUndefined();
  return res.data!._entities as Record<string, unknown>[];
}

const complaintEntry = (kind: string, id: string, status: string, dueAt: string, days: number, band: string) => ({
  kind,
  dueAt,
  daysOverdue: days,
  band,
  complaint: { id, status },
});
const E = {
  bothAck: () =>
    complaintEntry("COMPLAINT_ACKNOWLEDGEMENT", k.both, "RECEIVED", "2026-01-13T12:00:00.000Z", 47, "DAYS_31_TO_90"),
  decidedLate: () =>
    complaintEntry("COMPLAINT_DECISION", k.decidedLate, "DECIDED", "2026-02-04T12:00:00.000Z", 25, "DAYS_8_TO_30"),
  bothDecision: () =>
    complaintEntry("COMPLAINT_DECISION", k.both, "RECEIVED", "2026-02-09T12:00:00.000Z", 20, "DAYS_8_TO_30"),
  review: () =>
    complaintEntry("COMPLAINT_DECISION", k.review, "UNDER_REVIEW", "2026-02-19T12:00:00.000Z", 10, "DAYS_8_TO_30"),
  ack: () =>
    complaintEntry("COMPLAINT_ACKNOWLEDGEMENT", k.ack, "RECEIVED", "2026-02-23T12:00:00.000Z", 6, "DAYS_0_TO_7"),
  mia: () => complaintEntry("COMPLAINT_DECISION", k.mia, "ESCALATED", "2026-02-24T12:00:00.000Z", 5, "DAYS_0_TO_7"),
};
const recommendationEntry = (id: string, addressee: string, dueAt: string, days: number, band: string) => ({
  kind: "RECOMMENDATION_RESPONSE",
  dueAt,
  daysOverdue: days,
  band,
  recommendation: { id, addressee },
});
const R = {
  dcam: () =>
    recommendationEntry(
      r.dcam,
      "Department for Citizenship, Asylum and Migration",
      "2025-11-01T12:00:00.000Z",
      120,
      "OVER_90_DAYS",
    ),
  mia: () => recommendationEntry(r.mia, "Ministry of Internal Affairs", "2026-02-20T12:00:00.000Z", 9, "DAYS_8_TO_30"),
  dhs: () => recommendationEntry(r.dhs, "US DHS / ICE", "2026-02-28T12:00:00.000Z", 1, "DAYS_0_TO_7"),
  facility: () =>
    recommendationEntry(r.facility, "Facility management", "2026-01-15T12:00:00.000Z", 45, "DAYS_31_TO_90"),
  hidden: () => recommendationEntry(r.hidden, "Facility management", "2026-02-01T12:00:00.000Z", 28, "DAYS_8_TO_30"),
};

const OMBUDSPERSON: CallAs = { roles: ["ombudsperson"], sub: randomUUID() };
const MIA_OFFICER: CallAs = { roles: ["mia_officer"], sub: randomUUID() };
const STAFF_F1: CallAs = { roles: ["facility_staff"], sub: randomUUID(), facility_id: F1 };
const MONITOR_B1: CallAs = { roles: ["monitor"], sub: randomUUID(), org_id: B1 };
const MONITOR_B2: CallAs = { roles: ["monitor"], sub: MONITOR2_SUB, org_id: B2 };

describe("OverdueLedger.complaints", () => {
  it("lists the Ombudsperson's overdue acknowledgements and decisions at asOf, longest overdue first; other agencies owe none", async () => {
    const ledgers = await read(COMPLAINTS, OMBUDSPERSON);
    expect(ledgers).toEqual(
      AGENCIES.map((agency) => ({
        agency,
        complaints:
          agency === "OMBUDSPERSON"
            ? [E.bothAck(), E.decidedLate(), E.bothDecision(), E.review(), E.ack(), E.mia()]
            : [],
      })),
    );
  });

  it.each<[string, CallAs, () => unknown[]]>([
    ["mia_officer (referred to the MIA)", MIA_OFFICER, () => [E.mia()]],
    [
      "a monitor (complaints about facilities its body visited)",
      MONITOR_B1,
      () => [E.bothAck(), E.bothDecision(), E.review(), E.ack()],
    ],
    ["a monitor (complaints they filed; their body's visit has not started)", MONITOR_B2, () => [E.review()]],
  ])("applies %s's complaint:read rule in SQL, through _entities", async (_who, as, expected) => {
    const [ledger] = await read(COMPLAINTS, as, ["OMBUDSPERSON"]);
    expect(ledger).toEqual({ agency: "OMBUDSPERSON", complaints: expected() });
  });

  it.each<[string, CallAs]>([
    ["facility_staff", STAFF_F1],
    ["dhs_liaison", { roles: ["dhs_liaison"], sub: randomUUID() }],
  ])("refuses it to %s, who holds no complaint:read (FORBIDDEN at the subgraph)", async (_who, as) => {
    const res = await h.gql(ledgerQuery(COMPLAINTS), { r: ledgers(["OMBUDSPERSON"]), asOf: AS_OF }, as);
    expect(res.data!._entities).toEqual([null]);
    expect(res.errors?.map((e) => [e.path, e.extensions?.code])).toEqual([
      [["_entities", 0, "complaints"], "FORBIDDEN"],
    ]);
  });
});

describe("OverdueLedger.recommendationResponses", () => {
  it("lists each agency's unanswered recommendations past due, by addressee, longest overdue first", async () => {
    expect(await read(RECOMMENDATIONS, OMBUDSPERSON)).toEqual([
      { agency: "MIA", recommendationResponses: [R.dcam(), R.mia()] },
      { agency: "DHS", recommendationResponses: [R.dhs()] },
      { agency: "OMBUDSPERSON", recommendationResponses: [] },
      { agency: "FACILITY_OPERATOR", recommendationResponses: [R.facility(), R.hidden()] },
      { agency: "CIVIL_SOCIETY", recommendationResponses: [] },
    ]);
  });

  it.each<[string, CallAs, Record<string, () => unknown[]>]>([
    [
      "mia_officer (disclosed visits)",
      MIA_OFFICER,
      { MIA: () => [R.dcam(), R.mia()], FACILITY_OPERATOR: () => [R.facility()] },
    ],
    [
      "facility_staff (own facility disclosed, and published reports)",
      STAFF_F1,
      { MIA: () => [R.mia()], FACILITY_OPERATOR: () => [R.facility()] },
    ],
    [
      "a monitor (disclosed, and their own body's surprise visit)",
      MONITOR_B2,
      { MIA: () => [R.dcam(), R.mia()], FACILITY_OPERATOR: () => [R.facility(), R.hidden()] },
    ],
  ])("applies %s's monitoring:read rule in SQL, through _entities", async (_who, as, expected) => {
    const ledgers = await read(RECOMMENDATIONS, as, ["MIA", "FACILITY_OPERATOR"]);
    expect(ledgers).toEqual([
      { agency: "MIA", recommendationResponses: expected.MIA() },
      { agency: "FACILITY_OPERATOR", recommendationResponses: expected.FACILITY_OPERATOR() },
    ]);
  });

  it("maps the programme's addressees to the task force's agencies (another authority's are in no ledger)", () => {
    expect(
      [
        "Ministry of Internal Affairs",
        "Department for Citizenship, Asylum and Migration",
        "Kosovo Police",
        "US DHS / ICE",
        "Facility management",
        "Ministry of Health",
      ].map(addresseeAgency),
    ).toEqual(["MIA", "MIA", "MIA", "DHS", "FACILITY_OPERATOR", null]);
  });
});

describe("the monitoring ledger fields together", () => {
  it("judges at now when asOf is left out (a decision made since leaves the ledger)", async () => {
    const [ledger] = (await read(COMPLAINTS, OMBUDSPERSON, ["OMBUDSPERSON"], null)) as {
      complaints: { complaint: { id: string }; kind: string }[];
    }[];
    expect(ledger.complaints.map((e) => [e.kind, e.complaint.id])).toEqual([
      ["COMPLAINT_ACKNOWLEDGEMENT", k.both],
      ["COMPLAINT_DECISION", k.both],
      ["COMPLAINT_DECISION", k.review],
      ["COMPLAINT_ACKNOWLEDGEMENT", k.ack],
      ["COMPLAINT_DECISION", k.mia],
      ["COMPLAINT_ACKNOWLEDGEMENT", k.fresh],
      ["COMPLAINT_DECISION", k.ack],
      ["COMPLAINT_DECISION", k.fresh],
    ]);
  });

  it("sends the same statements for two ledgers as for all five (one per field and time, no N+1)", async () => {
    const count = async (agencies: string[]) => {
      const before = sqlStatements.count;
      await read(`${COMPLAINTS} ${RECOMMENDATIONS}`, MONITOR_B1, agencies);
      return sqlStatements.count - before;
    };
    const two = await count(["OMBUDSPERSON", "MIA"]);
    expect(await count(AGENCIES)).toBe(two);
    // Each field's statement, and one batched record check per kind of entry returned.
    expect(two).toBe(4);
  });

  it("owes an acknowledgement from the 72nd hour after receipt, a decision from the due date (strictly after)", () => {
    const asOf = new Date(AS_OF);
    const base = {
      receivedAt: new Date("2026-02-26T12:00:00Z"),
      dueAt: new Date("2026-03-27T12:00:00Z"),
      decidedAt: null,
    };
    expect(overdueComplaintObligations({ ...base, status: ComplaintStatus.RECEIVED }, asOf)).toEqual([]);
    expect(
      overdueComplaintObligations(
        { ...base, receivedAt: new Date("2026-02-26T11:59:59Z"), status: ComplaintStatus.RECEIVED },
        asOf,
      ).map((o) => o.kind),
    ).toEqual(["COMPLAINT_ACKNOWLEDGEMENT"]);
    expect(
      overdueComplaintObligations(
        { ...base, dueAt: new Date("2026-03-01T11:00:00Z"), status: ComplaintStatus.UNDER_REVIEW },
        asOf,
      ).map((o) => o.kind),
    ).toEqual(["COMPLAINT_DECISION"]);
  });
});
