import type { Viewer } from "@kgraph/platform";
import { SCOPES } from "@kgraph/policy";
import { DHS_AUTHORITY } from "../../authorities";
import { NO_RECORDS, type SqlCondition, anyOf, rolesHolding, uuidClaim } from "../../record-rules";
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

/**
 * Who records the authority's response to which recommendations. Facility staff respond only
 * for their own facility (the token's `facility_id`: the facility of the visit, copied onto the
 * recommendation); the DHS liaison only to recommendations addressed to DHS (the addressee names
 * DHS or Homeland Security, see `authorities.ts`); any other role holding
 * recommendation:respond (the MIA) responds to every recommendation. Several roles: the union.
 */
export type RespondScope =
  { kind: "all" } | { kind: "limited"; facilityId?: string; addressedToDhs: boolean } | { kind: "none" };

export function respondScope(viewer: Viewer): RespondScope {
  let facilityId: string | undefined;
  let addressedToDhs = false;
  for (const role of rolesHolding(viewer, SCOPES.RECOMMENDATION_RESPOND)) {
    if (role === "facility_staff") facilityId = uuidClaim(viewer.facilityId);
    else if (role === "dhs_liaison") addressedToDhs = true;
    else return { kind: "all" };
  }
  return facilityId || addressedToDhs ? { kind: "limited", facilityId, addressedToDhs } : { kind: "none" };
}

/** The respond rule as SQL on the recommendation table: `null` for every record. */
export function respondCondition(scope: RespondScope, alias: string): SqlCondition | null {
  if (scope.kind === "all") return null;
  if (scope.kind === "none") return NO_RECORDS;
  const conditions: SqlCondition[] = [];
  if (scope.facilityId) {
    conditions.push({
      sql: `${alias}.facility_id = :responderFacilityId`,
      params: { responderFacilityId: scope.facilityId },
    });
  }
  if (scope.addressedToDhs) {
    conditions.push({ sql: `${alias}.addressee ~* :dhsAuthority`, params: { dhsAuthority: DHS_AUTHORITY } });
  }
  return anyOf(conditions);
}

export const RESPOND_FORBIDDEN =
  "Facility staff respond only to recommendations about their own facility, and the DHS liaison only to recommendations addressed to DHS.";
