import http from "node:http";
import type { AddressInfo } from "node:net";
import { graphqlRequest } from "@kgraph/platform";
import { runSeed } from "../../tools/src/seed/run";
import { SUBGRAPH_NAMES } from "../../tools/src/subgraphs";
import { type CollectedLogs, type Platform, startPlatform } from "../support/platform";

/**
 * Traces: one request through the gateway is one trace, with the gateway's spans, a span for each
 * subgraph request continuing it (W3C traceparent) and that subgraph's SQL under it, exported
 * over OTLP/HTTP to a receiver in this test. No span carries a token or a value.
 */
const CASES = 4;

interface OtlpValue {
  stringValue?: string;
  intValue?: string | number;
  boolValue?: boolean;
  doubleValue?: number;
  arrayValue?: { values: OtlpValue[] };
}
interface OtlpAttribute {
  key: string;
  value: OtlpValue;
}
interface ExportedSpan {
  service: string;
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  attributes: Record<string, unknown>;
  raw: unknown;
}

function plain(value: OtlpValue): unknown {
  if (value.arrayValue) return value.arrayValue.values.map(plain);
  return value.stringValue ?? value.intValue ?? value.boolValue ?? value.doubleValue;
}

function attributesOf(list: OtlpAttribute[] | undefined): Record<string, unknown> {
  return Object.fromEntries((list ?? []).map((a) => [a.key, plain(a.value)]));
}

/** A minimal OTLP/HTTP receiver (JSON encoding): POST /v1/traces, spans kept in arrival order. */
function startReceiver(): Promise<{ endpoint: string; spans: ExportedSpan[]; close(): Promise<void> }> {
  const spans: ExportedSpan[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      if (req.method !== "POST" || req.url !== "/v1/traces" || !/json/.test(req.headers["content-type"] ?? "")) {
        res.writeHead(415).end();
        return;
      }
      const body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
      for (const resourceSpans of body.resourceSpans ?? []) {
        const service = String(attributesOf(resourceSpans.resource?.attributes)["service.name"]);
        for (const scopeSpans of resourceSpans.scopeSpans ?? []) {
          for (const span of scopeSpans.spans ?? []) {
            spans.push({
              service,
              traceId: span.traceId,
              spanId: span.spanId,
              parentSpanId: span.parentSpanId || undefined,
              name: span.name,
              kind: span.kind,
              attributes: attributesOf(span.attributes),
              raw: span,
            });
          }
        }
      }
      res.writeHead(200, { "content-type": "application/json" }).end("{}");
    });
  });
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () =>
      resolve({
        endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        spans,
        close: () => new Promise<void>((done) => server.close(() => done())),
      }),
    ),
  );
}

async function waitFor<T>(what: string, check: () => T | undefined, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = check();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const CASE_QUERY = `query OfficerCases($n: Int!) { cases(first: $n) { edges { node { caseNumber status person { familyName }
  currentPlacement { facility { name openRecommendations { id } } } assignedOfficer { name compliance { compliant } } } } } }`;

const logs: CollectedLogs = { level: "info", lines: [] };
let receiver: Awaited<ReturnType<typeof startReceiver>>;
let platform: Platform;
beforeAll(async () => {
  receiver = await startReceiver();
  platform = await startPlatform({
    seed: (url) => runSeed(url, { cases: CASES, progress: () => undefined }),
    tracesEndpoint: receiver.endpoint,
    logs,
  });
}, 120_000);
afterAll(async () => {
  await platform?.stop();
  await receiver?.close();
});

test("one trace spans the gateway, the subgraphs it calls and their SQL, with no values in it", async () => {
  const authorization = (await platform.auth.authorization("mia_officer")) as string;
  const response = await fetch(platform.gatewayUrl, {
    method: "POST",
    headers: { "content-type": "application/json", authorization },
    body: JSON.stringify({ query: CASE_QUERY, variables: { n: 3 } }),
  });
  const body = await response.json();
  expect(body.errors).toBeUndefined();
  expect(body.data.cases.edges).toHaveLength(3);
  const requestId = response.headers.get("x-request-id");
  expect(requestId).toBeTruthy();

  // The gateway's request span names the request id the response carries (and the logs and audit trail).
  const root = await waitFor("the gateway's request span", () =>
    receiver.spans.find((span) => span.service === "gateway" && span.attributes["kgraph.request_id"] === requestId),
  );
  expect(root.parentSpanId).toBeUndefined();
  expect(receiver.spans.filter((span) => /healthz|readyz/.test(span.name))).toEqual([]);
  const inTrace = () => receiver.spans.filter((span) => span.traceId === root.traceId);
  // Every subgraph the plan called has exported its server span and SQL (batches every 100 ms).
  await waitFor("the subgraphs' SQL spans", () => {
    const services = new Set(
      inTrace()
        .filter((s) => s.attributes["db.system"] ?? s.attributes["db.system.name"])
        .map((s) => s.service),
    );
    return services.size >= 2 ? services : undefined;
  });
  await new Promise((resolve) => setTimeout(resolve, 500));
  const spans = inTrace();
  const byId = new Map(spans.map((span) => [span.spanId, span]));

  // One root, and every other span's parent is in the same trace.
  expect(spans.filter((span) => !span.parentSpanId)).toEqual([root]);
  for (const span of spans) if (span !== root) expect(byId.has(span.parentSpanId as string)).toBe(true);

  const subgraphServers = spans.filter((span) => span.service !== "gateway" && span.kind === 2);
  const subgraphServices = new Set(subgraphServers.map((span) => span.service));
  expect(subgraphServices.size).toBeGreaterThanOrEqual(2);
  expect([...subgraphServices].every((s) => SUBGRAPH_NAMES.includes(s))).toBe(true);
  // Each subgraph's server span continues a gateway span (the traceparent of its upstream fetch).
  // and names the same request id: the gateway's, which each subgraph took from the signed request.
  for (const server of subgraphServers) {
    expect(byId.get(server.parentSpanId as string)?.service).toBe("gateway");
    expect(server.attributes["kgraph.request_id"]).toBe(requestId);
  }

  // SQL: statement spans under each subgraph's request, statement text with placeholders only.
  const sql = spans.filter((span) => span.attributes["db.system"] ?? span.attributes["db.system.name"]);
  expect(new Set(sql.map((span) => span.service)).size).toBeGreaterThanOrEqual(2);
  for (const statement of sql) {
    let ancestor = byId.get(statement.parentSpanId as string);
    while (ancestor && ancestor.kind !== 2) ancestor = byId.get(ancestor.parentSpanId as string);
    expect(ancestor?.service).toBe(statement.service);
    const text = String(statement.attributes["db.statement"] ?? statement.attributes["db.query.text"] ?? "");
    expect(text).toMatch(/^\s*(SELECT|INSERT|UPDATE|WITH|START|COMMIT|BEGIN|SET)/i);
    expect(Object.keys(statement.attributes).filter((key) => /param|values/i.test(key))).toEqual([]);
  }
  expect(
    sql.some((span) => /\$1/.test(String(span.attributes["db.statement"] ?? span.attributes["db.query.text"]))),
  ).toBe(true);

  // The gateway's own spans: request, GraphQL phases, each subgraph's execution.
  const gatewayNames = spans.filter((span) => span.service === "gateway").map((span) => span.name);
  expect(gatewayNames.some((name) => /parse/i.test(name))).toBe(true);
  expect(gatewayNames.some((name) => /validate/i.test(name))).toBe(true);
  expect(gatewayNames.some((name) => /subgraph/i.test(name))).toBe(true);

  // No token, no authorization header, no value from the answer or the variables in any span.
  const exported = JSON.stringify(spans.map((span) => span.raw));
  const token = authorization.replace(/^Bearer /, "");
  expect(exported).not.toContain(token);
  expect(exported.toLowerCase()).not.toContain("authorization");
  const names: string[] = body.data.cases.edges.map((edge: any) => edge.node.person?.familyName).filter(Boolean);
  expect(names.length).toBeGreaterThan(0);
  for (const name of names) expect(exported).not.toContain(name);
  for (const edge of body.data.cases.edges) expect(exported).not.toContain(edge.node.caseNumber);
  expect(exported).not.toContain("OfficerCases($n");
});

test("a gateway without an OTLP endpoint exports nothing and sends no traceparent", async () => {
  const quiet = await platform.startGateway({ OTEL_EXPORTER_OTLP_ENDPOINT: "" });
  const before = receiver.spans.length;
  const result = await graphqlRequest(
    quiet.url,
    "query { cases(first: 1) { edges { node { caseNumber } } } }",
    {},
    { authorization: (await platform.auth.authorization("mia_officer")) as string },
  );
  expect(result.errors).toBeUndefined();
  // The subgraph still traces (its endpoint is set) but starts a trace of its own: nothing came in.
  const subgraphRoot = await waitFor("the subgraph's own root span", () =>
    receiver.spans.slice(before).find((span) => span.service === "cases" && span.kind === 2),
  );
  expect(subgraphRoot.parentSpanId).toBeUndefined();
  await new Promise((resolve) => setTimeout(resolve, 500));
  expect(receiver.spans.slice(before).filter((span) => span.service === "gateway")).toEqual([]);
});

test("a request the platform could not answer in full is logged with its request and trace ids", async () => {
  await platform.stopSubgraph("training");
  const response = await fetch(platform.gatewayUrl, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      authorization: (await platform.auth.authorization("mia_officer")) as string,
    },
    body: JSON.stringify({ query: CASE_QUERY, variables: { n: 2 } }),
  });
  const body = await response.json();
  expect(body.errors.map((error: any) => error.extensions.code)).toContain("SUBGRAPH_UNAVAILABLE");
  const requestId = response.headers.get("x-request-id") as string;
  const root = await waitFor("the request's span", () =>
    receiver.spans.find((span) => span.service === "gateway" && span.attributes["kgraph.request_id"] === requestId),
  );
  const line = await waitFor("the gateway's line for the request", () =>
    logs.lines
      .join("")
      .split("\n")
      .filter((text) => text.startsWith("{") && text.includes(requestId))
      .map((text) => JSON.parse(text))
      .find((entry) => entry.msg === "answered with server-side failures"),
  );
  expect(line).toMatchObject({ requestId, traceId: root.traceId, codes: { SUBGRAPH_UNAVAILABLE: expect.any(Number) } });
  expect(receiver.spans.some((span) => span.traceId === root.traceId && span.spanId === line.spanId)).toBe(true);
});
