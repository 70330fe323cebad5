import fs from "node:fs";
import path from "node:path";
import { ApolloGateway } from "@apollo/gateway";
import {
  type GraphQLNamedType,
  type GraphQLSchema,
  buildASTSchema,
  buildSchema,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  parse,
} from "graphql";
import { type CpuProfile, packageOf, summarizeProfile } from "../src/bench/profile";
import { median, percentile, ratio } from "../src/bench/stats";
import { stripAuthorizationDirectives } from "../src/bench/supergraph";

/** The pure parts of `npm run bench`: the baseline's supergraph, and the statistics it reports. */
const ROOT = path.resolve(__dirname, "..", "..");
const supergraph = fs.readFileSync(path.join(ROOT, "schema", "supergraph.graphql"), "utf8");
const AUTHORIZATION = ["authenticated", "requiresScopes", "policy"];

/** Each type's fields (or input fields) with their types and arguments, as comparable strings. */
function shape(type: GraphQLNamedType): string[] {
  if (isObjectType(type) || isInterfaceType(type)) {
    return Object.values(type.getFields()).map(
      (field) =>
        `${field.name}(${field.args.map((arg) => `${arg.name}: ${String(arg.type)}`).join(", ")}): ${String(field.type)}`,
    );
  }
  if (isInputObjectType(type))
    return Object.values(type.getFields()).map((field) => `${field.name}: ${String(field.type)}`);
  return [];
}

function userTypes(schema: GraphQLSchema): GraphQLNamedType[] {
  return Object.values(schema.getTypeMap()).filter((type) => !type.name.startsWith("__"));
}

describe("the supergraph @apollo/gateway serves", () => {
  const stripped = stripAuthorizationDirectives(supergraph);

  it("is refused by @apollo/gateway with the authorization directives, and accepted without them", async () => {
    // Shows the stripping is what makes the difference: the committed supergraph is refused.
    await expect(new ApolloGateway({ supergraphSdl: supergraph }).load()).rejects.toThrow(/SECURITY/);
    const gateway = new ApolloGateway({ supergraphSdl: stripped });
    const { schema } = await gateway.load();
    try {
      // Every type and field of the project's API schema is in the schema the gateway serves.
      const api = buildSchema(fs.readFileSync(path.join(ROOT, "schema", "api.graphql"), "utf8"));
      const served = new Map(userTypes(schema).map((type) => [type.name, type]));
      for (const type of userTypes(api)) {
        expect([type.name, served.get(type.name)?.constructor.name]).toEqual([type.name, type.constructor.name]);
        expect(shape(served.get(type.name)!)).toEqual(shape(type));
      }
      expect(Object.keys(api.getQueryType()!.getFields()).length).toBeGreaterThan(10);
    } finally {
      await gateway.stop();
    }
  });

  it("keeps every type, field and argument of the supergraph, only the authorization scalars going", () => {
    const before = buildASTSchema(parse(supergraph));
    const after = buildASTSchema(parse(stripped));
    const kept = new Map(userTypes(after).map((type) => [type.name, type]));
    const removed: string[] = [];
    for (const type of userTypes(before)) {
      const same = kept.get(type.name);
      if (!same) {
        removed.push(type.name);
        continue;
      }
      expect(same.constructor.name).toBe(type.constructor.name);
      expect(shape(same)).toEqual(shape(type));
    }
    expect(removed).toEqual(["requiresScopes__Scope"]);
    // Every other directive (join, link, cost, listSize, deprecated) is still defined.
    expect(
      before
        .getDirectives()
        .map((d) => d.name)
        .filter((name) => !AUTHORIZATION.includes(name)),
    ).toEqual(after.getDirectives().map((d) => d.name));
  });

  it("has no authorization directive, definition or @link left, and every other use intact", () => {
    for (const name of AUTHORIZATION) {
      expect(stripped).not.toContain(`@${name}`);
      expect(stripped).not.toContain(`specs.apollo.dev/${name}/`);
    }
    const count = (sdl: string, text: string) => sdl.split(text).length - 1;
    expect(count(supergraph, "@requiresScopes(")).toBeGreaterThan(100);
    for (const use of ["@join__field", "@join__type", "@join__graph(", "@listSize(", "@cost", "@deprecated"]) {
      expect([use, count(stripped, use)]).toEqual([use, count(supergraph, use)]);
    }
    // Only the requiresScopes and authenticated links go.
    expect(count(stripped, "@link(")).toBe(count(supergraph, "@link(") - 2);
  });

  it("strips @policy and its scalar too", () => {
    const sdl = `
      schema @link(url: "https://specs.apollo.dev/link/v1.0") @link(url: "https://specs.apollo.dev/policy/v0.1", for: SECURITY) { query: Query }
      directive @link(url: String, as: String, for: link__Purpose, import: [link__Import]) repeatable on SCHEMA
      directive @policy(policies: [[policy__Policy!]!]!) on FIELD_DEFINITION | OBJECT
      scalar policy__Policy
      scalar link__Import
      enum link__Purpose { SECURITY EXECUTION }
      type Query { open: Int, guarded: Int @policy(policies: [["p"]]) }`;
    const result = stripAuthorizationDirectives(sdl);
    expect(result).not.toMatch(/policy/);
    expect(result).toContain("guarded: Int");
    expect(result).toContain('@link(url: "https://specs.apollo.dev/link/v1.0")');
  });
});

describe("the bench's statistics", () => {
  it("takes the median of an odd or even count, whatever the order, leaving the input as it was", () => {
    const values = [9, 1, 5];
    expect(median(values)).toBe(5);
    expect(values).toEqual([9, 1, 5]);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([7])).toBe(7);
    expect(median([])).toBeNaN();
  });

  it("takes percentiles by nearest rank", () => {
    const hundred = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(hundred, 0.5)).toBe(50);
    expect(percentile(hundred, 0.95)).toBe(95);
    expect(percentile(hundred, 1)).toBe(100);
    expect(percentile(hundred, 0.001)).toBe(1);
    const ten = [10, 20, 30, 40, 50, 60, 70, 80, 90, 100];
    expect(percentile(ten, 0.5)).toBe(50);
    expect(percentile(ten, 0.95)).toBe(100);
    expect(percentile(ten, 0.9)).toBe(90);
    expect(percentile([3], 0.95)).toBe(3);
    expect(percentile([], 0.5)).toBeNaN();
    expect(() => percentile(ten, 0)).toThrow(RangeError);
    expect(() => percentile(ten, 1.5)).toThrow(RangeError);
  });

  it("gives a ratio only of two finite numbers and a non-zero divisor", () => {
    expect(ratio(3, 4)).toBe(0.75);
    expect(ratio(1, 0)).toBeNaN();
    expect(ratio(Number.NaN, 2)).toBeNaN();
  });
});

describe("the CPU profile summary", () => {
  it("attributes self time to functions and packages, idle time left out", () => {
    const frame = (id: number, functionName: string, url: string) => ({
      id,
      callFrame: { functionName, url, lineNumber: 9 },
    });
    const profile: CpuProfile = {
      startTime: 1_000_000,
      nodes: [
        frame(1, "(idle)", ""),
        frame(2, "plan", "file:///x/node_modules/@graphql-hive/router-runtime/dist/index.js"),
        frame(3, "(garbage collector)", ""),
        frame(4, "parse", "file:///x/node_modules/graphql/language/parser.js"),
        frame(5, "writev", "node:internal/stream_base_commons"),
        frame(6, "authorize", "/x/gateway/dist/auth.js"),
      ],
      samples: [1, 2, 2, 3, 4, 2, 5, 6, 1],
      timeDeltas: [5000, 1000, 1000, 500, 250, 1000, 125, 125, 9000],
    };
    const summary = summarizeProfile(profile, 3);
    expect(summary.busyMs).toBe(4);
    expect(summary.packages.map((p) => [p.name, p.ms])).toEqual([
      ["@graphql-hive/router-runtime", 3],
      ["(garbage collector)", 0.5],
      ["graphql", 0.25],
    ]);
    expect(summary.functions[0]).toEqual({
      name: "plan @graphql-hive/router-runtime index.js:10",
      ms: 3,
      share: 0.75,
    });
    // Samples end at 1 005 000, 1 006 000, 1 007 000, 1 007 500, 1 007 750, 1 008 750, …
    const window = summarizeProfile(profile, 3, { from: 1_006_500, to: 1_007_900 });
    expect(window.packages.map((p) => [p.name, p.ms])).toEqual([
      ["@graphql-hive/router-runtime", 1],
      ["(garbage collector)", 0.5],
      ["graphql", 0.25],
    ]);
    expect(packageOf("node:internal/stream_base_commons")).toBe("(node)");
    expect(packageOf("/x/gateway/dist/auth.js")).toBe("(project gateway)");
    expect(packageOf("/x/packages/platform/dist/audit/chain.js")).toBe("(project packages/platform)");
  });
});
