import type { Limits } from "./index";
import { type LimitObserver, UNOBSERVED } from "./observer";
import { json } from "./refusal";

/**
 * An answer larger than LIMIT_MAX_RESPONSE_BYTES is not sent: it is replaced by
 * RESPONSE_TOO_LARGE (HTTP 413), so one request cannot pull megabytes through the gateway.
 * The body is measured as it is (no second serialization).
 */
export function useResponseSizeLimit(limits: Pick<Limits, "maxResponseBytes">, observer: LimitObserver = UNOBSERVED) {
  return {
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
