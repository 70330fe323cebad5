import fs from "node:fs";
import path from "node:path";
import { Kind, buildSchema, getIntrospectionQuery, parse } from "graphql";
import { estimateCost, expandedFieldCount } from "../src/limits/demand-control";
import { DEFAULT_LIMITS } from "../src/limits";

const DOCUMENTS = path.join(__dirname, "..", "..", "documents");

/** The whole-operation estimate demand control checks against the caller's budget. */
const schema = buildSchema(`
  directive @listSize(assumedSize: Int, slicingArguments: [String!], sizedFields: [String!], requireOneSlicingArgument: Boolean = true) on FIELD_DEFINITION
  directive @cost(weight: Int!) on FIELD_DEFINITION | OBJECT
  type Query {
    facilities: [Facility!]!
    cases(first: Int! = 50): CaseConnection! @listSize(slicingArguments: ["first"], sizedFields: ["edges"])
    statistics: Stats @cost(weight: 7)
  }
  type Mutation { closeCase(id: ID!): Case }
  type Stats { total: Int }
  type CaseConnection { edges: [CaseEdge!]! }
  type CaseEdge { node: Case! }
  type Case { id: ID! placements: [Placement!]! @listSize(assumedSize: 3) }
  type Placement { id: ID! case: Case! }
  type Facility { id: ID! visits(first: Int! = 20): [Visit!]! @listSize(slicingArguments: ["first"]) }
  type Visit { id: ID! facility: Facility! }
`);
const cost = (query: string, variables: Record<string, unknown> = {}, name?: string) =>
  estimateCost(schema, parse(query), name, variables, 10);

it("prices an unannotated list at the assumed size, a page at `first`, scalars at nothing", () => {
  expect(cost(`{ facilities { id } }`)).toBe(10);
  expect(cost(`{ facilities { visits { id } } }`)).toBe(10 * (1 + 20));
  expect(cost(`{ facilities { visits(first: 5) { id } } }`)).toBe(10 * (1 + 5));
});

it("multiplies nested lists, so a cycle grows with every level", () => {
  const two = cost(`{ facilities { visits { facility { id } } } }`);
  const three = cost(`{ facilities { visits { facility { visits { id } } } } }`);
  expect(two).toBe(10 * (1 + 20 * (1 + 1)));
  expect(three).toBe(10 * (1 + 20 * (1 + 1 + 20)));
});

it("applies a connection's `first` to its edges, from a variable or its declared default", () => {
  expect(cost(`{ cases(first: 4) { edges { node { id } } } }`)).toBe(1 + 4 * 2);
  expect(cost(`query($n: Int!) { cases(first: $n) { edges { node { id } } } }`, { n: 7 })).toBe(1 + 7 * 2);
  expect(cost(`query($n: Int! = 9) { cases(first: $n) { edges { node { id } } } }`)).toBe(1 + 9 * 2);
  expect(cost(`{ cases { edges { node { id } } } }`)).toBe(1 + 50 * 2);
  expect(cost(`{ cases(first: 2) { edges { node { placements { id } } } } }`)).toBe(1 + 2 * (1 + 1 + 3));
});

it("prices fragments where they are spread, and aliases each time", () => {
  const query = `{ a: facilities { ...F } b: facilities { ...F } } fragment F on Facility { visits(first: 2) { id } }`;
  expect(cost(query)).toBe(2 * 10 * (1 + 2));
});

it("adds @cost weights, 10 for a mutation, and nothing for introspection", () => {
  expect(cost(`{ statistics { total } }`)).toBe(1 + 7);
  expect(cost(`mutation { closeCase(id: "x") { id } }`)).toBe(10 + 1);
  expect(cost(`{ __schema { types { fields { name } } } }`)).toBe(0);
});

it("prices the operation named, not the others in the document", () => {
  const document = `query A { facilities { id } } query B { cases(first: 1) { edges { node { id } } } }`;
  expect(cost(document, {}, "B")).toBe(3);
  expect(cost(document, {}, "A")).toBe(10);
});

it("prices a fragment once per use without expanding it: 40 fragments that each spread the next twice", () => {
  const fragments = Array.from(
    { length: 40 },
    (_, i) =>
      `fragment F${i} on Facility { id ${i + 1 < 40 ? `...F${i + 1} ...F${i + 1}` : "visits(first: 1) { id }"} }`,
  );
  // 2^39 spreads of the last fragment, each one visit page of 1 under 10 facilities: priced exactly.
  expect(cost(`{ facilities { ...F0 } } ${fragments.join(" ")}`)).toBe(10 * (1 + 2 ** 39));
});

it("cuts a fragment cycle (which validation refuses) instead of following it", () => {
  expect(
    cost(`{ facilities { ...A } } fragment A on Facility { id ...B } fragment B on Facility { ...A visits { id } }`),
  ).toBe(10 * (1 + 20));
});

it("applies a connection's `first` to edges selected through a fragment", () => {
  expect(cost(`{ cases(first: 3) { ...E } } fragment E on CaseConnection { edges { node { id } } }`)).toBe(1 + 3 * 2);
});

describe("expanded field count", () => {
  const fields = (query: string) => expandedFieldCount(parse(query), undefined);
  it("counts fields as the planner will see them, each fragment spread in full", () => {
    expect(fields(`{ facilities { id visits { id } } }`)).toBe(4);
    expect(fields(`{ a: facilities { ...F } b: facilities { ...F } } fragment F on Facility { id name }`)).toBe(6);
  });
  it("counts 2^n spreads in linear time, and cuts cycles", () => {
    const bomb = Array.from(
      { length: 40 },
      (_, i) => `fragment F${i} on Facility { id ${i + 1 < 40 ? `...F${i + 1} ...F${i + 1}` : ""} }`,
    );
    expect(fields(`{ facilities { ...F0 } } ${bomb.join(" ")}`)).toBe(1 + (2 ** 40 - 1));
    expect(fields(`{ facilities { ...A } } fragment A on Facility { id ...B } fragment B on Facility { ...A }`)).toBe(
      2,
    );
  });
  it("leaves GraphiQL's introspection query and every document in documents/ well under the default limit", () => {
    const documents = fs.readdirSync(DOCUMENTS).filter((f) => f.endsWith(".graphql"));
    expect(documents.length).toBeGreaterThan(5);
    for (const file of documents) {
      const document = parse(fs.readFileSync(path.join(DOCUMENTS, file), "utf8"));
      for (const definition of document.definitions) {
        if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
        expect(expandedFieldCount(document, definition.name?.value)).toBeLessThan(DEFAULT_LIMITS.maxFields / 4);
      }
    }
    expect(expandedFieldCount(parse(getIntrospectionQuery()), undefined)).toBeLessThan(DEFAULT_LIMITS.maxFields / 4);
  });
});
