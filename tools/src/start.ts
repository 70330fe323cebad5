import "reflect-metadata";
import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import { DEFAULT_DEV_KEYS_FILE, loadOrCreateDevKeys, subgraphEnvPrefix } from "@kgraph/platform";
import {
  DATA_DIR,
  developmentSecrets,
  migrateAll,
  noteRunningDatabase,
  openPlatformDatabase,
  subgraphDatabaseUrls,
} from "./runtime";
import { isSeeded, runSeed } from "./seed/run";
import { ROOT, SUBGRAPHS, SUBGRAPH_NAMES } from "./subgraphs";

/**
 * `npm start`: the whole platform on one machine. Embedded PostgreSQL (data in .data/, kept
 * across restarts) unless DATABASE_URL is set; migrations; the default seed on first run; the
 * subgraphs of subgraphs/registry.json and the gateway as child processes. Ctrl-C or SIGTERM stops
 * all of them and the database, in that order. Each service's port is <NAME>_PORT, else the
 * registry's (the gateway: GATEWAY_PORT, else 4000); a subgraph is told its own as HOST and PORT.
 */
const DEFAULT_PORTS: Record<string, number> = {
  gateway: 4000,
  ...Object.fromEntries(SUBGRAPHS.map(({ name, port }) => [name, port])),
};

function say(line: string): void {
  process.stdout.write(`[start] ${line}\n`);
}

async function main(): Promise<void> {
  const children: { name: string; child: ChildProcess }[] = [];
  let stopping = false;
  let database: Awaited<ReturnType<typeof openPlatformDatabase>> | undefined;

  const stopAll = async (code: number) => {
    if (stopping) return;
    stopping = true;
    say("stopping…");
    await Promise.all(children.map(({ child }) => stopChild(child)));
    if (database?.embedded) {
      noteRunningDatabase(undefined);
      await database.embedded.stop();
      say("database stopped");
    }
    process.exit(code);
  };
  process.once("SIGINT", () => void stopAll(0));
  process.once("SIGTERM", () => void stopAll(0));
  // `npm start` runs us under npm and a shell; when a supervisor signals npm, the shell may die
  // without passing the signal on. A changed parent means whoever started us is gone: stop too.
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid !== parent) void stopAll(0);
  }, 500).unref();

  try {
    say(
      process.env.DATABASE_URL
        ? "using DATABASE_URL"
        : `starting embedded PostgreSQL (data in ${path.relative(ROOT, DATA_DIR)}/)`,
    );
    database = await openPlatformDatabase((line) => say(`postgres: ${line}`), { shareRunning: false });
    if (database.embedded) noteRunningDatabase(database.url);
    const applied = await migrateAll(database.url);
    for (const [name, migrations] of Object.entries(applied)) {
      if (migrations.length) say(`${name}: applied ${migrations.join(", ")}`);
    }
    const { subjectRefKey, databasePasswords, gatewayHmacSecret } = developmentSecrets();
    // Each subgraph connects as its own role, confined to its schema, unable to alter the audit
    // trail; when that cannot be arranged, stop here (before the long first seed) and say why.
    const subgraphs = await subgraphDatabaseUrls(database.url, databasePasswords);
    say(
      subgraphs.source === "created"
        ? `subgraphs connect as ${SUBGRAPH_NAMES.map((name) => `kgraph_${name}`).join(", ")}`
        : "subgraphs connect with their own <NAME>_DATABASE_URL roles",
    );
    if (await isSeeded(database.url)) {
      say("data already present; not seeding");
    } else {
      say("seeding the default synthetic programme (first run)…");
      await runSeed(database.url, { progress: (line) => say(line) });
    }
    const keysFile = process.env.AUTH_DEV_KEYS ?? DEFAULT_DEV_KEYS_FILE;
    if (!process.env.AUTH_JWKS_URL) {
      await loadOrCreateDevKeys(keysFile);
      say(
        `development identity: keys in ${path.relative(ROOT, keysFile)}; tokens from \`npm run token -- --role <role>\``,
      );
    }
    const env = {
      ...process.env,
      AUTH_DEV_KEYS: keysFile,
      DATABASE_URL: database.url,
      SUBJECT_REF_KEY: subjectRefKey,
      GATEWAY_HMAC_SECRET: gatewayHmacSecret,
      LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
    };
    const port = (name: string) => Number(process.env[`${subgraphEnvPrefix(name)}_PORT`] ?? DEFAULT_PORTS[name]);
    for (const name of SUBGRAPH_NAMES) {
      const subgraphEnv = {
        ...env,
        DATABASE_URL: subgraphs.urls[name],
        HOST: process.env[`${subgraphEnvPrefix(name)}_HOST`] ?? "127.0.0.1",
        PORT: String(port(name)),
      };
      children.push({ name, child: launch(name, path.join(ROOT, "subgraphs", name, "dist", "main.js"), subgraphEnv) });
    }
    for (const name of SUBGRAPH_NAMES) await waitReady(name, `http://127.0.0.1:${port(name)}/readyz`, children);
    const urls = Object.fromEntries(
      SUBGRAPH_NAMES.map((n) => [`${subgraphEnvPrefix(n)}_URL`, `http://127.0.0.1:${port(n)}/graphql`]),
    );
    children.push({
      name: "gateway",
      child: launch("gateway", path.join(ROOT, "gateway", "dist", "main.js"), { ...env, ...urls }),
    });
    await waitReady("gateway", `http://127.0.0.1:${port("gateway")}/readyz`, children);
    for (const { name, child } of children) {
      child.once("exit", (code, signal) => {
        if (stopping) return;
        say(`${name} exited unexpectedly (${signal ?? `code ${code}`}); stopping everything`);
        void stopAll(1);
      });
    }
    say("ready:");
    say(`  GraphQL + GraphiQL  http://localhost:${port("gateway")}/graphql`);
    say(
      `  health / readiness  http://localhost:${port("gateway")}/healthz  http://localhost:${port("gateway")}/readyz`,
    );
    for (const name of SUBGRAPH_NAMES) say(`  ${name.padEnd(18)}  http://127.0.0.1:${port(name)}/graphql (internal)`);
    say(
      `  metrics (Prometheus) http://127.0.0.1:${process.env.METRICS_PORT ?? 9464}/metrics (gateway); each subgraph on its port + 1000`,
    );
    say("press Ctrl-C to stop");
  } catch (err) {
    process.stderr.write(`[start] failed: ${err instanceof Error ? err.message : String(err)}\n`);
    await stopAll(1);
  }
}

function launch(name: string, script: string, env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(process.execPath, [script], { env, stdio: ["ignore", "inherit", "inherit"] });
  child.on("error", (err) => process.stderr.write(`[start] ${name}: ${err.message}\n`));
  return child;
}

async function waitReady(name: string, url: string, children: { name: string; child: ChildProcess }[]): Promise<void> {
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

function stopChild(child: ChildProcess): Promise<void> {
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

void main();
