/**
 * Readiness: the gateway is ready when every subgraph answers its own /readyz, which checks
 * that subgraph's database. The report names each one, so an operator sees what is down.
 */
export interface ReadinessReport {
  status: "ready" | "not ready";
  subgraphs: Record<string, "ready" | "not ready" | "unreachable">;
  database: "ready" | "not ready" | "unknown";
}

export async function checkReadiness(urls: Record<string, string>, timeoutMs = 2000): Promise<ReadinessReport> {
  const entries = await Promise.all(
    Object.entries(urls).map(async ([name, url]) => {
      const readyUrl = new URL("/readyz", url).toString();
      try {
        const response = await fetch(readyUrl, { signal: AbortSignal.timeout(timeoutMs) });
        return [name, response.ok ? "ready" : "not ready"] as const;
      } catch {
        return [name, "unreachable"] as const;
      }
    }),
  );
  const subgraphs = Object.fromEntries(entries) as ReadinessReport["subgraphs"];
  const states = Object.values(subgraphs);
  const allReady = states.every((s) => s === "ready");
  return {
    status: allReady ? "ready" : "not ready",
    subgraphs,
    // Each subgraph is ready only when its query against the database succeeds.
    database: allReady ? "ready" : states.includes("not ready") ? "not ready" : "unknown",
  };
}

/**
 * One readiness check in flight at a time, its report reused for `cacheMs` after it settles: a
 * flood of /readyz costs the subgraphs and their databases at most one check per interval.
 */
export function cachedReadiness(
  check: () => Promise<ReadinessReport>,
  cacheMs: number,
  now: () => number = Date.now,
): () => Promise<ReadinessReport> {
  let current: Promise<ReadinessReport> | undefined;
  let inFlight = false;
  let settledAt = 0;
  return () => {
    if (current && (inFlight || now() - settledAt < cacheMs)) return current;
    inFlight = true;
    current = check().finally(() => {
      inFlight = false;
      settledAt = now();
    });
    return current;
  };
}
