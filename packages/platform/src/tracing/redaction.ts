import type { Context } from "@opentelemetry/api";
import type { tracing } from "@opentelemetry/sdk-node";

type Span = tracing.Span;

/** Attributes that may carry a URL with its query string (a GET request's `variables`). */
const URL_ATTRIBUTES = ["http.url", "http.target", "url.full", "url.query"];
/**
 * Attributes dropped outright: an operation's text can carry literal arguments (a name typed
 * into the query instead of a variable), and a bound SQL parameter is a value by definition.
 */
const DROPPED_ATTRIBUTES = ["graphql.document", "db.statement.parameters", "db.query.parameter", "url.query"];

/**
 * Keeps values out of every span before any exporter sees it: query strings are cut from URLs,
 * operation documents and SQL parameters are dropped, and exception messages (GraphQL's
 * "Variable "$x" got invalid value …" quotes the value) are replaced by their type. What is left
 * is structure: names, statement text with placeholders, timings, status codes. Runs in
 * `onEnding`, while the span is still writable, so it holds for every processor after it.
 */
export class RedactingSpanProcessor implements tracing.SpanProcessor {
  onStart(_span: Span, _parentContext: Context): void {}

  onEnding(span: Span): void {
    const attributes = span.attributes as Record<string, unknown>;
    for (const key of URL_ATTRIBUTES) {
      const value = attributes[key];
      if (typeof value === "string" && value.includes("?")) attributes[key] = value.slice(0, value.indexOf("?"));
    }
    for (const key of Object.keys(attributes)) {
      if (DROPPED_ATTRIBUTES.includes(key) || key.startsWith("db.query.parameter.")) delete attributes[key];
    }
    for (const event of span.events) {
      const eventAttributes = event.attributes as Record<string, unknown> | undefined;
      if (eventAttributes && "exception.message" in eventAttributes) {
        eventAttributes["exception.message"] = String(eventAttributes["exception.type"] ?? "error");
        delete eventAttributes["exception.stacktrace"];
      }
    }
    if (span.status.message) span.status.message = undefined as never;
  }

  onEnd(_span: tracing.ReadableSpan): void {}

  async forceFlush(): Promise<void> {}

  async shutdown(): Promise<void> {}
}
