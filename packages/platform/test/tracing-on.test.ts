import { Writable } from "node:stream";
import { trace } from "@opentelemetry/api";
import { createLogger } from "../src/logger";
import { startTracing } from "../src/tracing/start";
import { tracingStarted } from "../src/tracing/state";

/** With an OTLP endpoint the SDK starts, and log lines written inside a span carry its ids. */
function capture() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  return { lines, stream };
}

// Nothing listens there: spans are dropped at export, which this test never waits for.
const tracing = startTracing("tracing-test", {
  role: "gateway",
  env: { OTEL_EXPORTER_OTLP_ENDPOINT: "http://127.0.0.1:9", OTEL_EXPORTER_OTLP_PROTOCOL: "http/json" },
});
afterAll(async () => {
  await tracing?.shutdown().catch(() => undefined);
});

test("log lines inside a span carry its trace and span ids beside the request id", async () => {
  expect(tracing).toBeDefined();
  expect(tracingStarted()).toBe(true);
  const { lines, stream } = capture();
  const logger = createLogger("tracing-test", "info", stream).child({ requestId: "req-1" });
  logger.info("outside");
  const ids = trace.getTracer("test").startActiveSpan("request", (span) => {
    logger.info("inside");
    span.end();
    return span.spanContext();
  });
  expect(ids.traceId).toMatch(/^[0-9a-f]{32}$/);
  expect(lines[0]).not.toHaveProperty("traceId");
  expect(lines[1]).toMatchObject({ msg: "inside", requestId: "req-1", traceId: ids.traceId, spanId: ids.spanId });
});

test("an unsupported OTLP protocol is refused at start, not ignored", () => {
  expect(() =>
    startTracing("x", {
      role: "gateway",
      env: { OTEL_EXPORTER_OTLP_ENDPOINT: "http://x", OTEL_EXPORTER_OTLP_PROTOCOL: "grpc" },
    }),
  ).toThrow(/grpc is not supported/);
});
