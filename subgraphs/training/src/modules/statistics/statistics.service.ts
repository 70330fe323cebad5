import { type PublicFigure, QuarterFiguresCache, publishableQuarter, startOfQuarter } from "@kgraph/platform";
import type { DataSource } from "typeorm";
import type { TrainingContext } from "../../context";
import { type StaffComplianceRow, staffComplianceSql } from "../compliance/staff-compliance.sql";
import { trainingFigures } from "./statistics.policy";
import { StatisticsQuarter } from "./statistics.types";

/** Figures per database and quarter, per process: a request within the TTL scans nothing. */
const figures = new QuarterFiguresCache<PublicFigure[]>();

/** `_entities` for StatisticsQuarter: its key; a malformed quarter simply has no figures. */
export function statisticsQuarterReference(reference: { quarter: string }): StatisticsQuarter {
  return Object.assign(new StatisticsQuarter(), { quarter: String(reference.quarter) });
}

/** The training figures of a quarter that is over; none for a quarter not over yet or a malformed one. */
export function trainingFiguresOf(ctx: TrainingContext, root: StatisticsQuarter): Promise<PublicFigure[]> {
  const quarter = publishableQuarter(root.quarter, ctx.now);
  if (quarter === null) return Promise.resolve([]);
  return figures.get(ctx.db, quarter, ctx.now.getTime(), () =>
    staffComplianceAt(ctx.db, startOfQuarter(quarter + 1)).then(trainingFigures),
  );
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
