import { CaseStatus } from "../src/modules/case/case-status";
import { cellsToSuppress } from "../src/modules/statistics/statistics.policy";
import { type CasesHarness, countStatements, createAgreement, createCase, startCasesHarness } from "./harness";

let h: CasesHarness;
beforeAll(async () => {
  h = await startCasesHarness();
});
afterAll(async () => {
  await h?.stop();
});

const UNKNOWN = "00000000-0000-4000-8000-000000000000";
const STATS = `query($from: String!, $to: String!, $a: ID) {
  programmeStatistics(from: $from, to: $to, agreementId: $a) {
    from to agreement { id } suppressionThreshold totalArrivals totalSuppressed
    arrivalsByMonth { month arrivals suppressed monthlyCap }
    arrivalsByNationality { nationality arrivals suppressed }
  }
}`;

/** `count` arrived cases of one nationality under the agreement, arriving on `day` (YYYY-MM-DD). */
async function arrivals(agreementId: string, day: string, nationality: string, count: number) {
  for (let i = 0; i < count; i++) {
    await createCase(h.db, agreementId, {
      status: CaseStatus.ACCOMMODATED,
      nationality,
      openedAt: new Date(`${day}T00:00:00Z`),
      arrivedAt: new Date(`${day}T12:00:00Z`),
    });
  }
}

describe("cellsToSuppress (pure rule)", () => {
  it("withholds counts from 1 to 4, never 0", () => {
    expect(cellsToSuppress([0, 1, 4, 5, 12, 3])).toEqual([false, true, true, false, false, true]);
  });

  it("withholds the next smallest count when the withheld ones would add up to less than 5", () => {
    expect(cellsToSuppress([3, 10, 20])).toEqual([true, true, false]);
    expect(cellsToSuppress([2, 2, 6, 7])).toEqual([true, true, true, false]);
    expect(cellsToSuppress([2, 3, 40])).toEqual([true, true, false]);
  });

  it("has nothing to add when every count is small or zero", () => {
    expect(cellsToSuppress([1, 0, 2])).toEqual([true, false, true]);
    expect(cellsToSuppress([])).toEqual([]);
  });
});

describe("programmeStatistics", () => {
  it("counts arrivals per month against the cap and by nationality, suppressing small cells", async () => {
    const agreement = await createAgreement(h.db, { termStart: "2025-01-01", termEnd: "2026-12-31", monthlyCap: 150 });
    await arrivals(agreement.id, "2025-01-10", "AF", 5);
    await arrivals(agreement.id, "2025-01-31", "IR", 2);
    await arrivals(agreement.id, "2025-02-01", "IR", 1);
    await arrivals(agreement.id, "2025-02-14", "SY", 2);
    await arrivals(agreement.id, "2025-04-30", "AF", 6);
    // Outside the range, and not yet arrived: neither counts.
    await arrivals(agreement.id, "2025-05-01", "AF", 3);
    await createCase(h.db, agreement.id, { status: CaseStatus.ACCEPTED, nationality: "AF" });

    const res = await h.gql(STATS, { from: "2024-12", to: "2025-04", a: agreement.id });
    expect(res.errors).toBeUndefined();
    expect(res.data!.programmeStatistics).toEqual({
      from: "2024-12",
      to: "2025-04",
      agreement: { id: agreement.id },
      suppressionThreshold: 5,
      totalArrivals: 16,
      totalSuppressed: false,
      arrivalsByMonth: [
        { month: "2024-12", arrivals: 0, suppressed: false, monthlyCap: null },
        { month: "2025-01", arrivals: 7, suppressed: false, monthlyCap: 150 },
        // 3 is small; 6 is withheld too, or 16 − 7 would give the 3 away.
        { month: "2025-02", arrivals: null, suppressed: true, monthlyCap: 150 },
        { month: "2025-03", arrivals: 0, suppressed: false, monthlyCap: 150 },
        { month: "2025-04", arrivals: null, suppressed: true, monthlyCap: 150 },
      ],
      arrivalsByNationality: [
        { nationality: "AF", arrivals: 11, suppressed: false },
        { nationality: "IR", arrivals: null, suppressed: true },
        { nationality: "SY", arrivals: null, suppressed: true },
      ],
    });
  });

  it("suppresses a small total", async () => {
    const agreement = await createAgreement(h.db, { termStart: "2025-01-01", termEnd: "2026-12-31" });
    await arrivals(agreement.id, "2026-03-03", "CU", 3);
    const res = await h.gql(STATS, { from: "2026-03", to: "2026-03", a: agreement.id });
    expect(res.data!.programmeStatistics).toMatchObject({
      totalArrivals: null,
      totalSuppressed: true,
      arrivalsByMonth: [{ month: "2026-03", arrivals: null, suppressed: true }],
      arrivalsByNationality: [{ nationality: "CU", arrivals: null, suppressed: true }],
    });
  });

  it("counts every agreement when none is given, summing the caps in force", async () => {
    const a = await createAgreement(h.db, { termStart: "2031-01-01", termEnd: "2031-01-31", monthlyCap: 40 });
    const b = await createAgreement(h.db, { termStart: "2031-01-15", termEnd: "2031-12-31", monthlyCap: 60 });
    await createAgreement(h.db, {
      termStart: "2031-01-01",
      termEnd: "2031-12-31",
      monthlyCap: 999,
      status: "DRAFT" as never,
    });
    await arrivals(a.id, "2031-01-05", "VE", 4);
    await arrivals(b.id, "2031-01-20", "VE", 3);
    const others = (await h.db.query(
      `SELECT count(*)::int AS n FROM cases."case" WHERE arrived_at >= '2031-01-01' AND arrived_at < '2031-03-01'`,
    )) as { n: number }[];
    expect(others[0].n).toBe(7);
    const res = await h.gql(STATS, { from: "2031-01", to: "2031-02" });
    expect(res.data!.programmeStatistics).toMatchObject({
      agreement: null,
      totalArrivals: 7,
      arrivalsByMonth: [
        { month: "2031-01", arrivals: 7, suppressed: false, monthlyCap: 100 },
        { month: "2031-02", arrivals: 0, suppressed: false, monthlyCap: 60 },
      ],
      arrivalsByNationality: [{ nationality: "VE", arrivals: 7, suppressed: false }],
    });
  });

  it("answers with the same number of statements for a month and for 36", async () => {
    const agreement = await createAgreement(h.db);
    const one = await countStatements(() => h.gql(STATS, { from: "2026-01", to: "2026-01", a: agreement.id }));
    const many = await countStatements(() => h.gql(STATS, { from: "2024-01", to: "2026-12", a: agreement.id }));
    expect(many).toBe(one);
    expect(one).toBeLessThanOrEqual(3);
  });

  it("refuses a reversed range, a range over 36 months, malformed months and an unknown agreement", async () => {
    const reversed = await h.gql(STATS, { from: "2026-05", to: "2026-01" });
    expect(reversed.errors?.[0]).toMatchObject({
      message: "from (2026-05) must not be after to (2026-01).",
      extensions: { code: "BAD_USER_INPUT", argument: "from" },
    });
    const long = await h.gql(STATS, { from: "2023-01", to: "2026-01" });
    expect(long.errors?.[0].message).toBe("The range 2023-01 to 2026-01 spans 37 months; at most 36 are allowed.");
    const malformed = await h.gql(STATS, { from: "2026-13", to: "2026-1", a: "x" });
    expect(malformed.errors?.[0].message).toBe(
      "Invalid input: from must be a month as YYYY-MM; to must be a month as YYYY-MM; agreementId must be an agreement id.",
    );
    const missing = await h.gql(STATS, { from: "2026-01", to: "2026-02", a: UNKNOWN });
    expect(missing.errors?.[0]).toMatchObject({
      message: `Agreement ${UNKNOWN} does not exist.`,
      extensions: { code: "NOT_FOUND" },
    });
  });
});

describe("programmeStatistics against differencing", () => {
  it("does not let two overlapping ranges give away a month of 1 to 4 arrivals", async () => {
    const agreement = await createAgreement(h.db, { termStart: "2024-01-01", termEnd: "2026-12-31" });
    await arrivals(agreement.id, "2024-01-10", "AF", 5);
    await arrivals(agreement.id, "2024-04-10", "AF", 6);
    await arrivals(agreement.id, "2024-05-10", "IR", 3);
    const total = async (from: string, to: string) => {
      const res = await h.gql(STATS, { from, to, a: agreement.id }, { token: await h.auth.publicToken() });
      expect(res.errors).toBeUndefined();
      return res.data!.programmeStatistics.totalArrivals as number | null;
    };
    const janToApr = await total("2024-01", "2024-04");
    const janToMay = await total("2024-01", "2024-05");
    // Published before: 11 and 14, so May's 3 arrivals were 14 − 11.
    expect({ janToApr, janToMay }).toEqual({ janToApr: 11, janToMay: null });
  });
});
