import type { GatewayConfigContext } from "@graphql-hive/gateway-runtime";
import { useOpenTelemetry } from "@graphql-hive/plugin-opentelemetry";
import { trace } from "@opentelemetry/api";
import { gatewayClaims } from "../request-ids";

/** The gateway's request id on its request span: the key from a trace to the logs and the audit trail. */
export const REQUEST_ID_ATTRIBUTE = "kgraph.request_id";

/**
 * The gateway's spans, from the runtime's own OpenTelemetry plugin (on the SDK `startTracing`
 * registered in main.ts): the HTTP request, the GraphQL phases (parse, validate, execute), each
 * subgraph execution and its upstream fetch. The fetch carries a W3C `traceparent`, so each
 * subgraph's spans continue the gateway's trace. The header is outside what the gateway signs
 * (the body and its claims, see request-ids.ts), so adding it changes no signature.
 *
 * The gateway does not continue a trace a client sends: as with request ids, the public edge
 * starts every trace, so no client picks the trace id its request is recorded under.
 */
export function useTracing(context: GatewayConfigContext) {
  const plugin = useOpenTelemetry({
    ...context,
    traces: {
      // GraphQL requests only: health probes every few seconds would bury them.
      spans: { http: ({ request }) => new URL(request.url).pathname === "/graphql" },
    },
    inheritContext: false,
    propagateContext: true,
  });
  return [
    plugin,
    {
      // onParams runs after every plugin's onRequest, so the gateway's request id exists by then.
      onParams({ request }: { request: Request }) {
        const httpContext = plugin.getHttpContext(request);
        const requestId = gatewayClaims({ request }).requestId;
        if (httpContext && requestId) trace.getSpan(httpContext)?.setAttribute(REQUEST_ID_ATTRIBUTE, requestId);
      },
    },
  ];
}
