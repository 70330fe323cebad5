import { acceptsJson } from "../src/limits/response-size";

describe("acceptsJson (the gateway answers JSON only)", () => {
  it.each([
    [null, true],
    ["*/*", true],
    ["application/*", true],
    ["application/json", true],
    ["application/graphql-response+json", true],
    ["application/graphql-response+json, application/json, multipart/mixed", true],
    ["text/event-stream, application/json;charset=utf-8", true],
    ["Application/JSON", true],
    ["text/event-stream", false],
    ["multipart/mixed", false],
    ["text/html", false],
    ["application/json; charset=utf-16", false],
    ["text/*", false],
    ["", true],
  ])("%s → %s", (accept, expected) => {
    expect(acceptsJson(accept)).toBe(expected);
  });
});
