import { type Viewer, isUuid, userError } from "@kgraph/platform";
import { ROLE_SCOPES, type Scope, isRole } from "@kgraph/policy";
import type { EntityManager, EntityTarget, ObjectLiteral, SelectQueryBuilder } from "typeorm";

/**
 * Record rules are applied in SQL: a scope (a pure function of the viewer, in each feature's
 * `*.policy.ts`) becomes a WHERE condition on the feature's table alias. `null` means every
 * record; a condition `FALSE` means none.
 */
export interface SqlCondition {
  sql: string;
  params: Record<string, unknown>;
}

/** A write outside the caller's record rule. */
export const forbidden = (message: string) => userError("FORBIDDEN", message);

export const NO_RECORDS: SqlCondition = { sql: "FALSE", params: {} };

/** Adds a record-rule condition to a query (nothing to add for `null`: every record). */
export function whereRule<T extends ObjectLiteral>(
  query: SelectQueryBuilder<T>,
  condition: SqlCondition | null,
): SelectQueryBuilder<T> {
  return condition ? query.andWhere(`(${condition.sql})`, condition.params) : query;
}

/** OR of the conditions given; none given → no record. */
export function anyOf(conditions: SqlCondition[]): SqlCondition {
  if (!conditions.length) return NO_RECORDS;
  return {
    sql: conditions.map((c) => `(${c.sql})`).join(" OR "),
    params: Object.assign({}, ...conditions.map((c) => c.params)),
  };
}

/**
 * The roles of the viewer that hold a scope. A viewer with several roles gets the union of what
 * each role may do, so a scope function looks at each role that grants the scope in turn.
 */
export function rolesHolding(viewer: Viewer, scope: Scope): string[] {
  return viewer.roles.filter((role) => isRole(role) && ROLE_SCOPES[role].includes(scope));
}

/** A claim usable as a uuid in SQL; anything else counts as absent (never a database error). */
export function uuidClaim(value: string | undefined): string | undefined {
  return isUuid(value) ? value : undefined;
}

/**
 * Reads a record for a change, holding its row until the transaction ends, and evaluates the
 * write rule on the same row in the same statement. `null` when there is no such record.
 */
export async function lockForWrite<T extends ObjectLiteral>(
  tx: EntityManager,
  entity: EntityTarget<T>,
  alias: string,
  id: string,
  rule: SqlCondition | null,
): Promise<{ row: T; allowed: boolean } | null> {
  const condition = rule ?? { sql: "TRUE", params: {} };
  const { entities, raw } = await tx
    .createQueryBuilder(entity, alias)
    .addSelect(`(${condition.sql})`, "write_allowed")
    .where(`${alias}.id = :lockId`, { ...condition.params, lockId: id })
    .setLock("pessimistic_write")
    .getRawAndEntities();
  if (!entities.length) return null;
  return { row: entities[0], allowed: (raw[0] as { write_allowed: boolean }).write_allowed === true };
}
