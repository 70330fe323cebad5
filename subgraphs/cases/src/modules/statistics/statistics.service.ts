import { badUserInput, notFound } from "@kgraph/platform";
import type { CasesContext } from "../../context";
import { AgreementStatus } from "../agreement/agreement.entity";
import type { ProgrammeStatisticsArgs } from "./statistics.inputs";
import { SUPPRESSION_THRESHOLD, cellsToSuppress, isSmallCount } from "./statistics.policy";
import type { NationalityArrivals, ProgrammeStatistics } from "./statistics.types";

/** Longest range one request may cover. */
export const MAX_MONTHS = 36;

/**
 * Public arrivals per month against the cap, and by nationality, over a range of months. Each
 * breakdown is one SQL aggregate; small counts are then withheld (statistics.policy.ts).
 */
export async function programmeStatistics(
  ctx: CasesContext,
  args: ProgrammeStatisticsArgs,
): Promise<ProgrammeStatistics> {
  const span = monthNumber(args.to) - monthNumber(args.from) + 1;
  if (span < 1) {
    throw badUserInput(`from (${args.from}) must not be after to (${args.to}).`, { argument: "from" });
  }
  if (span > MAX_MONTHS) {
    throw badUserInput(
      `The range ${args.from} to ${args.to} spans ${span} months; at most ${MAX_MONTHS} are allowed.`,
      {
        argument: "to",
      },
    );
  }
  const agreementId = args.agreementId ?? null;
  const agreement = agreementId ? await ctx.loaders.agreementById.load(agreementId) : null;
  if (agreementId && !agreement) throw notFound("Agreement", agreementId);

  const start = `${args.from}-01T00:00:00Z`;
  const end = firstOfNextMonth(args.to);
  const [months, nationalities] = await Promise.all([
    ctx.db.query(
      `WITH months AS (
         SELECT generate_series($1::timestamptz, $2::timestamptz - interval '1 month', interval '1 month') AS month_start
       ), arrivals AS (
         SELECT date_trunc('month', arrived_at) AS month_start, count(*)::int AS arrivals
           FROM "case"
          WHERE arrived_at >= $1 AND arrived_at < $2 AND ($3::uuid IS NULL OR agreement_id = $3)
          GROUP BY 1
       )
       SELECT to_char(m.month_start, 'YYYY-MM') AS month,
              coalesce(a.arrivals, 0) AS arrivals,
              (SELECT sum(g.monthly_cap)::int FROM agreement g
                WHERE ($3::uuid IS NULL OR g.id = $3) AND g.status <> $4
                  AND g.term_start < m.month_start + interval '1 month'
                  AND (g.term_end IS NULL OR g.term_end >= m.month_start)) AS monthly_cap
         FROM months m LEFT JOIN arrivals a ON a.month_start = m.month_start
        ORDER BY m.month_start`,
      [start, end, agreementId, AgreementStatus.DRAFT],
    ) as Promise<{ month: string; arrivals: number; monthly_cap: number | null }[]>,
    ctx.db.query(
      `SELECT nationality, count(*)::int AS arrivals
         FROM "case"
        WHERE arrived_at >= $1 AND arrived_at < $2 AND ($3::uuid IS NULL OR agreement_id = $3)
        GROUP BY nationality
        ORDER BY nationality`,
      [start, end, agreementId],
    ) as Promise<{ nationality: string; arrivals: number }[]>,
  ]);

  const total = months.reduce((sum, m) => sum + m.arrivals, 0);
  const monthSuppressed = cellsToSuppress(months.map((m) => m.arrivals));
  const nationalitySuppressed = cellsToSuppress(nationalities.map((n) => n.arrivals));
  const byNationality: NationalityArrivals[] = nationalities.map((n, i) => ({
    nationality: n.nationality,
    arrivals: nationalitySuppressed[i] ? null : n.arrivals,
    suppressed: nationalitySuppressed[i],
  }));
  return {
    from: args.from,
    to: args.to,
    agreement,
    suppressionThreshold: SUPPRESSION_THRESHOLD,
    totalArrivals: isSmallCount(total) ? null : total,
    totalSuppressed: isSmallCount(total),
    arrivalsByMonth: months.map((m, i) => ({
      month: m.month,
      arrivals: monthSuppressed[i] ? null : m.arrivals,
      suppressed: monthSuppressed[i],
      monthlyCap: m.monthly_cap,
    })),
    // Published counts largest first; withheld ones after them by code, so their place in the order tells nothing.
    arrivalsByNationality: [
      ...byNationality
        .filter((n) => !n.suppressed)
        .sort((a, b) => (b.arrivals as number) - (a.arrivals as number) || a.nationality.localeCompare(b.nationality)),
      ...byNationality.filter((n) => n.suppressed),
    ],
  };
}

function monthNumber(month: string): number {
  const [year, m] = month.split("-").map(Number);
  return year * 12 + (m - 1);
}

function firstOfNextMonth(month: string): string {
  const next = monthNumber(month) + 1;
  const year = Math.floor(next / 12);
  return `${String(year).padStart(4, "0")}-${String((next % 12) + 1).padStart(2, "0")}-01T00:00:00Z`;
}
