import { type PublicFigure, parseQuarter, startOfQuarter } from "@kgraph/platform";
import type { DataSource } from "typeorm";
import type { TrainingContext } from "../../context";
import { type StaffComplianceRow, staffComplianceSql } from "../compliance/staff-compliance.sql";
import { trainingFigures } from "./statistics.policy";
import { StatisticsQuarter } from "./statistics.types";

/** No statistics before this quarter (as the oversight subgraph, which owns the quarter, says). */
const EARLIEST_QUARTER = parseQuarter("2000-Q1")!;

/** How long a quarter's figures serve before they are computed again (late records show within it). */
export const FIGURES_TTL_MS = 10 * 60_000;

/** `_entities` for StatisticsQuarter: its key; a malformed quarter simply has no figures. */
export function statisticsQuarterReference(reference: { quarter: string }): StatisticsQuarter {
  return Object.assign(new StatisticsQuarter(), { quarter: String(reference.quarter) });
}

/** The training figures of a quarter that is over; none for a quarter not over yet or a malformed one. */
export function trainingFiguresOf(ctx: TrainingContext, root: StatisticsQuarter): Promise<PublicFigure[]> {
  const quarter = parseQuarter(root.quarter);
  if (quarter === null || quarter < EARLIEST_QUARTER) return Promise.resolve([]);
  const end = startOfQuarter(quarter + 1);
  if (end > ctx.now) return Promise.resolve([]);
  return cachedFigures(ctx.db, root.quarter, ctx.now.getTime(), () =>
    staffComplianceAt(ctx.db, end).then(trainingFigures),
  );
}

interface CachedFigures {
  computedAt: number;
  value: Promise<PublicFigure[]>;
}

/** Figures per database and quarter, per process: a request within FIGURES_TTL_MS scans nothing. */
const figures = new Map<string, CachedFigures>();

/** The database a data source reads (a request's data source is a wrapper around the subgraph's). */
function databaseOf(db: DataSource): string {
  const options = db.options as { url?: string; schema?: string };
  return `${options.url ?? ""} ${options.schema ?? ""}`;
}

function cachedFigures(
  db: DataSource,
  quarter: string,
  now: number,
  compute: () => Promise<PublicFigure[]>,
): Promise<PublicFigure[]> {
  const key = `${databaseOf(db)} ${quarter}`;
  const cached = figures.get(key);
  if (cached && now >= cached.computedAt && now - cached.computedAt < FIGURES_TTL_MS) return cached.value;
  const entry: CachedFigures = { computedAt: now, value: compute() };
  figures.set(key, entry);
  // A failed computation is not kept: the next request tries again.
  entry.value.catch(() => {
    if (figures.get(key) === entry) figures.delete(key);
  });
  return entry.value;
}

/**
 * Facility.staffCompliance's rule judged at the quarter's last instant ($1 = the first instant
 * after it), in one statement: the active officials working at a facility and registered before
 * the end; the requirements of their job role recorded before the end; a certificate counts when
 * issued before the end and still valid at its last instant (expiring at the end or later).
 */
const QUARTER_STAFF_COMPLIANCE_SQL = staffComplianceSql({
  staff: `SELECT o.id, o.facility_id, o.job_role
            FROM official o
           WHERE o.active AND o.facility_id IS NOT NULL AND o.registered_at < $1`,
  requirementInForce: "r.created_at < $1",
  certificateValid: "c.issued_at < $1 AND c.expires_at >= $1",
});

function staffComplianceAt(db: DataSource, end: Date): Promise<StaffComplianceRow[]> {
  return db.query(QUARTER_STAFF_COMPLIANCE_SQL, [end.toISOString()]) as Promise<StaffComplianceRow[]>;
}
