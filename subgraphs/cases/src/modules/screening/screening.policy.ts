import { CaseStatus } from "../case/case-status";
import { ScreeningOutcome } from "./screening.entity";

/** Screening happens after arrival and before the case ends: while onward return is still open. */
export const SCREENABLE_STATUSES: readonly CaseStatus[] = [
  CaseStatus.RECEIVED,
  CaseStatus.ACCOMMODATED,
  CaseStatus.ONWARD_RETURN_PLANNED,
];

/** An outcome that rests on a protection claim must say what the claim is. */
export function needsClaimSummary(outcome: ScreeningOutcome): boolean {
  return outcome === ScreeningOutcome.RISK_IDENTIFIED || outcome === ScreeningOutcome.REFERRED_FOR_ASYLUM;
}

/** Kosovo is where the person is; screening assesses return elsewhere. */
export const RECEIVING_COUNTRY = "XK";
