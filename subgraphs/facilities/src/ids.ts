import { QueryFailedError } from "typeorm";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether a value is shaped like the uuids every subgraph uses as ids. */
export function isUuid(value: unknown): value is string {
  return typeof value === "string" && UUID.test(value);
}

/**
 * The ids of a loader batch that can exist. A malformed id (a typo in `facility(id)`, a foreign
 * `_entities` representation) resolves to nothing instead of failing the whole batch in SQL.
 */
export function wellFormedIds(ids: readonly string[]): string[] {
  return [...new Set(ids.filter(isUuid))];
}

/** Whether a failed statement broke the named unique index (a race another check lost). */
export function isUniqueViolation(err: unknown, indexName: string): boolean {
  if (!(err instanceof QueryFailedError)) return false;
  const driverError = (err as QueryFailedError & { driverError?: { code?: string; constraint?: string } }).driverError;
  return driverError?.code === "23505" && driverError.constraint === indexName;
}
