import fc from "fast-check";
import { GraphQLError } from "graphql";
import { CURSOR_KEYS, type CursorKind, decodeCursor, encodeCursor, toPage } from "../src";

/**
 * Cursors are opaque: whatever string arrives as `after`, it is a position of the list's own kind
 * or the caller's error (BAD_USER_INPUT naming `after`), never anything else thrown and never a
 * value SQL would refuse.
 */
const KINDS = Object.keys(CURSOR_KEYS) as CursorKind[];
const ID = "6f1c1f44-0e8f-4c55-9a39-6b1f0f1f7d2a";
const b64 = (value: unknown) =>
  Buffer.from(typeof value === "string" ? value : JSON.stringify(value)).toString("base64url");

/** What decoding gave: the key, or the error's code and argument (any other throw fails the test). */
function outcome(cursor: string, kind: CursorKind): { key: unknown } | { code: unknown; argument: unknown } {
  try {
    return { key: decodeCursor(cursor, kind) };
  } catch (err) {
    if (!(err instanceof GraphQLError)) throw err;
    return { code: err.extensions.code, argument: err.extensions.argument };
  }
}
const REFUSED = { code: "BAD_USER_INPUT", argument: "after" };

const instant = fc
  .date({ min: new Date("0001-01-01T00:00:00.000Z"), max: new Date("9999-12-31T23:59:59.999Z"), noInvalidDate: true })
  .map((d) => d.toISOString());
const name = fc.string({ unit: "grapheme", maxLength: 200 }).filter((s) => !s.includes("\u0000"));
const sequence = fc.bigInt({ min: 1n, max: 2n ** 63n - 1n }).map(String);
const KEYS: Record<CursorKind, fc.Arbitrary<readonly string[]>> = {
  time: fc.tuple(instant, fc.uuid()),
  sequence: fc.tuple(sequence, fc.uuid()),
  names: fc.tuple(name, name, fc.uuid()),
};

describe("cursor round trip", () => {
  it.each(KINDS)("%s: every key this API can issue decodes to itself", (kind) => {
    fc.assert(
      fc.property(KEYS[kind], (key) => {
        expect(decodeCursor(encodeCursor(kind, key as never), kind)).toEqual(key);
      }),
      { numRuns: 500 },
    );
  });

  it("refuses to issue a cursor of the wrong shape (a bug, not a caller's error)", () => {
    expect(() => encodeCursor("time", ["yesterday", ID])).toThrow(Error);
    expect(() => encodeCursor("sequence", ["0", ID])).toThrow(Error);
  });
});

describe("any string given as `after`", () => {
  // Strings of every kind: random text, base64url of random text, of random JSON, and of tuples
  // whose parts are almost right.
  const almost = fc.oneof(
    fc.string(),
    fc.integer(),
    fc.double(),
    fc.constantFrom(1e308, -1, 0, 2 ** 63, Number.MAX_SAFE_INTEGER, "9223372036854775808", "0", "-1"),
    fc.constantFrom("0000-01-01T00:00:00.000Z", "+275760-09-13T00:00:00.000Z", "2026-02-30T00:00:00.000Z"),
    fc.constantFrom("2026-01-01", "1", "' OR 1=1 --", "a\u0000b", "not-a-uuid", ID.toUpperCase()),
    instant,
    fc.uuid(),
  );
  const candidates = fc.oneof(
    fc.string(),
    fc.string({ unit: "binary" }),
    fc.string().map(b64),
    fc.jsonValue().map(b64),
    fc.array(almost, { maxLength: 4 }).map(b64),
    fc.tuple(almost, almost).map(b64),
    fc.tuple(almost, almost, almost).map(b64),
  );

  it.each(KINDS)("%s: decodes to a valid key or is BAD_USER_INPUT naming `after`", (kind) => {
    fc.assert(
      fc.property(candidates, (cursor) => {
        const result = outcome(cursor, kind);
        if ("key" in result) expect(CURSOR_KEYS[kind].safeParse(result.key).success).toBe(true);
        else expect(result).toEqual(REFUSED);
      }),
      { numRuns: 2000 },
    );
  });

  it.each<[string, string, CursorKind]>([
    ["a year SQL has not got", b64(["0000-01-01T00:00:00.000Z", ID]), "time"],
    ["a year JavaScript writes with a sign", b64(["+275760-09-13T00:00:00.000Z", ID]), "time"],
    ["a date that does not exist", b64(["2026-02-30T00:00:00.000Z", ID]), "time"],
    ["a time not as the API writes it", b64(["2026-01-01", ID]), "time"],
    ["a number for a time", b64([1, ID]), "time"],
    ["a huge number", b64([1e308, ID]), "sequence"],
    ["a sequence past bigint", b64(["9223372036854775808", ID]), "sequence"],
    ["text for a sequence", b64(["abc", ID]), "sequence"],
    ["SQL for an id", b64(["2026-01-01T00:00:00.000Z", "' OR 1=1 --"]), "time"],
    ["a NUL in a name", b64(["a\u0000", "b", ID]), "names"],
    ["an old two-part name cursor", b64([JSON.stringify(["A", "B"]), ID]), "names"],
    ["one element too many", b64(["2026-01-01T00:00:00.000Z", ID, ID]), "time"],
    ["an object", b64({ at: "2026-01-01T00:00:00.000Z", id: ID }), "time"],
    ["not base64url", "!!!", "time"],
    ["10 KB", "A".repeat(10_240), "time"],
    ["empty", "", "time"],
  ])("refuses %s", (_name, cursor, kind) => {
    expect(outcome(cursor, kind)).toEqual(REFUSED);
  });
});

describe("a page's cursors", () => {
  const rows = [0, 1, 2].map((i) => ({ id: ID, at: new Date(Date.UTC(2026, 0, 1 + i)) }));

  it("are written only when read, each the cursor of its item, the end cursor the last item's", () => {
    const keyOf = jest.fn((row: (typeof rows)[number]) => [row.at.toISOString(), row.id] as [string, string]);
    const page = toPage(rows, 2, "time", keyOf);
    expect(page.edges.map((edge) => edge.node)).toEqual(rows.slice(0, 2));
    expect(page.pageInfo.hasNextPage).toBe(true);
    expect(keyOf).not.toHaveBeenCalled();
    expect(page.edges.map((edge) => decodeCursor(edge.cursor, "time"))).toEqual([
      [rows[0].at.toISOString(), ID],
      [rows[1].at.toISOString(), ID],
    ]);
    expect(page.pageInfo.endCursor).toBe(page.edges[1].cursor);
    expect(toPage([], 2, "time", keyOf).pageInfo.endCursor).toBeNull();
  });

  it("still refuses, when read, a key of the wrong shape", () => {
    const page = toPage(rows, 3, "time", (row) => [row.at, row.id] as never);
    expect(() => page.edges[0].cursor).toThrow(/cannot hold/);
    expect(() => page.pageInfo.endCursor).toThrow(/cannot hold/);
  });
});
