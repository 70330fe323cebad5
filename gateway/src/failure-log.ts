/**
 * One log line for each answer the platform could not give in full: a subgraph down or too slow,
 * a database restarting, an unexpected error. The line is written on the request's own logger,
 * which carries the gateway's request id and, with tracing on, the request's trace and span ids
 * (request-ids.ts): from the line to the trace and to every subgraph's audit trail.
 *
 * The line holds the error codes and how often each came, nothing else: no message, no path, no
 * variable (a path is built from the client's aliases). A refusal of the caller's own making
 * (scope, input, limits) is not logged here; the metrics count those by code.
 */
export const SERVER_FAILURE_CODES = new Set([
  "SUBGRAPH_UNAVAILABLE",
  "GATEWAY_TIMEOUT",
  "SERVICE_UNAVAILABLE",
  "INTERNAL_SERVER_ERROR",
]);

interface AnsweredResult {
  errors?: readonly { extensions?: { code?: unknown } }[];
}

interface RequestLogger {
  warn(attributes: Record<string, unknown>, message: string): void;
}

/** The failure codes of an answer (a batch's answers together), each with its count. */
export function failureCodes(result: unknown): Record<string, number> {
  const counts: Record<string, number> = {};
  const results = Array.isArray(result) ? result : [result];
  for (const one of results as (AnsweredResult | null | undefined)[]) {
    for (const error of one?.errors ?? []) {
      const code = error.extensions?.code;
      const name = typeof code === "string" ? code : "INTERNAL_SERVER_ERROR";
      if (SERVER_FAILURE_CODES.has(name)) counts[name] = (counts[name] ?? 0) + 1;
    }
  }
  return counts;
}

export function useFailureLog() {
  return {
    onResultProcess({ result, serverContext }: { result: unknown; serverContext: { log?: RequestLogger } }) {
      if (!result || typeof result !== "object" || Symbol.asyncIterator in result) return;
      const codes = failureCodes(result);
      if (Object.keys(codes).length > 0) serverContext.log?.warn({ codes }, "answered with server-side failures");
    },
  };
}
