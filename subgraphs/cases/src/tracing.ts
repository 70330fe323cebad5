// Imported first by main.ts: the SDK must be running before `http` and `pg` load, so its
// instrumentations can patch them. Off (nothing loaded) unless OTEL_EXPORTER_OTLP_ENDPOINT is set.
import { startTracing } from "@kgraph/platform/dist/tracing/start";

export const tracing = startTracing("cases", { role: "subgraph" });
