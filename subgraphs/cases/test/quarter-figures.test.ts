import { randomUUID } from "node:crypto";
import { CaseStatus } from "../src/modules/case/case-status";
import { CounselContactEvent } from "../src/modules/counsel/counsel.entity";
import { ProtectionScreening, ScreeningOutcome } from "../src/modules/screening/screening.entity";
import { forgetStatisticsGrid } from "../src/modules/statistics/statistics.service";
import { type CasesHarness, countStatements, createAgreement, createCase, startCasesHarness } from "./harness";

let h: CasesHarness;
beforeAll(async () => {
  h = await startCasesHarness();
});
afterAll(async () => {
  await h?.stop();
});

const FIGURES = `query($r: [_Any!]!) {
  _entities(representations: $r) {
    ... on StatisticsQuarter { quarter caseFigures { indicator label dimension dimensionLabel unit value suppressed } }
  }
}`;

/** The public, as the gateway forwards a caller without a token. */
const asPublic = async () => ({ token: await h.auth.publicToken() });

async function caseFigures(quarter: string) {
  const res = await h.gql(FIGURES, { r: [{ __typename: "StatisticsQuarter", quarter }] }, await asPublic());
  expect(res.errors).toBeUndefined();
  expect(res.data!._entities[0].quarter).toBe(quarter);
  return res.data!._entities[0].caseFigures as Record<string, unknown>[];
}

const hour = 3_600_000;
const at = (iso: string) => new Date(iso);

/** An arrived case (its person too), opened a week before it arrived. */
function arrived(agreementId: string, arrivedAt: Date, overrides: Parameters<typeof createCase>[2] = {}) {
  return createCase(h.db, agreementId, {
    status: CaseStatus.ACCOMMODATED,
    openedAt: new Date(arrivedAt.getTime() - 7 * 24 * hour),
    arrivedAt,
    ...overrides,
  });
}

async function counselContact(caseId: string, requestedAt: Date) {
  await h.db.getRepository(CounselContactEvent).insert({
    id: randomUUID(),
    caseId,
    counselId: null,
    requestedAt,
    grantedAt: null,
    heldAt: null,
    deniedReason: null,
    recordedAt: requestedAt,
  });
}

async function screening(caseId: string, screenedAt: Date) {
  await h.db.getRepository(ProtectionScreening).insert({
    id: randomUUID(),
    caseId,
    destinationCountry: "AF",
    outcome: ScreeningOutcome.NO_RISK_IDENTIFIED,
    claimSummary: null,
    screenedAt,
    screenedById: randomUUID(),
    recordedAt: screenedAt,
  });
}

const fig = (
  indicator: string,
  label: string,
  unit: string,
  dimension: string | null,
  dimensionLabel: string | null,
  value: number | null,
) => ({ indicator, label, dimension, dimensionLabel, unit, value, suppressed: value === null });

const ARRIVALS = (dimension: string | null, dimensionLabel: string | null, value: number | null) =>
  fig("arrivals", "Arrivals", "COUNT", dimension, dimensionLabel, value);
const CAP = (dimension: string, dimensionLabel: string, value: number) =>
  fig("monthly_cap", "Monthly cap on arrivals", "COUNT", dimension, dimensionLabel, value);
const COUNSEL = (value: number | null) =>
  fig(
    "arrival_to_counsel_hours_median",
    "Median hours from arrival to the first request for counsel",
    "HOURS",
    null,
    null,
    value,
  );
const SCREENING = (value: number | null) =>
  fig(
    "arrival_to_screening_hours_median",
    "Median hours from arrival to the first protection screening",
    "HOURS",
    null,
    null,
    value,
  );
const OUTCOME = (dimension: string | null, dimensionLabel: string | null, value: number | null) =>
  fig("onward_outcomes", "Cases closed", "COUNT", dimension, dimensionLabel, value);

describe("StatisticsQuarter.caseFigures", () => {
  it("publishes a past quarter's figures, withholding small counts, a small median and what would reveal them", async () => {
    // 2023-Q3. Caps: A (60) in July and August, B (40) from August; a draft counts for nothing.
    const a = await createAgreement(h.db, { termStart: "2023-07-01", termEnd: "2023-08-31", monthlyCap: 60 });
    await createAgreement(h.db, { termStart: "2023-08-01", termEnd: "2023-12-31", monthlyCap: 40 });
    await createAgreement(h.db, {
      termStart: "2023-07-01",
      termEnd: "2023-12-31",
      monthlyCap: 999,
      status: "DRAFT" as never,
    });

    // Arrivals: 6 in July, 2 in August (withheld), 7 in September.
    const july = [];
    for (let i = 0; i < 6; i++) july.push(await arrived(a.id, at(`2023-07-0${i + 1}T10:00:00Z`)));
    for (let i = 0; i < 2; i++) await arrived(a.id, at(`2023-08-1${i}T10:00:00Z`));
    const september = [];
    for (let i = 0; i < 7; i++) september.push(await arrived(a.id, at(`2023-09-1${i}T10:00:00Z`)));
    // Arrived just outside the quarter: counted in neither the arrivals nor the medians.
    const june = await arrived(a.id, at("2023-06-30T23:00:00Z"));
    const october = await arrived(a.id, at("2023-10-01T00:00:00Z"));
    await counselContact(june.id, at("2023-07-01T01:00:00Z"));
    await counselContact(october.id, at("2023-10-01T01:00:00Z"));

    // Counsel: six cases, first requests 0 (asked before arriving), 2, 4.5, 10.25, 30 and 50 hours
    // after arrival; the median is (4.5 + 10.25) / 2 = 7.375, published as 7.4.
    const delays = [-3, 2, 4.5, 10.25, 30, 50];
    for (const [i, delay] of delays.entries()) {
      await counselContact(july[i].id, new Date(july[i].arrivedAt!.getTime() + delay * hour));
    }
    // A later second request of the first case changes nothing: the first one counts.
    await counselContact(july[1].id, new Date(july[1].arrivedAt!.getTime() + 500 * hour));
    // Screenings: only four cases screened, so their median (whatever it is) is withheld.
    for (const c of september.slice(0, 4)) await screening(c.id, new Date(c.arrivedAt!.getTime() + 48 * hour));

    // Outcomes closed in the quarter, of cases received earlier: 6 returned, 5 closed, 2 absconded, none transferred.
    const closed = async (status: CaseStatus, closedAt: string, arrivedAt: Date | null = at("2023-05-10T10:00:00Z")) =>
      createCase(h.db, a.id, { status, openedAt: at("2023-05-01T00:00:00Z"), arrivedAt, closedAt: at(closedAt) });
    for (let i = 0; i < 6; i++) await closed(CaseStatus.RETURNED, `2023-08-0${i + 1}T12:00:00Z`);
    for (let i = 0; i < 5; i++) await closed(CaseStatus.CLOSED, `2023-09-0${i + 1}T12:00:00Z`);
    for (let i = 0; i < 2; i++) await closed(CaseStatus.ABSCONDED, `2023-07-0${i + 1}T12:00:00Z`);
    // Not counted: closed before arriving, declined, closed after the quarter.
    await closed(CaseStatus.CLOSED, "2023-08-15T12:00:00Z", null);
    await closed(CaseStatus.DECLINED, "2023-08-15T12:00:00Z", null);
    await closed(CaseStatus.RETURNED, "2023-10-01T00:00:00Z");
    forgetStatisticsGrid(h.db);

    expect(await caseFigures("2023-Q3")).toEqual([
      ARRIVALS("2023-07", "July 2023", 6),
      ARRIVALS("2023-08", "August 2023", null),
      ARRIVALS("2023-09", "September 2023", 7),
      // August is withheld, so the quarter's total would give it away.
      ARRIVALS(null, null, null),
      CAP("2023-07", "July 2023", 60),
      CAP("2023-08", "August 2023", 100),
      CAP("2023-09", "September 2023", 40),
      COUNSEL(7.4),
      SCREENING(null),
      OUTCOME(null, null, 13),
      // Two absconded is withheld, and the next smallest (closed) with it so the total does not give
      // it away. Withheld outcomes are not named, nor one of zero (transferred), whose absence would
      // name them: only what is published above zero is listed.
      OUTCOME("RETURNED", "Returned onward", 6),
    ]);

    // The arrivals are programmeStatistics' own cells and total, never a second view of them.
    const stats = await h.gql(
      `{ programmeStatistics(from: "2023-07", to: "2023-09") { totalArrivals arrivalsByMonth { month arrivals suppressed } } }`,
      {},
      await asPublic(),
    );
    expect(stats.data!.programmeStatistics).toEqual({
      totalArrivals: null,
      arrivalsByMonth: [
        { month: "2023-07", arrivals: 6, suppressed: false },
        { month: "2023-08", arrivals: null, suppressed: true },
        { month: "2023-09", arrivals: 7, suppressed: false },
      ],
    });
  });

  it("publishes the quarter's total when every month is, omits months without a cap and lists no outcome at zero", async () => {
    // 2021-Q1: the agreement's term starts in February; 5, 0 and 8 arrivals; five cases screened.
    const a = await createAgreement(h.db, { termStart: "2021-02-01", termEnd: "2021-12-31", monthlyCap: 25 });
    const cases = [];
    for (let i = 0; i < 5; i++) cases.push(await arrived(a.id, at(`2021-01-1${i}T08:00:00Z`)));
    for (let i = 0; i < 8; i++) await arrived(a.id, at(`2021-03-1${i}T08:00:00Z`));
    const hours = [1, 24, 72, 73, 200];
    for (const [i, c] of cases.entries()) await screening(c.id, new Date(c.arrivedAt!.getTime() + hours[i] * hour));
    forgetStatisticsGrid(h.db);

    expect(await caseFigures("2021-Q1")).toEqual([
      ARRIVALS("2021-01", "January 2021", 5),
      ARRIVALS("2021-02", "February 2021", 0),
      ARRIVALS("2021-03", "March 2021", 8),
      ARRIVALS(null, null, 13),
      CAP("2021-02", "February 2021", 25),
      CAP("2021-03", "March 2021", 25),
      // No counsel contact at all: a base of 0.
      COUNSEL(null),
      SCREENING(72),
      OUTCOME(null, null, 0),
    ]);
  });

  it("has no figures for a quarter not over yet, nor for a malformed one", async () => {
    const now = new Date();
    const current = `${now.getUTCFullYear()}-Q${Math.floor(now.getUTCMonth() / 3) + 1}`;
    for (const quarter of [current, "2999-Q1", "2023-Q5", "23-Q1", "1999-Q4"]) {
      expect(await caseFigures(quarter)).toEqual([]);
    }
  });

  it("serves a quarter from a few aggregate statements, then from its cache", async () => {
    const a = await createAgreement(h.db, { termStart: "2019-01-01", termEnd: "2019-12-31", monthlyCap: 10 });
    for (let i = 0; i < 12; i++) {
      const c = await arrived(a.id, at(`2019-04-${String(i + 10)}T08:00:00Z`));
      await counselContact(c.id, new Date(c.arrivedAt!.getTime() + hour));
      await screening(c.id, new Date(c.arrivedAt!.getTime() + 2 * hour));
    }
    forgetStatisticsGrid(h.db);
    // The grid (arrivals, agreements) and the quarter's medians and outcomes: four statements in all.
    expect(await countStatements(() => caseFigures("2019-Q2"))).toBe(4);
    expect(await countStatements(() => caseFigures("2019-Q2"))).toBe(0);
    expect((await caseFigures("2019-Q2")).slice(0, 4).map((f) => f.value)).toEqual([12, 0, 0, 12]);
  });
});
