import { spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { ALL_ROLES } from "@kgraph/platform";
import { Client } from "pg";
import { type GatewayProcess, type Platform, TEST_SUBJECT_REF_KEY, freePort, startPlatform } from "../support/platform";
import { type RecordingProxy, startRecordingProxy } from "../support/recording-proxy";

/**
 * SIGTERM under load: the gateway (its own process, as in production) gets SIGTERM while slow
 * requests are in flight. `/readyz` answers 503 first, while the listener is still open; then new
 * connections are refused; the requests in flight finish with 200 and their data; then the
 * process exits with 0. The cases subgraph is made slow by a proxy that holds each operation.
 */
const SLOW_MS = 3500;
const DELAY_MS = 1500;
const IN_FLIGHT = 4;
let platform: Platform;
let slowCases: RecordingProxy;
let gateway: GatewayProcess;

beforeAll(async () => {
  platform = await startPlatform();
  slowCases = await startRecordingProxy(platform.subgraphUrls.cases, { delayMs: SLOW_MS });
  gateway = await platform.startGateway({
    CASES_URL: slowCases.url,
    SHUTDOWN_DELAY_MS: String(DELAY_MS),
    SHUTDOWN_DRAIN_MS: "15000",
  });
}, 120_000);
afterAll(async () => {
  await platform?.stop();
  await slowCases?.stop();
});

const SLOW_QUERY = `query Slow { agreements { id title } }`;

/** Whether a new TCP connection to the port is accepted. */
function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: "127.0.0.1", port });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

it("fails readiness first, refuses new connections, lets requests in flight finish, then exits with 0", async () => {
  const authorization = (await platform.auth.authorization(ALL_ROLES))!;
  const answeredAt: number[] = [];
  const inFlight = Array.from({ length: IN_FLIGHT }, async () => {
    const response = await fetch(gateway.url, {
      method: "POST",
      headers: { "content-type": "application/json", authorization },
      body: JSON.stringify({ query: SLOW_QUERY }),
      signal: AbortSignal.timeout(20_000),
    });
    const body = (await response.json()) as any;
    answeredAt.push(Date.now());
    return { status: response.status, body };
  });
  // Every one of them has reached the (slow) subgraph: they are in flight.
  const deadline = Date.now() + 10_000;
  while (slowCases.bodies.length < IN_FLIGHT && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  expect(slowCases.bodies.length).toBeGreaterThanOrEqual(IN_FLIGHT);

  process.kill(gateway.pid, "SIGTERM");
  let exitedAt = 0;
  const exited = gateway.exited.then((code) => {
    exitedAt = Date.now();
    return code;
  });

  // First: still listening, but no longer ready (once the signal has reached the process).
  const readyz = gateway.url.replace("/graphql", "/readyz");
  let readiness = await fetch(readyz);
  const notReadyBy = Date.now() + DELAY_MS / 2;
  while (readiness.status === 200 && Date.now() < notReadyBy) {
    await readiness.body?.cancel();
    await new Promise((r) => setTimeout(r, 10));
    readiness = await fetch(readyz);
  }
  expect(readiness.status).toBe(503);
  expect(await readiness.json()).toEqual({ status: "shutting down" });

  // Then: new connections are refused, while the requests in flight are still running.
  const refusedBy = Date.now() + 5000;
  while ((await accepts(gateway.port)) && Date.now() < refusedBy) await new Promise((r) => setTimeout(r, 25));
  const refusedAt = Date.now();
  expect(await accepts(gateway.port)).toBe(false);
  expect(answeredAt).toEqual([]);

  // The requests in flight finish, whole.
  const answers = await Promise.all(inFlight);
  for (const answer of answers) {
    expect(answer.status).toBe(200);
    expect(answer.body.errors).toBeUndefined();
    expect(Array.isArray(answer.body.data.agreements)).toBe(true);
  }
  // Last: the process exits, cleanly, after the last answer.
  expect(await exited).toBe(0);
  expect(exitedAt).toBeGreaterThanOrEqual(Math.max(...answeredAt));
  expect(Math.min(...answeredAt)).toBeGreaterThan(refusedAt);
}, 60_000);

it("drains a subgraph process the same way: readiness first, then refusal, in-flight writes commit, exit 0", async () => {
  const port = await freePort();
  const keysDir = fs.mkdtempSync(path.join(os.tmpdir(), "kgraph-e2e-keys-"));
  const keysFile = path.join(keysDir, "dev-keys.json");
  fs.writeFileSync(keysFile, JSON.stringify(platform.auth.keys), { mode: 0o600 });
  const child = spawn(
    process.execPath,
    [path.join(__dirname, "..", "..", "subgraphs", "facilities", "dist", "main.js")],
    {
      env: {
        ...process.env,
        NODE_ENV: "development",
        DATABASE_URL: platform.databaseUrl,
        PORT: String(port),
        METRICS_PORT: String(await freePort()),
        SUBJECT_REF_KEY: TEST_SUBJECT_REF_KEY,
        AUTH_DEV_KEYS: keysFile,
        LOG_LEVEL: "error",
        SHUTDOWN_DELAY_MS: String(DELAY_MS),
      },
      stdio: ["ignore", "inherit", "inherit"],
    },
  );
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const base = `http://127.0.0.1:${port}`;
  const db = new Client({ connectionString: platform.databaseUrl });
  await db.connect();
  try {
    const startedBy = Date.now() + 30_000;
    while (
      !(await fetch(`${base}/readyz`).then(
        (r) => r.ok,
        () => false,
      ))
    ) {
      if (Date.now() > startedBy || child.exitCode !== null) throw new Error("the facilities subgraph did not start");
      await new Promise((r) => setTimeout(r, 100));
    }
    // Writes held in flight: the test locks the facility table, so each insert waits on it.
    await db.query("BEGIN");
    await db.query("LOCK TABLE facilities.facility IN EXCLUSIVE MODE");
    const authorization = (await platform.auth.authorization(ALL_ROLES))!;
    const names = [1, 2, 3].map((i) => `Drained ${i} ${Date.now()}`);
    const writes = names.map(async (name) => {
      const response = await fetch(`${base}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization },
        body: JSON.stringify({
          query: `mutation($input: CreateFacilityInput!) { createFacility(input: $input) { id name } }`,
          variables: { input: { name, type: "RECEPTION_CENTRE", municipality: "Prishtinë", officialCapacity: 5 } },
        }),
        signal: AbortSignal.timeout(20_000),
      });
      return { status: response.status, body: (await response.json()) as any };
    });
    // A write that answers before the lock is released never waited on it: say what it answered.
    const early: unknown[] = [];
    for (const write of writes)
      void write.then(
        (answer) => early.push(answer),
        (err: unknown) => early.push(String(err)),
      );
    // Generous: under a loaded CI machine the subgraph's first requests compile a lot of code.
    const waitingBy = Date.now() + 30_000;
    for (;;) {
      if (early.length) throw new Error(`a write answered before reaching the lock: ${JSON.stringify(early[0])}`);
      // Inside the test's transaction, pg_stat_activity is a snapshot: taken afresh each time.
      await db.query("SELECT pg_stat_clear_snapshot()");
      const [{ n }] = (
        await db.query(
          `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
        )
      ).rows;
      if (n >= names.length) break;
      if (Date.now() > waitingBy) throw new Error(`only ${n} writes reached the lock`);
      await new Promise((r) => setTimeout(r, 20));
    }

    child.kill("SIGTERM");
    let readiness = await fetch(`${base}/readyz`);
    const notReadyBy = Date.now() + DELAY_MS / 2;
    while (readiness.status === 200 && Date.now() < notReadyBy) {
      await readiness.body?.cancel();
      await new Promise((r) => setTimeout(r, 10));
      readiness = await fetch(`${base}/readyz`);
    }
    expect(readiness.status).toBe(503);
    const refusedBy = Date.now() + 5000;
    while ((await accepts(port)) && Date.now() < refusedBy) await new Promise((r) => setTimeout(r, 25));
    expect(await accepts(port)).toBe(false);
    expect(child.exitCode).toBeNull();

    // The writes in flight go on once the lock is released, and answer.
    await db.query("COMMIT");
    const answers = await Promise.all(writes);
    expect(answers.map((a) => [a.status, a.body.errors, a.body.data?.createFacility.name])).toEqual(
      names.map((name) => [200, undefined, name]),
    );
    expect(await exited).toBe(0);
    const { rows } = await db.query(`SELECT count(*)::int AS n FROM facilities.facility WHERE name = ANY($1)`, [names]);
    expect(rows[0].n).toBe(names.length);
  } finally {
    await db.query("ROLLBACK").catch(() => undefined);
    await db.end();
    if (child.exitCode === null) child.kill("SIGKILL");
    fs.rmSync(keysDir, { recursive: true, force: true });
  }
}, 60_000);
