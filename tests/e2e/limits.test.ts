import { spawnSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import http from "node:http";
import net from "node:net";
import { SUBGRAPH_NAMES } from "../../tools/src/subgraphs";
import { type Platform, startPlatform } from "../support/platform";

/** Size, depth, alias, token, directive and rate limits at the gateway, configured low so a test can reach them. */
let platform: Platform;
beforeAll(async () => {
  platform = await startPlatform({
    gatewayEnv: {
      LIMIT_REQUESTS_PER_MINUTE: "8",
      LIMIT_MAX_DEPTH: "4",
      LIMIT_MAX_ALIASES: "3",
      LIMIT_MAX_BODY_BYTES: "4096",
      LIMIT_MAX_TOKENS: "100",
      LIMIT_MAX_DIRECTIVES: "2",
    },
  });
}, 60_000);
afterAll(async () => {
  await platform?.stop();
});

async function post(body: string, authorization?: string, url = platform.gatewayUrl, headers = {}) {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...(authorization ? { authorization } : {}), ...headers },
    body,
  });
  return {
    status: response.status,
    retryAfter: response.headers.get("retry-after"),
    body: (await response.json()) as any,
  };
}

it("refuses an operation nested deeper than the limit, naming it", async () => {
  const deep = `{ facilities { placements(first: 1) { edges { node { facility { name } } } } } }`;
  const res = await post(JSON.stringify({ query: deep }), await platform.auth.authorization("auditor"));
  expect(res.body.errors[0]).toMatchObject({
    message: "Query depth limit of 4 exceeded, found 6.",
    extensions: { code: "QUERY_TOO_DEEP" },
  });
});

it("refuses more aliases than the limit", async () => {
  const query = `{ a: agreements { id } b: agreements { id } c: agreements { id } d: agreements { id } }`;
  const res = await post(JSON.stringify({ query }), await platform.auth.authorization("auditor"));
  expect(res.body.errors[0]).toMatchObject({
    message: "Aliases limit of 3 exceeded, found 4.",
    extensions: { code: "TOO_MANY_ALIASES" },
  });
});

it("refuses a document with more tokens than the limit before parsing it further", async () => {
  const query = `{ agreements { ${Array(120).fill("id").join(" ")} } }`;
  const authorization = await platform.auth.authorization("auditor");
  const refusal = { message: "Token limit of 100 exceeded.", extensions: { code: "TOO_MANY_TOKENS" } };
  // Refused from inside the parser, so it is a parse error as GraphQL over HTTP defines them:
  // HTTP 400 for a client that accepts application/graphql-response+json, and 200 with the
  // coded error for one that only accepts the legacy application/json (Yoga follows the spec).
  const current = await post(JSON.stringify({ query }), authorization, undefined, {
    accept: "application/graphql-response+json",
  });
  expect(current.status).toBe(400);
  expect(current.body.errors[0]).toMatchObject(refusal);
  const legacy = await post(JSON.stringify({ query }), authorization, undefined, { accept: "application/json" });
  expect(legacy.status).toBe(200);
  expect(legacy.body.errors[0]).toMatchObject(refusal);
});

it("refuses more directives than the limit", async () => {
  const query = `{ agreements @include(if: true) { id @include(if: true) title @skip(if: false) } }`;
  const res = await post(JSON.stringify({ query }), await platform.auth.authorization("auditor"));
  expect(res.status).toBe(400);
  expect(res.body.errors[0]).toMatchObject({
    message: "Directives limit of 2 exceeded, found 3.",
    extensions: { code: "TOO_MANY_DIRECTIVES" },
  });
});

it("refuses a body over the size limit with HTTP 413", async () => {
  const res = await post(JSON.stringify({ query: `{ agreements { id } }`, variables: { pad: "x".repeat(5000) } }));
  expect(res.status).toBe(413);
  expect(res.body.errors[0].extensions.code).toBe("PAYLOAD_TOO_LARGE");
});

it("answers HTTP 429 with Retry-After past the rate, per caller", async () => {
  const monitor = (await platform.auth.authorization({ roles: ["monitor"], sub: "rate-test-monitor" })) as string;
  const statuses: number[] = [];
  let last: Awaited<ReturnType<typeof post>> | undefined;
  for (let i = 0; i < 10; i++) {
    last = await post(JSON.stringify({ query: "{ agreements { id } }" }), monitor);
    statuses.push(last.status);
  }
  expect(statuses.slice(0, 8)).toEqual(Array(8).fill(200));
  expect(statuses.slice(8)).toEqual([429, 429]);
  expect(Number(last!.retryAfter)).toBeGreaterThan(0);
  expect(last!.body.errors[0].message).toMatch(/^Too many requests: the limit is 8 a minute\. Retry in \d+ s\.$/);
  // Another caller has their own allowance.
  const other = await post(
    JSON.stringify({ query: "{ agreements { id } }" }),
    await platform.auth.authorization("auditor"),
  );
  expect(other.status).toBe(200);
});

const AGREEMENTS = JSON.stringify({ query: "{ agreements { id } }" });

/** The statuses of `count` requests, one after the other; `request(i)` sends the i-th. */
async function statusesOf(count: number, request: (i: number) => Promise<{ status: number }>) {
  const statuses: number[] = [];
  for (let i = 0; i < count; i++) statuses.push((await request(i)).status);
  return statuses;
}

describe("anonymous callers are counted by their address", () => {
  // Each test gets a gateway of its own: every anonymous caller here is the same loopback peer.
  it("does not let a client escape the limit by rotating X-Forwarded-For", async () => {
    const gateway = await platform.startGateway();
    const statuses = await statusesOf(10, (i) =>
      post(AGREEMENTS, undefined, gateway.url, { "x-forwarded-for": `203.0.113.${i}`, "x-real-ip": `198.51.100.${i}` }),
    );
    expect(statuses).toEqual([...Array(8).fill(200), 429, 429]);
  });

  it("behind a trusted proxy, counts each forwarded client on its own", async () => {
    const gateway = await platform.startGateway({ TRUSTED_PROXIES: "127.0.0.1" });
    // The client may prepend anything; the right-most address not a trusted proxy is the key.
    const first = await statusesOf(9, (i) =>
      post(AGREEMENTS, undefined, gateway.url, { "x-forwarded-for": `10.9.9.${i}, 203.0.113.7` }),
    );
    expect(first).toEqual([...Array(8).fill(200), 429]);
    const second = await post(AGREEMENTS, undefined, gateway.url, { "x-forwarded-for": "203.0.113.8" });
    expect(second.status).toBe(200);
  });

  it("counts each operation of a batch", async () => {
    const gateway = await platform.startGateway({ LIMIT_REQUESTS_PER_MINUTE: "12" });
    const batch = await post(
      JSON.stringify(Array(10).fill({ query: "{ agreements { id } }" })),
      undefined,
      gateway.url,
    );
    expect(batch.status).toBe(200);
    expect(batch.body).toHaveLength(10);
    expect(batch.body.every((result: any) => Array.isArray(result.data.agreements))).toBe(true);
    // 10 of 12 are spent: two more single requests, then the limit.
    expect(await statusesOf(3, () => post(AGREEMENTS, undefined, gateway.url))).toEqual([200, 200, 429]);
  });
});

it("refuses a batch that goes past the rate, with Retry-After", async () => {
  const caller = (await platform.auth.authorization({ roles: ["monitor"], sub: "rate-test-batch" })) as string;
  const res = await post(JSON.stringify(Array(9).fill({ query: "{ agreements { id } }" })), caller);
  expect(res.status).toBe(429);
  expect(Number(res.retryAfter)).toBeGreaterThan(0);
  // Refused whole, before any operation runs.
  expect(res.body).toEqual({ errors: [expect.anything()] });
  expect(res.body.errors[0]).toMatchObject({
    message: expect.stringMatching(/^Too many requests: the limit is 8 a minute\. Retry in \d+ s\.$/),
    extensions: { code: "RATE_LIMITED" },
  });
});

describe("/readyz", () => {
  it("answers ready with the report when every subgraph is", async () => {
    const res = await fetch(new URL("/readyz", platform.gatewayUrl));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      status: "ready",
      subgraphs: Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, "ready"])),
      database: "ready",
    });
  });

  it("makes one round of subgraph checks per cache interval however many callers ask", async () => {
    // A stand-in for every subgraph that counts its /readyz calls, answers slowly (so the
    // flood arrives while a check is in flight) and reports its database down.
    let checks = 0;
    const fake = http.createServer((req, res) => {
      if (req.url === "/readyz") checks += 1;
      setTimeout(() => {
        res.statusCode = 503;
        res.end("{}");
      }, 200);
    });
    await new Promise<void>((resolve) => fake.listen(0, "127.0.0.1", () => resolve()));
    const fakeUrl = `http://127.0.0.1:${(fake.address() as net.AddressInfo).port}/graphql`;
    try {
      const gateway = await platform.startGateway({
        ...Object.fromEntries(SUBGRAPH_NAMES.map((name) => [`${name.toUpperCase()}_URL`, fakeUrl])),
        READINESS_CACHE_MS: "600000",
      });
      const readyz = new URL("/readyz", gateway.url);
      const flood = await Promise.all(Array.from({ length: 50 }, () => fetch(readyz)));
      const after = await Promise.all(Array.from({ length: 20 }, () => fetch(readyz)));
      const answers = [...flood, ...after];
      expect(answers.map((r) => r.status)).toEqual(Array(70).fill(503));
      expect(await answers[69].json()).toEqual({
        status: "not ready",
        subgraphs: Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, "not ready"])),
        database: "not ready",
      });
      // One check of each subgraph, for 70 callers.
      expect(checks).toBe(SUBGRAPH_NAMES.length);
    } finally {
      fake.closeAllConnections();
      await new Promise<void>((resolve) => fake.close(() => resolve()));
    }
  });
});

const REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
/** Whether Redis answers PING (checked synchronously, so the suite can be skipped up front). */
function redisAnswers(url: string): boolean {
  const { hostname, port } = new URL(url);
  const probe = `const s=require("net").connect(${Number(port || 6379)},${JSON.stringify(hostname)},()=>s.write("PING\\r\\n"));s.setTimeout(2000,()=>process.exit(1));s.on("error",()=>process.exit(1));s.on("data",d=>process.exit(String(d).startsWith("+PONG")?0:1));`;
  return spawnSync(process.execPath, ["-e", probe], { timeout: 5000 }).status === 0;
}
// Outside CI a machine without Redis skips these; in CI they must run (.ci/run starts Redis).
const redisUp = process.env.CI === "true" || redisAnswers(REDIS_URL);
if (!redisUp) console.warn(`Redis does not answer at ${REDIS_URL}: skipping the shared rate-limit tests`);

(redisUp ? describe : describe.skip)("rate limit shared through Redis", () => {
  it("counts a caller across two gateways on one Redis", async () => {
    const env = { REDIS_URL, REDIS_KEY_PREFIX: `kgraph-test:${randomUUID()}` };
    const [one, two] = [await platform.startGateway(env), await platform.startGateway(env)];
    const caller = (await platform.auth.authorization({ roles: ["monitor"], sub: "rate-test-replicas" })) as string;
    // Alternating: each gateway sees five of the ten, under the limit of 8 on its own.
    const statuses = await statusesOf(10, (i) => post(AGREEMENTS, caller, (i % 2 ? two : one).url));
    expect(statuses).toEqual([...Array(8).fill(200), 429, 429]);
  });
});

it("still answers and still limits when Redis is down (the in-memory insurance limiter)", async () => {
  const closedPort = await new Promise<number>((resolve) => {
    const server = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
  const gateway = await platform.startGateway({ REDIS_URL: `redis://127.0.0.1:${closedPort}` });
  const caller = (await platform.auth.authorization({ roles: ["monitor"], sub: "rate-test-no-redis" })) as string;
  const statuses = await statusesOf(10, () => post(AGREEMENTS, caller, gateway.url));
  expect(statuses).toEqual([...Array(8).fill(200), 429, 429]);
});
