import { GraphQLError } from "graphql";
import { z } from "zod";
import {
  DEVELOPMENT_EDGE,
  PRODUCTION_EDGE,
  badUserInput,
  checkPageSize,
  encodeCursor,
  isUniqueViolation,
  loadConfig,
  manyByKey,
  maskError,
  oneByKey,
  subgraphEdgeSettings,
  subjectRef,
  toPage,
  wellFormedIds,
} from "../src";

describe("loadConfig", () => {
  const schema = z.object({ PORT: z.coerce.number().int().min(1), DATABASE_URL: z.string().url() });

  it("reports every problem at once", () => {
    expect(() => loadConfig(schema, { PORT: "zero" })).toThrow(
      /Invalid configuration:\n {2}- PORT: .*\n {2}- DATABASE_URL: Required/,
    );
  });

  it("returns the parsed values", () => {
    expect(loadConfig(schema, { PORT: "4001", DATABASE_URL: "postgres://h/db" })).toEqual({
      PORT: 4001,
      DATABASE_URL: "postgres://h/db",
    });
  });
});

describe("maskError", () => {
  it("passes errors raised on purpose through unchanged", () => {
    const err = badUserInput("Nope.", { argument: "x" });
    const formatted = { message: err.message, extensions: err.extensions };
    const log = jest.fn();
    expect(maskError(formatted, err, "req-1", log)).toBe(formatted);
    expect(log).not.toHaveBeenCalled();
  });

  it("masks anything unexpected, naming the request id, and logs the detail", () => {
    const original = new Error('relation "secret_table" does not exist');
    const err = new GraphQLError(original.message, { originalError: original, path: ["cases"] });
    const log = jest.fn();
    const masked = maskError({ message: err.message, path: ["cases"] }, err, "req-2", log);
    expect(masked).toEqual({
      message: "Internal server error (request id req-2).",
      path: ["cases"],
      locations: undefined,
      extensions: { code: "INTERNAL_SERVER_ERROR", requestId: "req-2" },
    });
    expect(log).toHaveBeenCalledWith({ err: original, path: ["cases"] });
  });
});

describe("keyset cursors", () => {
  const id = "6f1c1f44-0e8f-4c55-9a39-6b1f0f1f7d2a";

  it("build a page from LIMIT first + 1 rows", () => {
    const at = (n: number) => new Date(Date.UTC(2026, 0, n)).toISOString();
    const rows = [1, 2, 3].map((n) => ({ n, id }));
    const page = toPage(rows, 2, "time", (row) => [at(row.n), row.id]);
    expect(page.edges.map((e) => e.node.n)).toEqual([1, 2]);
    expect(page.pageInfo).toEqual({ hasNextPage: true, endCursor: encodeCursor("time", [at(2), id]) });
    expect(toPage([], 2, "time", () => [at(1), id]).pageInfo).toEqual({ hasNextPage: false, endCursor: null });
  });

  it("bound the page size", () => {
    expect(checkPageSize(500)).toBe(500);
    expect(() => checkPageSize(0)).toThrow("`first` must be between 1 and 500; got 0.");
    expect(() => checkPageSize(501)).toThrow("`first` must be between 1 and 500; got 501.");
  });
});

describe("loader shaping", () => {
  it("returns one result per key, in key order", () => {
    const rows = [
      { k: "b", v: 2 },
      { k: "a", v: 1 },
      { k: "b", v: 3 },
    ];
    expect(oneByKey(["a", "c", "b"], rows, (r) => r.k).map((r) => r?.v ?? null)).toEqual([1, null, 3]);
    expect(manyByKey(["b", "c", "a"], rows, (r) => r.k).map((list) => list.map((r) => r.v))).toEqual([[2, 3], [], [1]]);
  });

  it("drops malformed ids before they reach SQL", () => {
    const id = "6f1c1f44-0e8f-4c55-9a39-6b1f0f1f7d2a";
    expect(wellFormedIds([id, "x", id, "1; DROP TABLE x"])).toEqual([id]);
  });

  it("recognises a unique violation of a named index", () => {
    const err = { driverError: { code: "23505", constraint: "one_open" } };
    expect(isUniqueViolation(err, "one_open")).toBe(true);
    expect(isUniqueViolation(err, "other")).toBe(false);
    expect(isUniqueViolation(new Error("x"))).toBe(false);
  });
});

describe("subjectRef", () => {
  it("is stable for a key, differs between cases and between keys, and does not contain the id", () => {
    const id = "6f1c1f44-0e8f-4c55-9a39-6b1f0f1f7d2a";
    const ref = subjectRef(id, "key-one-0123456789");
    expect(ref).toMatch(/^S-[A-Za-z0-9_-]{16}$/);
    expect(subjectRef(id, "key-one-0123456789")).toBe(ref);
    expect(subjectRef("7f1c1f44-0e8f-4c55-9a39-6b1f0f1f7d2a", "key-one-0123456789")).not.toBe(ref);
    expect(subjectRef(id, "key-two-0123456789")).not.toBe(ref);
    expect(ref).not.toContain(id.slice(0, 8));
  });
});

describe("subgraph edge settings", () => {
  const base = {
    SUBGRAPH_MAX_DEPTH: 24,
    SUBGRAPH_MAX_ALIASES: 150,
    SUBGRAPH_MAX_DIRECTIVES: 150,
    SUBGRAPH_MAX_TOKENS: 50_000,
  };
  const secret = "s".repeat(32);

  it("are production's by default under NODE_ENV=production: the gateway only, no introspection", () => {
    expect(subgraphEdgeSettings({ ...base, NODE_ENV: "production", GATEWAY_HMAC_SECRET: secret })).toEqual(
      PRODUCTION_EDGE,
    );
  });

  it("are development's otherwise, so the test harnesses can call subgraphs directly", () => {
    expect(subgraphEdgeSettings({ ...base, NODE_ENV: "development" })).toEqual(DEVELOPMENT_EDGE);
    expect(subgraphEdgeSettings({ ...base, NODE_ENV: "test" })).toEqual(DEVELOPMENT_EDGE);
  });

  it("follow an explicit REQUIRE_GATEWAY_SIGNATURE and SUBGRAPH_INTROSPECTION", () => {
    expect(
      subgraphEdgeSettings({
        ...base,
        NODE_ENV: "development",
        GATEWAY_HMAC_SECRET: secret,
        REQUIRE_GATEWAY_SIGNATURE: "true",
        SUBGRAPH_INTROSPECTION: "false",
      }),
    ).toEqual(PRODUCTION_EDGE);
  });

  it("refuse to start answering the gateway only without the gateway's secret", () => {
    expect(() => subgraphEdgeSettings({ ...base, NODE_ENV: "production" })).toThrow(/GATEWAY_HMAC_SECRET: is required/);
    expect(() => subgraphEdgeSettings({ ...base, NODE_ENV: "test", REQUIRE_GATEWAY_SIGNATURE: "true" })).toThrow(
      /GATEWAY_HMAC_SECRET/,
    );
  });
});

describe("maskError keeps the code of an error raised on purpose during validation", () => {
  it("a DateTimeISO literal out of range stays BAD_USER_INPUT, not GRAPHQL_VALIDATION_FAILED", () => {
    const own = badUserInput("DateTimeISO must lie between years 0001 and 9999 (UTC).");
    const wrapped = new GraphQLError(own.message, {
      originalError: own,
      extensions: { code: "GRAPHQL_VALIDATION_FAILED" },
    });
    const formatted = { message: own.message, extensions: { code: "GRAPHQL_VALIDATION_FAILED" } };
    expect(maskError(formatted, wrapped, "req-3", jest.fn())).toEqual({
      message: own.message,
      extensions: { code: "BAD_USER_INPUT" },
    });
  });

  it("a validation error of graphql-js's own keeps GRAPHQL_VALIDATION_FAILED", () => {
    const error = new GraphQLError('Cannot query field "x" on type "Query".', {
      extensions: { code: "GRAPHQL_VALIDATION_FAILED" },
    });
    const formatted = { message: error.message, extensions: { code: "GRAPHQL_VALIDATION_FAILED" } };
    expect(maskError(formatted, error, "req-4", jest.fn())).toBe(formatted);
  });
});
