import { isUuid } from "@kgraph/platform";
import { DAY_MS } from "../../clock";
import { TaskForceAgency } from "../../agency";

export enum AgeingBand {
  DAYS_0_TO_7 = "DAYS_0_TO_7",
  DAYS_8_TO_30 = "DAYS_8_TO_30",
  DAYS_31_TO_90 = "DAYS_31_TO_90",
  OVER_90_DAYS = "OVER_90_DAYS",
}

/** The bands, in order, with the most days overdue each holds (the last holds the rest). */
export const AGEING_BANDS: readonly { band: AgeingBand; upTo: number | null }[] = [
  { band: AgeingBand.DAYS_0_TO_7, upTo: 7 },
  { band: AgeingBand.DAYS_8_TO_30, upTo: 30 },
  { band: AgeingBand.DAYS_31_TO_90, upTo: 90 },
  { band: AgeingBand.OVER_90_DAYS, upTo: null },
];

/** Whole days past due at `asOf` (0 for less than a day late). */
export function daysOverdue(dueAt: Date, asOf: Date): number {
  return Math.floor((asOf.getTime() - dueAt.getTime()) / DAY_MS);
}

export function ageingBandOf(days: number): AgeingBand {
  for (const { band, upTo } of AGEING_BANDS) if (upTo === null || days <= upTo) return band;
  return AgeingBand.OVER_90_DAYS;
}

/** One agency's ledger as a viewer sees it: the agency, and the organisation it is narrowed to. */
export interface OwnLedger {
  agency: TaskForceAgency;
  orgId: string | null;
}

/**
 * The agencies a viewer answers for, from their roles: an MIA officer for the MIA, the DHS liaison
 * for DHS, the Ombudsperson for that office, facility staff for their own facility's operator,
 * a monitor for their own body. A role without an agency (auditor, counsel, training
 * administrator) owes the task force nothing; a facility or body claim that is not a uuid names
 * no organisation, so no ledger.
 */
export function ownLedgers(viewer: { roles: readonly string[]; facilityId?: string; orgId?: string }): OwnLedger[] {
  const ledgers: OwnLedger[] = [];
  for (const role of viewer.roles) {
    if (role === "mia_officer") ledgers.push({ agency: TaskForceAgency.MIA, orgId: null });
    if (role === "dhs_liaison") ledgers.push({ agency: TaskForceAgency.DHS, orgId: null });
    if (role === "ombudsperson") ledgers.push({ agency: TaskForceAgency.OMBUDSPERSON, orgId: null });
    if (role === "facility_staff" && isUuid(viewer.facilityId)) {
      ledgers.push({ agency: TaskForceAgency.FACILITY_OPERATOR, orgId: viewer.facilityId });
    }
    if (role === "monitor" && isUuid(viewer.orgId)) {
      ledgers.push({ agency: TaskForceAgency.CIVIL_SOCIETY, orgId: viewer.orgId });
    }
  }
  const seen = new Set<string>();
  return ledgers.filter((l) => !seen.has(l.agency) && seen.add(l.agency));
}
