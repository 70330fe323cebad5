import { createGraphQLError } from "@graphql-tools/utils";
import type { Logger } from "@kgraph/platform/dist/edge";
import Redis from "ioredis";
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import type { Limits } from "./index";
import { type LimitObserver, UNOBSERVED } from "./observer";
import { json } from "./refusal";

export interface RateLimiterSettings {
  requestsPerMinute: number;
  /** Unset: counted in this process's memory (one gateway). Set: shared by every gateway on it. */
  redisUrl?: string;
  /** Redis keys start with it, so deployments (and test runs) sharing one Redis do not mix. */
  keyPrefix: string;
  logger: Logger;
}

export interface RateLimiter {
  limiter: RateLimiterAbstract;
  close(): Promise<void>;
}

/**
 * A fixed one-minute window per caller from rate-limiter-flexible. In memory each key is dropped
 * when its window ends, so memory holds only the callers of the last minute. With Redis the count
 * is shared by every replica; while Redis is unreachable each gateway falls back to its own
 * in-memory count (the insurance limiter), so an outage neither stops requests nor lifts the limit.
 */
export function createRateLimiter(settings: RateLimiterSettings): RateLimiter {
  const window = { points: settings.requestsPerMinute, duration: 60, keyPrefix: settings.keyPrefix };
  const memory = new RateLimiterMemory(window);
  if (!settings.redisUrl) return { limiter: memory, close: async () => {} };
  const client = new Redis(settings.redisUrl, {
    // Fail a command at once while disconnected (the insurance limiter answers), never queue it.
    enableOfflineQueue: false,
    // A Redis that accepts connections but hangs must not hold requests either.
    commandTimeout: 500,
    maxRetriesPerRequest: 0,
  });
  // ioredis reconnects by itself; say so once per outage, not once per attempt.
  let down = false;
  client.on("error", (err: Error) => {
    if (!down) settings.logger.warn({ err: err.message }, "Redis unreachable: rate limits counted per gateway");
    down = true;
  });
  client.on("ready", () => {
    if (down) settings.logger.info("Redis reachable again: rate limits shared");
    down = false;
  });
  const limiter = new RateLimiterRedis({
    ...window,
    storeClient: client,
    rejectIfRedisNotReady: true,
    insuranceLimiter: memory,
  });
  return { limiter, close: async () => client.disconnect() };
}

/**
 * A caller over the rate is HTTP 429 with Retry-After. Every request costs one point when it
 * arrives (malformed ones too); a batch costs one more for each further operation once parsed.
 */
export function useRateLimit(
  limiter: RateLimiterAbstract,
  limits: Pick<Limits, "requestsPerMinute">,
  callerOf: (request: Request, serverContext: unknown) => string,
  observer: LimitObserver = UNOBSERVED,
) {
  const callers = new WeakMap<Request, string>();
  const message = (res: RateLimiterRes) => {
    const retryAfter = Math.max(1, Math.ceil(res.msBeforeNext / 1000));
    return {
      retryAfter,
      text: `Too many requests: the limit is ${limits.requestsPerMinute} a minute. Retry in ${retryAfter} s.`,
    };
  };
  return {
    async onRequest({
      request,
      serverContext,
      endResponse,
      fetchAPI,
    }: {
      request: Request;
      serverContext: unknown;
      endResponse(r: Response): void;
      fetchAPI: { Response: typeof Response };
    }) {
      if (request.method === "GET" && !new URL(request.url).pathname.startsWith("/graphql")) return;
      const caller = callerOf(request, serverContext);
      callers.set(request, caller);
      try {
        await limiter.consume(caller);
      } catch (rejection) {
        if (!(rejection instanceof RateLimiterRes)) throw rejection;
        const { retryAfter, text } = message(rejection);
        observer.refused("RATE_LIMITED");
        const response = json(fetchAPI, 429, text, "RATE_LIMITED");
        response.headers.set("retry-after", String(retryAfter));
        endResponse(response);
      }
    },
    onRequestParse({ request }: { request: Request }) {
      return {
        async onRequestParseDone({ requestParserResult }: { requestParserResult: unknown }) {
          const caller = callers.get(request);
          if (!Array.isArray(requestParserResult) || requestParserResult.length < 2 || !caller) return;
          try {
            await limiter.consume(caller, requestParserResult.length - 1);
          } catch (rejection) {
            if (!(rejection instanceof RateLimiterRes)) throw rejection;
            const { retryAfter, text } = message(rejection);
            observer.refused("RATE_LIMITED");
            throw createGraphQLError(text, {
              extensions: {
                code: "RATE_LIMITED",
                http: { status: 429, headers: { "retry-after": String(retryAfter) } },
              },
            });
          }
        },
      };
    },
  };
}
