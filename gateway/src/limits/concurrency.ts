import { createGraphQLError } from "@graphql-tools/utils";
import type { Limits } from "./index";
import { type LimitObserver, UNOBSERVED } from "./observer";
import { json } from "./refusal";

/**
 * Most requests one caller may have in flight at this gateway. The rate limit counts requests a
 * minute, not how many run at once: one officer firing their whole minute's allowance together
 * (200 requests of cost 501, all within every limit) held both cores for 12 s, and a public
 * caller's request meanwhile waited 7 s. Past the cap a request is refused at once (HTTP 429,
 * CONCURRENCY_LIMITED, Retry-After 1), so a caller's burst queues at the caller, not in front of
 * everyone else. A batch holds one place per operation. Counted in this process: each gateway
 * replica holds its own (in-flight work is local to the process that runs it).
 */
export function useConcurrencyLimit(
  limits: Pick<Limits, "maxInFlightPerCaller">,
  callerOf: (request: Request, serverContext: unknown) => string,
  observer: LimitObserver = UNOBSERVED,
) {
  const inFlight = new Map<string, number>();
  // Per request: its caller and the places it holds, released once, however the request ends.
  const held = new WeakMap<Request, Place>();
  const take = (caller: string, places: number): boolean => {
    const now = inFlight.get(caller) ?? 0;
    if (now + places > limits.maxInFlightPerCaller) return false;
    inFlight.set(caller, now + places);
    return true;
  };
  const give = (caller: string, places: number) => {
    const left = (inFlight.get(caller) ?? 0) - places;
    if (left > 0) inFlight.set(caller, left);
    else inFlight.delete(caller);
  };
  const message = `Too many requests at once: at most ${limits.maxInFlightPerCaller} of yours run at a time. Wait for an answer, or retry in 1 s.`;
  return {
    onRequest({
      request,
      url,
      serverContext,
      endResponse,
      fetchAPI,
    }: {
      request: Request;
      url: URL;
      serverContext: unknown;
      endResponse(r: Response): void;
      fetchAPI: { Response: typeof Response };
    }) {
      if (url.pathname !== "/graphql") return;
      const caller = callerOf(request, serverContext);
      if (!take(caller, 1)) {
        observer.refused("CONCURRENCY_LIMITED");
        const response = json(fetchAPI, 429, message, "CONCURRENCY_LIMITED");
        response.headers.set("retry-after", "1");
        return endResponse(response);
      }
      const entry: Place = {
        caller,
        places: 1,
        released: false,
        release() {
          if (entry.released) return;
          entry.released = true;
          give(entry.caller, entry.places);
        },
      };
      held.set(request, entry);
      // A client that hangs up before its answer frees its places too.
      (serverContext as { res?: { once(event: "close", listener: () => void): void } }).res?.once("close", () =>
        entry.release(),
      );
    },
    onRequestParse({ request }: { request: Request }) {
      return {
        onRequestParseDone({ requestParserResult }: { requestParserResult: unknown }) {
          const entry = held.get(request);
          if (!entry || !Array.isArray(requestParserResult) || requestParserResult.length < 2) return;
          const more = requestParserResult.length - 1;
          if (!take(entry.caller, more)) {
            observer.refused("CONCURRENCY_LIMITED");
            throw createGraphQLError(message, {
              extensions: { code: "CONCURRENCY_LIMITED", http: { status: 429, headers: { "retry-after": "1" } } },
            });
          }
          entry.places += more;
        },
      };
    },
    onResponse({ request }: { request: Request }) {
      held.get(request)?.release();
    },
  };
}

interface Place {
  caller: string;
  places: number;
  released: boolean;
  release(): void;
}
