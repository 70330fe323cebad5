import fc from "fast-check";
import {
  ALL_AGREEMENTS,
  type ArrivalCount,
  GRID_TTL_MS,
  MONTH_PATTERN,
  type StatisticsGrid,
  buildGrid,
  cellsToSuppress,
  figuresForRange,
  formatMonth,
  formatQuarter,
  isGridFresh,
  isSmallCount,
  monthOf,
  monthlyCapIn,
  monthsOfQuarter,
  parseMonth,
  quarterOf,
  startOfMonth,
} from "../src/modules/statistics/statistics.policy";
import { ALL, type StatisticsAnswer, type TruthRow, askEveryRange, audit } from "./disclosure-audit";

const m = (text: string) => parseMonth(text)!;

describe("months and quarters", () => {
  it("parses every month it formats, and formats what it parses", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 9999 * 12 + 11 }), (month) => {
        const text = formatMonth(month);
        expect(text).toMatch(MONTH_PATTERN);
        expect(parseMonth(text)).toBe(month);
      }),
    );
  });

  it("refuses anything but YYYY-MM with a month from 01 to 12", () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        fc.pre(!/^\d{4}-(0[1-9]|1[0-2])$/.test(text));
        expect(parseMonth(text)).toBeNull();
      }),
    );
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: -5, max: 99 }), (year, month) => {
        fc.pre(month < 1 || month > 12);
        expect(parseMonth(`${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}`)).toBeNull();
      }),
    );
    expect([parseMonth("2026-1"), parseMonth("2026-13"), parseMonth(" 2026-01"), parseMonth("2026-00")]).toEqual([
      null,
      null,
      null,
      null,
    ]);
    expect([parseMonth("0000-01"), parseMonth("2025-01"), parseMonth("2025-12")]).toEqual([0, 24300, 24311]);
  });

  it("puts every month in its calendar quarter, and the instant of a month in that month", () => {
    fc.assert(
      fc.property(fc.integer({ min: 2000 * 12, max: 9999 * 12 + 11 }), (month) => {
        expect(monthsOfQuarter(quarterOf(month))).toContain(month);
        expect(monthOf(startOfMonth(month))).toBe(month);
        expect(monthOf(new Date(startOfMonth(month + 1).getTime() - 1))).toBe(month);
      }),
    );
    expect([m("2025-01"), m("2025-03"), m("2025-04"), m("2025-12")].map((x) => formatQuarter(quarterOf(x)))).toEqual([
      "2025-Q1",
      "2025-Q1",
      "2025-Q2",
      "2025-Q4",
    ]);
  });
});

describe("cellsToSuppress", () => {
  it("withholds counts from 1 to 4, never 0", () => {
    expect(cellsToSuppress([0, 1, 4, 5, 12, 3], [])).toEqual([false, true, true, false, false, true]);
    expect([0, 1, 4, 5].map(isSmallCount)).toEqual([false, true, true, false]);
  });

  it("never leaves a withheld cell alone in a relation: it would be the difference of the others", () => {
    // 3 + 10 = 13: withholding the 3 alone gives it away as 13 − 10.
    expect(cellsToSuppress([3, 10, 13], [{ left: [0, 1], right: [2] }])).toEqual([true, true, false]);
    // The partner may be the other side's cell when that is the only one left.
    expect(cellsToSuppress([3, 0, 3], [{ left: [0, 1], right: [2] }])).toEqual([true, false, true]);
  });

  it("withholds more until the withheld cells on one side add up to 5 or more", () => {
    // 2 + 2 withheld would be 11 − 7 = 4.
    expect(cellsToSuppress([2, 2, 7, 11], [{ left: [0, 1, 2], right: [3] }])).toEqual([true, true, true, false]);
    // Withheld on both sides: only their difference is known.
    expect(cellsToSuppress([1, 0, 1, 2], [{ left: [0, 1, 2], right: [3] }])).toEqual([true, false, true, true]);
  });

  it("keeps cells decided earlier as they are, and works around them", () => {
    // Cell 1 was published before; the small cell 0 takes its partner from the other side.
    expect(cellsToSuppress([3, 9, 5, 7], [{ left: [0, 1], right: [2, 3] }], [undefined, false])).toEqual([
      true,
      false,
      true,
      false,
    ]);
  });

  it("refuses relations that are not those of a table with margins", () => {
    expect(() =>
      cellsToSuppress(
        [1, 1, 1],
        [
          { left: [0, 1], right: [] },
          { left: [0, 1], right: [] },
          { left: [0, 2], right: [] },
        ],
      ),
    ).toThrow("statistics grid: a cell may be in at most two relations");
  });
});

const grid = (counts: [month: string, agreementId: string, nationality: string, arrivals: number][], open: string) =>
  buildGrid(
    counts.map(([month, agreementId, nationality, arrivals]) => ({
      month: m(month),
      agreementId,
      nationality,
      arrivals,
    })),
    m(open),
  );
const cells = (map: Map<string, { arrivals: number; suppressed: boolean }> | undefined) =>
  Object.fromEntries([...(map ?? [])].map(([k, c]) => [k, c.suppressed ? `(${c.arrivals})` : c.arrivals]));

describe("buildGrid", () => {
  it("decides each completed month from its agreements and total, and publishes nothing from the open month on", () => {
    const g = grid(
      [
        ["2024-01", "a", "AF", 7],
        ["2024-01", "b", "AF", 2],
        ["2024-01", "b", "SY", 1],
        ["2024-02", "a", "AF", 12],
        ["2024-03", "b", "IR", 4],
        ["2024-04", "a", "AF", 9],
      ],
      "2024-04",
    );
    expect(g.openMonth).toBe(m("2024-04"));
    expect([...g.months.keys()].map(formatMonth)).toEqual(["2024-01", "2024-02", "2024-03"]);
    // (n) = withheld. January: b's 3 would be 10 − 7, so a's 7 goes too; March: b is all of the month.
    expect(cells(g.months.get(m("2024-01")))).toEqual({ a: "(7)", b: "(3)", [ALL_AGREEMENTS]: 10 });
    expect(cells(g.months.get(m("2024-02")))).toEqual({ a: 12, [ALL_AGREEMENTS]: 12 });
    expect(cells(g.months.get(m("2024-03")))).toEqual({ b: "(4)", [ALL_AGREEMENTS]: "(4)" });
    // Q1 is complete. b's AF (2), IR (4) and SY (1) are small; a's AF goes too, or 21 − 19 gives the 2.
    expect(
      Object.fromEntries(
        [...g.quarters.get(quarterOf(m("2024-01")))!].map(([column, byNationality]) => [column, cells(byNationality)]),
      ),
    ).toEqual({
      a: { AF: "(19)" },
      b: { AF: "(2)", IR: "(4)", SY: "(1)" },
      [ALL_AGREEMENTS]: { AF: 21, IR: "(4)", SY: "(1)" },
    });
    expect(g.quarters.has(quarterOf(m("2024-04")))).toBe(false);
  });

  it("publishes a cell withheld only to protect others once it turns out to be known from published cells anyway", () => {
    // AF is agreement g's only nationality: its 12 equals g's published January, whatever is withheld.
    const g = grid(
      [
        ["2024-01", "g", "AF", 12],
        ["2024-01", "h", "AF", 2],
        ["2024-01", "h", "SY", 6],
      ],
      "2024-07",
    );
    expect(cells(g.months.get(m("2024-01")))).toEqual({ g: 12, h: 8, [ALL_AGREEMENTS]: 20 });
    expect(
      Object.fromEntries(
        [...g.quarters.get(quarterOf(m("2024-01")))!].map(([column, byNationality]) => [column, cells(byNationality)]),
      ),
    ).toEqual({
      g: { AF: 12 },
      h: { AF: "(2)", SY: "(6)" },
      [ALL_AGREEMENTS]: { AF: "(14)", SY: "(6)" },
    });
  });
});

describe("figuresForRange", () => {
  const g = grid(
    [
      ["2024-01", "a", "AF", 7],
      ["2024-01", "b", "AF", 2],
      ["2024-01", "b", "SY", 1],
      ["2024-02", "a", "AF", 12],
      ["2024-02", "a", "CU", 6],
      ["2024-03", "b", "IR", 4],
    ],
    "2024-05",
  );

  it("totals a range only when every month of it is complete and published", () => {
    expect(figuresForRange(g, m("2024-02"), m("2024-02"), ALL_AGREEMENTS).total).toBe(18);
    expect(figuresForRange(g, m("2024-01"), m("2024-02"), ALL_AGREEMENTS).total).toBe(28);
    expect(figuresForRange(g, m("2024-01"), m("2024-03"), ALL_AGREEMENTS).total).toBeNull();
    expect(figuresForRange(g, m("2024-04"), m("2024-04"), "a").total).toBe(0);
    expect(figuresForRange(g, m("2024-04"), m("2024-05"), "a").total).toBeNull();
  });

  it("shows months as complete, withheld or open, and every overlapping quarter whole", () => {
    expect(figuresForRange(g, m("2024-03"), m("2024-05"), "a")).toEqual({
      months: [
        { month: m("2024-03"), complete: true, arrivals: 0, suppressed: false },
        { month: m("2024-04"), complete: true, arrivals: 0, suppressed: false },
        { month: m("2024-05"), complete: false, arrivals: null, suppressed: false },
      ],
      total: null,
      quarters: [
        {
          quarter: quarterOf(m("2024-01")),
          complete: true,
          nationalities: [{ nationality: "CU", arrivals: 6 }],
          nationalitiesWithheld: true,
        },
        { quarter: quarterOf(m("2024-04")), complete: false, nationalities: [], nationalitiesWithheld: false },
      ],
    });
    expect(figuresForRange(g, m("2024-01"), m("2024-01"), ALL_AGREEMENTS).quarters[0].nationalities).toEqual([
      { nationality: "AF", arrivals: 21 },
      { nationality: "CU", arrivals: 6 },
    ]);
  });
});

describe("monthlyCapIn and isGridFresh", () => {
  it("sums the caps of the agreements in force that month, drafts left out; null when none is set", () => {
    const terms = [
      { status: "ACTIVE", termStart: "2031-01-01", termEnd: "2031-01-31", monthlyCap: 40 },
      { status: "ACTIVE", termStart: "2031-01-15", termEnd: null, monthlyCap: 60 },
      { status: "ACTIVE", termStart: "2031-01-01", termEnd: "2031-12-31", monthlyCap: null },
      { status: "DRAFT", termStart: "2031-01-01", termEnd: "2031-12-31", monthlyCap: 999 },
    ];
    expect(["2030-12", "2031-01", "2031-02", "2040-06"].map((x) => monthlyCapIn(terms, m(x), "DRAFT"))).toEqual([
      null,
      100,
      60,
      60,
    ]);
  });

  it("serves a grid for at most the TTL, and never past the end of the month it was built in", () => {
    const built = Date.UTC(2026, 10, 30, 23, 55);
    const entry = { computedAt: built, openMonth: m("2026-11") };
    expect(isGridFresh(entry, built + 60_000)).toBe(true);
    expect(isGridFresh(entry, built + 6 * 60_000)).toBe(false); // past midnight: November is complete now
    const early = { computedAt: Date.UTC(2026, 10, 2), openMonth: m("2026-11") };
    expect(isGridFresh(early, early.computedAt + GRID_TTL_MS - 1)).toBe(true);
    expect(isGridFresh(early, early.computedAt + GRID_TTL_MS)).toBe(false);
    expect(isGridFresh(early, early.computedAt - 1)).toBe(false);
  });
});

/** What a caller sees for a range, in the shape of the GraphQL answer, straight from a grid. */
function answerFrom(g: StatisticsGrid, from: string, to: string, agreementId: string | null) {
  const f = figuresForRange(g, m(from), m(to), agreementId ?? ALL_AGREEMENTS);
  return {
    totalArrivals: f.total,
    arrivalsByMonth: f.months.map((x) => ({ ...x, month: formatMonth(x.month) })),
    arrivalsByQuarter: f.quarters.map((q) => ({ ...q, quarter: formatQuarter(q.quarter) })),
    arrivalsByNationality: [],
  } satisfies StatisticsAnswer["data"];
}

describe("the grid against an attacker, on random programmes", () => {
  const AGREEMENTS = ["a", "b", "c"];
  const arrival = fc.record({
    month: fc.integer({ min: 0, max: 5 }),
    agreementId: fc.constantFrom(...AGREEMENTS),
    nationality: fc.constantFrom("AF", "IR", "SY", "CU", "ER"),
    arrivals: fc.oneof(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 15 })),
  });

  it("publishes no count from 1 to 4, no difference of nested figures from 1 to 4, and no withheld cell that can be solved", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(arrival, { maxLength: 25 }),
        fc.constantFrom("2024-04", "2024-05", "2024-07"),
        async (drawn, open) => {
          const counts: ArrivalCount[] = drawn.map((d) => ({ ...d, month: m("2024-01") + d.month }));
          const g = buildGrid(counts, m(open));
          const window = { from: "2024-01", to: "2024-06" };
          const answers = await askEveryRange(
            async (from, to, agreementId) => answerFrom(g, from, to, agreementId),
            window,
            AGREEMENTS,
          );
          const truth: TruthRow[] = counts.map((c) => ({ ...c, month: formatMonth(c.month) }));
          const report = audit(answers, truth, AGREEMENTS, window);
          expect({ ...report, stats: undefined }).toEqual({
            smallFigures: [],
            inconsistent: [],
            wrongValues: [],
            determined: [],
            smallResiduals: [],
            namedButWithheld: [],
            stats: undefined,
          });
          expect(report.stats.answers).toBe(21 * 4);
        },
      ),
      { numRuns: 150 },
    );
  });

  it("the audit itself finds the cells a naive rule leaves solvable", () => {
    // Per-breakdown suppression (today's old rule): a's January 7 is published, b's 3 withheld,
    // and the total 10 published. The audit must call b's cell determined.
    const answers: StatisticsAnswer[] = [
      [ALL, 10],
      ["a", 7],
      ["b", null],
    ].map(([column, arrivals]) => ({
      from: "2024-01",
      to: "2024-01",
      column: column as string,
      json: "",
      data: {
        totalArrivals: arrivals as number | null,
        arrivalsByMonth: [
          { month: "2024-01", complete: true, arrivals: arrivals as number | null, suppressed: arrivals === null },
        ],
        arrivalsByQuarter: [],
        arrivalsByNationality: [],
      },
    }));
    const truth: TruthRow[] = [
      { month: "2024-01", agreementId: "a", nationality: "AF", arrivals: 7 },
      { month: "2024-01", agreementId: "b", nationality: "AF", arrivals: 3 },
    ];
    const report = audit(answers, truth, ["a", "b"], { from: "2024-01", to: "2024-03" });
    expect(report.determined).toEqual(["M b 2024-01"]);
    expect(report.smallResiduals).toEqual(["month 2024-01: M b 2024-01 add up to 3"]);
    expect(report.smallFigures).toEqual([
      `total ${ALL} 2024-01 2024-01 − total a 2024-01 2024-01 = 3`,
      `total ${ALL} 2024-01 2024-01 − month a 2024-01 = 3`,
      `month ${ALL} 2024-01 − total a 2024-01 2024-01 = 3`,
      `month ${ALL} 2024-01 − month a 2024-01 = 3`,
    ]);
  });
});
