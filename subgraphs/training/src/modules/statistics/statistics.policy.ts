import { type FigureCell, FigureUnit, type PublicFigure, figureOverBase } from "@kgraph/platform";
import type { StaffComplianceRow } from "../compliance/staff-compliance.sql";

/**
 * THE TRAINING FIGURES of a quarter, as pure functions of the per-facility counts of the staff
 * compliance rule (compliance/staff-compliance.sql.ts) judged at the quarter's last instant. Only
 * shares are published, each over a base of at least 5 officials (figureOverBase): officials are
 * public servants and the share is an aggregate, not anyone's record.
 */
export const STAFF_TRAINING_COMPLIANCE = {
  indicator: "staff_training_compliance",
  label: "Share of facility staff holding every certificate their job role requires",
  unit: FigureUnit.RATE,
} as const satisfies FigureCell;

const share = (compliant: number, staff: number) => (staff ? Math.round((compliant / staff) * 1000) / 1000 : null);

/** All facilities' staff first (dimension null), then each facility by id. */
export function trainingFigures(rows: readonly StaffComplianceRow[]): PublicFigure[] {
  const staff = rows.reduce((total, row) => total + row.staff_count, 0);
  const compliant = rows.reduce((total, row) => total + row.compliant_count, 0);
  const facilities = [...rows].sort((a, b) =>
    a.facility_id < b.facility_id ? -1 : a.facility_id > b.facility_id ? 1 : 0,
  );
  return [
    figureOverBase(STAFF_TRAINING_COMPLIANCE, share(compliant, staff), staff),
    ...facilities.map((row) =>
      figureOverBase(
        // This subgraph knows a facility by its id only: its name is the facilities subgraph's.
        { ...STAFF_TRAINING_COMPLIANCE, dimension: row.facility_id, dimensionLabel: null },
        share(row.compliant_count, row.staff_count),
        row.staff_count,
      ),
    ),
  ];
}
