import "reflect-metadata";
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { DEFAULT_AUDIENCE, DEFAULT_DEV_KEYS_FILE, DEV_ISSUER, loadOrCreateDevKeys, signToken } from "@kgraph/platform";
import { DATA_DIR, developmentSecrets } from "./runtime";
import { ROOT } from "./subgraphs";

/**
 * `npm run bench`: throughput, latency and memory of the running platform (`npm start` first).
 * Sends a bounded number of requests to 127.0.0.1 only, from a fixed number of concurrent
 * clients, for three workloads: a public query, an officer's cross-subgraph case page (with the
 * identity reads it audits), and a monitor's page (fields removed at the gateway). Each request
 * asks for a different page size so in-flight deduplication does not flatter the numbers.
 *
 * Then what the limits cost (demand control, graphql-armor, timeouts, response size): two more
 * gateways on the same subgraphs, one with the limits and one with LIMITS=off, take the same
 * workloads in turns (on, off, on, off) in the same run; the ratio of their throughputs is printed.
 *
 * `--callers N` spreads each workload's requests over N distinct callers (tokens with their own
 * `sub`), so that the gateway's in-flight deduplication of one caller's identical requests cannot
 * flatter it. `--audit-cost` runs only what auditing identity reads costs: the officer's
 * cross-subgraph page with the person's name (audited: every request appends a READ event) and the
 * same page without it (no event), in alternating turns, and prints the ratio of their throughputs.
 *
 *   npm run bench -- [--requests 500] [--concurrency 8] [--callers 1] [--audit-cost [--turns 3]] [--url http://127.0.0.1:4000/graphql]
 */
interface Workload {
  name: string;
  role: string | null;
  query: string;
  variables: (i: number) => Record<string, unknown>;
}

const OFFICER_PAGE = (person: string) =>
  `query($n: Int!) { cases(first: $n) { edges { node { caseNumber status ${person}
      currentPlacement { facility { name openRecommendations { id } } } assignedOfficer { name compliance { compliant } } } } } }`;

/** The officer's page with the person's name (audited) and without it (not audited): otherwise the same work. */
const AUDITED: Workload = {
  name: "mia_officer: cases × 4 subgraphs",
  role: "mia_officer",
  query: OFFICER_PAGE("person { familyName }"),
  variables: (i) => ({ n: 20 + (i % 10) }),
};
const UNAUDITED: Workload = { ...AUDITED, name: "mia_officer: cases × 4 subgraphs, no names", query: OFFICER_PAGE("") };

const WORKLOADS: Workload[] = [
  {
    name: "public: facilities and statistics",
    role: null,
    query: `query($to: String!) { facilities { name occupancy occupancyRate visits { status } }
      programmeStatistics(from: "2025-09", to: $to) { totalArrivals arrivalsByMonth { month arrivals } } }`,
    variables: (i) => ({ to: `2026-${String(1 + (i % 11)).padStart(2, "0")}` }),
  },
  AUDITED,
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
  const callers = Math.max(1, Math.min(Number(flag("--callers", "1")), 1000));
  if (!["127.0.0.1", "localhost", "[::1]"].includes(new URL(url).hostname)) {
    throw new Error("The benchmark only sends traffic to this machine (127.0.0.1).");
  }
  const keys = await loadOrCreateDevKeys(process.env.AUTH_DEV_KEYS ?? DEFAULT_DEV_KEYS_FILE);
  const tokenFor = async (role: string, caller: number) =>
    signToken(
      keys.issuer.privateJwk,
      { sub: callers === 1 ? `bench-${role}` : `bench-${role}-${caller}`, roles: [role] },
      {
        issuer: DEV_ISSUER,
        audience: DEFAULT_AUDIENCE,
        ttlSeconds: 3600,
      },
    );
  const health = await fetch(new URL("/readyz", url)).catch(() => undefined);
  if (!health?.ok) throw new Error(`The platform is not ready at ${url}: start it with \`npm start\` first.`);

  process.stdout.write(
    `${requests} requests per workload, ${concurrency} concurrent clients, ${callers} caller(s) per workload, ${url}\n\n`,
  );
  /** Request i's headers: caller i % callers of the workload's role. */
  const headersFor = async (workload: Workload): Promise<RequestHeaders> => {
    const all = await Promise.all(
      Array.from({ length: callers }, async (_, caller) => {
        const headers: Record<string, string> = { "content-type": "application/json" };
        if (workload.role) headers.authorization = `Bearer ${await tokenFor(workload.role, caller)}`;
        return headers;
      }),
    );
    return (i) => all[i % all.length];
  };
  if (argv.includes("--audit-cost")) {
    const turns = Math.max(1, Math.min(Number(flag("--turns", "3")), 20));
    return auditCost(url, await headersFor(AUDITED), requests, concurrency, turns);
  }
  process.stdout.write(
    "| workload | req/s | p50 ms | p95 ms | p99 ms | errors | rate-limited |\n|---|--:|--:|--:|--:|--:|--:|\n",
  );
  for (const workload of WORKLOADS) {
    const result = await runWorkload(url, workload, await headersFor(workload), requests, concurrency);
    const at = (q: number) =>
      result.latencies[Math.min(result.latencies.length - 1, Math.floor(q * result.latencies.length))].toFixed(1);
    process.stdout.write(
      `| ${workload.name} | ${result.perSecond.toFixed(0)} | ${at(0.5)} | ${at(0.95)} | ${at(0.99)} | ${result.errors} | ${result.limited} |\n`,
    );
  }

  // What the limits cost: the same workloads through a gateway with them and one without.
  const on = await startBenchGateway({});
  const off = await startBenchGateway({ LIMITS: "off" });
  try {
    process.stdout.write(
      `\nLimits on vs off (two more gateways on the same subgraphs, ${requests} requests × 2 turns each):\n\n`,
    );
    process.stdout.write("| workload | limits on req/s | limits off req/s | on/off |\n|---|--:|--:|--:|\n");
    let onSeconds = 0;
    let offSeconds = 0;
    // Gateway CPU per request too: on a shared machine it varies less than throughput does.
    let onCpu = 0;
    let offCpu = 0;
    for (const workload of WORKLOADS) {
      const headers = await headersFor(workload);
      // Warm both (plans, caches), then alternate so drift on a shared machine hits both alike.
      await runWorkload(on.url, workload, headers, Math.min(requests, 100), concurrency);
      await runWorkload(off.url, workload, headers, Math.min(requests, 100), concurrency);
      let onTime = 0;
      let offTime = 0;
      for (let turn = 0; turn < 2; turn++) {
        // Which gateway goes first alternates: the second run of a turn finds the subgraphs'
        // and the database's caches warmed by the first.
        const measure = async (gateway: typeof on) => {
          const before = cpuSeconds(gateway.pid);
          const result = await runWorkload(gateway.url, workload, headers, requests, concurrency);
          return { ...result, cpu: cpuSeconds(gateway.pid) - before };
        };
        const [a, b] =
          turn % 2 === 0
            ? [await measure(on), await measure(off)]
            : await measure(off).then(async (offResult) => [await measure(on), offResult]);
        onCpu += a.cpu;
        offCpu += b.cpu;
        if (a.errors || b.errors)
          throw new Error(`${workload.name}: ${a.errors} errors with limits, ${b.errors} without`);
        onTime += a.seconds;
        offTime += b.seconds;
      }
      onSeconds += onTime;
      offSeconds += offTime;
      const onRate = (2 * requests) / onTime;
      const offRate = (2 * requests) / offTime;
      process.stdout.write(
        `| ${workload.name} | ${onRate.toFixed(0)} | ${offRate.toFixed(0)} | ${(onRate / offRate).toFixed(3)} |\n`,
      );
    }
    const ratio = offSeconds / onSeconds;
    const measured = WORKLOADS.length * 2 * requests;
    process.stdout.write(
      `\nThroughput with the limits on / off, all workloads: ${ratio.toFixed(3)} (the limits cost ${((1 - ratio) * 100).toFixed(1)}%)\n`,
    );
    process.stdout.write(
      `Gateway CPU per request: ${((onCpu / measured) * 1000).toFixed(2)} ms with the limits, ${((offCpu / measured) * 1000).toFixed(2)} ms without (${((onCpu / offCpu - 1) * 100).toFixed(1)}% more)\n`,
    );
  } finally {
    await on.stop();
    await off.stop();
  }
  process.stdout.write(`\nResident memory after the run:\n${memory()}\n`);
}

/**
 * What auditing identity reads costs: the officer's page with names and without, warmed, then
 * `turns` turns of each (3 unless `--turns` says), alternating which goes first; the ratio of
 * their throughputs over all turns. Where `npm start` runs from this checkout on its embedded
 * PostgreSQL (`.data/running.json` names it), also the CPU per request of its whole process tree
 * (gateway, subgraphs, PostgreSQL): unlike throughput, it hardly moves when other work shares the
 * machine, and its ratio is the throughput ratio of a platform that has the machine to itself.
 */
async function auditCost(
  url: string,
  headers: RequestHeaders,
  requests: number,
  concurrency: number,
  turns: number,
): Promise<void> {
  await runWorkload(url, AUDITED, headers, Math.min(requests, 100), concurrency);
  await runWorkload(url, UNAUDITED, headers, Math.min(requests, 100), concurrency);
  const platform = platformPid();
  const cpu = () => (platform === undefined ? new Map<string, number>() : treeCpuSeconds(platform));
  const time = new Map<Workload, number>([
    [AUDITED, 0],
    [UNAUDITED, 0],
  ]);
  /** CPU seconds each workload used, by part of the platform. */
  const cpuUsed = new Map<Workload, Map<string, number>>([
    [AUDITED, new Map()],
    [UNAUDITED, new Map()],
  ]);
  process.stdout.write("| turn | names (audited) req/s | no names req/s | audited / not |\n|--:|--:|--:|--:|\n");
  for (let turn = 0; turn < turns; turn++) {
    const order = turn % 2 === 0 ? [AUDITED, UNAUDITED] : [UNAUDITED, AUDITED];
    const results = new Map<Workload, RunResult>();
    for (const workload of order) {
      const before = cpu();
      const result = await runWorkload(url, workload, headers, requests, concurrency);
      const used = cpuUsed.get(workload)!;
      for (const [part, seconds] of cpu()) used.set(part, (used.get(part) ?? 0) + seconds - (before.get(part) ?? 0));
      time.set(workload, time.get(workload)! + result.seconds);
      results.set(workload, result);
    }
    const [a, b] = [results.get(AUDITED)!, results.get(UNAUDITED)!];
    if (a.errors || a.limited || b.errors || b.limited) {
      throw new Error(
        `turn ${turn + 1}: ${a.errors + a.limited} failed requests with names, ${b.errors + b.limited} without`,
      );
    }
    process.stdout.write(
      `| ${turn + 1} | ${a.perSecond.toFixed(0)} | ${b.perSecond.toFixed(0)} | ${(a.perSecond / b.perSecond).toFixed(3)} |\n`,
    );
  }
  const ratio = time.get(UNAUDITED)! / time.get(AUDITED)!;
  process.stdout.write(
    `\nThroughput audited / not audited, ${turns} turns: ${ratio.toFixed(3)} (auditing costs ${((1 - ratio) * 100).toFixed(1)}%)\n`,
  );
  if (platform === undefined) return;
  const perRequest = (workload: Workload, part?: string) => {
    const used = [...cpuUsed.get(workload)!].filter(([name]) => part === undefined || name === part);
    return (used.reduce((sum, [, seconds]) => sum + seconds, 0) / (turns * requests)) * 1000;
  };
  const cpuRatio = perRequest(UNAUDITED) / perRequest(AUDITED);
  process.stdout.write(
    `Platform CPU per request (npm start's process tree, pid ${platform}): ${perRequest(AUDITED).toFixed(2)} ms with names, ${perRequest(UNAUDITED).toFixed(2)} ms without; not audited / audited ${cpuRatio.toFixed(3)} (auditing costs ${((1 - cpuRatio) * 100).toFixed(1)}% of CPU-bound throughput)\n`,
  );
  const parts = [...cpuUsed.get(AUDITED)!.keys()].sort();
  process.stdout.write(
    `  by part, ms with names / without: ${parts.map((part) => `${part} ${perRequest(AUDITED, part).toFixed(2)} / ${perRequest(UNAUDITED, part).toFixed(2)}`).join(", ")}\n`,
  );
}

/** The pid of the `npm start` running from this checkout on its embedded PostgreSQL, if one runs. */
function platformPid(): number | undefined {
  try {
    const { pid } = JSON.parse(fs.readFileSync(path.join(DATA_DIR, "running.json"), "utf8")) as { pid?: unknown };
    return typeof pid === "number" && fs.existsSync(`/proc/${pid}`) ? pid : undefined;
  } catch {
    return undefined;
  }
}

/**
 * CPU seconds of a process and everything under it, from /proc, by part (gateway, each subgraph,
 * postgres, the rest): each process's own time and that of its children that have exited (a pooled
 * database connection closed between two readings still counts, in its parent's).
 */
function treeCpuSeconds(root: number): Map<string, number> {
  const processes = new Map<number, { parent: number; seconds: number }>();
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const fields = fs.readFileSync(`/proc/${entry}/stat`, "utf8").split(") ")[1].split(" ");
      const ticks = Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]);
      processes.set(Number(entry), { parent: Number(fields[1]), seconds: ticks / 100 });
    } catch {
      // exited while the list was read
    }
  }
  const under = (pid: number): boolean => {
    for (let at = pid, depth = 0; at > 1 && depth < 64; depth++) {
      if (at === root) return true;
      at = processes.get(at)?.parent ?? 0;
    }
    return false;
  };
  const parts = new Map<string, number>();
  for (const [pid, { seconds }] of processes) {
    if (!under(pid)) continue;
    let part = "other";
    try {
      const command = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").replace(/\0/g, " ");
      part =
        /(gateway|subgraphs\/\w+)\/dist\/main\.js/.exec(command)?.[1] ??
        (/postgres/.test(command) ? "postgres" : "other");
    } catch {
      // exited meanwhile
    }
    parts.set(part, (parts.get(part) ?? 0) + seconds);
  }
  return parts;
}

/** The headers of a workload's i-th request (which caller sends it). */
type RequestHeaders = (i: number) => Record<string, string>;

interface RunResult {
  perSecond: number;
  seconds: number;
  latencies: number[];
  errors: number;
  limited: number;
}

/** Sends `requests` requests of one workload from `concurrency` clients; latencies sorted. */
async function runWorkload(
  url: string,
  workload: Workload,
  headers: RequestHeaders,
  requests: number,
  concurrency: number,
): Promise<RunResult> {
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
          headers: headers(i),
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
  return { perSecond: requests / seconds, seconds, latencies, errors, limited };
}

/**
 * A gateway of the bench's own (gateway/dist/main.js) on a free 127.0.0.1 port, on the subgraphs
 * the platform runs (the same <NAME>_URL settings as its gateway), with no rate limit to hit.
 */
async function startBenchGateway(
  env: Record<string, string>,
): Promise<{ url: string; pid: number; stop(): Promise<void> }> {
  const port = await new Promise<number>((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port: free } = server.address() as net.AddressInfo;
      server.close(() => resolve(free));
    });
  });
  const child: ChildProcess = spawn(process.execPath, [path.join(ROOT, "gateway", "dist", "main.js")], {
    env: {
      ...process.env,
      GATEWAY_HOST: "127.0.0.1",
      GATEWAY_PORT: String(port),
      GATEWAY_HMAC_SECRET: developmentSecrets().gatewayHmacSecret,
      AUTH_DEV_KEYS: process.env.AUTH_DEV_KEYS ?? DEFAULT_DEV_KEYS_FILE,
      LIMIT_REQUESTS_PER_MINUTE: "100000000",
      // Any free port: 9464 is the platform's own gateway's.
      METRICS_PORT: "0",
      LOG_LEVEL: "error",
      ...env,
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`a bench gateway exited on start (code ${child.exitCode})`);
    const health = await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => undefined);
    if (health?.ok) break;
    if (Date.now() > deadline) throw new Error("a bench gateway did not start within 30 s");
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    pid: child.pid as number,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}

/** User + system CPU seconds a process has used so far, from /proc (clock ticks of 1/100 s). */
function cpuSeconds(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
  return (Number(fields[11]) + Number(fields[12])) / 100;
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
