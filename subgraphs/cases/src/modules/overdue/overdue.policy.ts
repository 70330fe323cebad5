/**
 * The overdue ledger's shared vocabulary, as the oversight subgraph declares it (its
 * `TaskForceAgency`, `AgeingBand` and `ObligationKind` enums): the enums below are printed into
 * this subgraph's SDL and must stay identical to oversight's, value for value and description for
 * description (tests/schema/shared-enums.test.ts compares them).
 */
export enum TaskForceAgency {
  MIA = "MIA",
  DHS = "DHS",
  OMBUDSPERSON = "OMBUDSPERSON",
  FACILITY_OPERATOR = "FACILITY_OPERATOR",
  CIVIL_SOCIETY = "CIVIL_SOCIETY",
}

export enum AgeingBand {
  DAYS_0_TO_7 = "DAYS_0_TO_7",
  DAYS_8_TO_30 = "DAYS_8_TO_30",
  DAYS_31_TO_90 = "DAYS_31_TO_90",
  OVER_90_DAYS = "OVER_90_DAYS",
}

export enum ObligationKind {
  RIGHTS_INFORMATION = "RIGHTS_INFORMATION",
  COUNSEL_OFFER = "COUNSEL_OFFER",
  PROTECTION_SCREENING = "PROTECTION_SCREENING",
  COMPLAINT_ACKNOWLEDGEMENT = "COMPLAINT_ACKNOWLEDGEMENT",
  COMPLAINT_DECISION = "COMPLAINT_DECISION",
  RECOMMENDATION_RESPONSE = "RECOMMENDATION_RESPONSE",
  ACTION_ITEM = "ACTION_ITEM",
}

export const AGENCIES: readonly TaskForceAgency[] = Object.values(TaskForceAgency);

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/** The bands, in order, with the most whole days overdue each holds (the last holds the rest). */
const AGEING_BANDS: readonly { band: AgeingBand; upTo: number | null }[] = [
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

/**
 * The time limits this subgraph's facts answer for, from arrival (handover) in Kosovo (the
 * obligations catalogue: Agreement art. 7(2) and 8(1)). Both are the MIA's to meet.
 */
export const CASE_OBLIGATIONS = {
  [ObligationKind.COUNSEL_OFFER]: { hours: 24, owedBy: TaskForceAgency.MIA },
  [ObligationKind.PROTECTION_SCREENING]: { hours: 72, owedBy: TaskForceAgency.MIA },
} as const;

export type CaseObligationKind = keyof typeof CASE_OBLIGATIONS;

export function caseObligationDueAt(kind: CaseObligationKind, arrivedAt: Date): Date {
  return new Date(arrivedAt.getTime() + CASE_OBLIGATIONS[kind].hours * HOUR_MS);
}
