import { type ChildProcess, spawn } from "node:child_process";
import net from "node:net";
import path from "node:path";
import {
  DEFAULT_AUDIENCE,
  DEFAULT_DEV_KEYS_FILE,
  DEV_ISSUER,
  type ResolvedDatabase,
  loadOrCreateDevKeys,
  readDevKeys,
  signToken,
  subgraphEnvPrefix,
} from "@kgraph/platform";
import {
  DATA_DIR,
  type DevelopmentSecrets,
  developmentSecrets,
  migrateAll,
  openPlatformDatabase,
  subgraphDatabaseUrls,
} from "./runtime";
import { SEED_OMBUDSPERSON_SUB, publishSeededAssessments } from "./seed/publish";
import { type SeedOutcome, isSeeded, runSeed } from "./seed/run";
import { ROOT, SUBGRAPH_NAMES } from "./subgraphs";

/**
 * Running the platform as processes, for `npm start` and `npm run bench`: the database made
 * ready (migrations, the subgraphs' own roles, a seed), then the subgraphs of
 * subgraphs/registry.json and the gateway as child processes of their compiled `dist/main.js`.
 */

/** A service started from its compiled main.js. */
export interface ServiceProcess {
  name: string;
  child: ChildProcess;
}

export interface PreparedPlatform {
  database: ResolvedDatabase;
  secrets: DevelopmentSecrets;
  /** The connection each subgraph runs with (its own role), by subgraph name. */
  subgraphDatabaseUrls: Record<string, string>;
  /** The file of the development keys (tokens are signed with its issuer key). */
  keysFile: string;
  /** The environment every service starts with (database, keys, secrets, log level). */
  env: NodeJS.ProcessEnv;
  /** When this preparation seeded: what is left to do through the running graph (`finishSeed`). */
  seeded?: SeedOutcome;
}

/**
 * The database as `npm start` leaves it before starting anything: DATABASE_URL, else the
 * embedded default; every migration; the subgraphs' own roles; the default programme on first
 * run (or, with `reseed`, a programme of that many cases in place of what is there); the
 * development keys. `opened` hears of the database as soon as it is open, so a caller can stop
 * an embedded one when a later step fails.
 */
export async function preparePlatform(options: {
  say: (line: string) => void;
  shareRunning: boolean;
  opened?: (database: ResolvedDatabase) => void;
  /** Seed a programme of this many cases in place of the data there; `refuseSeeded`: not over one. */
  reseed?: { cases: number; refuseSeeded?: boolean };
}): Promise<PreparedPlatform> {
  const { say } = options;
  say(
    process.env.DATABASE_URL
      ? "using DATABASE_URL"
      : `starting embedded PostgreSQL (data in ${path.relative(ROOT, DATA_DIR)}/)`,
  );
  const database = await openPlatformDatabase((line) => say(`postgres: ${line}`), {
    shareRunning: options.shareRunning,
  });
  options.opened?.(database);
  const applied = await migrateAll(database.url);
  for (const [name, migrations] of Object.entries(applied)) {
    if (migrations.length) say(`${name}: applied ${migrations.join(", ")}`);
  }
  const secrets = developmentSecrets();
  // Each subgraph connects as its own role, confined to its schema, unable to alter the audit
  // trail; when that cannot be arranged, stop here (before the long first seed) and say why.
  const subgraphs = await subgraphDatabaseUrls(database.url, secrets.databasePasswords);
  say(
    subgraphs.source === "created"
      ? `subgraphs connect as ${SUBGRAPH_NAMES.map((name) => `kgraph_${name}`).join(", ")}`
      : "subgraphs connect with their own <NAME>_DATABASE_URL roles",
  );
  let seeded: SeedOutcome | undefined;
  if (options.reseed) {
    if (options.reseed.refuseSeeded && (await isSeeded(database.url))) throw new AlreadySeededError();
    say(`seeding a programme of ${options.reseed.cases} cases in place of the data there…`);
    seeded = await runSeed(database.url, { cases: options.reseed.cases, reset: true, progress: (line) => say(line) });
  } else if (await isSeeded(database.url)) {
    say("data already present; not seeding");
  } else {
    say("seeding the default synthetic programme (first run)…");
    seeded = await runSeed(database.url, { progress: (line) => say(line) });
  }
  const keysFile = process.env.AUTH_DEV_KEYS ?? DEFAULT_DEV_KEYS_FILE;
  if (!process.env.AUTH_JWKS_URL) {
    await loadOrCreateDevKeys(keysFile);
    say(
      `development identity: keys in ${path.relative(ROOT, keysFile)}; tokens from \`npm run token -- --role <role>\``,
    );
  }
  return {
    database,
    secrets,
    subgraphDatabaseUrls: subgraphs.urls,
    keysFile,
    seeded,
    env: {
      ...process.env,
      AUTH_DEV_KEYS: keysFile,
      DATABASE_URL: database.url,
      SUBJECT_REF_KEY: secrets.subjectRefKey,
      GATEWAY_HMAC_SECRET: secrets.gatewayHmacSecret,
      LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
    },
  };
}

/** The database already holds a programme, and the caller asked not to replace it. */
export class AlreadySeededError extends Error {
  constructor() {
    super("the database already holds a programme");
  }
}

/**
 * Seeding's last step, once the gateway at `graphUrl` serves the freshly seeded data: the
 * Ombudsperson's earlier assessments published through it (seed/publish.ts), under a development
 * token. With a production identity provider (AUTH_JWKS_URL) no token can be made here: they stay
 * in consultation, and the output says so.
 */
export async function finishSeed(platform: PreparedPlatform, graphUrl: string, say: (line: string) => void) {
  const ids = platform.seeded?.assessmentsToPublish ?? [];
  if (!ids.length) return;
  if (process.env.AUTH_JWKS_URL) {
    say(
      `${ids.length} seeded impact assessments stay in consultation: with AUTH_JWKS_URL set, only the Ombudsperson can publish them`,
    );
    return;
  }
  const keys = readDevKeys(platform.keysFile);
  const token = await signToken(
    keys.issuer.privateJwk,
    { sub: SEED_OMBUDSPERSON_SUB, roles: ["ombudsperson"] },
    { issuer: DEV_ISSUER, audience: DEFAULT_AUDIENCE, ttlSeconds: 600 },
  );
  say(`the Ombudsperson publishes the programme's earlier impact assessments through the graph…`);
  await publishSeededAssessments({ graphUrl, token, ids, progress: say });
}

/**
 * Starts every subgraph (each on `ports[name]`, told it as PORT, with `env` and `extraEnv`, under
 * node with `nodeFlags`) and waits until each is ready. Each is added to `children` as it starts, so the caller stops them
 * whatever happens. Returns each subgraph's <NAME>_URL setting for a gateway.
 */
export async function startSubgraphs(
  platform: PreparedPlatform,
  ports: Record<string, number>,
  children: ServiceProcess[],
  extraEnv: (name: string) => Record<string, string> = () => ({}),
  nodeFlags: (name: string) => string[] = () => [],
): Promise<Record<string, string>> {
  for (const name of SUBGRAPH_NAMES) {
    const subgraphEnv = {
      ...platform.env,
      DATABASE_URL: platform.subgraphDatabaseUrls[name],
      HOST: process.env[`${subgraphEnvPrefix(name)}_HOST`] ?? "127.0.0.1",
      PORT: String(ports[name]),
      ...extraEnv(name),
    };
    children.push({
      name,
      child: launch(name, path.join(ROOT, "subgraphs", name, "dist", "main.js"), subgraphEnv, {
        nodeFlags: nodeFlags(name),
      }),
    });
  }
  for (const name of SUBGRAPH_NAMES) await waitReady(name, `http://127.0.0.1:${ports[name]}/readyz`, children);
  return Object.fromEntries(
    SUBGRAPH_NAMES.map((n) => [`${subgraphEnvPrefix(n)}_URL`, `http://127.0.0.1:${ports[n]}/graphql`]),
  );
}

/** The gateway over the subgraphs at `urls` (startSubgraphs' answer) on `port`, with `env` beside the platform's; resolves once it is ready. */
export async function startGateway(
  platform: PreparedPlatform,
  urls: Record<string, string>,
  children: ServiceProcess[],
  options: { port: number; env?: Record<string, string> },
): Promise<void> {
  const env = { ...platform.env, ...urls, ...options.env, GATEWAY_PORT: String(options.port) };
  children.push({ name: "gateway", child: launch("gateway", path.join(ROOT, "gateway", "dist", "main.js"), env) });
  await waitReady("gateway", `http://127.0.0.1:${options.port}/readyz`, children);
}

/** A service from its compiled script (any node flags first), its output passed through unless `quiet`. */
export function launch(
  name: string,
  script: string,
  env: NodeJS.ProcessEnv,
  options: { nodeFlags?: string[]; quiet?: boolean } = {},
): ChildProcess {
  const child = spawn(process.execPath, [...(options.nodeFlags ?? []), script], {
    env,
    stdio: ["ignore", options.quiet ? "ignore" : "inherit", "inherit"],
  });
  child.on("error", (err) => process.stderr.write(`[${name}] ${err.message}\n`));
  return child;
}

/** Waits until `url` answers 200, failing early when any of `children` has exited. */
export async function waitReady(name: string, url: string, children: ServiceProcess[]): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const dead = children.find(({ child }) => child.exitCode !== null);
    if (dead)
      throw new Error(`${dead.name} exited during start-up (code ${dead.child.exitCode}); see its output above`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(1000) });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${name} was not ready within 60 s (${url})`);
}

/** SIGTERM, then SIGKILL after 10 s; resolves once the process has exited. */
export function stopChild(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill("SIGTERM");
  });
}

/** A port free on 127.0.0.1 right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
