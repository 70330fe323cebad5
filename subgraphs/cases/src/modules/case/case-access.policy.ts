import { ROLE_SCOPES, type Role, SCOPES, type Scope, isNarrowed, isRole } from "@kgraph/policy";
import { type Viewer, hasScopes, isUuid } from "@kgraph/platform";

/**
 * RECORD RULES of the cases subgraph (DESIGN §3, the `*` in the scope table): which cases a
 * viewer may read or act on under one scope. Pure functions; the services and loaders turn the
 * result into SQL (`caseScopeSql`), so a list, a lookup by id and an entity reference give the
 * same answer.
 *
 * - legal_counsel: cases whose CURRENT representation has counsel_id = the token's `sub`.
 * - facility_staff: cases placed (now or before) in the token's `facility_id`, per the facilities
 *   subgraph's published view `facilities.case_residence`.
 * - dhs_liaison, for identity (person:read) only: cases not yet handed over (arrived_at IS NULL).
 * - every other role holding the scope: all cases.
 *
 * Which role is narrowed for which scope comes from the policy (`RECORD_RULES`, `isNarrowed`); a
 * narrowed role this subgraph has no rule for gets nothing (fail closed).
 *
 * A viewer with several roles gets the union: one unrestricted role makes the viewer
 * unrestricted. A claim the rule needs that is missing or malformed grants nothing.
 */
export type CaseScope =
  | { kind: "all" }
  | { kind: "none" }
  | {
      kind: "some";
      /** Current counsel of record: the viewer's `sub`. */
      counselId: string | null;
      /** Placed (now or before) in the viewer's facility. */
      facilityId: string | null;
      /** Not yet handed over to Kosovo (arrived_at IS NULL). */
      beforeHandover: boolean;
    };

const ALL: CaseScope = Object.freeze({ kind: "all" });
const NONE: CaseScope = Object.freeze({ kind: "none" });

/** The cases `viewer` may reach through `scope`: the union over its roles that hold it. */
export function caseScopeFor(viewer: Viewer, scope: Scope): CaseScope {
  if (viewer.public) return NONE;
  let counselId: string | null = null;
  let facilityId: string | null = null;
  let beforeHandover = false;
  for (const role of viewer.roles) {
    if (!isRole(role) || !ROLE_SCOPES[role].includes(scope)) continue;
    switch (ruleOf(role, scope)) {
      case "none":
        break;
      case "counsel":
        if (isUuid(viewer.sub)) counselId = viewer.sub;
        break;
      case "facility":
        if (isUuid(viewer.facilityId)) facilityId = viewer.facilityId;
        break;
      case "beforeHandover":
        beforeHandover = true;
        break;
      case "all":
        return ALL;
    }
  }
  if (counselId === null && facilityId === null && !beforeHandover) return NONE;
  return { kind: "some", counselId, facilityId, beforeHandover };
}

function ruleOf(role: Role, scope: Scope): "all" | "counsel" | "facility" | "beforeHandover" | "none" {
  if (!isNarrowed(role, scope)) return "all";
  if (role === "legal_counsel") return "counsel";
  if (role === "facility_staff") return "facility";
  if (role === "dhs_liaison" && (scope === SCOPES.PERSON_READ || scope === SCOPES.PERSON_DOCUMENTS_READ)) {
    return "beforeHandover";
  }
  return "none";
}

/** Cases the viewer may read (case:read): lists, case(id), `_entities`, a transfer's cases. */
export const caseScope = (viewer: Viewer): CaseScope => caseScopeFor(viewer, SCOPES.CASE_READ);

/** Cases whose person (identity) the viewer may read (person:read), on top of `caseScope`. */
export const identityScope = (viewer: Viewer): CaseScope => caseScopeFor(viewer, SCOPES.PERSON_READ);

/** Cases the viewer may record counsel contact events for (counsel:write). */
export const counselContactScope = (viewer: Viewer): CaseScope => caseScopeFor(viewer, SCOPES.COUNSEL_WRITE);

/** Cases the viewer may write privileged notes for (case:privileged): those it is counsel of record of. */
export const privilegedNoteScope = (viewer: Viewer): CaseScope => caseScopeFor(viewer, SCOPES.CASE_PRIVILEGED);

/**
 * Whose privileged notes the viewer may read the text of: its own (counselId = sub), and only
 * with case:privileged. Everyone else may see that a note exists, never what it says.
 */
export function privilegedNoteReader(viewer: Viewer): string | null {
  return !viewer.public && hasScopes(viewer, [SCOPES.CASE_PRIVILEGED]) && isUuid(viewer.sub) ? viewer.sub : null;
}

/**
 * Transfers themselves (flight, dates, status) carry no one's data: every case:read holder sees
 * them all; the cases on a transfer follow `caseScope`. Without case:read, none (an `_entities`
 * reference to a transfer resolves to null, so a public caller cannot probe for ids).
 */
export function transfersVisible(viewer: Viewer): boolean {
  return !viewer.public && hasScopes(viewer, [SCOPES.CASE_READ]);
}

/** The published view of current counsel of record (this subgraph's own contract). */
export const COUNSEL_CLIENT_VIEW = "cases.counsel_client";
/** The facilities subgraph's published view of placements (the only cross-schema SQL). */
export const CASE_RESIDENCE_VIEW = "facilities.case_residence";

/**
 * A SQL condition on the case aliased `caseAlias` (its `id` and `arrived_at` columns) that holds
 * exactly for the cases in `scope`, with named parameters for TypeORM's query builder. `name`
 * keeps parameters apart when two scopes meet in one statement.
 */
export function caseScopeSql(
  scope: CaseScope,
  caseAlias: string,
  name = "scope",
): { sql: string; params: Record<string, string> } {
  if (scope.kind === "all") return { sql: "TRUE", params: {} };
  if (scope.kind === "none") return { sql: "FALSE", params: {} };
  const alternatives: string[] = [];
  const params: Record<string, string> = {};
  if (scope.counselId !== null) {
    alternatives.push(
      `EXISTS (SELECT 1 FROM ${COUNSEL_CLIENT_VIEW} cc WHERE cc.case_id = ${caseAlias}.id AND cc.counsel_id = :${name}CounselId)`,
    );
    params[`${name}CounselId`] = scope.counselId;
  }
  if (scope.facilityId !== null) {
    alternatives.push(
      `EXISTS (SELECT 1 FROM ${CASE_RESIDENCE_VIEW} cr WHERE cr.case_id = ${caseAlias}.id AND cr.facility_id = :${name}FacilityId)`,
    );
    params[`${name}FacilityId`] = scope.facilityId;
  }
  if (scope.beforeHandover) alternatives.push(`${caseAlias}.arrived_at IS NULL`);
  if (!alternatives.length) return { sql: "FALSE", params: {} };
  return { sql: `(${alternatives.join(" OR ")})`, params };
}
