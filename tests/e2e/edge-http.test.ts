import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { FacilityConditionsDocument } from "@kgraph/client";
import { INVALID_TOKEN_RESPONSE, generateKeyPairJwk } from "@kgraph/platform";
import { ROLES } from "@kgraph/policy";
import { Client } from "pg";
import { parse as parseYaml } from "yaml";
import { FORWARDING_HEADERS } from "../../gateway/src/graphiql";
import { CORS_SIMPLE_TYPES } from "../../gateway/src/request-shape";
import { type Platform, startPlatform } from "../support/platform";

/**
 * Issue 8, the browser-facing edge over real HTTP: GraphiQL's parameters and its CSP, CORS to
 * an allow-list, development tokens for this machine's own browser only, the body limit by bytes
 * read, trusted documents with bad Authorization headers and prototype-named ids, subscriptions,
 * and Keycloak's compose service. A development gateway (listening on every interface, so a
 * request can also come from a non-loopback address) and a production one.
 */
const ALLOWED = ["https://console.example.org", "https://integrator.example.net"];
const TITLE = "Kosovo reception programme graph";
const BODY_LIMIT = 64 * 1024;
const REQUEST_TIMEOUT_MS = 2000;
const IN_FLIGHT = 3;
let dev: Platform;
let prod: Platform;
let devOrigin: string;

beforeAll(async () => {
  dev = await startPlatform({
    trustedOnly: true,
    gatewayEnv: {
      CORS_ORIGINS: ALLOWED.join(","),
      LIMIT_MAX_BODY_BYTES: String(BODY_LIMIT),
      LIMIT_REQUESTS_PER_MINUTE: "100000",
      LIMIT_REQUEST_TIMEOUT_MS: String(REQUEST_TIMEOUT_MS),
      LIMIT_MAX_IN_FLIGHT_PER_CALLER: String(IN_FLIGHT),
      GATEWAY_HOST: "0.0.0.0",
    },
  });
  devOrigin = new URL(dev.gatewayUrl).origin;
  const gatewayKey = await generateKeyPairJwk("edge-http-test");
  prod = await startPlatform({
    trustedOnly: true,
    gatewayEnv: {
      NODE_ENV: "production",
      // Never fetched: no test here sends the production gateway a token.
      AUTH_JWKS_URL: "http://127.0.0.1:9/jwks",
      GATEWAY_SIGNING_JWK: JSON.stringify(gatewayKey.privateJwk),
      LIMIT_REQUESTS_PER_MINUTE: "100000",
    },
  });
}, 180_000);
afterAll(async () => {
  await dev?.stop();
  await prod?.stop();
});

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A raw HTTP request: headers exactly as given (Host, Origin, Sec-Fetch-*, an empty Authorization). */
function request(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string; host?: string } = {},
): Promise<Answer> {
  const target = new URL(url);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: options.host ?? target.hostname,
        port: target.port,
        path: target.pathname + target.search,
        method: options.method ?? "GET",
        headers: { host: target.host, ...options.headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () =>
          resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks).toString("utf8") }),
        );
      },
    );
    req.on("error", reject);
    req.end(options.body);
  });
}

const page = (platform: Platform, search: string, headers: Record<string, string> = {}, host?: string) =>
  request(`${new URL(platform.gatewayUrl).origin}/graphql${search}`, {
    headers: { accept: "text/html", ...headers },
    host,
  });

const tokenIn = (html: string) => /Bearer (ey[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)/.exec(html)?.[1];
const titleOf = (html: string) => /<title>([^<]*)<\/title>/.exec(html)?.[1];

const post = (platform: Platform, body: unknown, headers: Record<string, string> = {}) =>
  request(platform.gatewayUrl, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });

describe("GraphiQL's parameters", () => {
  const payloads = [
    `</title><script>alert(1)</script>`,
    `"><img src=x onerror=alert(1)>`,
    `</script><script>alert(document.domain)</script>`,
    `mia_officer</title><svg onload=alert(1)>`,
    `mia_officer" onmouseover="alert(1)`,
    `\u2028</script>`,
  ];

  it.each(payloads)("never echoes a hostile `as` (%s), in any parameter, and opens as the public", async (payload) => {
    for (const platform of [dev, prod]) {
      const search = `?${new URLSearchParams({ as: payload, query: payload, variables: payload, headers: payload, operationName: payload })}`;
      const res = await page(platform, search);
      expect(res.status).toBe(200);
      expect(titleOf(res.body)).toBe(TITLE);
      expect(res.body).not.toContain(payload);
      expect(res.body).not.toContain("alert(");
      expect(tokenIn(res.body)).toBeUndefined();
    }
  });

  it.each([
    ...["__proto__", "constructor", "toString", "hasOwnProperty", "MIA_OFFICER", " mia_officer"].map((as) => [as, as]),
    ["5000 characters", "a".repeat(5000)],
  ])("opens as the public for `as` = %s, never HTTP 500", async (_name, as) => {
    const res = await page(dev, `?as=${encodeURIComponent(as)}`);
    expect(res.status).toBe(200);
    expect(titleOf(res.body)).toBe(TITLE);
    expect(tokenIn(res.body)).toBeUndefined();
    expect(res.body).toContain("Viewing as the public (no token)");
  });

  it("sends a nonce-based Content-Security-Policy with the page, in development and production", async () => {
    for (const [platform, scripts] of [
      [dev, 3],
      [prod, 1],
    ] as const) {
      const res = await page(platform, "?as=monitor");
      const csp = res.headers["content-security-policy"] as string;
      const nonce = /script-src 'nonce-([A-Za-z0-9+/=]+)'/.exec(csp)?.[1];
      expect(nonce).toBeDefined();
      expect(csp).toContain("default-src 'none'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toContain("unsafe-eval");
      expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
      // Every script element of the page carries the nonce: GraphiQL's and, in development, ours. (The
      // only other "<script>" is a string inside React's bundle: "<script><\/script>".)
      expect(res.body.split(`<script nonce="${nonce}">`)).toHaveLength(scripts + 1);
      expect([...res.body.matchAll(/<script\b(?!><\\\/script>)/g)]).toHaveLength(scripts);
      expect(res.headers["cache-control"]).toBe("no-store");
      expect(res.headers["x-content-type-options"]).toBe("nosniff");
      // A fresh nonce for every page.
      const again = await page(platform, "?as=monitor");
      expect(again.headers["content-security-policy"]).not.toBe(csp);
    }
  });

  it("sends no CSP of the page with GraphQL answers", async () => {
    const res = await post(
      dev,
      { query: "{ agreements { id } }" },
      { authorization: (await dev.auth.authorization("auditor"))! },
    );
    expect(res.status).toBe(200);
    expect(res.headers["content-security-policy"]).toBeUndefined();
  });
});

async function complaintsFiled(platform: Platform): Promise<number> {
  const db = new Client({ connectionString: platform.databaseUrl });
  await db.connect();
  try {
    return (await db.query("SELECT count(*)::int AS n FROM monitoring.complaint")).rows[0].n as number;
  } finally {
    await db.end();
  }
}

describe("caching of answers", () => {
  // Probe 4, I2: a signed-in caller's answer, a name in it, came back with no Cache-Control.
  it("marks every answer to a signed-in caller no-store, by GET and POST, refusals included", async () => {
    const authorization = (await dev.auth.authorization({ roles: ["mia_officer"], sub: "edge-cache" })) as string;
    const query = "{ cases(first: 1) { edges { node { caseNumber } } } }";
    const get = await request(`${dev.gatewayUrl}?query=${encodeURIComponent(query)}`, {
      headers: { authorization, accept: "application/json" },
    });
    expect(get.status).toBe(200);
    expect(get.headers["cache-control"]).toBe("no-store");
    const posted = await post(dev, { query }, { authorization });
    expect(posted.headers["cache-control"]).toBe("no-store");
    const refused = await post(dev, { query }, { authorization: "Bearer not.a.token" });
    expect(refused.status).toBe(401);
    expect(refused.headers["cache-control"]).toBe("no-store");
    const publicAnswer = await post(dev, { query: "{ agreements { id } }" });
    expect(publicAnswer.headers["cache-control"]).toBeUndefined();
  });
});

describe("cross-site requests", () => {
  // Probe 3, L5: a form-encoded POST filed a complaint, and any web page can send one (no preflight).
  const MUTATION =
    'mutation { fileComplaint(input: { channel: WEB, category: OTHER, text: "synthetic csrf text", anonymous: true }) { receiptCode } }';
  const bodies: Record<string, string> = {
    "application/x-www-form-urlencoded": new URLSearchParams({ query: MUTATION }).toString(),
    "multipart/form-data; boundary=x": `--x\r\nContent-Disposition: form-data; name="query"\r\n\r\n${MUTATION}\r\n--x--\r\n`,
    "text/plain": JSON.stringify({ query: MUTATION }),
    "text/plain;charset=UTF-8": JSON.stringify({ query: MUTATION }),
  };
  it.each(
    [...CORS_SIMPLE_TYPES].filter(Boolean).flatMap((type) => Object.keys(bodies).filter((k) => k.startsWith(type))),
  )("a POST as %s (sendable without a preflight) is refused with 415, and files nothing", async (contentType) => {
    const before = await complaintsFiled(dev);
    const res = await request(dev.gatewayUrl, {
      method: "POST",
      headers: { "content-type": contentType },
      body: bodies[contentType],
    });
    expect(res.status).toBe(415);
    expect(await complaintsFiled(dev)).toBe(before);
  });

  it("a POST without a Content-Type is refused too, and application/json is answered", async () => {
    const bare = await request(dev.gatewayUrl, {
      method: "POST",
      body: JSON.stringify({ query: "{ agreements { id } }" }),
    });
    expect(bare.status).toBe(415);
    const json = await post(dev, { query: "{ agreements { id } }" });
    expect(json.status).toBe(200);
  });
});

describe("development tokens", () => {
  it("are minted for this machine's own browser: loopback, and no other site's Origin or Sec-Fetch-Site", async () => {
    const sameSite: Record<string, string>[] = [
      {},
      { "sec-fetch-site": "none" },
      { "sec-fetch-site": "same-origin", origin: devOrigin },
    ];
    for (const headers of sameSite) {
      const res = await page(dev, "?as=mia_officer", headers);
      expect(titleOf(res.body)).toBe(`${TITLE} — as mia_officer`);
      expect(tokenIn(res.body)).toBeDefined();
    }
    // The role picker (development only) offers every role.
    const res = await page(dev, "?as=monitor");
    for (const role of ROLES) expect(res.body).toContain(`<option value="${role}"`);
  });

  it.each([
    ["another site's Origin", { origin: "https://evil.example" }],
    ["Origin: null (a sandboxed frame or a file)", { origin: "null" }],
    ["another port's Origin", { origin: "http://127.0.0.1:1" }],
    ["Sec-Fetch-Site: cross-site", { "sec-fetch-site": "cross-site" }],
    ["Sec-Fetch-Site: same-site", { "sec-fetch-site": "same-site" }],
    ["a same Origin but Sec-Fetch-Site: cross-site", { origin: "ORIGIN", "sec-fetch-site": "cross-site" }],
  ])("are refused with %s", async (_name, headers) => {
    const sent = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, v === "ORIGIN" ? devOrigin : v]));
    const res = await page(dev, "?as=ombudsperson", sent);
    expect(res.status).toBe(200);
    expect(tokenIn(res.body)).toBeUndefined();
  });

  it.each(FORWARDING_HEADERS)(
    "are refused to a request relayed by a proxy (%s), even over loopback",
    async (header) => {
      const res = await page(dev, "?as=ombudsperson", { [header]: header === "via" ? "1.1 nginx" : "203.0.113.5" });
      expect(res.status).toBe(200);
      expect(tokenIn(res.body)).toBeUndefined();
    },
  );

  it("are refused for a non-loopback Host (a DNS-rebound name), even over loopback", async () => {
    const port = new URL(dev.gatewayUrl).port;
    const res = await request(`http://evil.example:${port}/graphql?as=ombudsperson`, {
      headers: { accept: "text/html" },
      host: "127.0.0.1",
    });
    expect(res.status).toBe(200);
    expect(tokenIn(res.body)).toBeUndefined();
  });

  it("are refused to a connection from a non-loopback address", async () => {
    const address = Object.values(os.networkInterfaces())
      .flat()
      .find((a) => a && a.family === "IPv4" && !a.internal)?.address;
    // This machine has one (the test would prove nothing without it).
    expect(address).toBeDefined();
    // Host still says 127.0.0.1: only the socket's address differs.
    const res = await page(dev, "?as=ombudsperson", {}, address);
    expect(res.status).toBe(200);
    expect(titleOf(res.body)).toBe(`${TITLE} — as ombudsperson`);
    expect(tokenIn(res.body)).toBeUndefined();
  });

  it("are never minted in production, where the page has no role picker", async () => {
    for (const role of ROLES) {
      const res = await page(prod, `?as=${role}`, { "sec-fetch-site": "none" });
      expect(res.status).toBe(200);
      expect(titleOf(res.body)).toBe(`${TITLE} — as ${role}`);
      expect(tokenIn(res.body)).toBeUndefined();
      expect(res.body).not.toContain("kgraph-role-picker");
    }
  });
});

describe("CORS", () => {
  const preflight = (origin: string) =>
    request(dev.gatewayUrl, {
      method: "OPTIONS",
      headers: {
        origin,
        "access-control-request-method": "POST",
        "access-control-request-headers": "authorization, content-type",
      },
    });

  it.each([
    "https://evil.example",
    "null",
    "https://console.example.org.evil.example",
    "http://console.example.org",
    "https://console.example.org:8443",
  ])("gives %s no CORS headers at all", async (origin) => {
    for (const res of [await post(dev, { query: "{ __typename }" }, { origin }), await preflight(origin)]) {
      expect(res.headers["access-control-allow-origin"]).toBeUndefined();
      expect(res.headers["access-control-allow-credentials"]).toBeUndefined();
      expect(res.headers["access-control-allow-methods"]).toBeUndefined();
    }
  });

  it("gives the gateway's own origin none either: a same-origin page needs none", async () => {
    const res = await post(dev, { query: "{ __typename }" }, { origin: devOrigin });
    expect(res.headers["access-control-allow-origin"]).toBeUndefined();
  });

  it.each(ALLOWED)("allows %s, without credentials", async (origin) => {
    const res = await preflight(origin);
    expect(res.status).toBe(204);
    expect(res.headers["access-control-allow-origin"]).toBe(origin);
    expect(res.headers["access-control-allow-methods"]).toBe("GET, POST");
    expect(res.headers["access-control-allow-headers"]).toBe("authorization, content-type");
    expect(res.headers["access-control-allow-credentials"]).toBeUndefined();
    const answer = await post(
      dev,
      { query: "{ agreements { id } }" },
      { origin, authorization: (await dev.auth.authorization("auditor"))! },
    );
    expect(answer.status).toBe(200);
    expect(answer.headers["access-control-allow-origin"]).toBe(origin);
    expect(answer.headers["access-control-allow-credentials"]).toBeUndefined();
    expect(answer.headers["access-control-expose-headers"]).toBe("x-request-id, retry-after");
  });

  it("gives no origin CORS headers in production's default (CORS_ORIGINS unset)", async () => {
    for (const origin of [...ALLOWED, "https://evil.example"]) {
      const res = await post(prod, { query: "{ __typename }" }, { origin });
      expect(res.headers["access-control-allow-origin"]).toBeUndefined();
    }
  });
});

describe("the body limit, by bytes read", () => {
  /**
   * Streams `total` bytes of a JSON body in chunks (Transfer-Encoding: chunked, no
   * Content-Length), waiting for each to drain, and stops as soon as an answer arrives.
   */
  function chunked(total: number, authorization?: string): Promise<{ status: number; body: string }> {
    const url = new URL(dev.gatewayUrl);
    return new Promise((resolve, reject) => {
      let sent = 0;
      let answered = false;
      const req = http.request({
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: "POST",
        headers: { "content-type": "application/json", ...(authorization ? { authorization } : {}) },
      });
      req.on("response", (res) => {
        answered = true;
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode!, body: Buffer.concat(chunks).toString() }));
      });
      // The server may close the connection while we still write: that is the point.
      req.on("error", (err) => (answered ? undefined : reject(err)));
      const head = `{"query":"{ __typename }","variables":{"pad":"`;
      const tail = `"}}`;
      const chunk = "x".repeat(64 * 1024);
      const write = () => {
        if (answered) return;
        if (sent === 0) {
          sent += head.length;
          if (!req.write(head)) return void req.once("drain", write);
        }
        while (sent + chunk.length + tail.length <= total) {
          if (answered) return;
          sent += chunk.length;
          if (!req.write(chunk)) return void req.once("drain", write);
        }
        const rest = "x".repeat(total - sent - tail.length) + tail;
        sent += rest.length;
        req.end(rest);
      };
      write();
    });
  }

  it("refuses a chunked body of 32 MB with 413, and stays healthy", async () => {
    const res = await chunked(32 * 1024 * 1024);
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body).errors[0]).toEqual({
      message: `The request body is over the limit of ${BODY_LIMIT} bytes.`,
      extensions: { code: "PAYLOAD_TOO_LARGE" },
    });
    // Whether the answer reaches this client before it has written the rest depends on how the
    // two processes are scheduled (it failed about half the runs on a loaded machine), so it is
    // not asserted; a slow client sending 64 KiB every 5 ms to \`npm start\` got its 413 after
    // 256 KiB (the limit), in 23 ms.
    expect((await fetch(`${devOrigin}/healthz`)).status).toBe(200);
  });

  it("refuses a chunked body just over the limit, and runs one just under it", async () => {
    const auditor = (await dev.auth.authorization("auditor"))!;
    const over = await chunked(BODY_LIMIT + 1, auditor);
    expect(over.status).toBe(413);
    const under = await chunked(BODY_LIMIT, auditor);
    expect(under.status).toBe(200);
    // The whole body reached the runtime: it parsed as JSON, padding and all.
    expect(JSON.parse(under.body)).toMatchObject({ data: { __typename: "Query" } });
  });

  it("refuses a declared Content-Length over the limit unread", async () => {
    const res = await post(dev, { query: "{ agreements { id } }", variables: { pad: "x".repeat(BODY_LIMIT) } });
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body).errors[0].extensions.code).toBe("PAYLOAD_TOO_LARGE");
  });
});

describe("slow clients (a request sent slowly never holds its connection for long)", () => {
  /**
   * Opens a raw connection, writes `start`, then one more byte of `drip` every 200 ms; resolves
   * with what the server sent and how long it kept the connection (capped at 15 s by the test).
   */
  function trickle(start: string, drip: string): Promise<{ answer: string; heldMs: number }> {
    const url = new URL(dev.gatewayUrl);
    return new Promise((resolve) => {
      const began = Date.now();
      const socket = net.connect(Number(url.port), "127.0.0.1");
      const chunks: Buffer[] = [];
      let i = 0;
      const timer = setInterval(() => {
        if (i < drip.length) socket.write(drip[i++]);
      }, 200);
      const cap = setTimeout(() => socket.destroy(), 15_000);
      socket.on("data", (c: Buffer) => chunks.push(c));
      socket.on("error", () => undefined);
      socket.on("close", () => {
        clearInterval(timer);
        clearTimeout(cap);
        resolve({ answer: Buffer.concat(chunks).toString(), heldMs: Date.now() - began });
      });
      socket.write(start);
    });
  }

  it("answers 408 and closes a connection whose body trickles in past the request timeout", async () => {
    const body = JSON.stringify({ query: "{ agreements { id } }" });
    const head = `POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`;
    const slow = trickle(head, body);
    // Meanwhile everyone else is served.
    expect((await fetch(`${devOrigin}/healthz`)).status).toBe(200);
    const { answer, heldMs } = await slow;
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
    // Closed at the timeout (checked every second), not at the test's 15 s cap.
    expect(heldMs).toBeGreaterThanOrEqual(REQUEST_TIMEOUT_MS - 100);
    expect(heldMs).toBeLessThan(REQUEST_TIMEOUT_MS + 5000);
  });

  it("closes a connection whose headers never end", async () => {
    const { answer, heldMs } = await trickle(
      "POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\n",
      "X-Slow: " + "a".repeat(200),
    );
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
    expect(heldMs).toBeLessThan(REQUEST_TIMEOUT_MS + 5000);
  });
});

describe("requests in flight per caller", () => {
  /** A request whose body never completes: in flight until the request timeout closes it. */
  function held(authorization: string): Promise<string> {
    const url = new URL(dev.gatewayUrl);
    return new Promise((resolve) => {
      const socket = net.connect(Number(url.port), "127.0.0.1");
      const chunks: Buffer[] = [];
      socket.on("data", (c: Buffer) => chunks.push(c));
      socket.on("error", () => undefined);
      socket.on("close", () => resolve(Buffer.concat(chunks).toString()));
      socket.write(
        `POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nAuthorization: ${authorization}\r\nContent-Length: 100\r\n\r\n{`,
      );
    });
  }
  const send = (authorization: string, body: unknown) =>
    fetch(dev.gatewayUrl, {
      method: "POST",
      headers: { "content-type": "application/json", authorization },
      body: JSON.stringify(body),
    });

  it("refuses a caller's request past the cap with 429 CONCURRENCY_LIMITED, others unaffected, places freed when requests end", async () => {
    const busy = (await dev.auth.authorization({ roles: ["auditor"], sub: "in-flight-busy" }))!;
    const other = (await dev.auth.authorization({ roles: ["auditor"], sub: "in-flight-other" }))!;
    const slow = Array.from({ length: IN_FLIGHT }, () => held(busy));
    await new Promise((resolve) => setTimeout(resolve, 300));
    const refused = await send(busy, { query: "{ agreements { id } }" });
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toBe("1");
    expect(((await refused.json()) as any).errors[0].extensions.code).toBe("CONCURRENCY_LIMITED");
    // Another caller is served meanwhile.
    expect((await send(other, { query: "{ agreements { id } }" })).status).toBe(200);
    // The held requests end (408 at the request timeout): their places are free again.
    for (const answer of await Promise.all(slow)) expect(answer).toMatch(/^HTTP\/1\.1 408/);
    expect((await send(busy, { query: "{ agreements { id } }" })).status).toBe(200);
  });

  it("holds one place per operation of a batch", async () => {
    const caller = (await dev.auth.authorization({ roles: ["auditor"], sub: "in-flight-batch" }))!;
    const batch = (n: number) => Array.from({ length: n }, () => ({ query: "{ agreements { id } }" }));
    expect((await send(caller, batch(IN_FLIGHT))).status).toBe(200);
    const over = await send(caller, batch(IN_FLIGHT + 1));
    expect(over.status).toBe(429);
    expect(JSON.stringify(await over.json())).toContain("CONCURRENCY_LIMITED");
    // Nothing is left held by the refused batch.
    expect((await send(caller, batch(IN_FLIGHT))).status).toBe(200);
  });
});

describe("trusted documents (public callers may run only those)", () => {
  it.each(["", " ", "Bearer", "Bearer ", "Basic dXNlcjpwYXNz", "bearer", "garbage", "Bearer not.a.jwt"])(
    "answers Authorization %j with 401 invalid token, never as a public caller",
    async (authorization) => {
      const res = await post(dev, { query: "{ agreements { title } }" }, { authorization });
      expect(res.status).toBe(INVALID_TOKEN_RESPONSE.status);
      expect(JSON.parse(res.body)).toEqual(JSON.parse(INVALID_TOKEN_RESPONSE.body));
    },
  );

  it("still refuses an arbitrary operation without a header, and runs a trusted one", async () => {
    const refused = await post(dev, { query: "{ agreements { title } }" });
    expect(JSON.parse(refused.body).errors[0].extensions.code).toBe("TRUSTED_DOCUMENTS_ONLY");
    const hash = (FacilityConditionsDocument as unknown as { __meta__: { hash: string } }).__meta__.hash;
    const ok = await post(dev, { documentId: hash });
    expect(ok.status).toBe(200);
    expect(JSON.parse(ok.body).data.facilities).toEqual(expect.any(Array));
  });

  it.each(["__proto__", "constructor", "toString", "hasOwnProperty", "valueOf", "sha256:__proto__", "prototype"])(
    "answers documentId %s as not found, never HTTP 500",
    async (documentId) => {
      const res = await post(dev, { documentId });
      expect(res.status).toBeLessThan(500);
      expect(JSON.parse(res.body).errors).toEqual([
        {
          message: "No trusted document has this id. Regenerate the client (`npm run schema`) and deploy its manifest.",
          extensions: { code: "TRUSTED_DOCUMENT_NOT_FOUND" },
        },
      ]);
    },
  );
});

describe("subscriptions (the graph has none)", () => {
  const refusal = {
    message: "This graph has no subscriptions: send a query or a mutation.",
    locations: [{ line: 1, column: 1 }],
    extensions: { code: "GRAPHQL_VALIDATION_FAILED" },
  };
  it.each([
    "subscription { agreements { id } }",
    "subscription S { __typename }",
    "subscription { caseUpdated { id } }",
  ])("refuses %s as a validation error, never an internal one", async (query) => {
    const authorization = (await dev.auth.authorization("auditor"))!;
    // GraphQL over HTTP: a validation error is HTTP 400 in its own media type, 200 in legacy JSON.
    const json = await post(dev, { query }, { authorization, accept: "application/json" });
    expect([json.status, JSON.parse(json.body)]).toEqual([200, { errors: [refusal] }]);
    const spec = await post(dev, { query }, { authorization, accept: "application/graphql-response+json" });
    expect([spec.status, JSON.parse(spec.body)]).toEqual([400, { errors: [refusal] }]);
    // A subscription client asking for an event stream is told the graph answers JSON only.
    const stream = await post(dev, { query }, { authorization, accept: "text/event-stream" });
    expect(stream.status).toBe(406);
    expect(JSON.parse(stream.body).errors[0].extensions.code).toBe("NOT_ACCEPTABLE");
    // Public callers too (trusted documents only here, so refused before validation).
    const anonymous = await post(dev, { query }, { accept: "application/json" });
    expect(JSON.parse(anonymous.body).errors[0].extensions.code).toBe("TRUSTED_DOCUMENTS_ONLY");
  });
});

describe("Keycloak in docker-compose.yml", () => {
  const compose = parseYaml(fs.readFileSync(path.resolve(__dirname, "..", "..", "docker-compose.yml"), "utf8"));
  const keycloak = compose.services.keycloak;

  it("runs in production mode (`start`, never `start-dev`)", () => {
    const command: string[] = typeof keycloak.command === "string" ? keycloak.command.split(/\s+/) : keycloak.command;
    expect(command[0]).toBe("start");
    expect(command).not.toContain("start-dev");
    expect(keycloak.environment).toMatchObject({
      KC_HOSTNAME: expect.stringMatching(/^\$\{PUBLIC_KEYCLOAK_URL:\?/),
      KC_HTTP_ENABLED: "true",
      KC_PROXY_HEADERS: "xforwarded",
      KC_HEALTH_ENABLED: "true",
      KC_DB: "postgres",
    });
  });

  it("publishes no port beyond this host's loopback (the admin console is on Keycloak's HTTP port)", () => {
    for (const port of keycloak.ports ?? []) {
      const published = typeof port === "string" ? port : `${port.host_ip ?? ""}:${port.published}:${port.target}`;
      expect(published).toMatch(/^127\.0\.0\.1:\d+:\d+$/);
    }
  });
});
