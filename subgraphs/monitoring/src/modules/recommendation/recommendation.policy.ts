import { RecommendationStatus, type StoredRecommendationStatus } from "./recommendation.entity";

/**
 * The status a reader sees: an OPEN recommendation whose due date has passed without a
 * response is OVERDUE. Derived when read, so it needs no scheduled job and is never stale.
 */
export function visibleRecommendationStatus(
  recommendation: { status: StoredRecommendationStatus; dueAt: Date },
  now: Date = new Date(),
): RecommendationStatus {
  if (recommendation.status === RecommendationStatus.OPEN && recommendation.dueAt.getTime() < now.getTime()) {
    return RecommendationStatus.OVERDUE;
  }
  return recommendation.status;
}

/** Whether the recommendation is past its due date and still waits for a response or for implementation. */
export function isOverdue(
  recommendation: { status: StoredRecommendationStatus; dueAt: Date },
  now: Date = new Date(),
): boolean {
  return (
    (recommendation.status === RecommendationStatus.OPEN || recommendation.status === RecommendationStatus.ACCEPTED) &&
    recommendation.dueAt.getTime() < now.getTime()
  );
}

/** Only an unanswered recommendation (OPEN, or OVERDUE when read) can be responded to. */
export function canRespond(status: StoredRecommendationStatus): boolean {
  return status === RecommendationStatus.OPEN;
}

/** Only an accepted recommendation can be marked implemented. */
export function canMarkImplemented(status: StoredRecommendationStatus): boolean {
  return status === RecommendationStatus.ACCEPTED;
}

export const RESPOND_FORBIDDEN =
  "Facility staff respond only to recommendations about their own facility, and the DHS liaison only to recommendations addressed to DHS.";
