import type { Limits } from "./index";
import { json } from "./refusal";

/**
 * A caller over the rate is HTTP 429 with Retry-After. The rate is kept in this process's memory
 * (one gateway); several replicas each count their own share.
 */
export function useRateLimit(limits: Pick<Limits, "requestsPerMinute">, callerOf: (request: Request) => string) {
  const windows = new Map<string, { start: number; count: number }>();
  return {
    onRequest({
      request,
      endResponse,
      fetchAPI,
    }: {
      request: Request;
      endResponse(r: Response): void;
      fetchAPI: { Response: typeof Response };
    }) {
      if (request.method === "GET" && !new URL(request.url).pathname.startsWith("/graphql")) return;
      const now = Date.now();
      const key = callerOf(request);
      const window = windows.get(key);
      if (!window || now - window.start >= 60_000) {
        windows.set(key, { start: now, count: 1 });
        if (windows.size > 50_000) prune(windows, now);
        return;
      }
      window.count += 1;
      if (window.count > limits.requestsPerMinute) {
        const retryAfter = Math.ceil((window.start + 60_000 - now) / 1000);
        const response = json(
          fetchAPI,
          429,
          `Too many requests: the limit is ${limits.requestsPerMinute} a minute. Retry in ${retryAfter} s.`,
          "RATE_LIMITED",
        );
        response.headers.set("retry-after", String(retryAfter));
        endResponse(response);
      }
    },
  };
}

function prune(windows: Map<string, { start: number }>, now: number): void {
  for (const [key, window] of windows) if (now - window.start >= 60_000) windows.delete(key);
}
