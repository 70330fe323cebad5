import { type PublicFigure, QuarterFiguresCache, publishableQuarter, startOfQuarter } from "@kgraph/platform";
import type { DataSource } from "typeorm";
import type { MonitoringContext } from "../../context";
import { RecommendationStatus } from "../recommendation/recommendation.entity";
import { VisitStatus } from "../visit/visit-enums";
import { type MonitoringQuarterCounts, monitoringFigures } from "./statistics.policy";
import { StatisticsQuarter } from "./statistics.types";

/** Figures per database and quarter, per process: a request within the TTL scans nothing. */
const figures = new QuarterFiguresCache<PublicFigure[]>();

/** `_entities` for StatisticsQuarter: its key; a malformed quarter simply has no figures. */
export function statisticsQuarterReference(reference: { quarter: string }): StatisticsQuarter {
  return Object.assign(new StatisticsQuarter(), { quarter: String(reference.quarter) });
}

/**
 * The monitoring figures of a quarter that is over; none for a quarter not over yet (its counts
 * would grow day by day and tell who complained today) or a malformed one.
 */
export function monitoringFiguresOf(ctx: MonitoringContext, root: StatisticsQuarter): Promise<PublicFigure[]> {
  const quarter = publishableQuarter(root.quarter, ctx.now);
  if (quarter === null) return Promise.resolve([]);
  return figures.get(ctx.db, quarter, ctx.now.getTime(), () =>
    quarterCounts(ctx.db, startOfQuarter(quarter), startOfQuarter(quarter + 1)).then(monitoringFigures),
  );
}

/**
 * The quarter's aggregates in one statement ($1 its first instant, $2 the first instant after it):
 * - complaints received in the quarter, by category;
 * - complaints decided in the quarter, and the median of their days from receipt to decision;
 * - complaints received before the end, due before the end and not decided before the end;
 * - recommendations of published visit reports due in the quarter, and those of them marked
 *   implemented (IMPLEMENTED, implemented_at) no later than their due date;
 * - incidents that happened (`at`) in the quarter.
 */
const QUARTER_COUNTS_SQL = `
  WITH received AS (
    SELECT coalesce(json_object_agg(category, n), '{}'::json) AS by_category
      FROM (SELECT c.category, count(*)::int AS n
              FROM monitoring.complaint c
             WHERE c.received_at >= $1 AND c.received_at < $2
             GROUP BY c.category) per_category
  ), decided AS (
    SELECT count(*)::int AS n,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM c.decided_at - c.received_at)::float8 / 86400)
             AS median_days
      FROM monitoring.complaint c
     WHERE c.decided_at >= $1 AND c.decided_at < $2
  ), overdue AS (
    SELECT count(*)::int AS n
      FROM monitoring.complaint c
     WHERE c.received_at < $2 AND c.due_at < $2 AND (c.decided_at IS NULL OR c.decided_at >= $2)
  ), recommendations AS (
    SELECT count(*)::int AS due,
           (count(*) FILTER (WHERE r.status = $4 AND r.implemented_at <= r.due_at))::int AS implemented
      FROM monitoring.recommendation r
      JOIN monitoring.visit v ON v.id = r.visit_id AND v.status = $3
     WHERE r.due_at >= $1 AND r.due_at < $2
  ), incidents AS (
    SELECT count(*)::int AS n FROM monitoring.incident i WHERE i.at >= $1 AND i.at < $2
  )
  SELECT received.by_category AS "complaintsByCategory",
         decided.n AS "complaintsDecided",
         decided.median_days AS "resolutionDaysMedian",
         overdue.n AS "complaintsOverdue",
         recommendations.due AS "recommendationsDue",
         recommendations.implemented AS "recommendationsImplemented",
         incidents.n AS incidents
    FROM received, decided, overdue, recommendations, incidents`;

async function quarterCounts(db: DataSource, start: Date, end: Date): Promise<MonitoringQuarterCounts> {
  const [row] = (await db.query(QUARTER_COUNTS_SQL, [
    start.toISOString(),
    end.toISOString(),
    VisitStatus.REPORT_PUBLISHED,
    RecommendationStatus.IMPLEMENTED,
  ])) as MonitoringQuarterCounts[];
  return row;
}
