import fc from "fast-check";
import { jsonNesting, jsonTextNesting } from "../src/json-nesting";

describe("JSON nesting", () => {
  it("is the same measured on the value and on its text, for any JSON value", () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 12 }), (value) => {
        expect(jsonTextNesting(JSON.stringify(value))).toBe(jsonNesting(value));
      }),
      { numRuns: 500 },
    );
  });

  it("counts brackets inside strings as text, escaped quotes included", () => {
    expect(jsonTextNesting(JSON.stringify({ a: '[[[{"\\\\"' }))).toBe(1);
    expect(jsonNesting({ a: "[[[[" })).toBe(1);
    expect(jsonNesting(7)).toBe(0);
    expect(jsonNesting(null)).toBe(0);
  });

  it("measures 200,000 levels without overflowing the stack", () => {
    const text = "[".repeat(200_000) + "]".repeat(200_000);
    expect(jsonTextNesting(text)).toBe(200_000);
    expect(jsonNesting(JSON.parse(text))).toBe(200_000);
  });
});
