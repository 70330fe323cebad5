import { buildSubgraphSchema } from "@apollo/subgraph";
import { printSchemaWithDirectives } from "@graphql-tools/utils";
import {
  type GraphQLFieldResolver,
  type GraphQLSchema,
  defaultFieldResolver,
  isInputObjectType,
  isObjectType,
  parse,
} from "graphql";
import { type BuildSchemaOptions, type MiddlewareFn, buildSchema, createResolversMap } from "type-graphql";
import { classifiedArgumentPaths } from "./access/classified";
import { auditMutations } from "./audit/mutation-middleware";
import { DateTimeISO } from "./dates";
import { checkArguments, takesCheckedArguments } from "./ids";
import { validateInput } from "./validation";

/** The Federation 2 directives subgraphs may use; imported once for every subgraph. */
const FEDERATION_LINK = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.9", import: ["@key", "@shareable", "@external", "@requires", "@provides", "@authenticated", "@requiresScopes", "@policy", "@inaccessible", "@tag", "@cost", "@listSize"])`;

export type ReferenceResolvers = Record<
  string,
  { __resolveReference: (reference: any, context: any, info: any) => unknown }
>;

export interface FederatedSchema {
  /** The executable subgraph schema (with `_service` and `_entities`). */
  schema: GraphQLSchema;
  /** The subgraph SDL as composition reads it: printed to `schema/subgraphs/<name>.graphql`. */
  sdl: string;
  /** The data class of every classified field, as `Type.field` → class (for the access tests and docs). */
  dataClasses: Record<string, string>;
  /** The class of every classified input field (`@ClassifiedArgument`), as `Input.field` → class. */
  classifiedArguments: Record<string, string>;
}

/**
 * Turns type-graphql classes into a Federation 2 subgraph schema: type-graphql builds the
 * schema with `@key` and friends attached by `@Directive`, the SDL is printed with those
 * directives, and `@apollo/subgraph` adds `_service` / `_entities`. Reference resolvers are
 * merged into the resolver map so `_entities` goes through the same services as queries.
 */
export async function buildFederatedSchema(
  options: Omit<BuildSchemaOptions, "skipCheck">,
  referenceResolvers: ReferenceResolvers = {},
): Promise<FederatedSchema> {
  const typeGraphqlSchema = await buildSchema({
    validateFn: validateInput,
    ...options,
    // Dates outside what PostgreSQL stores are the caller's error, not the database's.
    scalarsMap: [{ type: Date, scalar: DateTimeISO }, ...(options.scalarsMap ?? [])],
    skipCheck: true,
  });
  const printed = printSchemaWithDirectives(typeGraphqlSchema);
  const sdl = `${FEDERATION_LINK}\n\n${printed}\n`;
  const resolvers = createResolversMap(typeGraphqlSchema) as Record<string, Record<string, unknown>>;
  applyPlatformRules(typeGraphqlSchema, resolvers);
  for (const [typeName, reference] of Object.entries(referenceResolvers)) {
    resolvers[typeName] = { ...(resolvers[typeName] ?? {}), ...reference };
  }

  const schema = buildSubgraphSchema({ typeDefs: parse(sdl), resolvers: resolvers as any });
  return {
    schema,
    sdl,
    dataClasses: dataClassesOf(typeGraphqlSchema),
    classifiedArguments: classifiedArgumentsOf(typeGraphqlSchema),
  };
}

type Resolver = GraphQLFieldResolver<unknown, unknown>;

/**
 * The two rules the platform applies to fields by their shape, wrapped around each field they
 * concern, before anything else of the field runs (type-graphql's own middlewares, argument
 * validation, the resolver):
 * - every field that takes an `ID` or `String` argument, at any depth, refuses a malformed id or
 *   text PostgreSQL cannot store (`checkArguments`), first, before a mutation's audit scope or any
 *   resolver starts;
 * - every mutation field runs in its own audit scope (`auditMutations`), which knows the
 *   arguments it must not record by value (`@ClassifiedArgument`).
 * Decided from the built schema, so no field can be left out. They were type-graphql global
 * middlewares, which wrapped every field of every type: a case's `status` resolved through two
 * async middlewares, a promise each, on every row of every page.
 */
function applyPlatformRules(schema: GraphQLSchema, resolvers: Record<string, Record<string, unknown>>): void {
  const mutationType = schema.getMutationType();
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith("__")) continue;
    for (const field of Object.values(type.getFields())) {
      const rules: MiddlewareFn<any>[] = [];
      if (takesCheckedArguments(field)) rules.push(checkArguments);
      // Read from type-graphql's schema, where input fields keep their classes (the SDL does not).
      if (type === mutationType) rules.push(auditMutations(classifiedArgumentPaths(field)));
      if (!rules.length) continue;
      const fields = (resolvers[type.name] ??= {});
      const entry = fields[field.name] as Resolver | { resolve?: Resolver } | undefined;
      const resolve = typeof entry === "function" ? entry : (entry?.resolve ?? defaultFieldResolver);
      const guarded = withRules(rules, resolve);
      fields[field.name] = typeof entry === "object" && entry ? { ...entry, resolve: guarded } : guarded;
    }
  }
}

/** `resolve` behind `rules`, in order, each called as a type-graphql middleware. */
function withRules(rules: MiddlewareFn<any>[], resolve: Resolver): Resolver {
  return (root, args, context, info) => {
    const step = (i: number): unknown =>
      i === rules.length
        ? resolve(root, args, context, info)
        : rules[i]({ root, args, context, info }, () => Promise.resolve(step(i + 1)));
    return step(0);
  };
}

/** `Type.field` → data class, from the `@Classified` extensions type-graphql keeps on each field. */
function dataClassesOf(schema: GraphQLSchema): Record<string, string> {
  const classes: Record<string, string> = {};
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith("__")) continue;
    for (const field of Object.values(type.getFields())) {
      const dataClass = (field.extensions as { dataClass?: unknown } | undefined)?.dataClass;
      if (typeof dataClass === "string") classes[`${type.name}.${field.name}`] = dataClass;
    }
  }
  return classes;
}

/** `Input.field` → data class, for every input field declared with `@ClassifiedArgument`. */
function classifiedArgumentsOf(schema: GraphQLSchema): Record<string, string> {
  const classes: Record<string, string> = {};
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isInputObjectType(type)) continue;
    for (const field of Object.values(type.getFields())) {
      const dataClass = (field.extensions as { dataClass?: unknown } | undefined)?.dataClass;
      if (typeof dataClass === "string") classes[`${type.name}.${field.name}`] = dataClass;
    }
  }
  return classes;
}
