import type http from "node:http";

/**
 * Headers Node keeps the first of and silently drops the rest (its `message.headers` rule). A
 * proxy in front may keep the last instead, so two `Authorization` headers would be two callers:
 * the proxy logs or rate-limits one, this service serves the other. A request repeating any of
 * them is refused (400) before anything reads it, by the gateway and by every subgraph alike.
 */
export const SINGLE_VALUE_HEADERS: ReadonlySet<string> = new Set([
  "age",
  "authorization",
  "content-length",
  "content-type",
  "etag",
  "expires",
  "from",
  "host",
  "if-modified-since",
  "if-unmodified-since",
  "last-modified",
  "location",
  "max-forwards",
  "proxy-authorization",
  "referer",
  "retry-after",
  "server",
  "user-agent",
]);

/** The first single-value header the request sends more than once, lower-cased; undefined when none. */
export function repeatedSingleValueHeader(req: Pick<http.IncomingMessage, "rawHeaders">): string | undefined {
  const seen = new Set<string>();
  for (let i = 0; i < req.rawHeaders.length; i += 2) {
    const name = req.rawHeaders[i].toLowerCase();
    if (!SINGLE_VALUE_HEADERS.has(name)) continue;
    if (seen.has(name)) return name;
    seen.add(name);
  }
  return undefined;
}

/** The 400 answer for a repeated single-value header, as a GraphQL-over-HTTP error body. */
export function repeatedHeaderAnswer(name: string): { status: 400; body: string } {
  return {
    status: 400,
    body: JSON.stringify({
      errors: [
        { message: `The request repeats the ${name} header: send it once.`, extensions: { code: "BAD_REQUEST" } },
      ],
    }),
  };
}
