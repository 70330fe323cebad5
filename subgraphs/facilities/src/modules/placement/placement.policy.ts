import { type Viewer, isUuid } from "@kgraph/platform";
import { ROLE_SCOPES, type Role, SCOPES, isRole } from "@kgraph/policy";
import { FacilityType } from "../facility/facility.entity";
import { PlacementRegime, PlacementStatus } from "./placement.entity";

/** The placement state machine: from each status, the statuses it may move to next. */
export const NEXT_PLACEMENT_STATUSES: Readonly<Record<PlacementStatus, readonly PlacementStatus[]>> = {
  [PlacementStatus.PLANNED]: [PlacementStatus.CHECKED_IN, PlacementStatus.CANCELLED],
  [PlacementStatus.CHECKED_IN]: [PlacementStatus.CHECKED_OUT],
  [PlacementStatus.CHECKED_OUT]: [],
  [PlacementStatus.CANCELLED]: [],
};

export function canMovePlacement(from: PlacementStatus, to: PlacementStatus): boolean {
  return NEXT_PLACEMENT_STATUSES[from].includes(to);
}

/** Detention is lawful only in a facility built and run for it. */
export function regimeAllowedIn(regime: PlacementRegime, facilityType: FacilityType): boolean {
  return regime !== PlacementRegime.DETAINED || facilityType === FacilityType.DETENTION_CENTRE;
}

/**
 * Which placements a viewer may read (placement:read) or change (placement:write): the record
 * rules of DESIGN §3, applied in SQL by the loaders and checked on the locked row by the writes.
 * - `all`: every placement (mia_officer, ombudsperson, auditor; writes: mia_officer).
 * - `facility`: the placements at one facility (facility_staff, their token's `facility_id`).
 * - `counsel`: the placements of the cases whose current counsel of record is the viewer
 *   (legal_counsel, `sub` = counsel id; `cases.counsel_client`, published by the cases subgraph).
 * - `facilityOrCounsel`: both at once, for a viewer holding both roles.
 * - `none`: no placement (a role without the scope, or a narrowed role whose token lacks the claim).
 */
export type PlacementScope =
  | { kind: "all" }
  | { kind: "none" }
  | { kind: "facility"; facilityId: string }
  | { kind: "counsel"; counselId: string }
  | { kind: "facilityOrCounsel"; facilityId: string; counselId: string };

/** The roles that see (or, holding placement:write, change) every placement. */
const UNRESTRICTED_ROLES: readonly Role[] = ["mia_officer", "ombudsperson", "auditor"];

type PlacementViewer = Pick<Viewer, "roles" | "sub" | "facilityId" | "public">;

/**
 * The union of what each of the viewer's roles allows for `scope`: a role counts only when the
 * policy grants it the scope, any unrestricted role opens everything, and a role this rule does
 * not name opens nothing (closed by default, should the policy grant the scope to a new role).
 */
export function placementScope(
  viewer: PlacementViewer,
  scope: typeof SCOPES.PLACEMENT_READ | typeof SCOPES.PLACEMENT_WRITE,
): PlacementScope {
  if (viewer.public) return { kind: "none" };
  let facilityId: string | undefined;
  let counselId: string | undefined;
  for (const role of viewer.roles) {
    if (!isRole(role) || !ROLE_SCOPES[role].includes(scope)) continue;
    if (UNRESTRICTED_ROLES.includes(role)) return { kind: "all" };
    if (role === "facility_staff" && isUuid(viewer.facilityId)) facilityId = viewer.facilityId;
    if (role === "legal_counsel" && isUuid(viewer.sub)) counselId = viewer.sub;
  }
  if (facilityId && counselId) return { kind: "facilityOrCounsel", facilityId, counselId };
  if (facilityId) return { kind: "facility", facilityId };
  if (counselId) return { kind: "counsel", counselId };
  return { kind: "none" };
}

/** The placements a viewer may read. */
export const placementReadScope = (viewer: PlacementViewer) => placementScope(viewer, SCOPES.PLACEMENT_READ);

/** The placements a viewer may place, check in, check out or cancel. */
export const placementWriteScope = (viewer: PlacementViewer) => placementScope(viewer, SCOPES.PLACEMENT_WRITE);

/**
 * Whether a write scope covers a placement at `facilityId`. Writes are never narrowed to counsel
 * (legal counsel hold no placement:write), so only `all` and the viewer's own facility pass.
 */
export function mayWritePlacementAt(scope: PlacementScope, facilityId: string): boolean {
  if (scope.kind === "all") return true;
  if (scope.kind === "facility" || scope.kind === "facilityOrCounsel") return scope.facilityId === facilityId;
  return false;
}
