import { GraphQLError } from "graphql";

const REMOVED_FIELD_CODES = new Set(["UNAUTHORIZED_FIELD_OR_TYPE", "UNAUTHENTICATED"]);

type Path = readonly (string | number)[];
interface Result {
  data?: Record<string, unknown> | null;
  errors?: readonly GraphQLError[];
}

/**
 * Field authorization runs before planning, on the query document, so the error it reports for
 * a removed field inside a list names the field but not the item (`cases.edges.node.person`).
 * After execution this gives each removed field its exact response path, one error per null
 * (`cases.edges.0.node.person`, `…1…`), as clients and GraphiQL expect.
 */
export function useExactRemovedFieldPaths() {
  return {
    onResultProcess({ result, setResult }: { result: unknown; setResult(result: unknown): void }) {
      if (Array.isArray(result)) {
        setResult(result.map((item) => withExactPaths(item as Result)));
      } else if (result && typeof result === "object" && "errors" in result) {
        setResult(withExactPaths(result as Result));
      }
    },
  };
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
