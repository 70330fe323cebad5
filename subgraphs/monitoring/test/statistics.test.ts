import { randomUUID } from "node:crypto";
import { type CallAs, formatQuarter, quarterOfInstant, sqlStatements } from "@kgraph/platform";
import { type MonitoringHarness, ok, startMonitoringHarness } from "./harness";

/**
 * StatisticsQuarter.monitoringFigures: the public quarter figures of complaints, recommendations
 * and incidents, from a known set of records written here (every record in this file's database
 * is made here), asserted figure by figure, with what is withheld and why.
 *
 * 2025-Q2 (2025-04-01 to 2025-07-01): 14 complaints received (7 living conditions, 2 treatment by
 * staff, 5 health care), 6 decided, 8 overdue at the end; 6 recommendations of a published report
 * due, 2 implemented in time; 5 incidents. 2025-Q1: everything small.
 */

let h: MonitoringHarness;
let publicCaller: CallAs;
const DAY = 86_400_000;
const HOUR = 3_600_000;
const F1 = randomUUID();

const at = (iso: string, plusMs = 0) => new Date(new Date(iso).getTime() + plusMs).toISOString();

async function complaint(category: string, receivedAt: string, decidedAt: string | null = null): Promise<void> {
  const id = randomUUID();
  await h.db.query(
    `INSERT INTO monitoring.complaint (id, receipt_code_hash, receipt_code_last_group, channel, anonymous, category, text, status, received_at, due_at, updated_at, facility_id, decision_outcome, decision_text, decided_at)
     VALUES ($1, $2, 'ABCD', 'WEB', true, $3, 'The heating does not work.', $4, $5, $6, $5, $7, $8, $9, $10)`,
    [
      id,
      id.replace(/-/g, "").padEnd(64, "0"),
      category,
      decidedAt ? "DECIDED" : "UNDER_REVIEW",
      receivedAt,
      at(receivedAt, 30 * DAY),
      F1,
      decidedAt ? "UPHELD" : null,
      decidedAt ? "Upheld." : null,
      decidedAt,
    ],
  );
}

async function visit(published: boolean): Promise<{ id: string; finding: string }> {
  const id = randomUUID();
  const body = randomUUID();
  await h.db.query(`INSERT INTO monitoring.monitoring_body (id, name, kind) VALUES ($1, $2, 'CIVIL_SOCIETY')`, [
    body,
    `Body ${body}`,
  ]);
  await h.db.query(
    `INSERT INTO monitoring.visit (id, body_id, facility_id, phases, announced, planned_for, started_at, ended_at, status, published_at, report_summary, created_at)
     VALUES ($1, $2, $3, ARRAY['FACILITY_TOUR'], true, '2024-12-01T09:00:00Z', '2024-12-01T09:00:00Z', '2024-12-01T15:00:00Z', $4, $5, $6, '2024-11-01T09:00:00Z')`,
    [
      id,
      body,
      F1,
      published ? "REPORT_PUBLISHED" : "COMPLETED",
      published ? "2024-12-10T09:00:00Z" : null,
      published ? "Published report." : null,
    ],
  );
  const finding = randomUUID();
  await h.db.query(
    `INSERT INTO monitoring.finding (id, visit_id, severity, standard_ref, description, created_at)
     VALUES ($1, $2, 'MEDIUM', 'CPT/Inf(2017)3 §5', 'Rooms for four people hold eight.', '2024-12-01T16:00:00Z')`,
    [finding, id],
  );
  return { id, finding };
}

async function recommendation(
  on: { id: string; finding: string },
  dueAt: string,
  status: "OPEN" | "ACCEPTED" | "REJECTED" | "IMPLEMENTED",
  implementedAt: string | null = null,
): Promise<void> {
  const answered = status !== "OPEN";
  await h.db.query(
    `INSERT INTO monitoring.recommendation (id, finding_id, visit_id, facility_id, addressee, text, due_at, status, response_accepted, response_text, responded_at, implemented_at, created_at)
     VALUES ($1, $2, $3, $4, 'Facility management', 'Open the yard every day.', $5, $6, $7, $8, $9, $10, '2024-12-01T16:00:00Z')`,
    [
      randomUUID(),
      on.finding,
      on.id,
      F1,
      dueAt,
      status,
      answered ? status !== "REJECTED" : null,
      answered ? "Answered." : null,
      answered ? "2024-12-20T09:00:00Z" : null,
      implementedAt,
    ],
  );
}

async function incident(when: string): Promise<void> {
  await h.db.query(
    `INSERT INTO monitoring.incident (id, type, at, facility_id, case_ids, narrative, status, reported_at, updated_at)
     VALUES ($1, 'OTHER', $2, $3, ARRAY[]::uuid[], 'A fire alarm went off.', 'REPORTED', $2, $2)`,
    [randomUUID(), when, F1],
  );
}

beforeAll(async () => {
  h = await startMonitoringHarness();
  publicCaller = { token: await h.auth.publicToken() };

  // 2025-Q2. Living conditions: five decided in the quarter after 1 d, 2 d, 3 d 2 h, 10 d, 20 d;
  // two received late in June, not yet due at the end.
  const decidedAfter = [1 * DAY, 2 * DAY, 3 * DAY + 2 * HOUR, 10 * DAY, 20 * DAY];
  for (const [i, after] of decidedAfter.entries()) {
    const received = at("2025-04-01T00:00:00Z", i * DAY);
    await complaint("LIVING_CONDITIONS", received, at(received, after));
  }
  await complaint("LIVING_CONDITIONS", "2025-06-20T10:00:00Z");
  await complaint("LIVING_CONDITIONS", "2025-06-30T23:59:59Z");
  // Two about treatment by staff and five about health care, undecided past their due date at
  // the end; the fifth decided at the very first instant after the quarter (not before its end).
  await complaint("TREATMENT_BY_STAFF", "2025-04-10T10:00:00Z");
  await complaint("TREATMENT_BY_STAFF", "2025-04-11T10:00:00Z");
  for (let i = 0; i < 4; i++) await complaint("HEALTH_CARE", at("2025-05-01T10:00:00Z", i * HOUR));
  await complaint("HEALTH_CARE", "2025-05-02T10:00:00Z", "2025-07-01T00:00:00Z");
  // Received at the first instant of the next quarter: not in 2025-Q2.
  await complaint("LIVING_CONDITIONS", "2025-07-01T00:00:00Z");

  // 2025-Q1. Three about procedure: one decided in Q1 after 4 days; one decided in Q2 after 50
  // days (a sixth decision of Q2, overdue at the end of Q1); one decided after the end of Q2
  // (overdue at the end of Q2).
  await complaint("PROCEDURE", "2025-02-01T10:00:00Z", "2025-02-05T10:00:00Z");
  await complaint("PROCEDURE", "2025-03-01T10:00:00Z", "2025-04-20T10:00:00Z");
  await complaint("PROCEDURE", "2025-03-15T10:00:00Z", "2025-07-05T10:00:00Z");

  // Recommendations. Of a published report, due in 2025-Q2: implemented before and exactly at
  // the due date, implemented late, accepted, rejected, still open.
  const published = await visit(true);
  const unpublished = await visit(false);
  await recommendation(published, "2025-04-15T12:00:00Z", "IMPLEMENTED", "2025-04-01T09:00:00Z");
  await recommendation(published, "2025-05-15T12:00:00Z", "IMPLEMENTED", "2025-05-15T12:00:00Z");
  await recommendation(published, "2025-05-20T12:00:00Z", "IMPLEMENTED", "2025-05-20T12:00:01Z");
  await recommendation(published, "2025-06-01T12:00:00Z", "ACCEPTED");
  await recommendation(published, "2025-06-10T12:00:00Z", "REJECTED");
  await recommendation(published, "2025-04-01T00:00:00Z", "OPEN");
  // Due at the first instant after the quarter; of a report not published.
  await recommendation(published, "2025-07-01T00:00:00Z", "IMPLEMENTED", "2025-06-01T09:00:00Z");
  await recommendation(unpublished, "2025-05-01T12:00:00Z", "IMPLEMENTED", "2025-04-20T09:00:00Z");
  // Due in 2025-Q1: three, one implemented in time.
  await recommendation(published, "2025-02-01T12:00:00Z", "IMPLEMENTED", "2025-01-20T09:00:00Z");
  await recommendation(published, "2025-02-15T12:00:00Z", "ACCEPTED");
  await recommendation(published, "2025-03-01T12:00:00Z", "OPEN");

  // Incidents: five in 2025-Q2 (the first at its first instant), one at the first instant
  // after it; two in 2025-Q1.
  for (const when of ["2025-04-01T00:00:00Z", "2025-04-15T08:00:00Z", "2025-05-03T22:00:00Z"]) await incident(when);
  for (const when of ["2025-06-01T12:00:00Z", "2025-06-30T23:59:59Z", "2025-07-01T00:00:00Z"]) await incident(when);
  for (const when of ["2025-01-10T12:00:00Z", "2025-03-31T23:59:59Z"]) await incident(when);
});
afterAll(async () => {
  await h?.stop();
});

const FIGURES = "indicator label dimension dimensionLabel unit value suppressed";
const QUARTERS = `query($r: [_Any!]!) { _entities(representations: $r) { ... on StatisticsQuarter { quarter monitoringFigures { ${FIGURES} } } } }`;
const quarters = (...names: string[]) => names.map((quarter) => ({ __typename: "StatisticsQuarter", quarter }));

async function figuresOf(quarter: string, as: CallAs = publicCaller) {
  const data = ok(await h.gql(QUARTERS, { r: quarters(quarter) }, as));
  return data._entities[0].monitoringFigures as Record<string, unknown>[];
}

const COMPLAINTS = { indicator: "complaints", label: "Complaints received", unit: "COUNT" };
const CATEGORIES: [string, string][] = [
  ["ACCESS_TO_LAWYER", "Access to a lawyer"],
  ["DISCRIMINATION", "Discrimination"],
  ["FAMILY_CONTACT", "Contact with family"],
  ["HEALTH_CARE", "Health care"],
  ["LIVING_CONDITIONS", "Living conditions"],
  ["OTHER", "Other"],
  ["PROCEDURE", "Procedure"],
  ["TREATMENT_BY_STAFF", "Treatment by staff"],
];
const figure = (
  cell: { indicator: string; label: string; unit: string },
  value: number | null,
  dimension: [string, string] | null = null,
) => ({
  ...cell,
  dimension: dimension?.[0] ?? null,
  dimensionLabel: dimension?.[1] ?? null,
  value,
  suppressed: value === null,
});
// Only the categories published above zero are listed: a withheld one is not named, nor one of
// zero, whose absence would name the withheld ones (probe 3, I1). `null`: withheld, not listed.
const complaintsFigures = (total: number | null, byCategory: Record<string, number | null>) => [
  figure(COMPLAINTS, total),
  ...CATEGORIES.filter(([key]) => (byCategory[key] ?? 0) > 0).map((category) =>
    figure(COMPLAINTS, byCategory[category[0]], category),
  ),
];
const MEDIAN = {
  indicator: "complaint_resolution_days_median",
  label: "Median days from receipt to decision, complaints decided",
  unit: "DAYS",
};
const OVERDUE = {
  indicator: "complaints_overdue",
  label: "Complaints undecided past their due date at the end of the quarter",
  unit: "COUNT",
};
const DUE = { indicator: "recommendations_due", label: "Recommendations due (published visit reports)", unit: "COUNT" };
const IMPLEMENTED = {
  indicator: "recommendations_implemented",
  label: "Recommendations due that were implemented by their due date",
  unit: "COUNT",
};
const RATE = {
  indicator: "recommendation_implementation_rate",
  label: "Share of recommendations due that were implemented by their due date",
  unit: "RATE",
};
const INCIDENTS = { indicator: "incidents", label: "Incidents", unit: "COUNT" };

describe("StatisticsQuarter.monitoringFigures", () => {
  it("gives a quarter's figures, withholding a small category with its secondary (2025-Q2)", async () => {
    expect(await figuresOf("2025-Q2")).toEqual([
      // 2 about treatment by staff are withheld, and health care (5, the smallest other) with them.
      ...complaintsFigures(14, { HEALTH_CARE: null, LIVING_CONDITIONS: 7, TREATMENT_BY_STAFF: null }),
      // Six decided: 1, 2, 3.08, 10, 20 and 50 days; the median (3.08 + 10) / 2 = 6.54.
      figure(MEDIAN, 6.5),
      // Two about treatment, five about health care (one decided only after the end), one from Q1.
      figure(OVERDUE, 8),
      // Of the published report only; the one due at the next quarter's first instant is not due here.
      figure(DUE, 6),
      figure(IMPLEMENTED, 2),
      figure(RATE, 0.333),
      figure(INCIDENTS, 5),
    ]);
  });

  it("withholds small counts, a small total, and a median or rate over fewer than 5 (2025-Q1)", async () => {
    expect(await figuresOf("2025-Q1")).toEqual([
      ...complaintsFigures(null, { PROCEDURE: null }),
      // One complaint decided in Q1.
      figure(MEDIAN, null),
      // The complaint of 1 March, decided only on 20 April.
      figure(OVERDUE, null),
      // Recommendations concern authorities, not people: published as they are; the rate is not,
      // over 3.
      figure(DUE, 3),
      figure(IMPLEMENTED, 1),
      figure(RATE, null),
      figure(INCIDENTS, null),
    ]);
  });

  it("gives zeros, and no median or rate, for a quarter without records", async () => {
    expect(await figuresOf("2024-Q1")).toEqual([
      ...complaintsFigures(0, {}),
      figure(MEDIAN, null),
      figure(OVERDUE, 0),
      figure(DUE, 0),
      figure(IMPLEMENTED, 0),
      figure(RATE, null),
      figure(INCIDENTS, 0),
    ]);
  });

  it("gives no figures for the quarter under way, nor for a malformed or too early quarter", async () => {
    const current = formatQuarter(quarterOfInstant(new Date()));
    const data = ok(await h.gql(QUARTERS, { r: quarters(current, "2025-Q5", "2025Q2", "1999-Q4") }, publicCaller));
    expect(data._entities).toEqual([
      { quarter: current, monitoringFigures: [] },
      { quarter: "2025-Q5", monitoringFigures: [] },
      { quarter: "2025Q2", monitoringFigures: [] },
      { quarter: "1999-Q4", monitoringFigures: [] },
    ]);
  });

  it("is the same for every caller, the public included", async () => {
    const expected = await figuresOf("2025-Q2", publicCaller);
    expect(await figuresOf("2025-Q2", "ombudsperson")).toEqual(expected);
    expect(await figuresOf("2025-Q2", { roles: ["monitor"], sub: randomUUID(), org_id: randomUUID() })).toEqual(
      expected,
    );
  });

  it("computes a quarter in one statement, then serves it from the cache", async () => {
    const statements = async (names: string[]) => {
      const before = sqlStatements.count;
      ok(await h.gql(QUARTERS, { r: quarters(...names) }, publicCaller));
      return sqlStatements.count - before;
    };
    expect(await statements(["2023-Q2", "2023-Q3"])).toBe(2);
    expect(await statements(["2023-Q2", "2023-Q3", "2025-Q2"])).toBe(0);
  });
});
