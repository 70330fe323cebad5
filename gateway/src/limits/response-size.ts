import type { Limits } from "./index";
import { type LimitObserver, UNOBSERVED } from "./observer";
import { json } from "./refusal";

/** The GraphQL endpoint's answers are JSON, in one of these two media types. */
const JSON_MEDIA_TYPES = ["application/graphql-response+json", "application/json"];

/**
 * Whether an Accept header lets the answer be JSON, by the runtime's (Yoga's) own reading of it:
 * no header (or an empty one) is any type; entries in another charset than UTF-8 are skipped; wildcards match.
 */
export function acceptsJson(accept: string | null): boolean {
  for (const entry of (accept || "*/*").replace(/\s/g, "").toLowerCase().split(",")) {
    const [mediaType, ...params] = entry.split(";");
    const charset = params.find((param) => param.startsWith("charset="));
    if (charset && charset !== "charset=utf-8") continue;
    const [type, subtype] = mediaType.split("/");
    if (JSON_MEDIA_TYPES.some((json) => matches(type, subtype, json))) return true;
  }
  return false;
}

function matches(type: string, subtype: string | undefined, mediaType: string): boolean {
  const [wantedType, wantedSubtype] = mediaType.split("/");
  return (type === "*" || type === wantedType) && (subtype === "*" || subtype === wantedSubtype);
}

/**
 * An answer larger than LIMIT_MAX_RESPONSE_BYTES is not sent: it is replaced by
 * RESPONSE_TOO_LARGE (HTTP 413), so one request cannot pull megabytes through the gateway.
 * The body is measured as it is (no second serialization).
 *
 * Every answer is JSON, so every answer is measured: the runtime would also stream a query's
 * answer as server-sent events or multipart to a client that accepts only those, unmeasured.
 * The graph has no subscriptions and no incremental delivery, so such a request is refused
 * before any work (HTTP 406); GraphiQL's page (a browser's GET for HTML) is left to GraphiQL.
 */
export function useResponseSizeLimit(limits: Pick<Limits, "maxResponseBytes">, observer: LimitObserver = UNOBSERVED) {
  return {
    onRequest({
      request,
      url,
      endResponse,
      fetchAPI,
    }: {
      request: Request;
      url: URL;
      endResponse(response: Response): void;
      fetchAPI: { Response: typeof Response };
    }) {
      if (url.pathname !== "/graphql") return;
      const accept = request.headers.get("accept");
      if (acceptsJson(accept)) return;
      if (request.method === "GET" && accept?.includes("text/html")) return;
      observer.refused("NOT_ACCEPTABLE");
      endResponse(
        json(
          fetchAPI,
          406,
          "This graph answers in JSON only: accept application/graphql-response+json or application/json (it has no subscriptions or incremental delivery).",
          "NOT_ACCEPTABLE",
        ),
      );
    },
    async onResponse({
      response,
      setResponse,
      fetchAPI,
    }: {
      response: Response;
      setResponse(response: Response): void;
      fetchAPI: { Response: typeof Response };
    }) {
      if (!response.headers.get("content-type")?.includes("json")) return;
      // The runtime's Response (@whatwg-node/node-fetch) knows the length of the string it was
      // made from; only another kind of body is read (a copy of it) to be measured.
      const known = (response as { contentLength?: number | null }).contentLength;
      const bytes = typeof known === "number" ? known : Buffer.byteLength(await response.clone().text());
      if (bytes <= limits.maxResponseBytes) return;
      observer.refused("RESPONSE_TOO_LARGE");
      setResponse(
        json(
          fetchAPI,
          413,
          `The answer is ${bytes} bytes; the limit is ${limits.maxResponseBytes}. Ask for smaller pages or fewer fields.`,
          "RESPONSE_TOO_LARGE",
        ),
      );
    },
  };
}
