import { seedCases } from "../../../tools/src/seed/cases";
import { buildWorld } from "../../../tools/src/seed/world";
import { CaseStatus } from "../src/modules/case/case-status";
import {
  AUDIT_QUERY,
  type AuditReport,
  type StatisticsAnswer,
  type TruthRow,
  askEveryRange,
  audit,
} from "./disclosure-audit";
import { type CasesHarness, createAgreement, createCase, startCasesHarness } from "./harness";

/**
 * The public statistics against an attacker with every answer a public caller can get: every
 * (from, to) pair in a window, for all agreements and for each one. Each programme runs in a
 * database of its own, so the all-agreements column holds exactly the data below.
 */

const EMPTY: Omit<AuditReport, "stats"> = {
  smallFigures: [],
  inconsistent: [],
  wrongValues: [],
  determined: [],
  smallResiduals: [],
  namedButWithheld: [],
};

async function everyAnswer(h: CasesHarness, window: { from: string; to: string }, agreementIds: string[]) {
  const token = await h.auth.publicToken();
  return askEveryRange(
    async (from, to, a) => {
      const res = await h.gql(AUDIT_QUERY, { from, to, a }, { token });
      expect(res.errors).toBeUndefined();
      return res.data!.programmeStatistics as StatisticsAnswer["data"];
    },
    window,
    agreementIds,
  );
}

async function truthOf(h: CasesHarness): Promise<TruthRow[]> {
  return h.db.query(
    `SELECT to_char(arrived_at AT TIME ZONE 'UTC', 'YYYY-MM') AS month, agreement_id AS "agreementId",
            nationality, count(*)::int AS arrivals
       FROM cases."case" WHERE arrived_at IS NOT NULL GROUP BY 1, 2, 3`,
  );
}

describe("on adversarial data: many small cells, a month of one arrival, two agreements", () => {
  let h: CasesHarness;
  let answers: StatisticsAnswer[];
  let truth: TruthRow[];
  let ids: string[];
  const window = { from: "2023-10", to: "2025-03" };

  beforeAll(async () => {
    h = await startCasesHarness();
    const a = await createAgreement(h.db, { termStart: "2023-01-01", termEnd: "2025-12-31", monthlyCap: 100 });
    const b = await createAgreement(h.db, { termStart: "2023-01-01", termEnd: "2025-12-31", monthlyCap: 100 });
    ids = [a.id, b.id].sort();
    const plan: [day: string, agreement: string, nationality: string, count: number][] = [
      ["2024-01-05", a.id, "AF", 6],
      ["2024-01-09", a.id, "IR", 2],
      ["2024-01-20", b.id, "SY", 1],
      ["2024-02-02", a.id, "AF", 5],
      ["2024-02-11", b.id, "AF", 5],
      ["2024-02-28", b.id, "ER", 1],
      ["2024-03-03", b.id, "IR", 3],
      ["2024-03-31", a.id, "UA", 1],
      // April: one arrival in the whole month. SO: 1 in Q2, then 4 in Q3.
      ["2024-04-15", a.id, "SO", 1],
      ["2024-05-01", a.id, "AF", 7],
      ["2024-05-07", a.id, "VE", 2],
      ["2024-05-08", b.id, "VE", 2],
      ["2024-05-30", b.id, "CU", 1],
      ["2024-06-10", b.id, "AF", 9],
      ["2024-06-11", a.id, "GT", 3],
      ["2024-07-01", a.id, "SO", 2],
      ["2024-07-02", a.id, "HN", 1],
      ["2024-08-08", a.id, "AF", 12],
      ["2024-08-09", b.id, "IR", 5],
      ["2024-09-19", b.id, "SO", 2],
      ["2024-09-20", b.id, "HN", 2],
      ["2024-10-10", a.id, "CN", 1],
      ["2024-11-01", a.id, "AF", 20],
      ["2024-11-02", b.id, "NG", 4],
      ["2024-11-03", a.id, "UA", 2],
      ["2025-01-15", b.id, "AF", 3],
      ["2025-01-16", a.id, "IR", 1],
    ];
    for (const [day, agreementId, nationality, count] of plan) {
      for (let i = 0; i < count; i++) {
        await createCase(h.db, agreementId, {
          status: CaseStatus.ACCOMMODATED,
          nationality,
          openedAt: new Date(`${day}T00:00:00Z`),
          arrivedAt: new Date(`${day}T12:00:00Z`),
        });
      }
    }
    answers = await everyAnswer(h, window, ids);
    truth = await truthOf(h);
  }, 120_000);
  afterAll(async () => {
    await h?.stop();
  });

  it("asked every range of the window, for all agreements and each one", () => {
    // 18 months: 171 ranges, three columns.
    expect(answers).toHaveLength(171 * 3);
    expect(truth.reduce((t, r) => t + r.arrivals, 0)).toBe(104);
  });

  it("publishes no figure, and no difference of figures over nested sets of people, from 1 to 4", () => {
    const report = audit(answers, truth, ids, window);
    expect({ ...report, stats: undefined }).toEqual({ ...EMPTY, stats: undefined });
    // The audit had something to look at: totals, months and quarter cells, thousands of pairs.
    // The audit had something to look at: 100 published figures (most ranges hold a withheld
    // month, so have no total), 412 pairs of them over nested sets of people.
    expect(report.stats).toMatchObject({ answers: 513, figures: 100, pairs: 412 });
  });

  it("leaves no withheld cell solvable from the published ones, and no relation with a small one-sided residual", () => {
    const report = audit(answers, truth, ids, window);
    expect(report.determined).toEqual([]);
    expect(report.smallResiduals).toEqual([]);
    expect(report.stats).toMatchObject({ cells: 270, withheld: 55 });
    // 18 months; 6 quarters × (12 nationalities + 3 columns).
    expect(report.stats.relations).toBe(18 + 6 * 12 + 6 * 3);
  });

  it("never names a nationality whose counts are all withheld", () => {
    for (const code of ["SO", "HN", "CN", "NG", "GT", "UA", "ER", "CU", "SY", "VE"]) {
      for (const answer of answers) expect(answer.json).not.toContain(`"${code}"`);
    }
    // AF and IR are published somewhere, so their codes do appear.
    expect(answers.some((a) => a.json.includes('"AF"'))).toBe(true);
    expect(answers.some((a) => a.json.includes('"IR"'))).toBe(true);
  });

  it("gives the year's published months for all agreements, exactly", () => {
    const year = answers.find((a) => a.column === "all" && a.from === "2024-01" && a.to === "2024-12")!;
    // March (1 + 3), April (1), July (3), September (4) and October (1) are small.
    expect(year.data.arrivalsByMonth.map((m) => m.arrivals)).toEqual([
      9,
      11,
      null,
      null,
      12,
      12,
      null,
      17,
      null,
      null,
      26,
      0,
    ]);
    expect(year.data.totalArrivals).toBeNull();
  });
});

describe("on the default seed", () => {
  let h: CasesHarness;
  let answers: StatisticsAnswer[];
  let truth: TruthRow[];
  const world = buildWorld();
  const window = { from: "2025-07", to: "2026-12" };

  beforeAll(async () => {
    h = await startCasesHarness();
    await seedCases(h.db, world, () => undefined);
    answers = await everyAnswer(h, window, [world.agreement.id]);
    truth = await truthOf(h);
  }, 180_000);
  afterAll(async () => {
    await h?.stop();
  });

  it("publishes no small figure or difference, no solvable withheld cell, and names no withheld nationality", () => {
    expect(answers).toHaveLength(171 * 2);
    expect(truth.reduce((t, r) => t + r.arrivals, 0)).toBe(world.cases.filter((c) => c.arrivedAt).length);
    const report = audit(answers, truth, [world.agreement.id], window);
    expect({ ...report, stats: undefined }).toEqual({ ...EMPTY, stats: undefined });
    // How much is withheld changes as the months of the window complete; never nothing.
    expect(report.stats.pairs).toBeGreaterThan(10_000);
    expect(report.stats.withheld).toBeGreaterThan(0);
  });
});
