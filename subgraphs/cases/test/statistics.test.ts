import { PostgresQueryRunner } from "typeorm/driver/postgres/PostgresQueryRunner";
import { CaseStatus } from "../src/modules/case/case-status";
import { forgetStatisticsGrid } from "../src/modules/statistics/statistics.service";
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
    from to agreement { id } suppressionThreshold lastCompleteMonth totalArrivals totalSuppressed
    arrivalsByMonth { month complete arrivals suppressed monthlyCap }
    arrivalsByNationality { nationality arrivals suppressed }
    arrivalsByQuarter { quarter firstMonth lastMonth complete nationalities { nationality arrivals } nationalitiesWithheld }
  }
}`;

/** The months as the tests' clock sees them (the grid publishes months before the current one). */
const now = new Date();
const label = (year: number, monthIndex: number) => {
  const d = new Date(Date.UTC(year, monthIndex, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, "0")}`;
};
const CURRENT_MONTH = label(now.getUTCFullYear(), now.getUTCMonth());
const LAST_MONTH = label(now.getUTCFullYear(), now.getUTCMonth() - 1);
const NEXT_MONTH = label(now.getUTCFullYear(), now.getUTCMonth() + 1);

/** The public, as the gateway forwards a caller without a token. */
const asPublic = async () => ({ token: await h.auth.publicToken() });

async function stats(from: string, to: string, agreementId?: string) {
  const res = await h.gql(STATS, { from, to, a: agreementId ?? null }, await asPublic());
  expect(res.errors).toBeUndefined();
  return res.data!.programmeStatistics;
}

/**
 * `count` arrived cases of one nationality under the agreement, arriving on `day` (YYYY-MM-DD),
 * written straight to the database as another process would; then the grid is dropped, as its
 * TTL would drop it.
 */
async function arrivals(agreementId: string, day: string, nationality: string, count: number) {
  for (let i = 0; i < count; i++) {
    await createCase(h.db, agreementId, {
      status: CaseStatus.ACCOMMODATED,
      nationality,
      openedAt: new Date(`${day}T00:00:00Z`),
      arrivedAt: new Date(`${day}T12:00:00Z`),
    });
  }
  forgetStatisticsGrid(h.db);
}

const quarter = (q: string, complete: boolean, nationalities: [string, number][], withheld: boolean) => {
  const [year, n] = q.split("-Q").map(Number);
  return {
    quarter: q,
    firstMonth: label(year, (n - 1) * 3),
    lastMonth: label(year, (n - 1) * 3 + 2),
    complete,
    nationalities: nationalities.map(([nationality, arrivals]) => ({ nationality, arrivals })),
    nationalitiesWithheld: withheld,
  };
};

describe("programmeStatistics", () => {
  it("counts arrivals per month against the cap and by nationality per quarter, withholding small cells", async () => {
    const agreement = await createAgreement(h.db, { termStart: "2022-01-01", termEnd: "2023-12-31", monthlyCap: 150 });
    await arrivals(agreement.id, "2022-01-10", "AF", 5);
    await arrivals(agreement.id, "2022-01-31", "IR", 2);
    await arrivals(agreement.id, "2022-02-01", "IR", 1);
    await arrivals(agreement.id, "2022-02-14", "SY", 2);
    await arrivals(agreement.id, "2022-04-30", "AF", 6);
    await arrivals(agreement.id, "2022-05-01", "AF", 3);
    // Not arrived: never counted.
    await createCase(h.db, agreement.id, { status: CaseStatus.ACCEPTED, nationality: "AF" });

    expect(await stats("2021-12", "2022-04", agreement.id)).toEqual({
      from: "2021-12",
      to: "2022-04",
      agreement: { id: agreement.id },
      suppressionThreshold: 5,
      lastCompleteMonth: LAST_MONTH,
      // February is withheld, so no total: it would give February away.
      totalArrivals: null,
      totalSuppressed: true,
      arrivalsByMonth: [
        { month: "2021-12", complete: true, arrivals: 0, suppressed: false, monthlyCap: null },
        { month: "2022-01", complete: true, arrivals: 7, suppressed: false, monthlyCap: 150 },
        { month: "2022-02", complete: true, arrivals: null, suppressed: true, monthlyCap: 150 },
        { month: "2022-03", complete: true, arrivals: 0, suppressed: false, monthlyCap: 150 },
        { month: "2022-04", complete: true, arrivals: 6, suppressed: false, monthlyCap: 150 },
      ],
      arrivalsByNationality: [],
      arrivalsByQuarter: [
        quarter("2021-Q4", true, [], false),
        // IR (3) and SY (2) are small: not named, only said to exist.
        quarter("2022-Q1", true, [["AF", 5]], true),
        // AF's 9 would be April's 6 plus May's 3: withheld with May.
        quarter("2022-Q2", true, [], true),
      ],
    });
    expect((await stats("2022-01", "2022-01", agreement.id)).totalArrivals).toBe(7);
    expect((await stats("2022-03", "2022-04", agreement.id)).totalArrivals).toBe(6);
  });

  it("counts every agreement when none is given, summing the caps in force", async () => {
    const a = await createAgreement(h.db, { termStart: "2019-01-01", termEnd: "2019-01-31", monthlyCap: 40 });
    const b = await createAgreement(h.db, { termStart: "2019-01-15", termEnd: "2019-12-31", monthlyCap: 60 });
    await createAgreement(h.db, {
      termStart: "2019-01-01",
      termEnd: "2019-12-31",
      monthlyCap: 999,
      status: "DRAFT" as never,
    });
    await arrivals(a.id, "2019-01-05", "VE", 4);
    await arrivals(b.id, "2019-01-20", "VE", 3);
    expect(await stats("2019-01", "2019-02")).toMatchObject({
      agreement: null,
      totalArrivals: 7,
      arrivalsByMonth: [
        { month: "2019-01", arrivals: 7, suppressed: false, monthlyCap: 100 },
        { month: "2019-02", arrivals: 0, suppressed: false, monthlyCap: 60 },
      ],
      arrivalsByQuarter: [quarter("2019-Q1", true, [["VE", 7]], false)],
    });
    // Each agreement's 4 and 3 are withheld; their sum, 7, is not small.
    expect(await stats("2019-01", "2019-01", a.id)).toMatchObject({
      totalArrivals: null,
      arrivalsByMonth: [{ month: "2019-01", arrivals: null, suppressed: true, monthlyCap: 40 }],
      arrivalsByQuarter: [quarter("2019-Q1", true, [], true)],
    });
  });

  it("gives months and quarters that are not over yet no count, and says so", async () => {
    const agreement = await createAgreement(h.db, { termStart: "2020-01-01", termEnd: null, monthlyCap: 10 });
    const res = await stats(LAST_MONTH, NEXT_MONTH, agreement.id);
    expect(res.lastCompleteMonth).toBe(LAST_MONTH);
    expect(res.totalArrivals).toBeNull();
    expect(res.totalSuppressed).toBe(true);
    expect(res.arrivalsByMonth).toEqual([
      { month: LAST_MONTH, complete: true, arrivals: 0, suppressed: false, monthlyCap: 10 },
      { month: CURRENT_MONTH, complete: false, arrivals: null, suppressed: false, monthlyCap: 10 },
      { month: NEXT_MONTH, complete: false, arrivals: null, suppressed: false, monthlyCap: 10 },
    ]);
    const current = res.arrivalsByQuarter.find(
      (q: { firstMonth: string; lastMonth: string }) => q.firstMonth <= CURRENT_MONTH && CURRENT_MONTH <= q.lastMonth,
    );
    expect(current).toMatchObject({ complete: false, nationalities: [], nationalitiesWithheld: false });
  });

  it("refuses a month before 2000-01, a reversed range, a range over 36 months, malformed months and an unknown agreement", async () => {
    const ancient = await h.gql(STATS, { from: "0000-01", to: "0000-02" }, await asPublic());
    expect(ancient.errors).toEqual([
      expect.objectContaining({
        message: "from (0000-01) is before 2000-01, the first month with statistics.",
        extensions: { code: "BAD_USER_INPUT", argument: "from" },
      }),
    ]);
    expect(ancient.data).toBeNull();
    const early = await h.gql(STATS, { from: "2000-01", to: "1999-12" }, await asPublic());
    expect(early.errors?.[0]).toMatchObject({
      message: "to (1999-12) is before 2000-01, the first month with statistics.",
      extensions: { code: "BAD_USER_INPUT", argument: "to" },
    });
    const reversed = await h.gql(STATS, { from: "2026-05", to: "2026-01" }, await asPublic());
    expect(reversed.errors?.[0]).toMatchObject({
      message: "from (2026-05) must not be after to (2026-01).",
      extensions: { code: "BAD_USER_INPUT", argument: "from" },
    });
    const long = await h.gql(STATS, { from: "2023-01", to: "2026-01" }, await asPublic());
    expect(long.errors?.[0]).toMatchObject({
      message: "The range 2023-01 to 2026-01 spans 37 months; at most 36 are allowed.",
      extensions: { code: "BAD_USER_INPUT", argument: "to" },
    });
    const malformed = await h.gql(STATS, { from: "2026-13", to: "2026-1", a: "x" }, await asPublic());
    expect(malformed.errors?.[0]).toMatchObject({
      message: "Invalid input: agreementId must be an id (a UUID).",
      extensions: { code: "BAD_USER_INPUT", argument: "agreementId" },
    });
    const months = await h.gql(STATS, { from: "2026-13", to: "2026-1", a: UNKNOWN }, await asPublic());
    expect(months.errors?.[0]).toMatchObject({
      message: "Invalid input: from must be a month as YYYY-MM; to must be a month as YYYY-MM.",
      extensions: { code: "BAD_USER_INPUT" },
    });
    const missing = await h.gql(STATS, { from: "2026-01", to: "2026-02", a: UNKNOWN }, await asPublic());
    expect(missing.errors?.[0]).toMatchObject({
      message: `Agreement ${UNKNOWN} does not exist.`,
      extensions: { code: "NOT_FOUND", argument: "agreementId" },
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

describe("the precomputed grid", () => {
  /** Every statement this process sends while `run` runs (the subgraph serves in-process). */
  async function statementsOf(run: () => Promise<unknown>): Promise<string[]> {
    const spy = jest.spyOn(PostgresQueryRunner.prototype, "query");
    try {
      await run();
      return spy.mock.calls.map((call) => String(call[0]).replace(/\s+/g, " ").trim());
    } finally {
      spy.mockRestore();
    }
  }
  const scansCases = (sql: string) => /FROM "case"/.test(sql);

  it("is computed by one grouped aggregate, then answers from memory: no statement over cases", async () => {
    const agreement = await createAgreement(h.db, { termStart: "2018-01-01", termEnd: "2018-12-31" });
    await arrivals(agreement.id, "2018-03-03", "CU", 6);
    const first = await statementsOf(() => stats("2018-01", "2018-03"));
    expect(first.filter(scansCases)).toEqual([
      expect.stringMatching(/^SELECT .* FROM "case" WHERE arrived_at < \$1 GROUP BY 1, 2, 3$/),
    ]);
    const second = await statementsOf(() => stats("2016-01", "2018-12"));
    expect(second).toEqual([]);
    // An agreement's figures: only the agreement itself is read, by its id.
    const third = await statementsOf(() => stats("2018-03", "2018-03", agreement.id));
    expect(third).toHaveLength(1);
    expect(third.filter(scansCases)).toEqual([]);
    expect(await countStatements(() => stats("2018-01", "2018-01"))).toBe(0);
    expect(await countStatements(() => stats("2016-01", "2018-12"))).toBe(0);
  });

  it("does not see arrivals written behind its back until it is computed again (the TTL bounds how long)", async () => {
    const agreement = await createAgreement(h.db, { termStart: "2017-01-01", termEnd: "2017-12-31" });
    await arrivals(agreement.id, "2017-06-06", "ER", 7);
    expect((await stats("2017-06", "2017-06", agreement.id)).totalArrivals).toBe(7);
    await createCase(h.db, agreement.id, {
      status: CaseStatus.ACCOMMODATED,
      nationality: "ER",
      arrivedAt: new Date("2017-06-20T12:00:00Z"),
    });
    expect((await stats("2017-06", "2017-06", agreement.id)).totalArrivals).toBe(7);
    forgetStatisticsGrid(h.db);
    expect((await stats("2017-06", "2017-06", agreement.id)).totalArrivals).toBe(8);
  });

  it("is computed again at once after this service records an arrival, also one dated in a published month", async () => {
    const agreement = await createAgreement(h.db, { termStart: "2016-01-01", termEnd: "2016-12-31", monthlyCap: 50 });
    await arrivals(agreement.id, "2016-03-10", "NG", 6);
    expect((await stats("2016-03", "2016-03", agreement.id)).totalArrivals).toBe(6);
    const onBoard = [];
    for (let i = 0; i < 5; i++) {
      onBoard.push(await createCase(h.db, agreement.id, { status: CaseStatus.ACCEPTED, nationality: "NG" }));
    }
    const transfer = await h.gql(`mutation($input: RecordTransferInput!) { recordTransfer(input: $input) { id } }`, {
      input: {
        direction: "INBOUND",
        flightNumber: "SYN316",
        departureAt: "2016-03-20T08:00:00.000Z",
        caseIds: onBoard.map((c) => c.id),
      },
    });
    expect(transfer.errors).toBeUndefined();
    const handover = await h.gql(
      `mutation($input: RecordHandoverInput!) { recordHandover(input: $input) { status } }`,
      {
        input: { transferId: transfer.data!.recordTransfer.id, handoverAt: "2016-03-21T10:00:00.000Z" },
      },
    );
    expect(handover.errors).toBeUndefined();
    expect((await stats("2016-03", "2016-03", agreement.id)).totalArrivals).toBe(11);

    // A case received now counts in the current month, not published yet; the grid is rebuilt all the same.
    const received = await createCase(h.db, agreement.id, { status: CaseStatus.IN_TRANSIT });
    const change = await h.gql(
      `mutation($input: ChangeCaseStatusInput!) { changeCaseStatus(input: $input) { status } }`,
      {
        input: { caseId: received.id, status: "RECEIVED" },
      },
    );
    expect(change.errors).toBeUndefined();
    const after = await statementsOf(() => stats("2016-03", "2016-03"));
    expect(after.filter(scansCases)).toHaveLength(1);
  });
});
