import { badUserInput, decodeCursor } from "@kgraph/platform";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Decodes a cursor whose sort value is a time: the platform checks the cursor's shape, this
 * checks its parts, so a forged cursor is a BAD_USER_INPUT, never a database error.
 */
export function decodeTimeCursor(after: string): { at: Date; id: string } {
  const [at, id] = decodeCursor(after);
  const time = typeof at === "string" ? new Date(at) : new Date(NaN);
  if (Number.isNaN(time.getTime()) || !UUID.test(id)) {
    throw badUserInput("The cursor given in `after` is not one this API issued.", { argument: "after" });
  }
  return { at: time, id };
}
