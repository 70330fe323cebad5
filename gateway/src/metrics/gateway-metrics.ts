import usePrometheus, { createCounter, createHistogram } from "@graphql-mesh/plugin-prometheus";
import { operationLabeler } from "@kgraph/platform/dist/edge";
import { Counter, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import type { ResponseCacheObserver } from "../cache";
import type { LimitObserver } from "../limits";

/** Every refusal code the gateway's limits answer with, counted from zero. */
export const REFUSAL_CODES = [
  "RATE_LIMITED",
  "CONCURRENCY_LIMITED",
  "PAYLOAD_TOO_LARGE",
  "TOO_MANY_TOKENS",
  "QUERY_TOO_DEEP",
  "TOO_MANY_ALIASES",
  "TOO_MANY_DIRECTIVES",
  "TOO_MANY_FIELDS",
  "COST_ESTIMATED_TOO_EXPENSIVE",
  "RESPONSE_TOO_LARGE",
  "NOT_ACCEPTABLE",
] as const;

/** Estimated cost; the budgets are 1000 (public) and 5000 (signed in) by default. */
const COST_BUCKETS = [1, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10_000, 50_000];

type HiveLogger = Parameters<typeof usePrometheus>[0]["log"];

export interface GatewayMetrics {
  registry: Registry;
  /** Told of every refusal and every estimated cost by the limits. */
  limits: LimitObserver;
  /** Told of every public answer the response cache was asked for. */
  responseCache: ResponseCacheObserver;
  /** The runtime's Prometheus plugin, on this registry, serving nothing on the public port. */
  plugin(log: HiveLogger): unknown;
}

/**
 * The gateway's metrics in one registry: the runtime's Prometheus plugin
 * (@graphql-mesh/plugin-prometheus, names as it gives them: `graphql_envelop_*`,
 * `graphql_yoga_http_duration`, `graphql_gateway_*`) for operations, their latency and errors,
 * and each subgraph fetch; prom-client for what only the gateway's own limits know
 * (`kgraph_gateway_*`: estimated cost, refusals by code); prom-client's process metrics.
 *
 * Labels come from closed sets: an operation is labelled with its name only when that is a
 * trusted document's name, else `other` (a client's own name is free text, and could name a
 * person); no URL with a query string, no path of an error, no caller.
 */
export function createGatewayMetrics(options: { knownOperations: Iterable<string> }): GatewayMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const label = operationLabeler({ known: options.knownOperations, maxOthers: 0 });
  // The plugin's params carry "Anonymous" for an operation without a name.
  const operation = (name: string | undefined) => label(name === "Anonymous" ? undefined : name);

  const refusals = new Counter({
    name: "kgraph_gateway_refusals_total",
    help: "Requests the gateway's limits refused, by code (rate limit, body size, shape, cost, answer size).",
    labelNames: ["code"],
    registers: [registry],
  });
  for (const code of REFUSAL_CODES) refusals.inc({ code }, 0);
  const cost = new Histogram({
    name: "kgraph_gateway_estimated_cost",
    help: "Demand control's estimated cost of each priced operation (refused ones included), by caller kind.",
    labelNames: ["caller"],
    buckets: COST_BUCKETS,
    registers: [registry],
  });

  const cacheAnswers = new Counter({
    name: "kgraph_gateway_response_cache_total",
    help: "Public answers the response cache was asked for: hit (served from it) or miss (from the subgraphs).",
    labelNames: ["result"],
    registers: [registry],
  });
  for (const result of ["hit", "miss"]) cacheAnswers.inc({ result }, 0);

  const byOperation = ["operationName", "operationType"] as const;
  type Params = { operationName?: string; operationType?: string; error?: unknown; errorPhase?: string };
  const operationLabels = (params: Params) => ({
    operationName: operation(params.operationName),
    operationType: params.operationType ?? "unknown",
  });

  return {
    registry,
    limits: {
      refused: (code) => refusals.inc({ code }),
      estimated: (estimated, signedIn) => cost.observe({ caller: signedIn ? "signed_in" : "public" }, estimated),
    },
    responseCache: { answered: (result) => cacheAnswers.inc({ result }) },
    plugin: (log) =>
      usePrometheus({
        log,
        registry,
        // Served by the metrics listener only: the plugin's default would answer /metrics on the public port.
        endpoint: false,
        metrics: {
          graphql_envelop_request: createCounter({
            registry,
            counter: {
              name: "graphql_envelop_request",
              help: "GraphQL operations executed, by operation name (a trusted document's, else other) and type.",
              labelNames: [...byOperation],
            },
            fillLabelsFn: operationLabels,
          }),
          graphql_envelop_request_duration: createHistogram({
            registry,
            histogram: {
              name: "graphql_envelop_request_duration",
              help: "Time to execute a GraphQL operation (all subgraph fetches), by operation name (a trusted document's, else other) and type.",
              labelNames: [...byOperation],
              buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
            },
            fillLabelsFn: operationLabels,
          }),
          graphql_envelop_error_result: createCounter({
            registry,
            counter: {
              name: "graphql_envelop_error_result",
              help: "Errors in answers, by extensions.code, phase and operation name (a trusted document's, else other).",
              labelNames: [...byOperation, "phase", "code"],
            },
            fillLabelsFn: (params: Params) => ({
              ...operationLabels(params),
              phase: params.errorPhase ?? "unknown",
              code: errorCode(params.error, params.errorPhase),
            }),
          }) as never,
          graphql_yoga_http_duration: createHistogram({
            registry,
            histogram: {
              name: "graphql_yoga_http_duration",
              help: "Time from a GraphQL request's arrival to its answer, by operation name (a trusted document's, else other), method and status.",
              labelNames: [...byOperation, "method", "statusCode"],
              buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
            },
            fillLabelsFn: (params: Params, context: { request: Request; response: Response }) => ({
              ...operationLabels(params),
              method: context.request.method,
              statusCode: context.response.status,
            }),
          }) as never,
          graphql_gateway_subgraph_execute_duration: createHistogram({
            registry,
            histogram: {
              name: "graphql_gateway_subgraph_execute_duration",
              help: "Time of each subgraph request the gateway makes, by subgraph and operation type.",
              labelNames: ["subgraphName", "operationType"],
              buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
            },
            fillLabelsFn: subgraphLabels,
          }),
          graphql_gateway_subgraph_execute_errors: createCounter({
            registry,
            counter: {
              name: "graphql_gateway_subgraph_execute_errors",
              help: "Errors in subgraph answers (a subgraph that does not answer included), by subgraph and operation type.",
              labelNames: ["subgraphName", "operationType"],
            },
            fillLabelsFn: subgraphLabels,
          }),
          // Labelled by subgraph URL, method and status: bounded by the supergraph.
          graphql_gateway_fetch_duration: true,
          graphql_envelop_schema_change: true,
          // Per-phase timings and a summary would repeat the request histogram per operation.
          graphql_envelop_request_time_summary: false,
          graphql_envelop_phase_parse: false,
          graphql_envelop_phase_validate: false,
          graphql_envelop_phase_context: false,
          graphql_envelop_phase_execute: false,
          graphql_envelop_phase_subscribe: false,
          graphql_envelop_deprecated_field: false,
          graphql_envelop_execute_resolver: false,
        },
      }),
  };
}

function subgraphLabels(params: { subgraphName: string; executionRequest: { operationType?: string } }) {
  return { subgraphName: params.subgraphName, operationType: params.executionRequest.operationType ?? "query" };
}

/**
 * An error's extensions.code. Parse and validation errors get theirs (GRAPHQL_PARSE_FAILED,
 * GRAPHQL_VALIDATION_FAILED) only when the answer is written, after the plugin sees them; any
 * other error without a code is masked as INTERNAL_SERVER_ERROR.
 */
function errorCode(error: unknown, phase: string | undefined): string {
  const code = (error as { extensions?: { code?: unknown } } | undefined)?.extensions?.code;
  if (typeof code === "string" && /^[A-Z_]{1,64}$/.test(code)) return code;
  if (phase === "parse") return "GRAPHQL_PARSE_FAILED";
  if (phase === "validate") return "GRAPHQL_VALIDATION_FAILED";
  return "INTERNAL_SERVER_ERROR";
}
