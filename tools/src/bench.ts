import "reflect-metadata";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { isDeepStrictEqual } from "node:util";
import { DEFAULT_AUDIENCE, DEV_ISSUER, type ResolvedDatabase, readDevKeys, signToken } from "@kgraph/platform";
import { Client } from "pg";
import { type CpuProfile, type ProfileSummary, summarizeProfile } from "./bench/profile";
import { fixed, median, percentile, ratio } from "./bench/stats";
import {
  type PreparedPlatform,
  type ServiceProcess,
  freePort,
  launch,
  preparePlatform,
  startSubgraphs,
  stopChild,
  waitReady,
} from "./platform";
import { ROOT, SUBGRAPH_NAMES } from "./subgraphs";

/**
 * `npm run bench`: the project's gateway against `@apollo/gateway` (the peer most teams would pick),
 * side by side in one run, on a platform of the bench's own.
 *
 * It prepares the database as `npm start` does (DATABASE_URL, else the embedded default; seeded;
 * `--cases N` reseeds a programme of N cases in its place), starts the subgraphs of
 * subgraphs/registry.json on free ports (refusing unsigned requests, as in production), and for each
 * measured cell a fresh pair of gateways on free ports over them: the project's (its per-caller rate
 * and in-flight limits raised so the load is not refused, no response cache) and Apollo's
 * (bench/apollo-gateway.ts: the same supergraph without the authorization directives, signing as
 * the project's gateway does). Before measuring, both must return the same JSON `data` for the
 * workload. Then rounds of bounded duration, interleaved (project, Apollo, project, Apollo…),
 * with 128 distinct callers (a distinct `sub` per token, round-robin) and with one caller; per
 * gateway: throughput, p50/p95 latency, CPU per answered request and peak RSS of the gateway
 * process (from /proc), and audit events written against answered requests. Medians of the rounds
 * and the ratios project ÷ Apollo are printed. Traffic goes to 127.0.0.1 only.
 *
 *   npm run bench -- [--duration 10] [--rounds 3] [--connections 1,10,50] [--callers distinct,one]
 *                    [--workloads officer,officer-no-names,monitor,public] [--cases N] [--quick]
 *                    [--against apollo|limits-off] [--max-requests 100000] [--cpu-prof DIR]
 *
 * `--against limits-off` compares the project's gateway with its limits (demand control, shape
 * limits, timeouts, response size) against the same gateway with LIMITS=off instead.
 * `--cpu-prof DIR` measures nothing: it runs both gateways and every subgraph under
 * `node --cpu-prof` through the first of `--workloads` (the officer page by default; 10
 * connections, distinct callers, one `--duration`) and prints where each spent its CPU.
 */

interface Workload {
  key: string;
  name: string;
  role: string | null;
  query: string;
  variables: (i: number) => Record<string, unknown>;
  /** Reading it leaves an audit event per answered request. */
  audited: boolean;
}

// Each request asks for a different page size or period, so no cache or merging of identical
// requests flatters either side.
const OFFICER_CASES = (person: string) =>
  `query($n: Int!) { cases(first: $n) { edges { node { caseNumber status ${person}
      currentPlacement { facility { name openRecommendations { id } } } assignedOfficer { name compliance { compliant } } } } } }`;

const WORKLOADS: Workload[] = [
  {
    key: "officer",
    name: "officer: cases × 4 subgraphs, names (audited)",
    role: "mia_officer",
    query: OFFICER_CASES("person { familyName }"),
    variables: (i) => ({ n: 20 + (i % 10) }),
    audited: true,
  },
  {
    key: "officer-no-names",
    name: "officer: cases × 4 subgraphs, no names",
    role: "mia_officer",
    query: OFFICER_CASES(""),
    variables: (i) => ({ n: 20 + (i % 10) }),
    audited: false,
  },
  {
    key: "monitor",
    name: "monitor: cases, identity refused",
    role: "monitor",
    query: `query($n: Int!) { cases(first: $n) { edges { node { caseNumber subjectRef person { familyName } } } } }`,
    variables: (i) => ({ n: 20 + (i % 10) }),
    audited: false,
  },
  {
    key: "public",
    name: "public: facilities and statistics",
    role: null,
    query: `query($to: String!) { facilities { name occupancy occupancyRate visits { status } }
      programmeStatistics(from: "2025-09", to: $to) { totalArrivals arrivalsByMonth { month arrivals } } }`,
    variables: (i) => ({ to: `2026-${String(1 + (i % 11)).padStart(2, "0")}` }),
    audited: false,
  },
];

const DISTINCT_CALLERS = 128;
type CallerMode = "distinct" | "one";

interface Options {
  duration: number;
  rounds: number;
  connections: number[];
  callers: CallerMode[];
  workloads: Workload[];
  cases?: number;
  against: "apollo" | "limits-off";
  maxRequests: number;
  warmupSeconds: number;
  cpuProf?: string;
}

const USAGE =
  "usage: npm run bench -- [--duration 10] [--rounds 3] [--connections 1,10,50] [--callers distinct,one] " +
  "[--workloads officer,officer-no-names,monitor,public] [--cases N] [--quick] [--against apollo|limits-off] " +
  "[--max-requests 100000] [--cpu-prof DIR]";

function parseOptions(argv: string[]): Options {
  const options: Options = {
    duration: 10,
    rounds: 3,
    connections: [1, 10, 50],
    callers: ["distinct", "one"],
    workloads: WORKLOADS,
    against: "apollo",
    maxRequests: 100_000,
    warmupSeconds: 2,
  };
  const whole = (arg: string, value: string | undefined, min: number, max: number) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min || n > max) {
      throw new Error(`${arg} needs a whole number from ${min} to ${max}; got ${value ?? "nothing"}\n${USAGE}`);
    }
    return n;
  };
  const list = (arg: string, value: string | undefined) => {
    if (!value) throw new Error(`${arg} needs a value\n${USAGE}`);
    return value.split(",").map((item) => item.trim());
  };
  let quick = false;
  const given = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    given.add(arg);
    if (arg === "--quick") quick = true;
    else if (arg === "--duration") options.duration = whole(arg, argv[++i], 1, 120);
    else if (arg === "--rounds") options.rounds = whole(arg, argv[++i], 1, 10);
    else if (arg === "--max-requests") options.maxRequests = whole(arg, argv[++i], 10, 1_000_000);
    else if (arg === "--cases") options.cases = whole(arg, argv[++i], 1, 1_000_000);
    else if (arg === "--connections")
      options.connections = list(arg, argv[++i]).map((value) => whole(arg, value, 1, 256));
    else if (arg === "--callers") {
      options.callers = list(arg, argv[++i]).map((value) => {
        if (value !== "distinct" && value !== "one") throw new Error(`--callers takes distinct and/or one\n${USAGE}`);
        return value;
      });
    } else if (arg === "--workloads") {
      options.workloads = list(arg, argv[++i]).map((key) => {
        const workload = WORKLOADS.find((candidate) => candidate.key === key);
        if (!workload)
          throw new Error(`no workload "${key}"; there are ${WORKLOADS.map((w) => w.key).join(", ")}\n${USAGE}`);
        return workload;
      });
    } else if (arg === "--against") {
      const value = argv[++i];
      if (value !== "apollo" && value !== "limits-off")
        throw new Error(`--against takes apollo or limits-off\n${USAGE}`);
      options.against = value;
    } else if (arg === "--cpu-prof") {
      const value = argv[++i];
      if (!value) throw new Error(`--cpu-prof needs a directory\n${USAGE}`);
      options.cpuProf = path.resolve(value);
    } else throw new Error(`unknown argument ${arg}\n${USAGE}`);
  }
  if (quick) {
    // A smoke run: every workload once, at 10 connections, distinct callers, 2 s a run.
    if (!given.has("--duration")) options.duration = 2;
    if (!given.has("--rounds")) options.rounds = 1;
    if (!given.has("--connections")) options.connections = [10];
    if (!given.has("--callers")) options.callers = ["distinct"];
    options.warmupSeconds = 1;
  }
  return options;
}

/** A gateway process under test. */
interface RunningGateway {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

interface Contender {
  label: string;
  start(nodeFlags?: string[]): Promise<RunningGateway>;
}

function say(line: string): void {
  process.stdout.write(`[bench] ${line}\n`);
}

async function main(argv: string[]): Promise<number> {
  const options = parseOptions(argv);
  const children: ServiceProcess[] = [];
  let database: ResolvedDatabase | undefined;
  let audit: Client | undefined;
  let stopped: Promise<void> | undefined;
  const stopAll = () =>
    (stopped ??= (async () => {
      await Promise.all(children.map(({ child }) => stopChild(child)));
      await audit?.end().catch(() => undefined);
      await database?.embedded?.stop();
    })());
  process.once("SIGINT", () => void stopAll().then(() => process.exit(130)));
  try {
    const platform = await preparePlatform({
      say,
      shareRunning: true,
      opened: (opened) => {
        database = opened;
      },
      reseed: options.cases ? { cases: options.cases } : undefined,
    });
    const ports = Object.fromEntries(await Promise.all(SUBGRAPH_NAMES.map(async (name) => [name, await freePort()])));
    say(`starting the subgraphs on ${SUBGRAPH_NAMES.map((name) => `${name} :${ports[name]}`).join(", ")}`);
    // As in production: every subgraph answers signed gateway requests only.
    const subgraphProfiles = options.cpuProf ? path.join(options.cpuProf, "subgraphs") : undefined;
    if (subgraphProfiles) fs.rmSync(subgraphProfiles, { recursive: true, force: true });
    const subgraphUrls = await startSubgraphs(
      platform,
      ports,
      children,
      () => ({
        METRICS_PORT: "0",
        REQUIRE_GATEWAY_SIGNATURE: "true",
        // Slow-query warnings (the audit chain's lock under load) would bury the tables.
        LOG_LEVEL: process.env.LOG_LEVEL ?? "error",
      }),
      (name) => (subgraphProfiles ? ["--cpu-prof", `--cpu-prof-dir=${path.join(subgraphProfiles, name)}`] : []),
    );
    const subgraphPids = children.map(({ child }) => child.pid as number);
    audit = new Client({ connectionString: platform.database.url });
    await audit.connect();
    const { rows } = await audit.query<{ cases: string }>(`SELECT count(*)::text AS cases FROM cases."case"`);
    say(`database: ${process.env.DATABASE_URL ? "DATABASE_URL" : "embedded"}, ${rows[0].cases} cases`);
    const contenders = contendersFor(options, platform, subgraphUrls, children);
    const keys = readDevKeys(platform.keysFile);
    const tokens = new Map<string, { distinct: string[]; one: string[] }>();
    for (const role of new Set(options.workloads.map((w) => w.role).filter((r): r is string => r !== null))) {
      const sign = (sub: string) =>
        signToken(
          keys.issuer.privateJwk,
          { sub, roles: [role] },
          { issuer: DEV_ISSUER, audience: DEFAULT_AUDIENCE, ttlSeconds: 4 * 3600 },
        );
      tokens.set(role, {
        distinct: await Promise.all(Array.from({ length: DISTINCT_CALLERS }, (_, i) => sign(`bench-${role}-${i}`))),
        one: [await sign(`bench-${role}`)],
      });
    }
    const authorizations = (workload: Workload, mode: CallerMode): (string | null)[] =>
      workload.role ? tokens.get(workload.role)![mode].map((token) => `Bearer ${token}`) : [null];

    if (options.cpuProf) {
      const windows = await profile(options, contenders, authorizations);
      // The subgraphs write their profiles as they exit: stopped here, then read for each gateway's run.
      await Promise.all(children.map(({ child }) => stopChild(child)));
      children.length = 0;
      for (const name of SUBGRAPH_NAMES) {
        const dir = path.join(subgraphProfiles as string, name);
        const file = fs.readdirSync(dir).find((f) => f.endsWith(".cpuprofile"));
        if (!file) throw new Error(`the ${name} subgraph wrote no CPU profile into ${dir}`);
        const profiled = JSON.parse(fs.readFileSync(path.join(dir, file), "utf8")) as CpuProfile;
        for (const window of windows) {
          printProfile(
            `${name} subgraph, behind ${window.label}'s gateway`,
            options.workloads[0],
            window.answered,
            window.seconds,
            summarizeProfile(profiled, 15, window),
            path.join(dir, file),
          );
        }
      }
      return 0;
    }
    const machine = describeMachine();
    say(machine);
    say(
      `${options.rounds} round(s) of ${options.duration} s per gateway and cell (at most ${options.maxRequests} requests a run), ` +
        `interleaved ${contenders[0].label}, ${contenders[1].label}, …; connections ${options.connections.join(", ")}`,
    );
    const cells: Cell[] = [];
    for (const workload of options.workloads) {
      // Public callers carry no token: one kind of caller only.
      for (const mode of workload.role ? options.callers : (["one"] as CallerMode[])) {
        for (const connections of options.connections) {
          const cell = await measureCell(
            options,
            contenders,
            workload,
            mode,
            connections,
            authorizations(workload, mode),
            audit,
            subgraphPids,
          );
          cells.push(cell);
          say(
            `${workload.key} · ${workload.role ? mode : "public"} · ${connections} conn: ` +
              cell.results.map((r) => `${r.label} ${fixed(r.perSecond, 0)} req/s`).join(", "),
          );
        }
      }
    }
    process.stdout.write(`\n${resultsTable(cells, contenders)}\n${ratioTable(cells, contenders)}\n`);
    const problems = cells.flatMap((cell) => cell.problems);
    if (problems.length) {
      process.stderr.write(`\nbench: ${problems.length} problem(s):\n${problems.map((p) => `  - ${p}`).join("\n")}\n`);
      return 1;
    }
    return 0;
  } finally {
    await stopAll();
  }
}

/** The two gateways compared: the project's and Apollo's, or the project's with and without its limits. */
function contendersFor(
  options: Options,
  platform: PreparedPlatform,
  subgraphUrls: Record<string, string>,
  children: ServiceProcess[],
): [Contender, Contender] {
  const start = async (
    label: string,
    script: string,
    healthPath: string,
    env: Record<string, string>,
    nodeFlags: string[] = [],
  ): Promise<RunningGateway> => {
    const port = await freePort();
    const processEnv: NodeJS.ProcessEnv = {
      ...platform.env,
      ...subgraphUrls,
      LOG_LEVEL: "error",
      ...env,
      GATEWAY_PORT: String(port),
      PORT: String(port),
    };
    // Rate limits counted in the process, not on a Redis the environment may name.
    delete processEnv.REDIS_URL;
    const service: ServiceProcess = {
      name: label,
      child: launch(label, script, processEnv, { nodeFlags, quiet: true }),
    };
    children.push(service);
    await waitReady(label, `http://127.0.0.1:${port}${healthPath}`, [service]);
    return {
      url: `http://127.0.0.1:${port}/graphql`,
      pid: service.child.pid as number,
      stop: async () => {
        await stopChild(service.child);
        children.splice(children.indexOf(service), 1);
      },
    };
  };
  const project = (label: string, env: Record<string, string>): Contender => ({
    label,
    start: (nodeFlags) =>
      start(
        label,
        path.join(ROOT, "gateway", "dist", "main.js"),
        "/readyz",
        {
          GATEWAY_HOST: "127.0.0.1",
          METRICS_PORT: "0",
          // One caller sends up to --connections requests at once, for many seconds: not refused.
          LIMIT_REQUESTS_PER_MINUTE: "100000000",
          LIMIT_MAX_IN_FLIGHT_PER_CALLER: "100000",
          // Apollo's gateway has no response cache; the project's is off so both do the same work.
          RESPONSE_CACHE_TTL_MS: "0",
          ...env,
        },
        nodeFlags,
      ),
  });
  if (options.against === "limits-off") return [project("limits on", {}), project("limits off", { LIMITS: "off" })];
  const apollo: Contender = {
    label: "Apollo",
    start: (nodeFlags) =>
      start("Apollo", path.join(__dirname, "bench", "apollo-gateway.js"), "/healthz", {}, nodeFlags),
  };
  return [project("project", {}), apollo];
}

interface RunResult {
  answered: number;
  failed: number;
  firstFailure?: string;
  seconds: number;
  /** Latencies of the answered requests, ms, sorted. */
  latencies: number[];
}

/**
 * Sends one workload from `connections` concurrent clients until `seconds` have passed or
 * `maxRequests` were sent, the callers taken in turn. Answered: HTTP 200 with `data`.
 */
async function drive(
  url: string,
  workload: Workload,
  authorizations: (string | null)[],
  connections: number,
  seconds: number,
  maxRequests: number,
): Promise<RunResult> {
  const latencies: number[] = [];
  let failed = 0;
  let firstFailure: string | undefined;
  let next = 0;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (next < maxRequests && performance.now() < deadline) {
        const i = next++;
        const authorization = authorizations[i % authorizations.length];
        const t0 = performance.now();
        try {
          const response = await fetch(url, {
            method: "POST",
            headers: { "content-type": "application/json", ...(authorization ? { authorization } : {}) },
            body: JSON.stringify({ query: workload.query, variables: workload.variables(i) }),
          });
          const text = await response.text();
          const body = JSON.parse(text) as { data?: unknown };
          if (response.status === 200 && body.data) latencies.push(performance.now() - t0);
          else {
            failed += 1;
            firstFailure ??= `HTTP ${response.status}: ${text.slice(0, 300)}`;
          }
        } catch (err) {
          failed += 1;
          firstFailure ??= err instanceof Error ? err.message : String(err);
        }
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  return { answered: latencies.length, failed, firstFailure, seconds: (performance.now() - started) / 1000, latencies };
}

interface GatewayResult {
  label: string;
  perSecond: number;
  p50: number;
  p95: number;
  cpuMsPerRequest: number;
  /** The subgraphs' CPU (all of them, from /proc) per answered request, during this gateway's rounds. */
  subgraphCpuMsPerRequest: number;
  peakRssMiB: number;
  answered: number;
  failed: number;
  auditEvents: number;
  /** Distinct request ids among those events. */
  auditRequests: number;
}

interface Cell {
  workload: Workload;
  mode: CallerMode;
  connections: number;
  results: GatewayResult[];
  problems: string[];
}

/** One workload at one number of connections with one kind of caller, on a fresh pair of gateways. */
async function measureCell(
  options: Options,
  contenders: [Contender, Contender],
  workload: Workload,
  mode: CallerMode,
  connections: number,
  authorizations: (string | null)[],
  audit: Client,
  subgraphPids: number[],
): Promise<Cell> {
  const gateways = await Promise.all(contenders.map((contender) => contender.start()));
  const problems: string[] = [];
  const where = `${workload.key} (${workload.role ? `${mode} caller${mode === "one" ? "" : "s"}` : "public"}, ${connections} conn)`;
  try {
    await checkSameData(workload, authorizations[0], gateways, contenders);
    for (const gateway of gateways) {
      await drive(gateway.url, workload, authorizations, connections, options.warmupSeconds, options.maxRequests);
    }
    const rounds: { run: RunResult; cpuSeconds: number; subgraphCpuSeconds: number; events: AuditCount }[][] =
      contenders.map(() => []);
    const subgraphsCpu = () => subgraphPids.reduce((sum, pid) => sum + cpuSeconds(pid), 0);
    for (let round = 0; round < options.rounds; round++) {
      for (const [g, gateway] of gateways.entries()) {
        const marks = await auditMarks(audit);
        const cpuBefore = cpuSeconds(gateway.pid);
        const subgraphsBefore = subgraphsCpu();
        const run = await drive(
          gateway.url,
          workload,
          authorizations,
          connections,
          options.duration,
          options.maxRequests,
        );
        const cpu = cpuSeconds(gateway.pid) - cpuBefore;
        const subgraphCpu = subgraphsCpu() - subgraphsBefore;
        rounds[g].push({
          run,
          cpuSeconds: cpu,
          subgraphCpuSeconds: subgraphCpu,
          events: await auditSince(audit, marks),
        });
      }
    }
    const results = gateways.map((gateway, g): GatewayResult => {
      const mine = rounds[g];
      const answered = mine.reduce((sum, r) => sum + r.run.answered, 0);
      const failed = mine.reduce((sum, r) => sum + r.run.failed, 0);
      const label = contenders[g].label;
      if (failed) {
        problems.push(
          `${where}: ${label} failed ${failed} request(s); first: ${mine.find((r) => r.run.firstFailure)?.run.firstFailure}`,
        );
      }
      const events = mine.reduce((sum, r) => sum + r.events.total, 0);
      const requests = mine.reduce((sum, r) => sum + r.events.requests, 0);
      // Every answered audited request leaves its own event (its own request id); nothing else leaves one.
      for (const r of mine) {
        for (const [subgraph, count] of Object.entries(r.events.bySubgraph)) {
          if (count.events !== 0 && (count.events !== r.run.answered || count.requests !== r.run.answered)) {
            problems.push(
              `${where}: ${label}: ${subgraph} wrote ${count.events} audit events for ${count.requests} request ids, ${r.run.answered} requests answered`,
            );
          }
        }
        if (workload.audited && r.events.total === 0 && r.run.answered > 0) {
          problems.push(`${where}: ${label}: ${r.run.answered} audited requests answered, no audit event written`);
        }
        if (!workload.audited && r.events.total !== 0) {
          problems.push(
            `${where}: ${label}: ${r.events.total} audit events written for a workload that reads nothing audited`,
          );
        }
      }
      return {
        label,
        perSecond: median(mine.map((r) => r.run.answered / r.run.seconds)),
        p50: median(mine.map((r) => percentile(r.run.latencies, 0.5))),
        p95: median(mine.map((r) => percentile(r.run.latencies, 0.95))),
        cpuMsPerRequest: median(mine.map((r) => (r.cpuSeconds * 1000) / r.run.answered)),
        subgraphCpuMsPerRequest: median(mine.map((r) => (r.subgraphCpuSeconds * 1000) / r.run.answered)),
        peakRssMiB: peakRssKiB(gateway.pid) / 1024,
        answered,
        failed,
        auditEvents: events,
        auditRequests: requests,
      };
    });
    return { workload, mode, connections, results, problems };
  } finally {
    await Promise.all(gateways.map((gateway) => gateway.stop()));
  }
}

/** Both gateways must answer the workload with the same `data`; anything else stops the bench. */
async function checkSameData(
  workload: Workload,
  authorization: string | null,
  gateways: RunningGateway[],
  contenders: Contender[],
): Promise<void> {
  for (let i = 0; i < 3; i++) {
    const answers = await Promise.all(
      gateways.map(async (gateway) => {
        const response = await fetch(gateway.url, {
          method: "POST",
          headers: { "content-type": "application/json", ...(authorization ? { authorization } : {}) },
          body: JSON.stringify({ query: workload.query, variables: workload.variables(i) }),
        });
        return { status: response.status, body: (await response.json()) as { data?: unknown } };
      }),
    );
    const [a, b] = answers;
    if (!a.body.data || !isDeepStrictEqual(a.body.data, b.body.data)) {
      const difference = firstDifference(a.body.data, b.body.data, "data");
      throw new Error(
        `${workload.key}: ${contenders[0].label} and ${contenders[1].label} answer different data ` +
          `(variables ${JSON.stringify(workload.variables(i))}; first difference at ${difference}).\n` +
          `${contenders[0].label} (HTTP ${a.status}): ${JSON.stringify(a.body).slice(0, 600)}\n` +
          `${contenders[1].label} (HTTP ${b.status}): ${JSON.stringify(b.body).slice(0, 600)}`,
      );
    }
  }
}

/** The path of the first place two JSON values differ. */
function firstDifference(a: unknown, b: unknown, at: string): string {
  if (isDeepStrictEqual(a, b)) return "(none)";
  if (a && b && typeof a === "object" && typeof b === "object" && Array.isArray(a) === Array.isArray(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const key of keys) {
      const x = (a as Record<string, unknown>)[key];
      const y = (b as Record<string, unknown>)[key];
      if (!isDeepStrictEqual(x, y)) return firstDifference(x, y, Array.isArray(a) ? `${at}[${key}]` : `${at}.${key}`);
    }
    // Same entries in another order.
    return `${at} (key order)`;
  }
  return at;
}

interface AuditCount {
  total: number;
  requests: number;
  bySubgraph: Record<string, { events: number; requests: number }>;
}

/** Each subgraph's last audit position. */
async function auditMarks(client: Client): Promise<Record<string, string>> {
  const marks: Record<string, string> = {};
  for (const name of SUBGRAPH_NAMES) {
    const { rows } = await client.query<{ seq: string }>(
      `SELECT coalesce(max(seq), 0)::text AS seq FROM ${name}.audit_event`,
    );
    marks[name] = rows[0].seq;
  }
  return marks;
}

/** The audit events each subgraph appended after its mark, and the distinct request ids they carry. */
async function auditSince(client: Client, marks: Record<string, string>): Promise<AuditCount> {
  const count: AuditCount = { total: 0, requests: 0, bySubgraph: {} };
  for (const name of SUBGRAPH_NAMES) {
    const { rows } = await client.query<{ events: string; requests: string }>(
      `SELECT count(*)::text AS events, count(DISTINCT request_id)::text AS requests FROM ${name}.audit_event WHERE seq > $1`,
      [marks[name]],
    );
    const events = Number(rows[0].events);
    const requests = Number(rows[0].requests);
    count.bySubgraph[name] = { events, requests };
    count.total += events;
    count.requests += requests;
  }
  return count;
}

const CLOCK_TICKS = (() => {
  try {
    return Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** User + system CPU seconds a process has used so far, from /proc/<pid>/stat. */
function cpuSeconds(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
  // The fields after the command name, which is in parentheses and may hold spaces: utime, stime are 14th and 15th.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
}

/** The most resident memory a process has had (VmHWM), KiB. */
function peakRssKiB(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? Number.NaN);
}

function describeMachine(): string {
  const cpus = fs.readFileSync("/proc/cpuinfo", "utf8");
  const model = /model name\s*:\s*(.+)/.exec(cpus)?.[1] ?? "unknown CPU";
  const cores = (cpus.match(/^processor\s*:/gm) ?? []).length;
  const version = (name: string) => {
    try {
      const file = path.join(ROOT, "node_modules", name, "package.json");
      return (JSON.parse(fs.readFileSync(file, "utf8")) as { version: string }).version;
    } catch {
      return "?";
    }
  };
  return (
    `${cores} cores (${model}), Node ${process.version}; @apollo/gateway ${version("@apollo/gateway")}, ` +
    `@apollo/server ${version("@apollo/server")}, @graphql-hive/gateway-runtime ${version("@graphql-hive/gateway-runtime")}`
  );
}

function callersLabel(cell: Cell): string {
  return cell.workload.role ? (cell.mode === "distinct" ? `${DISTINCT_CALLERS}` : "1") : "public";
}

/** Every measurement: each gateway's numbers, medians of the rounds. */
function resultsTable(cells: Cell[], contenders: Contender[]): string {
  const [a, b] = contenders.map((c) => c.label);
  const pair = (x: number, y: number, digits: number) => `${fixed(x, digits)} / ${fixed(y, digits)}`;
  const lines = [
    `Medians of the rounds, ${a} / ${b}:`,
    "",
    "| workload | callers | conn | req/s | p50 ms | p95 ms | CPU ms/req | subgraphs' CPU ms/req | peak RSS MiB | audit events / answered |",
    "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|",
  ];
  for (const cell of cells) {
    const [x, y] = cell.results;
    lines.push(
      `| ${cell.workload.name} | ${callersLabel(cell)} | ${cell.connections} | ${pair(x.perSecond, y.perSecond, 0)} | ` +
        `${pair(x.p50, y.p50, 1)} | ${pair(x.p95, y.p95, 1)} | ${pair(x.cpuMsPerRequest, y.cpuMsPerRequest, 2)} | ` +
        `${pair(x.subgraphCpuMsPerRequest, y.subgraphCpuMsPerRequest, 2)} | ${pair(x.peakRssMiB, y.peakRssMiB, 0)} | ${x.auditEvents}/${x.answered} · ${y.auditEvents}/${y.answered} |`,
    );
  }
  return lines.join("\n") + "\n";
}

/** The ratios first ÷ second of each measurement. */
function ratioTable(cells: Cell[], contenders: Contender[]): string {
  const [a, b] = contenders.map((c) => c.label);
  const lines = [
    `${a} ÷ ${b}:`,
    "",
    "| workload | callers | conn | throughput | p50 | p95 | CPU per request | peak RSS |",
    "|---|--:|--:|--:|--:|--:|--:|--:|",
  ];
  for (const cell of cells) {
    const [x, y] = cell.results;
    lines.push(
      `| ${cell.workload.name} | ${callersLabel(cell)} | ${cell.connections} | ${fixed(ratio(x.perSecond, y.perSecond), 2)} | ` +
        `${fixed(ratio(x.p50, y.p50), 2)} | ${fixed(ratio(x.p95, y.p95), 2)} | ` +
        `${fixed(ratio(x.cpuMsPerRequest, y.cpuMsPerRequest), 2)} | ${fixed(ratio(x.peakRssMiB, y.peakRssMiB), 2)} |`,
    );
  }
  return lines.join("\n") + "\n";
}

/**
 * `--cpu-prof DIR`: each gateway under `node --cpu-prof` through the first of --workloads (the
 * officer page unless named; 10 connections, distinct callers, one --duration after a warm-up),
 * then where its CPU went.
 * Returns each gateway's measured window, for the subgraphs' profiles (they run under
 * `--cpu-prof` too, into DIR/subgraphs/<name>, and write them when they stop).
 */
async function profile(
  options: Options,
  contenders: Contender[],
  authorizations: (workload: Workload, mode: CallerMode) => (string | null)[],
): Promise<{ label: string; from: number; to: number; answered: number; seconds: number }[]> {
  const workload = options.workloads[0];
  const windows = [];
  for (const contender of contenders) {
    const dir = path.join(options.cpuProf as string, contender.label.replace(/\W+/g, "-"));
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    const gateway = await contender.start(["--cpu-prof", `--cpu-prof-dir=${dir}`]);
    const callers = authorizations(workload, "distinct");
    await drive(gateway.url, workload, callers, 10, options.warmupSeconds, options.maxRequests);
    const from = Number(process.hrtime.bigint() / 1000n);
    const run = await drive(gateway.url, workload, callers, 10, options.duration, options.maxRequests);
    const to = Number(process.hrtime.bigint() / 1000n);
    await gateway.stop();
    windows.push({ label: contender.label, from, to, answered: run.answered, seconds: run.seconds });
    const file = fs.readdirSync(dir).find((name) => name.endsWith(".cpuprofile"));
    if (!file) throw new Error(`${contender.label} wrote no CPU profile into ${dir}`);
    // Only the measured run: start-up (module loading) and the warm-up left out.
    const summary = summarizeProfile(JSON.parse(fs.readFileSync(path.join(dir, file), "utf8")) as CpuProfile, 15, {
      from,
      to,
    });
    printProfile(`${contender.label}'s gateway`, workload, run.answered, run.seconds, summary, path.join(dir, file));
  }
  return windows;
}

function printProfile(
  label: string,
  workload: Workload,
  answered: number,
  seconds: number,
  summary: ProfileSummary,
  file: string,
): void {
  if (summary.busyMs === 0) throw new Error(`${label}: the CPU profile has no sample within the measured run`);
  process.stdout.write(
    `\n${label}: ${workload.name}, 10 connections, ${answered} requests answered in ${fixed(seconds, 1)} s ` +
      `(after a warm-up); ${fixed(summary.busyMs, 0)} ms of CPU sampled in that run ` +
      `(${fixed(summary.busyMs / answered, 1)} ms a request); profile ${file}\n\n` +
      `| self time by package | ms | share |\n|---|--:|--:|\n` +
      summary.packages.map((p) => `| ${p.name} | ${fixed(p.ms, 0)} | ${fixed(p.share * 100, 1)}% |`).join("\n") +
      `\n\n| self time by function | ms | share |\n|---|--:|--:|\n` +
      summary.functions
        .map((f) => `| ${f.name.replace(/\|/g, "\\|")} | ${fixed(f.ms, 0)} | ${fixed(f.share * 100, 1)}% |`)
        .join("\n") +
      "\n",
  );
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err: unknown) => {
      process.stderr.write(`bench: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exit(1);
    },
  );
}
