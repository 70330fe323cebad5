import { badUserInput, databaseKey, userError } from "@kgraph/platform";
import type { DataSource } from "typeorm";
import type { CasesContext } from "../../context";
import { Agreement, AgreementStatus } from "../agreement/agreement.entity";
import type { ProgrammeStatisticsArgs } from "./statistics.inputs";
import {
  ALL_AGREEMENTS,
  type AgreementTerms,
  type ArrivalCount,
  EARLIEST_MONTH,
  MAX_MONTHS,
  SUPPRESSION_THRESHOLD,
  type StatisticsGrid,
  buildGrid,
  figuresForRange,
  formatMonth,
  formatQuarter,
  isGridFresh,
  monthOf,
  monthlyCapIn,
  parseMonth,
  startOfMonth,
} from "./statistics.policy";
import type { ProgrammeStatistics } from "./statistics.types";

/**
 * Public statistics over a range of months: only what the grid publishes (statistics.policy.ts),
 * read from a grid computed once per process and reused, so a request scans no cases.
 */
export async function programmeStatistics(
  ctx: CasesContext,
  args: ProgrammeStatisticsArgs,
): Promise<ProgrammeStatistics> {
  const from = monthArgument(args.from, "from");
  const to = monthArgument(args.to, "to");
  const span = to - from + 1;
  if (span < 1) {
    throw badUserInput(`from (${args.from}) must not be after to (${args.to}).`, { argument: "from" });
  }
  if (span > MAX_MONTHS) {
    throw badUserInput(
      `The range ${args.from} to ${args.to} spans ${span} months; at most ${MAX_MONTHS} are allowed.`,
      { argument: "to" },
    );
  }
  const agreementId = args.agreementId ?? null;
  const agreement = agreementId ? await ctx.loaders.agreementById.load(agreementId) : null;
  if (agreementId && !agreement) {
    throw userError("NOT_FOUND", `Agreement ${agreementId} does not exist.`, {
      id: agreementId,
      argument: "agreementId",
    });
  }

  const { grid, agreements } = await statisticsGrid(ctx.db);
  const figures = figuresForRange(grid, from, to, agreement?.id ?? ALL_AGREEMENTS);
  const terms = agreement ? [agreement] : agreements;
  return {
    from: args.from,
    to: args.to,
    agreement,
    suppressionThreshold: SUPPRESSION_THRESHOLD,
    lastCompleteMonth: formatMonth(grid.openMonth - 1),
    totalArrivals: figures.total,
    totalSuppressed: figures.total === null,
    arrivalsByMonth: figures.months.map((m) => ({
      month: formatMonth(m.month),
      complete: m.complete,
      arrivals: m.arrivals,
      suppressed: m.suppressed,
      monthlyCap: monthlyCapIn(terms, m.month, AgreementStatus.DRAFT),
    })),
    arrivalsByNationality: [],
    arrivalsByQuarter: figures.quarters.map((q) => ({
      quarter: formatQuarter(q.quarter),
      firstMonth: formatMonth(q.quarter * 3),
      lastMonth: formatMonth(q.quarter * 3 + 2),
      complete: q.complete,
      nationalities: q.nationalities,
      nationalitiesWithheld: q.nationalitiesWithheld,
    })),
  };
}

function monthArgument(text: string, argument: "from" | "to"): number {
  const month = parseMonth(text);
  if (month === null) throw badUserInput(`${argument} must be a month as YYYY-MM; got "${text}".`, { argument });
  if (month < parseMonth(EARLIEST_MONTH)!) {
    throw badUserInput(`${argument} (${text}) is before ${EARLIEST_MONTH}, the first month with statistics.`, {
      argument,
    });
  }
  return month;
}

interface CachedGrid {
  computedAt: number;
  openMonth: number;
  value: Promise<{ grid: StatisticsGrid; agreements: AgreementTerms[] }>;
}

/**
 * One grid per database, per process. Completed months do not change, so the grid serves until
 * the month turns, for at most GRID_TTL_MS (arrivals recorded by other processes, or written
 * straight to the database, show within that), or until this process records an arrival
 * (forgetStatisticsGrid).
 */
const grids = new Map<string, CachedGrid>();

/** The cached grid (and the agreements' terms) that programmeStatistics and the quarter figures read. */
export function statisticsGrid(db: DataSource): Promise<{ grid: StatisticsGrid; agreements: AgreementTerms[] }> {
  const now = Date.now();
  const key = databaseKey(db);
  const cached = grids.get(key);
  if (cached && isGridFresh(cached, now)) return cached.value;
  const openMonth = monthOf(new Date(now));
  const entry: CachedGrid = { computedAt: now, openMonth, value: computeGrid(db, openMonth) };
  grids.set(key, entry);
  // A failed computation is not kept: the next request tries again.
  entry.value.catch(() => {
    if (grids.get(key) === entry) grids.delete(key);
  });
  return entry.value;
}

/** After this process recorded an arrival (which may be dated in a completed month). */
export function forgetStatisticsGrid(db: DataSource): void {
  grids.delete(databaseKey(db));
}

/** The grid from one grouped aggregate over the cases that arrived in completed months. */
async function computeGrid(db: DataSource, openMonth: number) {
  const [rows, agreements] = await Promise.all([
    db.query(
      `SELECT (extract(year FROM arrived_at AT TIME ZONE 'UTC') * 12
               + extract(month FROM arrived_at AT TIME ZONE 'UTC') - 1)::int AS month,
              agreement_id AS "agreementId", nationality, count(*)::int AS arrivals
         FROM "case"
        WHERE arrived_at < $1
        GROUP BY 1, 2, 3`,
      [startOfMonth(openMonth).toISOString()],
    ) as Promise<ArrivalCount[]>,
    db.getRepository(Agreement).find({
      select: { id: true, status: true, termStart: true, termEnd: true, monthlyCap: true },
    }),
  ]);
  return { grid: buildGrid(rows, openMonth), agreements };
}
