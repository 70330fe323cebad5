import { Writable } from "node:stream";
import { trace } from "@opentelemetry/api";
import { createLogger } from "../src/logger";
import { startTracing } from "../src/tracing/start";
import { tracingStarted } from "../src/tracing/state";

/** Without an OTLP endpoint nothing starts: no SDK, no recording spans, no trace fields in logs. */
test("without OTEL_EXPORTER_OTLP_ENDPOINT tracing stays off", () => {
  expect(startTracing("tracing-test", { role: "subgraph", env: {} })).toBeUndefined();
  expect(startTracing("tracing-test", { role: "subgraph", env: { OTEL_EXPORTER_OTLP_ENDPOINT: "" } })).toBeUndefined();
  expect(tracingStarted()).toBe(false);
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  const logger = createLogger("tracing-test", "info", stream);
  trace.getTracer("test").startActiveSpan("request", (span) => {
    // The API's no-op: nothing is recorded, and the log line gets no ids.
    expect(span.isRecording()).toBe(false);
    logger.info("inside");
    span.end();
  });
  expect(lines).toHaveLength(1);
  expect(Object.keys(lines[0])).not.toContain("traceId");
});
