import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import net from "node:net";
import path from "node:path";
import fs from "node:fs";
import os from "node:os";
import {
  ALL_ROLES,
  type CallAs,
  PRODUCTION_EDGE,
  type SubgraphEdgeSettings,
  type TestAuth,
  createTestAuth,
  type GraphQLResponse,
  type RunningServer,
  type SubgraphDefinition,
  createLogger,
  createTestDatabase,
  authConfigShape,
  commonConfigShape,
  loadConfig,
  verifierFromConfig,
  graphqlRequest,
  migrate,
  subgraphEnvPrefix,
  subgraphRegistry,
} from "@kgraph/platform";
import { z } from "zod";
import { type RecordingProxy, startRecordingProxy } from "./recording-proxy";

/** Every subgraph of subgraphs/registry.json, in its order (`@kgraph/<name>`: its src under Jest). */
export const SUBGRAPHS: SubgraphDefinition[] = subgraphRegistry().map(
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  ({ name }) => (require(`@kgraph/${name}`) as { definition: SubgraphDefinition }).definition,
);
export const TEST_SUBJECT_REF_KEY = "e2e-subject-ref-key-not-a-secret";

export interface Platform {
  gatewayUrl: string;
  databaseUrl: string;
  subgraphUrls: Record<string, string>;
  /** With `metrics`: each subgraph's `/metrics` URL. */
  subgraphMetricsUrls: Record<string, string>;
  /** The gateway's `/metrics` URL (its own listener, never the public port). */
  gatewayMetricsUrl: string;
  /** With `recordHeaders`: what the gateway sent to each subgraph. */
  proxies: Record<string, RecordingProxy>;
  auth: TestAuth;
  /** The secret the gateway signs its subgraph requests with (fresh for each platform). */
  gatewaySecret: string;
  /** Sends an operation through the gateway as a caller (default: every role at once; null: public). */
  gql<T = Record<string, any>>(
    query: string,
    variables?: Record<string, unknown>,
    as?: CallAs,
  ): Promise<GraphQLResponse<T>>;
  /**
   * One more gateway process on the same subgraphs, with the same environment plus `env` (a
   * replica, or a gateway with other settings); stopped with the platform.
   */
  startGateway(env?: Record<string, string>): Promise<GatewayProcess>;
  /** Stops one subgraph's server (an outage): its port refuses connections until restarted. */
  stopSubgraph(name: SubgraphDefinition["name"]): Promise<void>;
  /** Starts a stopped subgraph again, on the same port, with the same settings. */
  restartSubgraph(name: SubgraphDefinition["name"]): Promise<void>;
  stop(): Promise<void>;
}

const ROOT = path.resolve(__dirname, "..", "..");

/** A gateway child process: its process id, and its exit code once it has exited. */
export type GatewayProcess = RunningServer & { metricsUrl: string; pid: number; exited: Promise<number | null> };

/** Log lines collected from the platform's services (a test reads them for what must never be logged). */
export interface CollectedLogs {
  level: string;
  lines: string[];
}

/**
 * The gateway runs as its own process from its compiled code (`npm test` builds first), as in
 * production: the Hive Gateway runtime loads parts of itself with dynamic `import()`, which
 * Jest's module sandbox does not allow.
 */
async function startGatewayProcess(
  subgraphUrls: Record<string, string>,
  auth: TestAuth,
  gatewaySecret: string,
  trustedOnly: boolean,
  extraEnv: Record<string, string> = {},
  logs?: CollectedLogs,
  port?: number,
): Promise<GatewayProcess> {
  // A free port can be taken by another test process before the gateway binds it: then start
  // again on other ports (only when this function chose them).
  for (let attempt = 1; ; attempt++) {
    try {
      return await startGatewayOnPorts(
        subgraphUrls,
        auth,
        gatewaySecret,
        trustedOnly,
        extraEnv,
        logs,
        port ?? (await freePort()),
        await freePort(),
      );
    } catch (err) {
      if (!(err instanceof AddressInUseError) || port !== undefined || attempt === 3) throw err;
    }
  }
}

async function startGatewayOnPorts(
  subgraphUrls: Record<string, string>,
  auth: TestAuth,
  gatewaySecret: string,
  trustedOnly: boolean,
  extraEnv: Record<string, string>,
  logs: CollectedLogs | undefined,
  port: number,
  // Always a port of its own: the default (9464) would collide between gateways run at once.
  metricsPort: number,
): Promise<GatewayProcess> {
  const keysDir = fs.mkdtempSync(path.join(os.tmpdir(), "kgraph-e2e-keys-"));
  const keysFile = path.join(keysDir, "dev-keys.json");
  fs.writeFileSync(keysFile, JSON.stringify(auth.keys), { mode: 0o600 });
  const child = await startNodeProcess(
    path.join(ROOT, "gateway", "dist", "main.js"),
    {
      // No response cache unless a test asks for one (or the run sets RESPONSE_CACHE_TTL_MS): most
      // tests write and then read as the public at once, which a cache answers up to its TTL late.
      RESPONSE_CACHE_TTL_MS: process.env.RESPONSE_CACHE_TTL_MS ?? "0",
      GATEWAY_PORT: String(port),
      METRICS_PORT: String(metricsPort),
      ...Object.fromEntries(Object.entries(subgraphUrls).map(([name, url]) => [`${subgraphEnvPrefix(name)}_URL`, url])),
      LOG_LEVEL: logs?.level ?? process.env.GATEWAY_LOG_LEVEL ?? "error",
      AUTH_DEV_KEYS: keysFile,
      GATEWAY_HMAC_SECRET: gatewaySecret,
      PUBLIC_TRUSTED_DOCUMENTS_ONLY: String(trustedOnly),
      ...extraEnv,
    },
    `http://127.0.0.1:${port}/healthz`,
    "the gateway",
    logs,
  );
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    port,
    metricsUrl: `http://127.0.0.1:${metricsPort}/metrics`,
    pid: child.pid,
    exited: child.exited,
    stop: async () => {
      await child.stop();
      fs.rmSync(keysDir, { recursive: true, force: true });
    },
  };
}

/** A service that exited at start-up because a port it was given was taken meanwhile. */
class AddressInUseError extends Error {}

/** A service from its compiled main.js, up once `healthUrl` answers; stopped with SIGTERM. */
async function startNodeProcess(
  script: string,
  env: Record<string, string>,
  healthUrl: string,
  name: string,
  /** Its output collected here instead of printed. */
  logs?: CollectedLogs,
): Promise<{ stop(): Promise<void>; pid: number; exited: Promise<number | null> }> {
  const child: ChildProcess = spawn(process.execPath, [script], {
    env: { ...process.env, ...env },
    stdio: ["ignore", logs ? "pipe" : "inherit", "pipe"],
  });
  // Its errors are passed on as ever, and kept until it is up, to tell a port taken meanwhile.
  let startErrors = "";
  child.stdout?.on("data", (chunk: Buffer) => logs?.lines.push(chunk.toString("utf8")));
  child.stderr?.on("data", (chunk: Buffer) => {
    const text = chunk.toString("utf8");
    if (startErrors.length < 65_536) startErrors += text;
    if (logs) logs.lines.push(text);
    else process.stderr.write(chunk);
  });
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once("exit", () => resolve());
      child.kill("SIGTERM");
    });
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) {
      if (startErrors.includes("EADDRINUSE")) throw new AddressInUseError(`${name}: a port it was given was taken`);
      throw new Error(`${name} exited during start-up (code ${child.exitCode}); run \`npm run build\``);
    }
    try {
      if ((await fetch(healthUrl)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`${name} did not start within 30 s`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const exited = new Promise<number | null>((resolve) => {
    if (child.exitCode !== null) resolve(child.exitCode);
    else child.once("exit", (code) => resolve(code));
  });
  return { stop, pid: child.pid!, exited };
}

/**
 * A subgraph as its own process from its compiled main.ts, as in production: what the traces
 * test needs, since each process has one OpenTelemetry SDK, one service name, and instruments
 * `http` and `pg` as they load (Jest's module sandbox loads them out of its reach).
 */
async function startSubgraphProcess(
  subgraph: SubgraphDefinition,
  databaseUrl: string,
  auth: TestAuth,
  gatewaySecret: string,
  env: Record<string, string>,
): Promise<RunningServer> {
  const port = await freePort();
  const keysDir = fs.mkdtempSync(path.join(os.tmpdir(), "kgraph-e2e-keys-"));
  const keysFile = path.join(keysDir, "dev-keys.json");
  fs.writeFileSync(keysFile, JSON.stringify(auth.keys), { mode: 0o600 });
  const child = await startNodeProcess(
    path.join(ROOT, "subgraphs", subgraph.name, "dist", "main.js"),
    {
      DATABASE_URL: databaseUrl,
      SUBJECT_REF_KEY: TEST_SUBJECT_REF_KEY,
      PORT: String(port),
      METRICS_PORT: String(await freePort()),
      LOG_LEVEL: process.env.SUBGRAPH_LOG_LEVEL ?? "error",
      AUTH_DEV_KEYS: keysFile,
      GATEWAY_HMAC_SECRET: gatewaySecret,
      REQUIRE_GATEWAY_SIGNATURE: "true",
      ...env,
    },
    `http://127.0.0.1:${port}/healthz`,
    `the ${subgraph.name} subgraph`,
  );
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    port,
    stop: async () => {
      await child.stop();
      fs.rmSync(keysDir, { recursive: true, force: true });
    },
  };
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

/**
 * The whole platform for an end-to-end test: a fresh database, every subgraph's migrations,
 * an optional seed, the four subgraphs (in this process, so the test can count their SQL
 * statements) and the gateway on free ports over real HTTP, the gateway serving the committed
 * supergraph.
 */
export async function startPlatform(
  options: {
    seed?: (databaseUrl: string) => Promise<unknown>;
    recordHeaders?: boolean;
    /** Public callers may run only trusted documents (as in production). */
    trustedOnly?: boolean;
    /** More environment for the gateway process (limits, …). */
    gatewayEnv?: Record<string, string>;
    /** The subgraphs' edge settings; production's unless a test needs others. */
    subgraphEdge?: SubgraphEdgeSettings;
    /** The subgraphs' PostgreSQL statement_timeout (their default unless a test needs another). */
    statementTimeoutMs?: number;
    /** Every log line of the subgraphs and the gateway, at this level, collected instead of printed. */
    logs?: CollectedLogs;
    /** Each subgraph serves `/metrics` on a free port of its own. */
    metrics?: boolean;
    /**
     * An OpenID Connect provider every service trusts instead of the test issuer, configured as
     * in production: `AUTH_*` settings (AUTH_JWKS_URL, AUTH_ISSUER, AUTH_AUDIENCE, …) for the
     * gateway and for each subgraph's verifier, and the gateway's key pair. `platform.auth`
     * still signs the gateway's public-caller tokens.
     */
    identityProvider?: Record<string, string>;
    /**
     * Traces exported to this OTLP/HTTP endpoint (JSON, exported within 100 ms) by the gateway
     * and every subgraph, each subgraph then run as its own process (see startSubgraphProcess).
     */
    tracesEndpoint?: string;
  } = {},
): Promise<Platform> {
  const database = await createTestDatabase("kgraph_e2e");
  const logs = options.logs;
  const logger = logs
    ? createLogger("e2e", logs.level, { write: (line: string) => void logs.lines.push(line) })
    : createLogger("e2e", process.env.E2E_LOG_LEVEL ?? "silent");
  for (const subgraph of SUBGRAPHS) {
    const db = subgraph.createDataSource(database.url);
    await db.initialize();
    await migrate(db);
    await db.destroy();
  }
  await options.seed?.(database.url);
  const auth = await createTestAuth();
  const gatewaySecret = randomBytes(32).toString("base64url");
  const tracesEnv: Record<string, string> = options.tracesEndpoint
    ? {
        OTEL_EXPORTER_OTLP_ENDPOINT: options.tracesEndpoint,
        OTEL_EXPORTER_OTLP_PROTOCOL: "http/json",
        OTEL_BSP_SCHEDULE_DELAY: "100",
      }
    : {};
  const gatewayEnv = options.identityProvider
    ? {
        ...tracesEnv,
        ...options.identityProvider,
        GATEWAY_SIGNING_JWK: JSON.stringify(auth.keys.gateway.privateJwk),
        ...options.gatewayEnv,
      }
    : { ...tracesEnv, ...options.gatewayEnv };
  const servers: RunningServer[] = [];
  const subgraphUrls: Record<string, string> = {};
  const subgraphMetricsUrls: Record<string, string> = {};
  const proxies: Record<string, RecordingProxy> = {};
  // Each in-process subgraph's running server (null while stopped) and how to start it again on its port.
  const running: Partial<Record<SubgraphDefinition["name"], RunningServer | null>> = {};
  // Chosen now: the subgraphs read the public graph (GRAPH_URL) through the gateway's port.
  const gatewayPort = await freePort();
  const graphUrl = `http://127.0.0.1:${gatewayPort}/graphql`;
  const restarts: Partial<Record<SubgraphDefinition["name"], () => Promise<RunningServer>>> = {};
  try {
    for (const subgraph of SUBGRAPHS) {
      if (options.tracesEndpoint) {
        const server = await startSubgraphProcess(subgraph, database.url, auth, gatewaySecret, {
          ...tracesEnv,
          GRAPH_URL: graphUrl,
        });
        servers.push(server);
        // Stoppable (an outage), not restartable: its process is gone once stopped.
        running[subgraph.name] = server;
        subgraphUrls[subgraph.name] = server.url;
        continue;
      }
      const startOptions = {
        databaseUrl: database.url,
        subjectRefKey: TEST_SUBJECT_REF_KEY,
        port: 0,
        logger,
        // Each subgraph its own verifier, as each runs in its own process in production.
        verifier: options.identityProvider
          ? verifierFromConfig(
              loadConfig(z.object({ ...authConfigShape, NODE_ENV: commonConfigShape.NODE_ENV }), {
                NODE_ENV: "production",
                ...options.identityProvider,
                GATEWAY_PUBLIC_JWK: JSON.stringify(auth.keys.gateway.publicJwk),
              }),
            )
          : auth.verifier,
        gatewaySignatureSecret: gatewaySecret,
        // As in production: the subgraphs answer only what the gateway signed, so every
        // end-to-end test also shows the gateway's planned operations pass the subgraphs' limits.
        edge: options.subgraphEdge ?? PRODUCTION_EDGE,
        statementTimeoutMs: options.statementTimeoutMs,
        metrics: options.metrics ? { port: 0 } : undefined,
        graphUrl,
      };
      const server = await subgraph.start(startOptions);
      running[subgraph.name] = server;
      restarts[subgraph.name] = () => subgraph.start({ ...startOptions, port: server.port });
      servers.push({
        url: server.url,
        port: server.port,
        stop: async () => {
          await running[subgraph.name]?.stop();
          running[subgraph.name] = null;
        },
      });
      subgraphUrls[subgraph.name] = server.url;
      if (server.metricsUrl) subgraphMetricsUrls[subgraph.name] = server.metricsUrl;
      if (options.recordHeaders) {
        const proxy = await startRecordingProxy(server.url);
        servers.push({ url: proxy.url, port: 0, stop: proxy.stop });
        proxies[subgraph.name] = proxy;
        subgraphUrls[subgraph.name] = proxy.url;
      }
    }
    const gateway = await startGatewayProcess(
      subgraphUrls,
      auth,
      gatewaySecret,
      options.trustedOnly ?? false,
      gatewayEnv,
      logs,
      gatewayPort,
    );
    servers.push(gateway);
    return {
      gatewayUrl: gateway.url,
      gatewayMetricsUrl: gateway.metricsUrl,
      subgraphMetricsUrls,
      databaseUrl: database.url,
      subgraphUrls,
      proxies,
      auth,
      gatewaySecret,
      async gql(query, variables, as = ALL_ROLES) {
        const authorization = await auth.authorization(as);
        return graphqlRequest(gateway.url, query, variables, authorization ? { authorization } : {});
      },
      async startGateway(env = {}) {
        const another = await startGatewayProcess(subgraphUrls, auth, gatewaySecret, options.trustedOnly ?? false, {
          ...gatewayEnv,
          ...env,
        });
        servers.push(another);
        return another;
      },
      async stopSubgraph(name) {
        await running[name]?.stop();
        running[name] = null;
      },
      async restartSubgraph(name) {
        if (running[name]) return;
        const restart = restarts[name];
        if (!restart) throw new Error(`the ${name} subgraph runs as its own process here: it cannot be restarted`);
        running[name] = await restart();
      },
      async stop() {
        for (const server of servers.reverse()) await server.stop();
        await database.drop();
      },
    };
  } catch (err) {
    for (const server of servers.reverse()) await server.stop();
    await database.drop();
    throw err;
  }
}
