import {
  type DocumentNode,
  type ExecutionResult,
  type FieldNode,
  type FragmentDefinitionNode,
  GraphQLError,
  GraphQLIncludeDirective,
  type GraphQLNamedType,
  type GraphQLSchema,
  GraphQLSkipDirective,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
  getDirectiveValues,
  getNamedType,
  getOperationAST,
  getVariableValues,
  isAbstractType,
  isInterfaceType,
  isObjectType,
  visit,
} from "graphql";

type Path = readonly (string | number)[];

/** Alias of the `__typename` added to every selection set (and removed from the response). */
export const TYPENAME_MARKER = "__kgraphKeep";
const MARKER = TYPENAME_MARKER;

/**
 * The field each refusal of field authorization stands for, and the document it was removed
 * from (auth.ts registers them). The refusal itself carries no path: generic-auth's path for it
 * marks lists with '@', loses fragments' type conditions, names one place of a fragment spread in
 * several, and its own null insertion (@envelop/extended-validation) builds objects along that
 * path wherever the answer has null, a list or another type there (`"case": null` became
 * `"case": {"vulnerabilityFlags": {"detail": null}}`). Without a path it inserts nothing.
 */
const removals = new WeakMap<GraphQLError, { field: FieldNode; document: DocumentNode }>();

export function asRemovedField(error: GraphQLError, document: DocumentNode): GraphQLError {
  if (error.nodes?.[0]?.kind === Kind.FIELD) removals.set(error, { field: error.nodes[0], document });
  return error;
}

interface ExecuteArgs {
  schema: GraphQLSchema;
  operationName?: string | null;
  variableValues?: Record<string, unknown> | null;
}

/**
 * Field authorization runs before planning, on the query document: it removes the fields the
 * caller may not see, and drops a selection left empty. Two things make the answer exact:
 * - every selection set carries a hidden `__typename` (aliased, taken out of the response
 *   again), so removing a list item's only field keeps the list and each item's null, and an
 *   object under a fragment's type condition says which type it is;
 * - after execution, each removed field is followed through the actual answer (every list item,
 *   every fragment whose type condition the object's type meets, every place a named fragment is
 *   spread): where its parent object is in the answer it gets `null` and one error at that exact
 *   path (`cases.edges.0.node.person`, `…1…`); where no parent is (a null parent, an empty list, a
 *   fragment of another type), nothing is written and the refusal is told once, without a path.
 * This runs per operation, when its execution is done (each operation of a batch on its own) and
 * before the response cache stores an answer, so no answer, fresh or cached, keeps a marker.
 * `withNeededMarkersOnly` takes out, before planning, every marker authorization and this need not.
 */
export function useExactRemovedFieldPaths() {
  return {
    onParse() {
      return ({ result, replaceParseResult }: { result: unknown; replaceParseResult(result: unknown): void }) => {
        if (result && typeof result === "object" && (result as DocumentNode).kind === Kind.DOCUMENT) {
          replaceParseResult(withKeepMarkers(result as DocumentNode));
        }
      };
    },
    onExecute({ args }: { args: ExecuteArgs }) {
      return {
        onExecuteDone({ result, setResult }: { result: unknown; setResult(result: unknown): void }) {
          if (result && typeof result === "object" && !(Symbol.asyncIterator in result)) {
            setResult(finishResult(result as ExecutionResult, args));
          }
        },
      };
    },
  };
}

/**
 * An operation's answer as the caller gets it: `null` and an error at every path of a removed
 * field whose parent object the subgraphs returned, and no marker anywhere. Nothing else of the
 * data is written.
 */
export function finishResult(result: ExecutionResult, args: ExecuteArgs): ExecutionResult {
  let data = result.data;
  let errors = result.errors;
  if (data && errors?.some((error) => removals.has(error))) {
    const exact: GraphQLError[] = [];
    // One error per path: a field asked twice at one place (a fragment spread twice, say) is one null.
    const told = new Set<string>();
    for (const error of errors) {
      const removal = removals.get(error);
      const paths: Path[] = removal ? removedFieldPaths(data, removal.document, removal.field, args) : [];
      if (!paths.length) exact.push(error);
      for (const path of paths) {
        const key = JSON.stringify(path);
        if (told.has(key)) continue;
        told.add(key);
        data = withNullAt(data, path);
        exact.push(
          new GraphQLError(error.message, {
            nodes: error.nodes,
            path,
            extensions: error.extensions,
            originalError: error.originalError,
          }),
        );
      }
    }
    errors = exact;
  }
  const clean = data && hasMarker(data) ? (withoutMarkers(data) as typeof data) : data;
  if (clean === result.data && errors === result.errors) return result;
  return { ...result, data: clean, ...(errors ? { errors } : {}) };
}

/** One step from an object to a field: the field's response key and the type conditions on the way. */
interface Step {
  key: string;
  /** Fragment type conditions the object's own type must meet; those every possible type meets are left out. */
  conditions: GraphQLNamedType[];
}

/** Every path in `data` at which the removed `field` would have been answered, its parent object present. */
export function removedFieldPaths(
  data: Record<string, unknown>,
  document: DocumentNode,
  field: FieldNode,
  args: ExecuteArgs,
): Path[] {
  const operation = getOperationAST(document, args.operationName);
  const root = operation && args.schema.getRootType(operation.operation);
  if (!operation || !root) return [];
  const out: Path[] = [];
  for (const route of routesTo(document, operation, root, field, args)) {
    walkRoute(data, route, 0, [], args.schema, out);
  }
  return out;
}

/** Every way from the operation's root to `target`, through fields, inline fragments and spreads. */
function routesTo(
  document: DocumentNode,
  operation: OperationDefinitionNode,
  root: GraphQLNamedType,
  target: FieldNode,
  args: ExecuteArgs,
): Step[][] {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const coerced = getVariableValues(args.schema, operation.variableDefinitions ?? [], args.variableValues ?? {});
  const variables = coerced.coerced ?? {};
  const included = (node: FieldNode | { directives?: FieldNode["directives"] }) =>
    getDirectiveValues(GraphQLSkipDirective, node, variables)?.if !== true &&
    getDirectiveValues(GraphQLIncludeDirective, node, variables)?.if !== false;
  const out: Step[][] = [];
  // `parent`: the type of the field whose selection set this is (what the object may be);
  // `scope`: the innermost type condition in it, where the fields are looked up.
  const walk = (
    set: SelectionSetNode,
    parent: GraphQLNamedType,
    scope: GraphQLNamedType,
    conditions: GraphQLNamedType[],
    prefix: Step[],
    spread: ReadonlySet<string>,
  ) => {
    for (const selection of set.selections) {
      if (!included(selection)) continue;
      if (selection.kind === Kind.FIELD) {
        const step = { key: selection.alias?.value ?? selection.name.value, conditions: narrowing(parent, conditions) };
        if (selection === target) out.push([...prefix, step]);
        else if (selection.selectionSet && (isObjectType(scope) || isInterfaceType(scope))) {
          const type = scope.getFields()[selection.name.value]?.type;
          const named = type && getNamedType(type);
          if (named) walk(selection.selectionSet, named, named, [], [...prefix, step], spread);
        }
      } else {
        const fragment = selection.kind === Kind.FRAGMENT_SPREAD ? fragments.get(selection.name.value) : selection;
        if (!fragment || (selection.kind === Kind.FRAGMENT_SPREAD && spread.has(selection.name.value))) continue;
        const condition = fragment.typeCondition && args.schema.getType(fragment.typeCondition.name.value);
        const next = selection.kind === Kind.FRAGMENT_SPREAD ? new Set([...spread, selection.name.value]) : spread;
        walk(
          fragment.selectionSet,
          parent,
          condition ?? scope,
          condition ? [...conditions, condition] : conditions,
          prefix,
          next,
        );
      }
    }
  };
  // Conditions every possible type of the parent meets decide nothing: no typename is needed for them.
  const narrowing = (parent: GraphQLNamedType, all: GraphQLNamedType[]) => {
    const possible = isAbstractType(parent) ? args.schema.getPossibleTypes(parent) : [parent];
    return all.filter((c) => !possible.every((t) => meets(args.schema, t.name, c)));
  };
  walk(operation.selectionSet, root, root, [], [], new Set());
  return out;
}

function meets(schema: GraphQLSchema, typename: string, condition: GraphQLNamedType): boolean {
  if (typename === condition.name) return true;
  const type = schema.getType(typename);
  return isAbstractType(condition) && isObjectType(type) && schema.isSubType(condition, type);
}

/** Follows one route through the actual answer: lists at any depth, null parents, typed fragments. */
function walkRoute(value: unknown, route: Step[], at: number, prefix: Path, schema: GraphQLSchema, out: Path[]): void {
  if (Array.isArray(value)) {
    value.forEach((item, index) => walkRoute(item, route, at, [...prefix, index], schema, out));
    return;
  }
  if (value === null || typeof value !== "object") return;
  const record = value as Record<string, unknown>;
  const step = route[at];
  if (step.conditions.length) {
    // The object's type, from the marker the selection set keeps (withNeededMarkersOnly): unknown, no match.
    const typename = record[MARKER];
    if (typeof typename !== "string" || !step.conditions.every((c) => meets(schema, typename, c))) return;
  }
  if (at === route.length - 1) out.push([...prefix, step.key]);
  else walkRoute(record[step.key], route, at + 1, [...prefix, step.key], schema, out);
}

/** `data` with `null` at `path` where the answer has nothing there yet; the parent exists (removedFieldPaths). */
function withNullAt<T>(data: T, path: Path): T {
  let parent: unknown = data;
  for (const segment of path.slice(0, -1)) parent = (parent as Record<string | number, unknown>)[segment];
  const record = parent as Record<string | number, unknown>;
  const key = path[path.length - 1];
  if (record[key] === undefined) record[key] = null;
  return data;
}

/**
 * The document as authorization left it, without the markers it does not need: a marker stays
 * where it is the whole selection set (the fields beside it were removed, and it keeps the list
 * item, or the operation, in place) and where the selection set holds a fragment (it tells which
 * type an object is, so a removed field under a type condition is answered only for objects of
 * that type). Queries only: a mutation's answer keeps every marker, they are the typenames the
 * response cache invalidates by (cache/response-cache.ts, entitiesIn). The result is the same
 * object for the same document (plan-documents.ts makes those stable per text), so the planner,
 * which caches plans by document object, still plans each one once.
 */
export function withNeededMarkersOnly(document: DocumentNode): DocumentNode {
  let result = trimmed.get(document);
  if (result) return result;
  if (document.definitions.some((d) => d.kind === Kind.OPERATION_DEFINITION && d.operation !== "query")) {
    result = document;
  } else {
    result = visit(document, {
      SelectionSet(node: SelectionSetNode) {
        const others = node.selections.filter((s) => !isKeepMarker(s));
        if (others.length === node.selections.length || others.length === 0) return undefined;
        if (others.some((s) => s.kind === Kind.FRAGMENT_SPREAD || (s.kind === Kind.INLINE_FRAGMENT && s.typeCondition)))
          return undefined;
        return { ...node, selections: others };
      },
    });
  }
  trimmed.set(document, result);
  return result;
}

const trimmed = new WeakMap<DocumentNode, DocumentNode>();

const isKeepMarker = (s: SelectionSetNode["selections"][number]) =>
  s.kind === Kind.FIELD && s.alias?.value === MARKER && s.name.value === "__typename";

const KEEP: FieldNode = {
  kind: Kind.FIELD,
  alias: { kind: Kind.NAME, value: MARKER },
  name: { kind: Kind.NAME, value: "__typename" },
};

// The parser cache hands out the same document for the same text: mark each one once, so the
// marked document is the same object too (and what is cached by document downstream stays cached).
const marked = new WeakMap<DocumentNode, DocumentNode>();

function withKeepMarkers(document: DocumentNode): DocumentNode {
  let result = marked.get(document);
  if (!result) {
    result = addKeepMarkers(document);
    marked.set(document, result);
  }
  return result;
}

function addKeepMarkers(document: DocumentNode): DocumentNode {
  return visit(document, {
    SelectionSet(node: SelectionSetNode) {
      // Roots too: a mutation whose only field the caller may not run is otherwise left empty,
      // and an empty operation cannot be planned (it was HTTP 500, not the field's refusal).
      if (node.selections.some((s) => s.kind === Kind.FIELD && s.alias?.value === MARKER)) return undefined;
      return { ...node, selections: [...node.selections, KEEP] };
    },
  });
}

function hasMarker(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(hasMarker);
  if (value === null || typeof value !== "object") return false;
  return MARKER in value || Object.values(value).some(hasMarker);
}

/** A copy without the marker key (a caller's own field under the marker's alias too). */
function withoutMarkers(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutMarkers);
  if (value === null || typeof value !== "object") return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
    if (key !== MARKER) out[key] = withoutMarkers(item);
  }
  return out;
}
