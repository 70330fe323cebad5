/**
 * THE ACCESS POLICY of the platform (DESIGN §3), reviewed by the programme's data-protection
 * lead. Read it in this order:
 * - `roles.ts`: the roles and the scopes;
 * - `access.ts`: which role holds which scope, for which records (ALL, or named record rules);
 * - `rules.ts`: what each record rule means;
 * - `data-classes.ts`: the class of every field (scope, record rule, audit).
 * Everything below is derived from those tables; no subgraph restates them.
 * `docs/access-matrix.md` is generated from them and from the composed schema.
 */
import { ACCESS, ALL, CLAIM_ACCESS, type Grant, PUBLIC_ACCESS } from "./access";
import { DATA } from "./data-classes";
import { ROLES, type Role, SCOPES, type Scope, isRole } from "./roles";

export * from "./access";
export * from "./data-classes";
export * from "./roles";
export * from "./rules";

/** Role → the scopes it holds (for any record), derived from ACCESS. */
export const ROLE_SCOPES: Readonly<Record<Role, readonly Scope[]>> = Object.fromEntries(
  ROLES.map((role) => [role, Object.keys(ACCESS[role]) as Scope[]]),
) as unknown as Record<Role, readonly Scope[]>;

/** The grant of a role for a scope; undefined when the role does not hold the scope. */
export function grantOf(role: Role, scope: Scope): Grant | undefined {
  return ACCESS[role][scope];
}

/** Whether a role's hold on a scope is narrowed by a record rule (it holds it, but not for ALL). */
export function isNarrowed(role: Role, scope: Scope): boolean {
  const grant = grantOf(role, scope);
  return grant !== undefined && grant !== ALL;
}

/** Records everyone may read under a scope, whatever they hold (published reports). */
export function publicGrantOf(scope: Scope): Grant | undefined {
  return PUBLIC_ACCESS[scope];
}

/**
 * Reading a field of a class with one of these scopes leaves an event in the audit trail: who,
 * when, which operation, which records, which fields (DESIGN §3, "Audit trail").
 */
export const AUDITED_READ_SCOPES: readonly Scope[] = [
  ...new Set(Object.values(DATA).flatMap((c) => (c.audited ? [...c.scopes] : []))),
];

/** Scopes a token earns by naming its own official record, whatever its roles. */
export const OWN_RECORD_SCOPES: readonly Scope[] = Object.keys(CLAIM_ACCESS.official_id ?? {}) as Scope[];

/** Every scope the roles hold (unknown roles grant nothing). */
export function scopesOf(roles: readonly string[]): Scope[] {
  const scopes = new Set<Scope>();
  for (const role of roles) if (isRole(role)) for (const scope of ROLE_SCOPES[role]) scopes.add(scope);
  return [...scopes].sort();
}

/** Roles holding a scope (for some records at least). */
export function rolesWith(scope: Scope): Role[] {
  return ROLES.filter((role) => ROLE_SCOPES[role].includes(scope));
}

/** Scopes for a verified token's claims: its roles' scopes, plus those its claims earn. */
export function scopesForClaims(claims: { roles?: unknown; official_id?: unknown }): Scope[] {
  const roles = Array.isArray(claims.roles) ? claims.roles.filter((r): r is string => typeof r === "string") : [];
  const scopes = new Set(scopesOf(roles));
  if (typeof claims.official_id === "string" && claims.official_id) for (const s of OWN_RECORD_SCOPES) scopes.add(s);
  return [...scopes].sort();
}

/** Every scope there is, for tables that list them. */
export const ALL_SCOPES: readonly Scope[] = Object.values(SCOPES);
