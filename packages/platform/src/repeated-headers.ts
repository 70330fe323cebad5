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

/**
 * Answers 400 when the request repeats a single-value header, naming it; true when it did (the
 * request is then done). Gateway and subgraphs call it first, before anything reads a header.
 */
export function refusedRepeatedHeader(
  req: Pick<http.IncomingMessage, "rawHeaders">,
  res: Pick<http.ServerResponse, "writeHead">,
): boolean {
  const name = repeatedSingleValueHeader(req);
  if (!name) return false;
  const body = JSON.stringify({
    errors: [{ message: `The request repeats the ${name} header: send it once.`, extensions: { code: "BAD_REQUEST" } }],
  });
  res
    .writeHead(400, { "content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(body) })
    .end(body);
  return true;
}
