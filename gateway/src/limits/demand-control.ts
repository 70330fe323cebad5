import { getArgumentValues, getDirectiveExtensions } from "@graphql-tools/utils";
import {
  type DocumentNode,
  type FieldNode,
  type GraphQLSchema,
  GraphQLError,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
  TypeInfo,
  getNamedType,
  isCompositeType,
  isListType,
  isNonNullType,
  type GraphQLOutputType,
  valueFromASTUntyped,
  visit,
  visitWithTypeInfo,
} from "graphql";
import type { Limits } from "./index";

type Budget = Pick<Limits, "maxCost" | "maxCostPublic" | "assumedListSize">;

/**
 * The whole operation's estimated cost, by the rules of the runtime's `demandControl` (IBM cost
 * spec): each object-typed field costs 1 plus its `@cost` weight, times the size of every list
 * around it: `@listSize(slicingArguments: ["first"])` the page asked for (its default when left
 * out), `@listSize(assumedSize: n)` n, any other list `assumedListSize`. Introspection is free.
 */
export function estimateCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown>,
  assumedListSize: number,
): number {
  const operations = document.definitions.filter(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  );
  const operation = operationName ? operations.find((o) => o.name?.value === operationName) : operations[0];
  if (!operation) return 0;
  // A variable left out takes its declared default, as execution will.
  const values: Record<string, unknown> = {};
  for (const definition of operation.variableDefinitions ?? []) {
    if (definition.defaultValue) values[definition.variable.name.value] = valueFromASTUntyped(definition.defaultValue);
  }
  Object.assign(values, variables);
  const fragments = new Map(
    document.definitions.flatMap((d) => (d.kind === Kind.FRAGMENT_DEFINITION ? [[d.name.value, d]] : [])),
  );
  // Fragments inlined, so each spread is priced where it is used (with the lists around it).
  const inlined = visit(operation, {
    FragmentSpread(node) {
      const fragment = fragments.get(node.name.value);
      return fragment
        ? { kind: Kind.INLINE_FRAGMENT, typeCondition: fragment.typeCondition, selectionSet: fragment.selectionSet }
        : null;
    },
  });
  const typeInfo = new TypeInfo(schema);
  const factors: number[] = [];
  const sized = new Map<SelectionSetNode, number>();
  let cost = operation.operation === "mutation" ? 10 : 0;
  visit(
    { kind: Kind.DOCUMENT, definitions: [inlined] },
    visitWithTypeInfo(typeInfo, {
      Field: {
        enter(node: FieldNode) {
          const field = typeInfo.getFieldDef();
          const type = typeInfo.getType();
          // Introspection and unknown fields are free; skipped, so `leave` does not run for them.
          if (!field || !type || node.name.value.startsWith("__")) return false;
          const directives = getDirectiveExtensions(field, schema) as Record<string, Record<string, unknown>[]>;
          const weight = (directives.cost ?? []).reduce((sum, d) => sum + (Number(d.weight) || 0), 0);
          const listSize = directives.listSize?.[0];
          let factor = sized.get(node as never) ?? 1;
          if (listSize?.slicingArguments) {
            const args = getArgumentValues(field, node, values);
            const asked = Math.max(
              1,
              ...(listSize.slicingArguments as string[]).map((name) => Number(args[name]) || 0),
            );
            const sizedFields = listSize.sizedFields as string[] | undefined;
            if (sizedFields?.length) {
              // The page size applies to the connection's `edges`, one level down.
              for (const child of node.selectionSet?.selections ?? []) {
                if (child.kind === Kind.FIELD && sizedFields.includes(child.name.value))
                  sized.set(child as never, asked);
              }
            } else factor = asked;
          } else if (listSize?.assumedSize != null) {
            factor = Number(listSize.assumedSize);
          } else if (isList(type) && !sized.has(node as never)) {
            factor = assumedListSize;
          }
          factors.push(factor);
          const own = (isCompositeType(getNamedType(type)) ? 1 : 0) + weight;
          if (own) cost += factors.reduce((product, f) => product * f, own);
          return undefined;
        },
        leave() {
          factors.pop();
        },
      },
    }),
  );
  return cost;
}

function isList(type: GraphQLOutputType): boolean {
  return isListType(isNonNullType(type) ? type.ofType : type);
}

/**
 * Demand control before any subgraph is called: the estimated cost (above) of the operation as
 * the caller wrote it, before field authorization removes anything and before it is planned,
 * against the caller's budget — LIMIT_MAX_COST signed in, LIMIT_MAX_COST_PUBLIC without a token.
 * Over budget: COST_ESTIMATED_TOO_EXPENSIVE (HTTP 400) with the estimate and the budget. Within:
 * both in `extensions.cost` of the answer.
 */
export function useCostBudget(budget: Budget, signedIn: (request: Request | undefined) => boolean) {
  let schema: GraphQLSchema | undefined;
  const costs = new WeakMap<object, { estimated: number; max: number }>();
  // Per parsed document (the parser cache reuses it), per operation name and variables.
  const estimates = new WeakMap<DocumentNode, Map<string, number>>();
  return {
    onSchemaChange({ schema: next }: { schema: GraphQLSchema }) {
      schema = next;
    },
    onParse({ context }: { context: RequestContext }) {
      return ({ result }: { result: unknown }) => {
        if (!schema || !result || (result as DocumentNode).kind !== Kind.DOCUMENT) return;
        const max = signedIn(context.request) ? budget.maxCost : budget.maxCostPublic;
        const document = result as DocumentNode;
        const key = JSON.stringify([context.params?.operationName ?? null, context.params?.variables ?? null]);
        let byRequest = estimates.get(document);
        if (!byRequest) estimates.set(document, (byRequest = new Map()));
        let estimated = byRequest.get(key);
        if (estimated === undefined) {
          try {
            estimated = estimateCost(
              schema,
              document,
              context.params?.operationName,
              context.params?.variables ?? {},
              budget.assumedListSize,
            );
          } catch {
            // Arguments that do not coerce: validation and execution say what is wrong.
            return;
          }
          // Bounded: a client varying its variables endlessly keeps only the latest estimates.
          if (byRequest.size >= 100) byRequest.clear();
          byRequest.set(key, estimated);
        }
        if (estimated > max) {
          throw new GraphQLError(
            `The operation's estimated cost is ${estimated}; the limit is ${max}${signedIn(context.request) ? "" : " without a token"}. Ask for smaller pages (\`first\`) or fewer nested lists.`,
            { extensions: { code: "COST_ESTIMATED_TOO_EXPENSIVE", cost: { estimated, max }, http: { status: 400 } } },
          );
        }
        costs.set(context, { estimated, max });
      };
    },
    onExecute({ args }: { args: { contextValue: object } }) {
      const cost = costs.get(args.contextValue);
      if (!cost) return undefined;
      return {
        onExecuteDone({ result, setResult }: { result: unknown; setResult(result: unknown): void }) {
          if (!result || typeof result !== "object" || Symbol.asyncIterator in result) return;
          const single = result as { extensions?: Record<string, unknown> };
          setResult({ ...single, extensions: { ...single.extensions, cost } });
        },
      };
    },
  };
}

interface RequestContext {
  request?: Request;
  params?: { operationName?: string | null; variables?: Record<string, unknown> | null };
}
