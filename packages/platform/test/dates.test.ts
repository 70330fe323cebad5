import fc from "fast-check";
import { GraphQLError, Kind } from "graphql";
import { GraphQLDateTimeISO } from "graphql-scalars";
import { DateTimeISO, isStorableInstant } from "../src";

/** What parsing gave: the time, or the error's code (any other throw fails the test). */
function outcome(parse: () => Date): { time: Date } | { code: unknown } {
  try {
    return { time: parse() };
  } catch (err) {
    if (!(err instanceof GraphQLError)) throw err;
    return { code: err.extensions.code };
  }
}

const FIRST = new Date("0001-01-01T00:00:00.000Z");
const LAST = new Date("9999-12-31T23:59:59.999Z");

describe("DateTimeISO", () => {
  it("keeps graphql-scalars' name and description, so the SDL does not change", () => {
    expect(DateTimeISO.name).toBe(GraphQLDateTimeISO.name);
    expect(DateTimeISO.description).toBe(GraphQLDateTimeISO.description);
  });

  it("round-trips every time from year 0001 to 9999", () => {
    fc.assert(
      fc.property(fc.date({ min: FIRST, max: LAST, noInvalidDate: true }), (time) => {
        const written = DateTimeISO.serialize(time);
        expect(DateTimeISO.parseValue(written)).toEqual(time);
        expect(DateTimeISO.parseLiteral({ kind: Kind.STRING, value: written })).toEqual(time);
      }),
      { numRuns: 500 },
    );
  });

  it("parses any value to a storable time or refuses it with BAD_USER_INPUT, never anything else", () => {
    const almost = fc.oneof(
      fc.string(),
      fc.date({ noInvalidDate: false }).map((d) => (Number.isNaN(d.getTime()) ? "Invalid Date" : d.toISOString())),
      fc
        .tuple(
          fc.integer({ min: 0, max: 9999 }),
          fc.integer({ min: 0, max: 13 }),
          fc.integer({ min: 0, max: 32 }),
          fc.integer({ min: 0, max: 24 }),
          fc.constantFrom("Z", "+01:00", "-05:00", "+14:00", "-23:59", ""),
        )
        .map(
          ([y, m, d, h, zone]) =>
            `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}T${String(h).padStart(2, "0")}:00:00${zone}`,
        ),
      fc.constantFrom("0000-01-01T00:00:00Z", "9999-12-31T23:59:59-05:00", "+275760-09-13T00:00:00.000Z"),
      fc.integer(),
      fc.constant(null),
    );
    fc.assert(
      fc.property(almost, (value) => {
        const result = outcome(() => DateTimeISO.parseValue(value));
        if ("time" in result) expect(isStorableInstant(result.time)).toBe(true);
        else expect(result).toEqual({ code: "BAD_USER_INPUT" });
        if (typeof value === "string") {
          const literal = outcome(() => DateTimeISO.parseLiteral({ kind: Kind.STRING, value }));
          expect(literal).toEqual(result);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it.each([
    ["year 0000 (which PostgreSQL stores as 1 BC)", "0000-01-01T00:00:00Z"],
    ["an offset that carries the time into year 10000", "9999-12-31T23:59:59-05:00"],
    ["an offset that carries the time before year 0001", "0001-01-01T00:30:00+01:00"],
    ["JavaScript's largest date", "+275760-09-13T00:00:00.000Z"],
    ["a month 13", "2026-13-01T00:00:00Z"],
    ["30 February", "2026-02-30T00:00:00Z"],
    ["a date without a time", "2026-01-01"],
  ])("refuses %s with BAD_USER_INPUT", (_name, value) => {
    expect(outcome(() => DateTimeISO.parseValue(value))).toEqual({ code: "BAD_USER_INPUT" });
    expect(outcome(() => DateTimeISO.parseLiteral({ kind: Kind.STRING, value }))).toEqual({ code: "BAD_USER_INPUT" });
  });

  it("accepts the first and last storable instants", () => {
    expect(DateTimeISO.parseValue("0001-01-01T00:00:00Z")).toEqual(FIRST);
    expect(DateTimeISO.parseValue("9999-12-31T23:59:59.999Z")).toEqual(LAST);
  });
});
