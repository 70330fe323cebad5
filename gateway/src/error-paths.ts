import { type DocumentNode, type FieldNode, GraphQLError, Kind, type SelectionSetNode, visit } from "graphql";

const REMOVED_FIELD_CODES = new Set(["UNAUTHORIZED_FIELD_OR_TYPE", "UNAUTHENTICATED"]);

type Path = readonly (string | number)[];
interface Result {
  data?: Record<string, unknown> | null;
  errors?: readonly GraphQLError[];
}

/** Alias of the `__typename` added to every selection set (and removed from the response). */
export const TYPENAME_MARKER = "__kgraphKeep";
const MARKER = TYPENAME_MARKER;

/**
 * Field authorization runs before planning, on the query document: it removes the fields the
 * caller may not see, and drops a selection left empty. Two things make the answer exact:
 * - every selection set carries a hidden `__typename` (aliased, taken out of the response
 *   again), so removing a list item's only field keeps the list and each item's null;
 * - the error for a removed field inside a list names the field but not the item
 *   (`cases.edges.node.person`); after execution each removed field gets its exact response
 *   path, one error per null (`cases.edges.0.node.person`, `…1…`).
 * Once authorization has run, `withNeededMarkersOnly` takes out every marker that is not all
 * that is left of its selection set, before planning: subgraph requests and answers carry no
 * `__typename` they do not need, and an answer planned with none is not copied to remove them.
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
    onResultProcess({
      request,
      result,
      setResult,
    }: {
      request: Request;
      result: unknown;
      setResult(result: unknown): void;
    }) {
      // An answer that did not come from a document planned without markers (a cached one, say) is
      // searched for them, as every answer once was.
      const marked = !plannedUnmarked.has(request);
      if (Array.isArray(result)) {
        setResult(result.map((item) => finish(item as Result, marked)));
      } else if (result && typeof result === "object" && ("data" in result || "errors" in result)) {
        setResult(finish(result as Result, marked));
      }
    },
  };
}

function finish(result: Result, marked: boolean): Result {
  const exact = withExactPaths(result);
  return exact.data && marked ? { ...exact, data: withoutMarkers(exact.data) as Record<string, unknown> } : exact;
}

/** Requests whose every operation was planned with no marker left (their answers hold none). */
const plannedUnmarked = new WeakSet<Request>();
/** Requests with an operation planned with a marker left (a batch counts as marked if any is). */
const plannedMarked = new WeakSet<Request>();

interface TrimmedDocument {
  document: DocumentNode;
  marked: boolean;
}

// One trimmed document per authorised document (plan-documents.ts makes those stable per text),
// so the planner, which caches plans by document object, still plans each one once.
const trimmed = new WeakMap<DocumentNode, TrimmedDocument>();

/**
 * The document as authorization left it, without the markers it does not need: a marker stays
 * only where it is the whole selection set (the fields beside it were removed, and it keeps the
 * list item, or the operation, in place). Notes on `request` whether any stayed. Queries only.
 */
export function withNeededMarkersOnly(document: DocumentNode, request: Request | undefined): DocumentNode {
  let result = trimmed.get(document);
  if (!result && document.definitions.some((d) => d.kind === Kind.OPERATION_DEFINITION && d.operation !== "query")) {
    // A mutation's answer keeps its markers: they are the typenames the response cache
    // invalidates by (cache/response-cache.ts, entitiesIn). Mutations are few; queries are trimmed.
    result = { document, marked: true };
    trimmed.set(document, result);
  }
  if (!result) {
    let marked = false;
    const stripped = visit(document, {
      SelectionSet(node: SelectionSetNode) {
        // A caller's own field under the marker's alias is taken out of the answer, as ever.
        if (
          node.selections.some(
            (s) => s.kind === Kind.FIELD && s.alias?.value === MARKER && s.name.value !== "__typename",
          )
        )
          marked = true;
        const others = node.selections.filter(
          (s) => !(s.kind === Kind.FIELD && s.alias?.value === MARKER && s.name.value === "__typename"),
        );
        if (others.length === node.selections.length) return undefined;
        if (others.length === 0) {
          marked = true;
          return undefined;
        }
        return { ...node, selections: others };
      },
    });
    result = { document: stripped, marked };
    trimmed.set(document, result);
  }
  if (request) {
    if (result.marked) {
      plannedMarked.add(request);
      plannedUnmarked.delete(request);
    } else if (!plannedMarked.has(request)) plannedUnmarked.add(request);
  }
  return result.document;
}

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

function withoutMarkers(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutMarkers);
  if (value === null || typeof value !== "object") return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
    if (key !== MARKER) out[key] = withoutMarkers(item);
  }
  return out;
}

export function withExactPaths(result: Result): Result {
  if (!result.errors?.length || !result.data) return result;
  const errors: GraphQLError[] = [];
  for (const error of result.errors) {
    const code = error.extensions?.code;
    if (typeof code !== "string" || !REMOVED_FIELD_CODES.has(code) || !error.path?.length) {
      errors.push(error);
      continue;
    }
    const abstract = error.path.filter((segment) => segment !== "@");
    const concrete = expand(result.data, abstract);
    if (!concrete.length || (concrete.length === 1 && same(concrete[0], error.path))) {
      errors.push(error);
      continue;
    }
    for (const path of concrete) {
      errors.push(
        new GraphQLError(error.message, {
          nodes: error.nodes,
          path,
          extensions: error.extensions,
          originalError: error.originalError,
        }),
      );
    }
  }
  return { ...result, errors };
}

/** Every concrete path in `data` that matches `abstract`, branching over list items. */
function expand(data: unknown, abstract: Path): Path[] {
  const out: Path[] = [];
  const walk = (value: unknown, rest: Path, prefix: (string | number)[]) => {
    if (rest.length === 0) {
      out.push(prefix);
      return;
    }
    if (Array.isArray(value)) {
      const [next] = rest;
      if (typeof next === "number") return walk(value[next], rest.slice(1), [...prefix, next]);
      value.forEach((item, index) => walk(item, rest, [...prefix, index]));
      return;
    }
    if (value === null || typeof value !== "object") return;
    const [segment, ...tail] = rest;
    const record = value as Record<string, unknown>;
    if (!(String(segment) in record)) return;
    if (tail.length === 0) {
      out.push([...prefix, segment]);
      return;
    }
    walk(record[String(segment)], tail, [...prefix, segment]);
  };
  walk(data, abstract, []);
  return out;
}

function same(a: Path, b: Path): boolean {
  return a.length === b.length && a.every((segment, i) => segment === b[i]);
}
