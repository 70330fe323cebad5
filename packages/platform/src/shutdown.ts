import type http from "node:http";
import { z } from "zod";

/**
 * Graceful shutdown of an HTTP service, in the order a load balancer needs:
 *
 * 1. `/readyz` answers 503 at once, while the service still answers everything else, so the
 *    balancer stops sending new work (for SHUTDOWN_DELAY_MS: at least its readiness period);
 * 2. the listener closes (new connections are refused) and idle keep-alive connections with it;
 *    responses still to come carry `Connection: close`;
 * 3. requests in flight finish, for up to SHUTDOWN_DRAIN_MS; whatever is still open then is cut.
 *
 * A plain `server.close()` (or `closeAllConnections()`) would either wait for idle keep-alive
 * connections forever or cut requests mid-answer.
 */
export const shutdownConfigShape = {
  /** How long `/readyz` fails before the listener closes (the balancer's readiness period). */
  SHUTDOWN_DELAY_MS: z.coerce.number().int().min(0).default(0),
  /** How long requests in flight may take to finish once the listener is closed. */
  SHUTDOWN_DRAIN_MS: z.coerce.number().int().min(0).default(10_000),
};

export interface ShutdownSettings {
  delayMs: number;
  drainMs: number;
}

export const shutdownSettings = (config: { SHUTDOWN_DELAY_MS: number; SHUTDOWN_DRAIN_MS: number }) => ({
  delayMs: config.SHUTDOWN_DELAY_MS,
  drainMs: config.SHUTDOWN_DRAIN_MS,
});

export interface Drain {
  /** True once shutdown has begun: `/readyz` must answer 503. */
  readonly draining: boolean;
  /** Runs steps 1–3; resolves when no request is in flight (or the drain time is up). */
  drain(settings: ShutdownSettings): Promise<void>;
}

/** Tracks a server's requests in flight; call before the server listens. */
export function drainable(server: http.Server): Drain {
  let draining = false;
  const inFlight = new Set<http.ServerResponse>();
  let settled: (() => void) | undefined;
  server.on("request", (_req: http.IncomingMessage, res: http.ServerResponse) => {
    inFlight.add(res);
    if (draining && !res.headersSent) res.setHeader("connection", "close");
    res.once("close", () => {
      inFlight.delete(res);
      if (!inFlight.size) settled?.();
    });
  });
  return {
    get draining() {
      return draining;
    },
    async drain({ delayMs, drainMs }) {
      draining = true;
      if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
      for (const res of inFlight) if (!res.headersSent) res.setHeader("connection", "close");
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      if (inFlight.size) {
        await new Promise<void>((resolve) => {
          settled = resolve;
          setTimeout(resolve, drainMs).unref();
        });
      }
      // Past the drain time, or connections a client keeps open with no request on them.
      server.closeAllConnections();
      await closed;
    },
  };
}
