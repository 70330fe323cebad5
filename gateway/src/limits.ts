import { type ASTVisitor, GraphQLError, Kind, type ValidationContext } from "graphql";

export interface Limits {
  /** Largest request body, in bytes. */
  maxBodyBytes: number;
  /** Deepest selection nesting (fragments included). */
  maxDepth: number;
  /** Most aliases in one operation. */
  maxAliases: number;
  /** Requests per caller (token subject, or address) per minute. */
  requestsPerMinute: number;
}

export const DEFAULT_LIMITS: Limits = {
  maxBodyBytes: 256 * 1024,
  maxDepth: 12,
  maxAliases: 30,
  requestsPerMinute: 600,
};

/**
 * Size and rate limits, checked before anything is planned: a body over the size limit is HTTP
 * 413, a caller over the rate is HTTP 429 with Retry-After, and an operation nested deeper or
 * aliased more than allowed fails validation with a message naming the limit. The rate is kept
 * in this process's memory (one gateway); several replicas each count their own share.
 */
export function useLimits(limits: Limits, callerOf: (request: Request) => string) {
  const windows = new Map<string, { start: number; count: number }>();
  return {
    onRequest({
      request,
      endResponse,
      fetchAPI,
    }: {
      request: Request;
      endResponse(r: Response): void;
      fetchAPI: { Response: typeof Response };
    }) {
      const length = Number(request.headers.get("content-length") ?? 0);
      if (length > limits.maxBodyBytes) {
        endResponse(
          json(
            fetchAPI,
            413,
            `The request body is ${length} bytes; the limit is ${limits.maxBodyBytes}.`,
            "PAYLOAD_TOO_LARGE",
          ),
        );
        return;
      }
      if (request.method === "GET" && !new URL(request.url).pathname.startsWith("/graphql")) return;
      const now = Date.now();
      const key = callerOf(request);
      const window = windows.get(key);
      if (!window || now - window.start >= 60_000) {
        windows.set(key, { start: now, count: 1 });
        if (windows.size > 50_000) prune(windows, now);
        return;
      }
      window.count += 1;
      if (window.count > limits.requestsPerMinute) {
        const retryAfter = Math.ceil((window.start + 60_000 - now) / 1000);
        const response = json(
          fetchAPI,
          429,
          `Too many requests: the limit is ${limits.requestsPerMinute} a minute. Retry in ${retryAfter} s.`,
          "RATE_LIMITED",
        );
        response.headers.set("retry-after", String(retryAfter));
        endResponse(response);
      }
    },
    onValidate({ addValidationRule }: { addValidationRule(rule: (context: ValidationContext) => ASTVisitor): void }) {
      addValidationRule((context) => depthAndAliasRule(context, limits));
    },
  };
}

function depthAndAliasRule(context: ValidationContext, limits: Limits): ASTVisitor {
  const fragments = new Map(
    context
      .getDocument()
      .definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION)
      .map((d) => [(d as { name: { value: string } }).name.value, d]),
  );
  const depthOf = (node: { selectionSet?: { selections: readonly unknown[] } }, seen: Set<string>): number => {
    if (!node.selectionSet) return 0;
    let deepest = 0;
    for (const selection of node.selectionSet.selections as {
      kind: string;
      name?: { value: string };
      selectionSet?: never;
    }[]) {
      if (selection.kind === Kind.FIELD) {
        if (selection.name?.value.startsWith("__")) continue;
        deepest = Math.max(deepest, 1 + depthOf(selection, seen));
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        deepest = Math.max(deepest, depthOf(selection, seen));
      } else if (selection.kind === Kind.FRAGMENT_SPREAD && selection.name && !seen.has(selection.name.value)) {
        const fragment = fragments.get(selection.name.value) as never;
        if (fragment) deepest = Math.max(deepest, depthOf(fragment, new Set([...seen, selection.name.value])));
      }
    }
    return deepest;
  };
  let aliases = 0;
  return {
    Field(node) {
      // The gateway's own hidden markers (error-paths.ts) are not the caller's aliases.
      if (node.alias && !node.alias.value.startsWith("__kgraph")) aliases += 1;
    },
    OperationDefinition: {
      leave(node) {
        const depth = depthOf(node, new Set());
        if (depth > limits.maxDepth) {
          context.reportError(
            new GraphQLError(`The operation nests ${depth} levels deep; the limit is ${limits.maxDepth}.`, {
              nodes: [node],
              extensions: { code: "QUERY_TOO_DEEP" },
            }),
          );
        }
        if (aliases > limits.maxAliases) {
          context.reportError(
            new GraphQLError(`The operation uses ${aliases} aliases; the limit is ${limits.maxAliases}.`, {
              nodes: [node],
              extensions: { code: "TOO_MANY_ALIASES" },
            }),
          );
        }
      },
    },
  };
}

function json(fetchAPI: { Response: typeof Response }, status: number, message: string, code: string): Response {
  return new fetchAPI.Response(JSON.stringify({ errors: [{ message, extensions: { code } }] }), {
    status,
    headers: { "content-type": "application/json" },
  });
}

function prune(windows: Map<string, { start: number }>, now: number): void {
  for (const [key, window] of windows) if (now - window.start >= 60_000) windows.delete(key);
}
