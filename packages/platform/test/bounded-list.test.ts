import "reflect-metadata";
import { ApolloServer } from "@apollo/server";
import { Field, ObjectType, Query, Resolver, buildSchema } from "type-graphql";
import { BoundedList, LIST_TRUNCATED, atMost, boundList, listTruncationPlugin } from "../src/bounded-list";

let items: string[] = [];
let shelves: string[][] = [];

@ObjectType()
class Shelf {
  @BoundedList(2)
  @Field(() => [String], { description: `Books. ${atMost(2)}` })
  books: string[];
}

@Resolver()
class ListResolver {
  @BoundedList(3)
  @Query(() => [String], { description: `Items. ${atMost(3)}` })
  items(): string[] {
    return items;
  }

  @Query(() => [Shelf])
  shelves(): Shelf[] {
    return shelves.map((books) => Object.assign(new Shelf(), { books }));
  }
}

let server: ApolloServer<object>;
const warnings: unknown[] = [];
beforeAll(async () => {
  const schema = await buildSchema({ resolvers: [ListResolver], validate: false });
  server = new ApolloServer<object>({ schema, plugins: [listTruncationPlugin()] });
  await server.start();
});
afterAll(async () => {
  await server?.stop();
});

async function run(query: string) {
  const logger = { warn: (detail: unknown) => warnings.push(detail) };
  const response = await server.executeOperation({ query }, { contextValue: { logger } });
  if (response.body.kind !== "single") throw new Error("expected a single result");
  return response.body.singleResult;
}

describe("boundList", () => {
  it("keeps a list at or under its maximum as it is, and cuts a longer one to its first items", () => {
    const short = ["a", "b"];
    expect(boundList(short, 2)).toEqual({ items: short, truncated: false });
    expect(boundList(short, 2).items).toBe(short);
    expect(boundList(["c", "a", "b"], 2)).toEqual({ items: ["c", "a"], truncated: true });
  });
});

describe("BoundedList on a field", () => {
  it("leaves a list under its maximum untouched, with no error", async () => {
    items = ["z", "y"];
    const result = await run(`{ items }`);
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ items: ["z", "y"] });
  });

  it("leaves a list of exactly its maximum untouched", async () => {
    items = ["z", "y", "x"];
    const result = await run(`{ items }`);
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ items: ["z", "y", "x"] });
  });

  it("cuts a list over its maximum to its first items in order, and reports LIST_TRUNCATED at its path", async () => {
    items = ["e", "d", "c", "b", "a"];
    warnings.length = 0;
    const result = await run(`{ items }`);
    expect(result.data).toEqual({ items: ["e", "d", "c"] });
    expect(result.errors).toEqual([
      expect.objectContaining({
        path: ["items"],
        // No length: a bounded loader reads max + 1 rows, so the true length is not known.
        extensions: { code: LIST_TRUNCATED, max: 3 },
        message: "This list has more than its maximum of 3 items; only the first 3 are returned.",
      }),
    ]);
    expect(warnings).toEqual([{ field: "Query.items", path: ["items"], max: 3 }]);
  });

  it("reports each cut list at its own path, nested ones included", async () => {
    shelves = [["a"], ["b", "c", "d"], ["e", "f"], ["g", "h", "i", "j"]];
    const result = await run(`{ shelves { books } }`);
    expect(result.data).toEqual({
      shelves: [{ books: ["a"] }, { books: ["b", "c"] }, { books: ["e", "f"] }, { books: ["g", "h"] }],
    });
    expect(result.errors?.map((e) => [e.path, e.extensions?.code])).toEqual([
      [["shelves", 1, "books"], LIST_TRUNCATED],
      [["shelves", 3, "books"], LIST_TRUNCATED],
    ]);
  });

  it("refuses a maximum that is not a whole number", () => {
    expect(() => BoundedList(-1)).toThrow();
    expect(() => BoundedList(2.5)).toThrow();
  });
});
