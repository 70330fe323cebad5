import fc from "fast-check";
import { GraphQLError, type GraphQLResolveInfo, buildSchema } from "graphql";
import { checkArguments, hasReorderingControls, isUnstorableText, isUuid } from "../src";

/**
 * Arguments are checked once, by type: every argument of type ID, at any depth, is a uuid, and no
 * ID or String holds text PostgreSQL cannot store (NUL, half a surrogate pair), or the field fails
 * with BAD_USER_INPUT naming the first wrong one by its path, before anything runs.
 */
const schema = buildSchema(`
  input Inner { id: ID, ids: [ID!], note: String }
  input Outer { caseId: ID!, inner: Inner, inners: [Inner!], text: String }
  type Query { one(id: ID!): Int, many(input: Outer!, extra: [ID!]): Int, none(text: String, n: Int): Int }
`);
const infoFor = (fieldName: string) =>
  ({ parentType: schema.getQueryType(), fieldName }) as unknown as GraphQLResolveInfo;

type Outcome = { ran: true } | { code: unknown; argument: unknown };
function outcome(fieldName: string, args: Record<string, unknown>): Outcome {
  let ran = false;
  try {
    void checkArguments({ args, info: infoFor(fieldName), context: {}, root: undefined }, async () => {
      ran = true;
    });
  } catch (err) {
    if (!(err instanceof GraphQLError)) throw err;
    return { code: err.extensions.code, argument: err.extensions.argument };
  }
  if (!ran) throw new Error("the middleware neither ran the field nor refused it");
  return { ran: true };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const UNSTORABLE = ["a\u0000b", "\u0000", "\uD800", "x\uDC00y", "\uDE00\uD83D"];
const anyId = fc.oneof(
  fc.uuid(),
  fc.string(),
  fc.constantFrom("", "not-a-uuid", "' OR 1=1 --", "x".repeat(10_240), "00000000-0000-0000-0000-00000000000g"),
  fc.constantFrom(...UNSTORABLE),
);
const anyText = fc.oneof(
  fc.string({ unit: "binary" }),
  fc.constantFrom(...UNSTORABLE, "a pair: \uD83D\uDE00", "ë, ç, ü: Kosovë"),
);

describe("isUuid", () => {
  it("holds exactly for the canonical 8-4-4-4-12 hex form", () => {
    fc.assert(
      fc.property(fc.oneof(fc.uuid(), fc.string(), fc.stringMatching(/^[0-9a-fA-F-]{36}$/)), (value) => {
        expect(isUuid(value)).toBe(UUID.test(value));
      }),
      { numRuns: 2000 },
    );
  });
});

describe("isUnstorableText", () => {
  it("holds exactly for text with a NUL or an unpaired surrogate", () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const units = [...text].map((c) => c.codePointAt(0) as number);
        const unpaired = units.some((u) => u >= 0xd800 && u <= 0xdfff); // [...text] keeps pairs whole
        expect(isUnstorableText(text)).toBe(units.includes(0) || unpaired);
      }),
      { numRuns: 2000 },
    );
  });
});

describe("checkArguments", () => {
  it("runs the field when every id is a uuid and all text storable, and otherwise names the first wrong one's path", () => {
    const inner = fc.record({ id: anyId, ids: fc.array(anyId, { maxLength: 3 }), note: anyText }, { requiredKeys: [] });
    const args = fc.record(
      {
        input: fc.record(
          { caseId: anyId, inner, inners: fc.array(inner, { maxLength: 3 }), text: anyText },
          { requiredKeys: ["caseId"] },
        ),
        extra: fc.array(anyId, { maxLength: 3 }),
      },
      { requiredKeys: ["input"] },
    );
    fc.assert(
      fc.property(args, (value) => {
        const wrong: string[] = [];
        const check = (id: unknown, path: string) => {
          if (!UUID.test(id as string)) wrong.push(path);
        };
        const checkText = (text: string | undefined, path: string) => {
          if (text !== undefined && (isUnstorableText(text) || hasReorderingControls(text))) wrong.push(path);
        };
        const checkInner = (v: { id?: string; ids?: string[]; note?: string } | undefined, path: string) => {
          if (!v) return;
          if (v.id !== undefined) check(v.id, `${path}.id`);
          v.ids?.forEach((id, i) => check(id, `${path}.ids[${i}]`));
          checkText(v.note, `${path}.note`);
        };
        check(value.input.caseId, "input.caseId");
        checkInner(value.input.inner, "input.inner");
        value.input.inners?.forEach((v, i) => checkInner(v, `input.inners[${i}]`));
        checkText(value.input.text, "input.text");
        value.extra?.forEach((id, i) => check(id, `extra[${i}]`));
        const result = outcome("many", value);
        expect(result).toEqual(wrong.length ? { code: "BAD_USER_INPUT", argument: wrong[0] } : { ran: true });
      }),
      { numRuns: 1000 },
    );
  });

  it("checks a top-level id argument and top-level text, and leaves storable text alone", () => {
    expect(outcome("one", { id: "nope" })).toEqual({ code: "BAD_USER_INPUT", argument: "id" });
    expect(outcome("one", { id: "6f1c1f44-0e8f-4c55-9a39-6b1f0f1f7d2a" })).toEqual({ ran: true });
    expect(outcome("none", { text: "a\u0000b", n: 1 })).toEqual({ code: "BAD_USER_INPUT", argument: "text" });
    fc.assert(
      fc.property(fc.string(), fc.integer(), (text, n) => expect(outcome("none", { text, n })).toEqual({ ran: true })),
    );
  });

  it("passes every id on in lower case and every text in normal form C, at any depth", () => {
    const spelled = fc.tuple(fc.uuid(), fc.boolean()).map(([id, upper]) => (upper ? id.toUpperCase() : id));
    const text = fc.constantFrom("Prishtine\u0308", "Prishtinë", "Pe\u0301ja", "plain", "Ферizaj");
    const inner = fc.record({ id: spelled, ids: fc.array(spelled, { maxLength: 3 }), note: text });
    const args = fc.record({
      input: fc.record({ caseId: spelled, inner, inners: fc.array(inner, { maxLength: 2 }), text }),
      extra: fc.array(spelled, { maxLength: 3 }),
    });
    fc.assert(
      fc.property(args, (value) => {
        const expected = JSON.parse(
          JSON.stringify(value, (_key, v: unknown) =>
            typeof v === "string" ? (UUID.test(v) ? v.toLowerCase() : v.normalize("NFC")) : v,
          ),
        ) as unknown;
        expect(outcome("many", value)).toEqual({ ran: true });
        // The middleware hands the field its canonical arguments (it changes `args` in place).
        expect(value).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });

  it("refuses bidirectional embeddings, overrides and isolates in text, naming the argument", () => {
    for (const control of ["\u202A", "\u202B", "\u202C", "\u202D", "\u202E", "\u2066", "\u2067", "\u2068", "\u2069"]) {
      expect(outcome("none", { text: `title ${control}RTL`, n: 1 })).toEqual({
        code: "BAD_USER_INPUT",
        argument: "text",
      });
    }
    // Marks that only hint a direction (LRM, RLM) and joiners stay: scripts need them.
    for (const kept of ["\u200E", "\u200F", "\u200C", "\u200D"]) {
      expect(outcome("none", { text: `name${kept}`, n: 1 })).toEqual({ ran: true });
    }
  });
});
