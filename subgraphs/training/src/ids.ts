import { type CursorKey, badUserInput, decodeCursor } from "@kgraph/platform";
import { isUUID } from "class-validator";

/** Whether a value can be an id of this subgraph; anything else cannot exist, so lookups skip SQL. */
export function isId(value: unknown): value is string {
  return typeof value === "string" && isUUID(value, "all");
}

/** Keeps only well-formed ids: a malformed id is simply not found, never a database error. */
export function wellFormedIds(ids: readonly string[]): string[] {
  return [...new Set(ids.filter(isId))];
}

/** A cursor this API issued: its tie-breaking id must be an id, or the cursor is forged. */
export function decodeIdCursor(cursor: string): CursorKey {
  const key = decodeCursor(cursor);
  if (!isId(key[1]))
    throw badUserInput("The cursor given in `after` is not one this API issued.", { argument: "after" });
  return key;
}
