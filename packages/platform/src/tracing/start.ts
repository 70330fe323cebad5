import type { IncomingMessage } from "node:http";
import { HttpInstrumentation } from "@opentelemetry/instrumentation-http";
import { PgInstrumentation } from "@opentelemetry/instrumentation-pg";
import { OTLPTraceExporter as OTLPJsonTraceExporter } from "@opentelemetry/exporter-trace-otlp-http";
import { OTLPTraceExporter as OTLPProtobufTraceExporter } from "@opentelemetry/exporter-trace-otlp-proto";
import { NodeSDK, tracing } from "@opentelemetry/sdk-node";
import { RedactingSpanProcessor } from "./redaction";
import { markTracingStarted } from "./state";

/**
 * Traces (OpenTelemetry), on only when OTEL_EXPORTER_OTLP_ENDPOINT (or the traces-only
 * OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) is set; the standard OTEL_* variables configure the rest
 * (OTEL_SERVICE_NAME, OTEL_EXPORTER_OTLP_PROTOCOL http/protobuf or http/json, OTEL_BSP_*,
 * OTEL_TRACES_SAMPLER, OTEL_EXPORTER_OTLP_HEADERS, …).
 *
 * This module loads the SDK; it is imported on its own (`@kgraph/platform/dist/tracing/start`),
 * never through the package's index, so a process with tracing off never loads it. A subgraph
 * imports it before anything that loads `http` or `pg`: their instrumentations patch those
 * modules as they are loaded.
 */
export interface StartTracingOptions {
  /**
   * "subgraph": spans for incoming GraphQL requests (continuing the caller's W3C traceparent)
   * and for each SQL statement. "gateway": none here; the gateway runtime's own OpenTelemetry
   * plugin makes its spans and sends traceparent upstream.
   */
  role: "subgraph" | "gateway";
  env?: NodeJS.ProcessEnv;
}

export interface Tracing {
  /** Exports what is buffered, then stops; the process's shutdown awaits it. */
  shutdown(): Promise<void>;
}

/** Starts the SDK when an OTLP endpoint is configured; `undefined` (nothing loaded, no cost) otherwise. */
export function startTracing(serviceName: string, options: StartTracingOptions): Tracing | undefined {
  const env = options.env ?? process.env;
  if (!env.OTEL_EXPORTER_OTLP_ENDPOINT && !env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) return undefined;
  const protocol = env.OTEL_EXPORTER_OTLP_TRACES_PROTOCOL ?? env.OTEL_EXPORTER_OTLP_PROTOCOL ?? "http/protobuf";
  if (protocol !== "http/protobuf" && protocol !== "http/json") {
    throw new Error(`OTEL_EXPORTER_OTLP_PROTOCOL=${protocol} is not supported here: use http/protobuf or http/json.`);
  }
  const exporter = protocol === "http/json" ? new OTLPJsonTraceExporter() : new OTLPProtobufTraceExporter();
  const sdk = new NodeSDK({
    serviceName: env.OTEL_SERVICE_NAME || serviceName,
    // Redaction first: every later processor (and the exporter) sees the redacted span.
    spanProcessors: [new RedactingSpanProcessor(), new tracing.BatchSpanProcessor(exporter)],
    instrumentations: options.role === "subgraph" ? subgraphInstrumentations() : [],
    // Traces only: metrics are Prometheus scrapes and logs are pino lines; without these the
    // SDK would start OTLP metric and log exporters of its own.
    metricReaders: [],
    logRecordProcessors: [],
  });
  sdk.start();
  markTracingStarted();
  return { shutdown: () => sdk.shutdown() };
}

function subgraphInstrumentations(): (HttpInstrumentation | PgInstrumentation)[] {
  return [
    new HttpInstrumentation({
      // Only GraphQL requests: probes and scrapes would bury them.
      ignoreIncomingRequestHook: (request: IncomingMessage) => !(request.url ?? "").startsWith("/graphql"),
      // The subgraph calls nothing over node:http but the exporter (JWKS goes through fetch).
      ignoreOutgoingRequestHook: () => true,
    }),
    new PgInstrumentation({
      // Statement text with its $n placeholders; never the bound values (personal data).
      enhancedDatabaseReporting: false,
      // Only SQL run for a traced request: no root spans for pool checks and migrations.
      requireParentSpan: true,
      ignoreConnectSpans: true,
    }),
  ];
}
