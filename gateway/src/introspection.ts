import { MapperKind, getDirectiveExtensions, mapSchema, pruneSchema } from "@graphql-tools/utils";
import { scopesForClaims } from "@kgraph/policy";
import {
  type DocumentNode,
  GraphQLError,
  type GraphQLSchema,
  Kind,
  type OperationDefinitionNode,
  execute,
} from "graphql";

/**
 * Each caller sees its own schema: an introspection query (GraphiQL's docs and autocomplete)
 * runs against the graph with every field the caller may not query removed, and the types
 * left unreachable pruned. Public callers see the public graph. Filtered schemas are cached
 * per set of scopes (a handful of distinct sets exist, one per role combination).
 */
type Requirement = { authenticated: boolean; scopes?: string[][] };

export function createIntrospectionFilter(
  claimsOf: (request: Request | undefined) => Record<string, unknown> | undefined,
) {
  const cache = new WeakMap<GraphQLSchema, Map<string, GraphQLSchema>>();

  function schemaFor(schema: GraphQLSchema, signedIn: boolean, scopes: readonly string[]): GraphQLSchema {
    const key = `${signedIn ? "user" : "public"}:${[...scopes].sort().join(" ")}`;
    let perSchema = cache.get(schema);
    if (!perSchema) {
      perSchema = new Map();
      cache.set(schema, perSchema);
    }
    let filtered = perSchema.get(key);
    if (!filtered) {
      filtered = filterSchema(schema, signedIn, scopes);
      perSchema.set(key, filtered);
    }
    return filtered;
  }

  return {
    onExecute({
      args,
      setResultAndStopExecution,
    }: {
      args: {
        schema: GraphQLSchema;
        document: DocumentNode;
        operationName?: string | null;
        variableValues?: Record<string, unknown> | null;
        contextValue: Record<string, any>;
      };
      setResultAndStopExecution(result: unknown): void;
    }) {
      const kind = introspectionKind(args.document, args.operationName);
      if (kind === "mixed") {
        // The data would be planned against the full graph and the introspection answered by
        // the planner (which cannot): a caller's error, said so, instead of a 500.
        throw new GraphQLError("Ask for `__schema` or `__type` in an operation of its own, without data fields.", {
          extensions: { code: "GRAPHQL_VALIDATION_FAILED", http: { status: 400 } },
        });
      }
      if (kind !== "only") return;
      const claims = claimsOf(args.contextValue.request as Request | undefined);
      const scopes = claims ? scopesForClaims(claims) : [];
      const result = execute({
        schema: schemaFor(args.schema, Boolean(claims), scopes),
        document: args.document,
        operationName: args.operationName,
        variableValues: args.variableValues,
        contextValue: args.contextValue,
      });
      setResultAndStopExecution(result);
    },
  };
}

/** "only": nothing but introspection; "mixed": `__schema`/`__type` beside data fields; "none". */
function introspectionKind(document: DocumentNode, operationName?: string | null): "only" | "mixed" | "none" {
  const operations = document.definitions.filter(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  );
  const operation = operationName ? operations.find((o) => o.name?.value === operationName) : operations[0];
  if (!operation) return "none";
  const isMeta = (name: string) => name === "__schema" || name === "__type" || name === "__typename";
  const selections = operation.selectionSet.selections;
  const meta = selections.filter((s) => s.kind === Kind.FIELD && isMeta(s.name.value));
  if (operation.operation === "query" && meta.length === selections.length) return "only";
  const introspects = meta.some((s) => s.kind === Kind.FIELD && s.name.value !== "__typename");
  return introspects ? "mixed" : "none";
}

function requirementOf(extensions: Record<string, unknown[]>): Requirement {
  const scopes = (extensions.requiresScopes?.[0] as { scopes?: string[][] } | undefined)?.scopes;
  return { authenticated: Boolean(extensions.authenticated?.length), scopes };
}

function allowed(requirement: Requirement, signedIn: boolean, scopes: readonly string[]): boolean {
  if ((requirement.authenticated || requirement.scopes?.length) && !signedIn) return false;
  if (!requirement.scopes?.length) return true;
  return requirement.scopes.some((all) => all.every((scope) => scopes.includes(scope)));
}

export function filterSchema(schema: GraphQLSchema, signedIn: boolean, scopes: readonly string[]): GraphQLSchema {
  const filtered = mapSchema(schema, {
    [MapperKind.COMPOSITE_FIELD]: (field) => {
      const requirement = requirementOf(getDirectiveExtensions(field, schema) as Record<string, unknown[]>);
      return allowed(requirement, signedIn, scopes) ? field : null;
    },
  });
  return pruneSchema(filtered);
}
