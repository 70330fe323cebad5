import {
  ALL,
  CLAIM_ACCESS,
  type Grant,
  RULES,
  type RuleName,
  type Scope,
  grantOf,
  isRole,
  publicGrantOf,
} from "@kgraph/policy";
import type { Viewer } from "../context";
import { isUuid } from "../ids";

/** A record rule with the claim value it compares records with (null for rules without a claim). */
export interface BoundRule {
  rule: RuleName;
  value: string | null;
}

/**
 * Which records a viewer reaches under a scope: every record, none, or those meeting any of the
 * alternatives (each a conjunction of bound rules). Derived only from the policy's tables.
 */
export type RecordScope =
  { kind: "all" } | { kind: "none" } | { kind: "some"; alternatives: readonly (readonly BoundRule[])[] };

export const ALL_RECORDS: RecordScope = Object.freeze({ kind: "all" });
export const NO_RECORDS: RecordScope = Object.freeze({ kind: "none" });

/**
 * The union, over everything that grants the scope — each of the viewer's roles, the claims it
 * carries (its own official record) and the public grants — of the records granted. A role the
 * policy does not give the scope adds nothing; a rule whose claim is missing or malformed in the
 * token adds nothing; ALL only where the policy says ALL (deny by default).
 */
export function recordScope(viewer: Viewer, scope: Scope): RecordScope {
  const grants: Grant[] = [];
  const everyone = publicGrantOf(scope);
  if (everyone) grants.push(everyone);
  if (!viewer.public) {
    for (const role of viewer.roles) {
      const grant = isRole(role) ? grantOf(role, scope) : undefined;
      if (grant) grants.push(grant);
    }
    const own = viewer.officialId ? CLAIM_ACCESS.official_id?.[scope] : undefined;
    if (own) grants.push(own);
  }
  if (grants.includes(ALL)) return ALL_RECORDS;
  const alternatives = new Map<string, BoundRule[]>();
  for (const grant of grants) {
    if (grant === ALL) continue;
    for (const conjunction of grant) {
      const bound = conjunction.map((rule) => bindRule(viewer, rule));
      if (bound.some((b) => b === null)) continue;
      const alternative = bound as BoundRule[];
      alternatives.set(JSON.stringify(alternative), alternative);
    }
  }
  return alternatives.size ? { kind: "some", alternatives: [...alternatives.values()] } : NO_RECORDS;
}

/** One rule bound to the viewer's claim, or null when the token lacks a usable claim for it. */
export function bindRule(viewer: Viewer, rule: RuleName): BoundRule | null {
  const definition = RULES[rule] as { claim: string | null; format?: "uuid" | "text" };
  if (definition.claim === null) return { rule, value: null };
  if (viewer.public) return null;
  const value = claimOf(viewer, definition.claim);
  if (definition.format === "uuid" ? !isUuid(value) : !(typeof value === "string" && value && value.length <= 200)) {
    return null;
  }
  return { rule, value: value as string };
}

function claimOf(viewer: Viewer, claim: string): string | undefined {
  switch (claim) {
    case "sub":
      return viewer.sub;
    case "facility_id":
      return viewer.facilityId;
    case "org_id":
      return viewer.orgId;
    case "official_id":
      return viewer.officialId;
    default:
      return undefined;
  }
}

/** The one-alternative scope of a single rule (a data class's `alsoRequires`). */
export function ruleScope(viewer: Viewer, rule: RuleName): RecordScope {
  const bound = bindRule(viewer, rule);
  return bound ? { kind: "some", alternatives: [[bound]] } : NO_RECORDS;
}

/** A stable key for a record scope (loader caches). */
export function scopeKey(scope: RecordScope): string {
  return scope.kind === "some" ? JSON.stringify(scope.alternatives) : scope.kind;
}
