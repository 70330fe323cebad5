import "reflect-metadata";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import { DEFAULT_AUDIENCE, DEFAULT_DEV_KEYS_FILE, DEV_ISSUER, loadOrCreateDevKeys, signToken } from "@kgraph/platform";

/**
 * `npm run bench`: throughput, latency and memory of the running platform (`npm start` first).
 * Sends a bounded number of requests to 127.0.0.1 only, from a fixed number of concurrent
 * clients, for three workloads: a public query, an officer's cross-subgraph case page (with the
 * identity reads it audits), and a monitor's page (fields removed at the gateway). Each request
 * asks for a different page size so in-flight deduplication does not flatter the numbers.
 *
 *   npm run bench -- [--requests 500] [--concurrency 8] [--url http://127.0.0.1:4000/graphql]
 */
interface Workload {
  name: string;
  role: string | null;
  query: string;
  variables: (i: number) => Record<string, unknown>;
}

const WORKLOADS: Workload[] = [
  {
    name: "public: facilities and statistics",
    role: null,
    query: `query($to: String!) { facilities { name occupancy occupancyRate visits { status } }
      programmeStatistics(from: "2025-09", to: $to) { totalArrivals arrivalsByMonth { month arrivals } } }`,
    variables: (i) => ({ to: `2026-${String(1 + (i % 11)).padStart(2, "0")}` }),
  },
  {
    name: "mia_officer: cases × 4 subgraphs",
    role: "mia_officer",
    query: `query($n: Int!) { cases(first: $n) { edges { node { caseNumber status person { familyName }
      currentPlacement { facility { name openRecommendations { id } } } assignedOfficer { name compliance { compliant } } } } } }`,
    variables: (i) => ({ n: 20 + (i % 10) }),
  },
  {
    name: "monitor: cases, identity removed",
    role: "monitor",
    query: `query($n: Int!) { cases(first: $n) { edges { node { caseNumber subjectRef person { familyName } } } } }`,
    variables: (i) => ({ n: 20 + (i % 10) }),
  },
];

async function main(argv: string[]): Promise<void> {
  const flag = (name: string, fallback: string) => {
    const i = argv.indexOf(name);
    return i >= 0 && argv[i + 1] ? argv[i + 1] : fallback;
  };
  const url = flag("--url", "http://127.0.0.1:4000/graphql");
  // Each workload is one caller: more than the gateway's per-minute limit (600 by default) is
  // answered 429 and counted as rate-limited; raise LIMIT_REQUESTS_PER_MINUTE to go further.
  const requests = Math.min(Number(flag("--requests", "500")), 20_000);
  const concurrency = Math.min(Number(flag("--concurrency", "8")), 64);
  if (!["127.0.0.1", "localhost", "[::1]"].includes(new URL(url).hostname)) {
    throw new Error("The benchmark only sends traffic to this machine (127.0.0.1).");
  }
  const keys = await loadOrCreateDevKeys(process.env.AUTH_DEV_KEYS ?? DEFAULT_DEV_KEYS_FILE);
  const tokenFor = async (role: string) =>
    signToken(
      keys.issuer.privateJwk,
      { sub: `bench-${role}`, roles: [role] },
      {
        issuer: DEV_ISSUER,
        audience: DEFAULT_AUDIENCE,
        ttlSeconds: 3600,
      },
    );
  const health = await fetch(new URL("/readyz", url)).catch(() => undefined);
  if (!health?.ok) throw new Error(`The platform is not ready at ${url}: start it with \`npm start\` first.`);

  process.stdout.write(`${requests} requests per workload, ${concurrency} concurrent clients, ${url}\n\n`);
  process.stdout.write(
    "| workload | req/s | p50 ms | p95 ms | p99 ms | errors | rate-limited |\n|---|--:|--:|--:|--:|--:|--:|\n",
  );
  for (const workload of WORKLOADS) {
    const headers: Record<string, string> = { "content-type": "application/json" };
    if (workload.role) headers.authorization = `Bearer ${await tokenFor(workload.role)}`;
    const latencies: number[] = [];
    let errors = 0;
    let limited = 0;
    let next = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < requests) {
          const i = next++;
          const t0 = performance.now();
          const response = await fetch(url, {
            method: "POST",
            headers,
            body: JSON.stringify({ query: workload.query, variables: workload.variables(i) }),
          });
          const body = (await response.json()) as { data?: unknown };
          latencies.push(performance.now() - t0);
          if (response.status === 429) limited += 1;
          else if (!response.ok || !body.data) errors += 1;
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    latencies.sort((a, b) => a - b);
    const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))].toFixed(1);
    process.stdout.write(
      `| ${workload.name} | ${(requests / seconds).toFixed(0)} | ${at(0.5)} | ${at(0.95)} | ${at(0.99)} | ${errors} | ${limited} |\n`,
    );
  }
  process.stdout.write(`\nResident memory after the run:\n${memory()}\n`);
}

/** RSS of the platform's processes, read from /proc. */
function memory(): string {
  let listing = "";
  try {
    listing = execFileSync("pgrep", ["-af", "dist/main.js"], { encoding: "utf8" });
  } catch {
    return "  (no platform processes found)";
  }
  return listing
    .trim()
    .split("\n")
    .map((line) => {
      const [pid, ...cmd] = line.split(" ");
      const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
      const rss = /VmRSS:\s+(\d+) kB/.exec(status)?.[1];
      const name = /(gateway|subgraphs\/\w+)\/dist\/main\.js/.exec(cmd.join(" "))?.[1] ?? cmd.join(" ");
      return `  ${name.padEnd(22)} ${rss ? `${(Number(rss) / 1024).toFixed(0)} MiB` : "?"}`;
    })
    .join("\n");
}

main(process.argv.slice(2)).catch((err: unknown) => {
  process.stderr.write(`bench: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
