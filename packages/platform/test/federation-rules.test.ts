import "reflect-metadata";
import { type GraphQLSchema, execute, isObjectType, parse } from "graphql";
import { Arg, Directive, Field, ID, InputType, Mutation, ObjectType, Query, Resolver } from "type-graphql";
import { buildFederatedSchema } from "../src";

/**
 * The platform's two shape rules (ids checked first, each mutation in its own audit scope) are
 * wrapped around exactly the fields they concern, decided from the built schema, and every other
 * field resolves as type-graphql built it: a plain property without a promise.
 */
@Directive('@key(fields: "id")')
@ObjectType()
class Thing {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;
}

@ObjectType()
class Count {
  @Field()
  n: number;
}

@InputType()
class Deep {
  @Field(() => [ID])
  ids: string[];
}

const ID1 = "6f1c1f44-0e8f-4c55-9a39-6b1f0f1f7d2a";
const calls: string[] = [];

@Resolver(() => Thing)
class ThingResolver {
  @Query(() => Thing, { nullable: true })
  thing(@Arg("id", () => ID) id: string): Thing {
    calls.push(`thing ${id}`);
    return { id, name: "a thing" };
  }

  @Query(() => Count, { nullable: true })
  deep(@Arg("input", () => Deep) input: Deep): Count {
    calls.push(`deep ${input.ids.length}`);
    return { n: input.ids.length };
  }

  @Mutation(() => Thing)
  rename(@Arg("name") name: string): Thing {
    calls.push(`rename ${name}`);
    return { id: ID1, name };
  }
}

let schema: GraphQLSchema;
beforeAll(async () => {
  schema = (await buildFederatedSchema({ resolvers: [ThingResolver] })).schema;
});
beforeEach(() => {
  calls.length = 0;
});

/** A context whose audit scope records which mutation ran in it. */
function contextWithAudit() {
  const scopes: string[] = [];
  return {
    scopes,
    context: {
      audit: {
        runMutation: (name: string, args: Record<string, unknown>, resolve: () => unknown) => {
          scopes.push(`${name} ${JSON.stringify(args)}`);
          return resolve();
        },
      },
    },
  };
}

describe("the platform's rules on a built subgraph schema", () => {
  it("refuses a malformed id at any depth before the resolver runs, and runs a well-formed one", async () => {
    const bad = await execute({
      schema,
      document: parse(`{ thing(id: "nope") { id } deep(input: { ids: ["${ID1}", "x"] }) { n } }`),
    });
    expect(bad.errors?.map((e) => [e.path?.join("."), e.extensions.code, e.extensions.argument])).toEqual([
      ["thing", "BAD_USER_INPUT", "id"],
      ["deep", "BAD_USER_INPUT", "input.ids[1]"],
    ]);
    expect(calls).toEqual([]);
    const good = await execute({ schema, document: parse(`{ thing(id: "${ID1}") { id name } }`) });
    expect(good).toEqual({ data: { thing: { id: ID1, name: "a thing" } } });
    expect(calls).toEqual([`thing ${ID1}`]);
  });

  it("runs every mutation field in its own audit scope, with its arguments", async () => {
    const { scopes, context } = contextWithAudit();
    const result = await execute({
      schema,
      document: parse(`mutation { a: rename(name: "one") { name } b: rename(name: "two") { name } }`),
      contextValue: context,
    });
    expect(result).toEqual({ data: { a: { name: "one" }, b: { name: "two" } } });
    expect(scopes).toEqual(['rename {"name":"one"}', 'rename {"name":"two"}']);
  });

  it("leaves every other field as type-graphql built it: a plain property resolves without a promise", () => {
    const thing = schema.getType("Thing");
    if (!isObjectType(thing)) throw new Error("Thing is not an object type");
    const name = thing.getFields().name.resolve;
    const value = name?.({ id: ID1, name: "plain" }, {}, {}, { fieldName: "name" } as never);
    expect(value).toBe("plain");
  });
});
