import { envelop, useEngine, useSchema } from "@envelop/core";
import { useGenericAuth } from "@envelop/generic-auth";
import fc from "fast-check";
import {
  type ExecutionResult,
  type GraphQLError,
  type GraphQLFieldResolver,
  buildSchema,
  execute,
  isObjectType,
  parse,
  specifiedRules,
  subscribe,
  validate,
} from "graphql";
import { pathToArray } from "graphql/jsutils/Path";
import { authorizationOptions } from "../src/auth";
import { TYPENAME_MARKER, useExactRemovedFieldPaths } from "../src/error-paths";
import { useStablePlanDocuments } from "../src/plan-documents";

/**
 * The gateway's answer to a query with fields removed by field authorization, against graphql-js
 * itself as the oracle: the same query, every protected field resolving to null, on the same
 * data. The gateway's answer (generic-auth removes the fields, the subgraph, here graphql-js,
 * answers the rest, error-paths.ts finishes it) must be exactly that data, with one error at
 * each path where the oracle resolved a protected field and nowhere else, and no marker. The
 * data is random (fast-check): nulls, empty and nested lists, either member of a union.
 */
const SDL = `
  directive @requiresScopes(scopes: [[String!]!]!) on FIELD_DEFINITION | OBJECT | INTERFACE
  type Query {
    item: Item
    items: [Item]
    grid: [[Item]]
    thing: Thing
    things: [Thing!]!
    node: Node
    nodes: [Node]
    secretItems: [Item] @requiresScopes(scopes: [["secret"]])
  }
  interface Node { id: ID! tag: String @requiresScopes(scopes: [["secret"]]) }
  type Item implements Node {
    id: ID!
    name: String
    tag: String @requiresScopes(scopes: [["secret"]])
    secret: String @requiresScopes(scopes: [["secret"]])
    flags: [Flag!]!
    child: Item
    children: [Item]
  }
  type Other implements Node {
    id: ID!
    tag: String @requiresScopes(scopes: [["secret"]])
    note: String
    secret: [Flag] @requiresScopes(scopes: [["secret"]])
  }
  type Flag { code: String detail: String @requiresScopes(scopes: [["secret"]]) }
  union Thing = Item | Other
`;

/** Where the oracle resolved a protected field: each path, and the query locations of its fields. */
let protectedResolved: Map<string, Set<number>> | undefined;
const schema = buildSchema(SDL);
for (const type of Object.values(schema.getTypeMap())) {
  if (!isObjectType(type)) continue;
  for (const field of Object.values(type.getFields())) {
    if (!field.astNode?.directives?.some((d) => d.name.value === "requiresScopes")) continue;
    const resolve: GraphQLFieldResolver<unknown, unknown> = (_source, _args, _context, info) => {
      if (!protectedResolved) throw new Error(`the gateway asked for the removed field ${info.fieldName}`);
      const at = JSON.stringify(pathToArray(info.path));
      protectedResolved.set(at, new Set(info.fieldNodes.map((node) => node.loc!.start)));
      return null;
    };
    field.resolve = resolve;
  }
}

const stablePlans = useStablePlanDocuments();
const exactPaths = useExactRemovedFieldPaths();

async function gatewayAnswer(
  query: string,
  rootValue: unknown,
  variableValues: Record<string, unknown>,
  user: Record<string, unknown> | null,
): Promise<ExecutionResult> {
  const getEnveloped = envelop({
    plugins: [
      useEngine({ parse, validate, execute, subscribe, specifiedRules }),
      useSchema(schema),
      // The gateway's own rule (auth.ts), with a caller that holds no scope (or no caller).
      useGenericAuth({ ...authorizationOptions(() => user ?? undefined), extractScopes: () => [] } as never),
      exactPaths,
      stablePlans,
    ] as never,
  });
  const run = getEnveloped({ request: {} });
  const document = run.parse(query);
  expect(run.validate(run.schema, document)).toEqual([]);
  const contextValue = await run.contextFactory();
  return (await run.execute({
    schema: run.schema,
    document,
    rootValue,
    contextValue,
    variableValues,
  })) as ExecutionResult;
}

async function oracleAnswer(query: string, rootValue: unknown, variableValues: Record<string, unknown>) {
  protectedResolved = new Map();
  try {
    const result = await execute({ schema, document: parse(query), rootValue, variableValues });
    return { result, removed: protectedResolved };
  } finally {
    protectedResolved = undefined;
  }
}

// Random data for every field of the schema: nulls, lists empty or not, nested, either union member.
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: null, depthSize: "small" });
const list = <T>(arb: fc.Arbitrary<T>) => fc.array(arb, { maxLength: 3 });
const flag = fc.record({ code: maybe(fc.constantFrom("A", "B")), detail: fc.constant("flag-detail-not-for-you") });
const { item, other } = fc.letrec<{ item: unknown; other: unknown }>((tie) => ({
  item: fc.record({
    __typename: fc.constant("Item"),
    id: fc.uuid(),
    name: maybe(fc.constantFrom("n1", "n2")),
    tag: fc.constant("tag-not-for-you"),
    secret: fc.constant("secret-not-for-you"),
    flags: list(flag),
    child: maybe(tie("item")),
    children: maybe(list(maybe(tie("item")))),
  }),
  other: fc.record({
    __typename: fc.constant("Other"),
    id: fc.uuid(),
    tag: fc.constant("tag-not-for-you"),
    note: maybe(fc.constant("note")),
    secret: maybe(list(maybe(flag))),
  }),
}));
const thing = fc.oneof(item, other);
const root = fc.record({
  item: maybe(item),
  items: maybe(list(maybe(item))),
  grid: maybe(list(maybe(list(maybe(item))))),
  thing: maybe(thing),
  things: list(thing),
  node: maybe(thing),
  nodes: maybe(list(maybe(thing))),
  secretItems: list(item),
});

const QUERIES: [string, string, Record<string, unknown>?][] = [
  ["a removed field beside others", "{ item { id secret name } }"],
  ["a removed field alone in its object", "{ item { secret } }"],
  ["under a list", "{ items { secret name } }"],
  ["alone under a list", "{ items { secret } }"],
  ["under nested lists", "{ grid { secret id } }"],
  ["under a non-null list (a case's vulnerabilityFlags)", "{ item { id flags { code detail } } }"],
  ["alone under a non-null list", "{ item { flags { detail } } }"],
  ["deep, under nullable parents", "{ item { child { child { secret } } children { children { secret id } } } }"],
  [
    "in a union's inline fragment (an action item's concerns)",
    "{ things { __typename ... on Item { id secret flags { detail } } ... on Other { note } } }",
  ],
  ["in a union's fragment, alone", "{ thing { ... on Other { secret { detail } } } }"],
  ["a list-typed removed field in a fragment", "{ things { ... on Other { id secret { code } } } }"],
  [
    "one alias, a removed field on one type and an allowed one on the other",
    "{ things { ... on Other { s: tag } ... on Item { s: name } } }",
  ],
  ["aliases", "{ first: item { hidden: secret id } all: items { hidden: secret } }"],
  ["on an interface, and in its implementation's fragment", "{ nodes { id tag ... on Item { secret } } }"],
  ["an interface fragment spread in a union", "{ things { ...N } } fragment N on Node { id tag }"],
  [
    "a named fragment spread at several places",
    "{ item { ...F child { ...F } } items { ...F } } fragment F on Item { id secret }",
  ],
  [
    "a named fragment of another type than the object's",
    "{ node { ...O id } } fragment O on Other { note secret { detail } }",
  ],
  ["nested fragments", "{ node { ... on Item { ... on Node { tag } children { ... on Item { secret } } } } }"],
  ["the same field twice at one place", "{ item { secret ... on Item { secret } } }"],
  ["a removed root field", "{ secretItems { id } item { id } }"],
  ["a removed root field alone", "{ secretItems { id } }"],
  [
    "@skip and @include",
    "query($yes: Boolean!) { item { secret @include(if: $yes) id } items @skip(if: $yes) { secret } }",
    { yes: true },
  ],
  [
    "@skip and @include, the other way",
    "query($yes: Boolean!) { item { secret @include(if: $yes) id } items @skip(if: $yes) { secret } }",
    { yes: false },
  ],
];

describe.each([
  ["a caller without the scope", { sub: "someone" }, "UNAUTHORIZED_FIELD_OR_TYPE"],
  ["a public caller", null, "UNAUTHENTICATED"],
])("the answer to %s", (_who, user, code) => {
  it.each(QUERIES)(
    "is the subgraph's data with null and one error at each removed field: %s",
    async (_name, query, variables = {}) => {
      await fc.assert(
        fc.asyncProperty(root, async (rootValue) => {
          const expected = await oracleAnswer(query, rootValue, variables);
          expect(expected.result.errors).toBeUndefined();
          const actual = await gatewayAnswer(query, rootValue, variables, user);
          expect(actual.data).toEqual(expected.result.data);
          expect(JSON.stringify(actual)).not.toContain(TYPENAME_MARKER);
          expect(JSON.stringify(actual)).not.toContain("not-for-you");
          const errors = (actual.errors ?? []) as GraphQLError[];
          for (const error of errors) expect(error.extensions.code).toBe(code);
          const placed = errors.filter((error) => error.path);
          // Exactly the oracle's paths, each once, each the error of a field asked there.
          expect(placed.map((error) => JSON.stringify(error.path)).sort()).toEqual([...expected.removed.keys()].sort());
          for (const error of placed) {
            expect(expected.removed.get(JSON.stringify(error.path))).toContain(error.nodes![0].loc!.start);
          }
          // A refusal without a path is of a field answered nowhere (its parent null, absent or of another type).
          const answered = new Set([...expected.removed.values()].flatMap((locations) => [...locations]));
          for (const error of errors.filter((e) => !e.path))
            expect(answered.has(error.nodes![0].loc!.start)).toBe(false);
        }),
        { numRuns: 40 },
      );
    },
  );
});

describe("the answer to a caller who may see everything", () => {
  it("is the subgraph's answer as it is, without markers", async () => {
    const getEnveloped = envelop({
      plugins: [
        useEngine({ parse, validate, execute, subscribe, specifiedRules }),
        useSchema(schema),
        exactPaths,
        stablePlans,
      ] as never,
    });
    const run = getEnveloped({ request: {} });
    const rootValue = {
      things: [
        { __typename: "Other", id: "o1", note: "n" },
        { __typename: "Item", id: "i1", name: "x" },
      ],
    };
    const result = await run.execute({
      schema: run.schema,
      document: run.parse("{ things { ... on Other { note } ... on Item { name } } }"),
      rootValue,
      contextValue: await run.contextFactory(),
    });
    expect(result).toEqual({ data: { things: [{ note: "n" }, { name: "x" }] } });
  });
});
