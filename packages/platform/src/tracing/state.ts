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
