import net from "node:net";
import { ALL_ROLES } from "@kgraph/platform";
import { type GatewayProcess, type Platform, startPlatform } from "../support/platform";
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
