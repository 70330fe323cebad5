import { GraphQLError, GraphQLScalarType, type ValueNode } from "graphql";
import { GraphQLDateTimeISO } from "graphql-scalars";

/** The first and last instants PostgreSQL's `timestamptz` and the API's four-digit years share. */
const FIRST_INSTANT = Date.parse("0001-01-01T00:00:00.000Z");
const LAST_INSTANT = Date.parse("9999-12-31T23:59:59.999Z");

/** Whether a time can be stored and written back as the API writes times (years 0001 to 9999, UTC). */
export function isStorableInstant(time: Date): boolean {
  const ms = time.getTime();
  return !Number.isNaN(ms) && ms >= FIRST_INSTANT && ms <= LAST_INSTANT;
}

function refused(reason: string, nodes?: ValueNode): GraphQLError {
  return new GraphQLError(`DateTimeISO ${reason}`, { nodes, extensions: { code: "BAD_USER_INPUT" } });
}

/**
 * graphql-scalars' DateTimeISO (same name, same SDL) that also refuses times outside years 0001 to
 * 9999 in UTC: it accepts "0000-01-01T00:00:00Z" (stored as 1 BC) and offsets that carry a time
 * past year 9999. Every refusal is BAD_USER_INPUT: the caller's error, never a database error.
 */
export const DateTimeISO = new GraphQLScalarType<Date, string>({
  ...GraphQLDateTimeISO.toConfig(),
  parseValue(value) {
    return checked(() => GraphQLDateTimeISO.parseValue(value) as Date);
  },
  parseLiteral(ast, variables) {
    return checked(() => GraphQLDateTimeISO.parseLiteral(ast, variables) as Date, ast);
  },
});

function checked(parse: () => Date, ast?: ValueNode): Date {
  let time: Date;
  try {
    time = parse();
  } catch (err) {
    throw refused(
      "must be a date-time such as 2026-03-01T09:30:00Z (RFC 3339); " +
        (err instanceof Error ? err.message.replace(/^DateTime /, "") : "it is not one."),
      ast,
    );
  }
  if (!isStorableInstant(time)) throw refused("must lie between years 0001 and 9999 (UTC).", ast);
  return time;
}
