import { isUUID } from "class-validator";

/** Whether a value is shaped like the uuids every subgraph uses as ids. */
export function isUuid(value: unknown): value is string {
  return typeof value === "string" && isUUID(value, "all");
}

/**
 * The ids of a loader batch that can exist. A malformed id (a typo in `facility(id)`, a foreign
 * `_entities` representation) resolves to nothing instead of failing the whole batch in SQL.
 */
export function wellFormedIds(ids: readonly string[]): string[] {
  return [...new Set(ids.filter(isUuid))];
}

/** Whether a database error is a unique-index violation (a concurrent write won the race). */
export function isUniqueViolation(err: unknown, constraint?: string): boolean {
  const e = err as { code?: string; constraint?: string; driverError?: { code?: string; constraint?: string } };
  const code = e?.driverError?.code ?? e?.code;
  const name = e?.driverError?.constraint ?? e?.constraint;
  return code === "23505" && (constraint === undefined || name === constraint);
}
