import { trace } from "@opentelemetry/api";

/**
 * Whether this process started the OpenTelemetry SDK. Kept apart from `start.ts` so the logger
 * can ask without loading the SDK: with tracing off, log lines get no trace fields and cost
 * nothing extra.
 */
let started = false;

export function markTracingStarted(): void {
  started = true;
}

export function tracingStarted(): boolean {
  return started;
}

/** The active span's ids for a log line (pino mixin), so a log line leads to its trace. */
export function traceLogFields(): { traceId?: string; spanId?: string } {
  const span = trace.getActiveSpan();
  if (!span) return {};
  const { traceId, spanId } = span.spanContext();
  return { traceId, spanId };
}

/** The attribute naming the request id on a request's span: from a trace to the logs and the audit trail. */
export const REQUEST_ID_ATTRIBUTE = "kgraph.request_id";

/** Names the request id on the active (HTTP server) span; nothing at all with tracing off. */
export function tagRequestSpan(requestId: string): void {
  if (started) trace.getActiveSpan()?.setAttribute(REQUEST_ID_ATTRIBUTE, requestId);
}
