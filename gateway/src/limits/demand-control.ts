import { getArgumentValues, getDirectiveExtensions } from "@graphql-tools/utils";
import {
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLSchema,
  GraphQLError,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
  getNamedType,
  isCompositeType,
  isInterfaceType,
  isListType,
  isNonNullType,
  isObjectType,
  type GraphQLOutputType,
  valueFromASTUntyped,
} from "graphql";
import type { Limits } from "./index";
import { type LimitObserver, UNOBSERVED } from "./observer";

type Budget = Pick<Limits, "maxCost" | "maxCostPublic" | "assumedListSize">;

/** A connection's page size, applied to its `edges` one level down. */
type Sized = { fields: readonly string[]; size: number } | undefined;

/**
 * The whole operation's estimated cost, by the rules of the runtime's `demandControl` (IBM cost
 * spec): each object-typed field costs 1 plus its `@cost` weight, times the size of every list
 * around it: `@listSize(slicingArguments: ["first"])` the page asked for (its default when left
 * out), `@listSize(assumedSize: n)` n, any other list `assumedListSize`. Introspection is free.
 *
 * A selection's cost is linear in the lists around it, so each fragment is priced once (per page
 * size reaching its edges) and multiplied where it is spread: a document of fragments that each
 * spread the next twice is priced in linear time, not by expanding it 2^n times, and a fragment
 * cycle (refused by validation anyway) is cut instead of followed.
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
  const root = operation ? schema.getRootType(operation.operation) : undefined;
  if (!operation || !root) return 0;
  // A variable left out takes its declared default, as execution will.
  const values: Record<string, unknown> = {};
  for (const definition of operation.variableDefinitions ?? []) {
    if (definition.defaultValue) values[definition.variable.name.value] = valueFromASTUntyped(definition.defaultValue);
  }
  Object.assign(values, variables);
  const fragments = new Map(
    document.definitions.flatMap((d) =>
      d.kind === Kind.FRAGMENT_DEFINITION ? [[d.name.value, d] as [string, FragmentDefinitionNode]] : [],
    ),
  );
  const priced = new Map<string, number>();

  const costOf = (
    parent: GraphQLCompositeType,
    selectionSet: SelectionSetNode,
    sized: Sized,
    spreading: ReadonlySet<string>,
  ): number => {
    let total = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent;
        if (type && isCompositeType(type)) total += costOf(type, selection.selectionSet, sized, spreading);
        continue;
      }
      if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const name = selection.name.value;
        const fragment = fragments.get(name);
        const type = fragment && schema.getType(fragment.typeCondition.name.value);
        if (!fragment || !type || !isCompositeType(type) || spreading.has(name)) continue;
        const key = `${name}:${sized ? `${sized.fields.join(",")}=${sized.size}` : ""}`;
        let cost = priced.get(key);
        if (cost === undefined) {
          cost = costOf(type, fragment.selectionSet, sized, new Set([...spreading, name]));
          priced.set(key, cost);
        }
        total += cost;
        continue;
      }
      // Introspection and unknown fields are free.
      if (selection.name.value.startsWith("__") || !(isObjectType(parent) || isInterfaceType(parent))) continue;
      const field = parent.getFields()[selection.name.value];
      if (!field) continue;
      const directives = getDirectiveExtensions(field, schema) as Record<string, Record<string, unknown>[]>;
      const weight = (directives.cost ?? []).reduce((sum, d) => sum + (Number(d.weight) || 0), 0);
      const listSize = directives.listSize?.[0];
      let factor = 1;
      let inner: Sized;
      if (sized?.fields.includes(field.name)) {
        factor = sized.size;
      } else if (listSize?.slicingArguments) {
        const args = getArgumentValues(field, selection, values);
        const asked = Math.max(1, ...(listSize.slicingArguments as string[]).map((name) => Number(args[name]) || 0));
        const sizedFields = listSize.sizedFields as string[] | undefined;
        if (sizedFields?.length) inner = { fields: sizedFields, size: asked };
        else factor = asked;
      } else if (listSize?.assumedSize != null) {
        factor = Number(listSize.assumedSize);
      } else if (isList(field.type)) {
        factor = assumedListSize;
      }
      const named = getNamedType(field.type);
      const own = (isCompositeType(named) ? 1 : 0) + weight;
      const below =
        selection.selectionSet && isCompositeType(named) ? costOf(named, selection.selectionSet, inner, spreading) : 0;
      total += factor * (own + below);
    }
    return total;
  };

  return (operation.operation === "mutation" ? 10 : 0) + costOf(root, operation.selectionSet, undefined, new Set());
}

/**
 * How many fields the operation selects once every fragment is expanded — what the query
 * planner and the executors will walk. Scalars are free in the cost estimate, so a document
 * of fragments that each spread the next twice is cheap by cost and still 2^n fields to plan:
 * counted here in linear time (each fragment counted once, cycles cut), without expanding it.
 */
export function expandedFieldCount(document: DocumentNode, operationName: string | null | undefined): number {
  const operations = document.definitions.filter(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  );
  const operation = operationName ? operations.find((o) => o.name?.value === operationName) : operations[0];
  if (!operation) return 0;
  const fragments = new Map(
    document.definitions.flatMap((d) =>
      d.kind === Kind.FRAGMENT_DEFINITION ? [[d.name.value, d] as [string, FragmentDefinitionNode]] : [],
    ),
  );
  const counted = new Map<string, number>();
  const count = (selectionSet: SelectionSetNode, spreading: ReadonlySet<string>): number => {
    let total = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        total += 1 + (selection.selectionSet ? count(selection.selectionSet, spreading) : 0);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        total += count(selection.selectionSet, spreading);
      } else {
        const name = selection.name.value;
        const fragment = fragments.get(name);
        if (!fragment || spreading.has(name)) continue;
        let size = counted.get(name);
        if (size === undefined) {
          size = count(fragment.selectionSet, new Set([...spreading, name]));
          counted.set(name, size);
        }
        total += size;
      }
    }
    return total;
  };
  return count(operation.selectionSet, new Set());
}

/** Objects in an answer's data (below its root): the actual cost, each object-typed value counted once. */
function objectsIn(data: unknown): number {
  const count = (value: unknown): number => {
    if (Array.isArray(value)) return value.reduce((sum: number, item) => sum + count(item), 0);
    if (value === null || typeof value !== "object") return 0;
    return 1 + Object.values(value).reduce((sum: number, child) => sum + count(child), 0);
  };
  return data !== null && typeof data === "object" ? count(data) - 1 : 0;
}

function isList(type: GraphQLOutputType): boolean {
  return isListType(isNonNullType(type) ? type.ofType : type);
}

/**
 * Demand control before any subgraph is called: the estimated cost (above) of the validated
 * operation, before field authorization removes anything and before it is planned,
 * against the caller's budget — LIMIT_MAX_COST signed in, LIMIT_MAX_COST_PUBLIC without a token.
 * Over budget: COST_ESTIMATED_TOO_EXPENSIVE (HTTP 400) with the estimate and the budget. Within:
 * both in `extensions.cost` of the answer, with `actual`: the objects the answer holds.
 */
export function useCostBudget(
  budget: Budget,
  signedIn: (request: Request | undefined) => boolean,
  observer: LimitObserver = UNOBSERVED,
) {
  let schema: GraphQLSchema | undefined;
  const costs = new WeakMap<object, { estimated: number; max: number; mutation: boolean }>();
  // Per parsed document (the parser cache reuses it), per operation name and variables.
  const estimates = new WeakMap<DocumentNode, Map<string, number>>();
  return {
    onSchemaChange({ schema: next }: { schema: GraphQLSchema }) {
      schema = next;
    },
    // After validation: a document that is not valid (unknown fields, fragment cycles) is refused
    // as such and never priced; a valid one is priced before execution plans or calls anything.
    onValidate({ context, params }: { context: RequestContext; params: { documentAST: DocumentNode } }) {
      return ({ valid }: { valid: boolean }) => {
        if (!valid || !schema) return;
        const caller = signedIn(context.request);
        const max = caller ? budget.maxCost : budget.maxCostPublic;
        const document = params.documentAST;
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
            // Arguments that do not coerce: execution says what is wrong.
            return;
          }
          // Bounded: a client varying its variables endlessly keeps only the latest estimates.
          if (byRequest.size >= 100) byRequest.clear();
          byRequest.set(key, estimated);
        }
        // Every priced request, cached estimate or not: the histogram is of requests, not of documents.
        observer.estimated(estimated, caller);
        if (estimated > max) {
          observer.refused("COST_ESTIMATED_TOO_EXPENSIVE");
          // Thrown, not a validation result: the caller gets HTTP 400 whatever response type it accepts.
          throw new GraphQLError(
            `The operation's estimated cost is ${estimated}; the limit is ${max}${caller ? "" : " without a token"}. Ask for smaller pages (\`first\`) or fewer nested lists.`,
            { extensions: { code: "COST_ESTIMATED_TOO_EXPENSIVE", cost: { estimated, max }, http: { status: 400 } } },
          );
        }
        const operation = params.documentAST.definitions.find(
          (d): d is OperationDefinitionNode =>
            d.kind === Kind.OPERATION_DEFINITION &&
            (!context.params?.operationName || d.name?.value === context.params.operationName),
        );
        costs.set(context, { estimated, max, mutation: operation?.operation === "mutation" });
      };
    },
    onExecute({ args }: { args: { contextValue: object } }) {
      const cost = costs.get(args.contextValue);
      if (!cost) return undefined;
      return {
        onExecuteDone({ result, setResult }: { result: unknown; setResult(result: unknown): void }) {
          if (!result || typeof result !== "object" || Symbol.asyncIterator in result) return;
          const single = result as { data?: unknown; extensions?: Record<string, unknown> };
          // What the answer actually holds, by the same rule: one for every object returned.
          const actual = objectsIn(single.data) + (cost.mutation ? 10 : 0);
          setResult({
            ...single,
            extensions: { ...single.extensions, cost: { estimated: cost.estimated, actual, max: cost.max } },
          });
        },
      };
    },
  };
}

interface RequestContext {
  request?: Request;
  params?: { operationName?: string | null; variables?: Record<string, unknown> | null };
}
