import { DHS_AUTHORITY, MIA_AUTHORITY, namesAuthority } from "../../authorities";
import { ComplaintStatus } from "../complaint/complaint-enums";

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

/** A complaint is to be acknowledged (moved on from RECEIVED) within 72 hours of its receipt. */
export const COMPLAINT_ACKNOWLEDGEMENT_HOURS = 72;

export function acknowledgementDueAt(receivedAt: Date): Date {
  return new Date(receivedAt.getTime() + COMPLAINT_ACKNOWLEDGEMENT_HOURS * HOUR_MS);
}

/**
 * The Ombudsperson's overdue obligations on one complaint at `asOf`: acknowledgement while it is
 * still RECEIVED (its current status: no time of triage is kept) 72 h after receipt; a decision
 * not made by `asOf` after its due date (receipt plus the response period). Mirrors the SQL of
 * `overdue.loaders.ts`, which selects the complaints with at least one.
 */
export function overdueComplaintObligations(
  complaint: { status: ComplaintStatus; receivedAt: Date; dueAt: Date; decidedAt: Date | null },
  asOf: Date,
): { kind: ObligationKind; dueAt: Date }[] {
  const owed: { kind: ObligationKind; dueAt: Date }[] = [];
  const acknowledgeBy = acknowledgementDueAt(complaint.receivedAt);
  if (complaint.status === ComplaintStatus.RECEIVED && acknowledgeBy < asOf)
    owed.push({ kind: ObligationKind.COMPLAINT_ACKNOWLEDGEMENT, dueAt: acknowledgeBy });
  if (complaint.dueAt < asOf && (complaint.decidedAt === null || complaint.decidedAt > asOf))
    owed.push({ kind: ObligationKind.COMPLAINT_DECISION, dueAt: complaint.dueAt });
  return owed;
}

/**
 * The task-force agency a recommendation's addressee (free text, authorities.ts) names, first
 * match wins: DHS; the MIA, with its Department for Citizenship, Asylum and Migration and the
 * Kosovo Police (both under the Ministry); a facility's management (its operator). Any other
 * authority (the Ministry of Health, …) sits on no task force: its recommendations are in no
 * ledger.
 */
export const ADDRESSEE_AGENCIES: readonly { agency: TaskForceAgency; pattern: string }[] = [
  { agency: TaskForceAgency.DHS, pattern: DHS_AUTHORITY },
  { agency: TaskForceAgency.MIA, pattern: MIA_AUTHORITY },
  { agency: TaskForceAgency.MIA, pattern: "(^|[^a-z])(citizenship, asylum and migration|kosovo police)([^a-z]|$)" },
  { agency: TaskForceAgency.FACILITY_OPERATOR, pattern: "(^|[^a-z])(facility|facilities)([^a-z]|$)" },
];

export function addresseeAgency(addressee: string): TaskForceAgency | null {
  return ADDRESSEE_AGENCIES.find(({ pattern }) => namesAuthority(addressee, pattern))?.agency ?? null;
}
