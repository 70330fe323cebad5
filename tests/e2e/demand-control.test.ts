import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { buildSchema, parse } from "graphql";
import { Client } from "pg";
import { estimateCost } from "../../gateway/src/limits/demand-control";
import { DEFAULT_LIMITS } from "../../gateway/src/limits";
import { runSeed } from "../../tools/src/seed/run";
import { type Platform, startPlatform } from "../support/platform";

/**
 * Demand control and the operation-shape limits at the gateway, with budgets low enough to reach:
 * refused operations never reach a subgraph (every subgraph sits behind a recording proxy).
 */
const MAX_COST = 3000;
const MAX_COST_PUBLIC = 600;
const ROOT = path.resolve(__dirname, "..", "..");

let platform: Platform;
beforeAll(async () => {
  platform = await startPlatform({
    seed: (url) => runSeed(url, { cases: 60, progress: () => undefined }),
    recordHeaders: true,
    gatewayEnv: {
      LIMIT_MAX_COST: String(MAX_COST),
      LIMIT_MAX_COST_PUBLIC: String(MAX_COST_PUBLIC),
      LIMIT_MAX_DEPTH: "8",
      LIMIT_MAX_ALIASES: "3",
      LIMIT_MAX_RESPONSE_BYTES: "16384",
      LIMIT_REQUESTS_PER_MINUTE: "10000",
    },
  });
}, 120_000);
afterAll(async () => {
  await platform?.stop();
});

const subgraphCalls = () => Object.values(platform.proxies).reduce((sum, proxy) => sum + proxy.bodies.length, 0);

async function post(query: string, as: string | null, variables?: Record<string, unknown>) {
  const authorization = await platform.auth.authorization(as);
  const response = await fetch(platform.gatewayUrl, {
    method: "POST",
    headers: { "content-type": "application/json", ...(authorization ? { authorization } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, body: (await response.json()) as any };
}

const VISIT_CYCLE = `{ facilities { visits { facility { visits { facility { visits { id } } } } } } }`;
const PLACEMENT_CYCLE = `{ facilities { placements { edges { node { case { placements { facility { name } } } } } } } }`;
// 3 × 20 facilities (their maximum) × (1 + 100 visits): 6060, over either budget.
const ALIASED = `{ a: facilities { visits(first: 100) { id } } b: facilities { visits(first: 100) { id } } c: facilities { visits(first: 100) { id } } }`;

describe.each([
  ["the public", null, MAX_COST_PUBLIC],
  ["an officer", "mia_officer", MAX_COST],
])("as %s", (_who, role, max) => {
  it.each([
    ["the visit cycle", VISIT_CYCLE],
    ["the placement cycle", PLACEMENT_CYCLE],
    ["aliases of a list", ALIASED],
  ])("refuses %s by cost before any subgraph is called", async (_name, query) => {
    const before = subgraphCalls();
    const res = await post(query, role);
    expect(res.status).toBe(400);
    expect(res.body.data).toBeUndefined();
    expect(res.body.errors).toHaveLength(1);
    expect(res.body.errors[0].extensions).toMatchObject({ code: "COST_ESTIMATED_TOO_EXPENSIVE", cost: { max } });
    expect(res.body.errors[0].extensions.cost.estimated).toBeGreaterThan(max);
    expect(subgraphCalls()).toBe(before);
  });
});

it("gives the public a lower budget than a signed-in caller, and reports the estimate", async () => {
  // 20 facilities (their maximum) × (1 + 15 visits × 2) = 620: over the public budget only.
  const query = `{ facilities { name visits(first: 15) { id body { name } } } }`;
  const expected = 20 * (1 + 15 * 2);
  const officer = await post(query, "mia_officer");
  expect(officer.status).toBe(200);
  expect(officer.body.errors).toBeUndefined();
  expect(officer.body.extensions.cost).toMatchObject({ estimated: expected, max: MAX_COST });
  // The actual cost counts the objects the answer holds: each facility, each visit, each body.
  const facilities = officer.body.data.facilities as { visits: unknown[] }[];
  const objects = facilities.reduce((sum, f) => sum + 1 + 2 * f.visits.length, 0);
  expect(officer.body.extensions.cost.actual).toBe(objects);
  expect(objects).toBeLessThanOrEqual(expected);
  const before = subgraphCalls();
  const anonymous = await post(query, null);
  expect(anonymous.status).toBe(400);
  expect(anonymous.body.errors[0].extensions).toMatchObject({
    code: "COST_ESTIMATED_TOO_EXPENSIVE",
    cost: { estimated: expected, max: MAX_COST_PUBLIC },
  });
  expect(subgraphCalls()).toBe(before);
});

it("prices a page by the `first` asked for", async () => {
  const small = await post(`{ cases(first: 5) { edges { node { id } } } }`, "mia_officer");
  const large = await post(`{ cases(first: 50) { edges { node { id } } } }`, "mia_officer");
  // CaseConnection 1 + edges × (edge 1 + node 1)
  expect(small.body.extensions.cost.estimated).toBe(1 + 5 * 2);
  expect(large.body.extensions.cost.estimated).toBe(1 + 50 * 2);
});

it("refuses `Facility.visits` beyond its maximum page", async () => {
  const res = await post(`{ facilities { visits(first: 101) { id } } }`, "mia_officer");
  expect(res.body.errors[0]).toMatchObject({ extensions: { code: "BAD_USER_INPUT" } });
  expect(res.body.errors[0].message).toContain("between 1 and 100");
});

const DOCUMENT_ROLES: Record<string, (string | null)[]> = {
  "action-items.graphql": ["mia_officer", "dhs_liaison", "ombudsperson", "monitor"],
  "audit-trail.graphql": ["auditor", "ombudsperson"],
  "case-dashboard.graphql": ["mia_officer", "ombudsperson"],
  "case-file.graphql": ["mia_officer", "legal_counsel", "ombudsperson"],
  "facility-conditions.graphql": [null, "monitor", "facility_staff"],
  "file-complaint.graphql": [null],
  "monitor-visit-report.graphql": ["monitor", "ombudsperson"],
  "overdue.graphql": ["mia_officer", "dhs_liaison", "ombudsperson", "facility_staff", "monitor", "auditor"],
  "programme-statistics.graphql": [null, "dhs_liaison"],
  "public-report-quarter.graphql": [null],
  "public-report.graphql": [null],
  "quarter-figures.graphql": [null],
  "impact-assessments.graphql": [null, "ombudsperson", "mia_officer", "monitor"],
  "staff-compliance.graphql": ["training_admin", "facility_staff"],
  "task-force-meetings.graphql": ["mia_officer", "dhs_liaison", "ombudsperson", "monitor", "auditor"],
};

it("keeps every operation in documents/ within the production budget of each role that uses it", () => {
  const schema = buildSchema(fs.readFileSync(path.join(ROOT, "schema", "supergraph.graphql"), "utf8"));
  const files = fs.readdirSync(path.join(ROOT, "documents")).filter((f) => f.endsWith(".graphql"));
  expect(Object.keys(DOCUMENT_ROLES).sort()).toEqual(files.sort());
  for (const file of files) {
    const document = parse(fs.readFileSync(path.join(ROOT, "documents", file), "utf8"));
    for (const definition of document.definitions) {
      if (definition.kind !== "OperationDefinition") continue;
      const cost = estimateCost(schema, document, definition.name?.value, {}, 10);
      for (const role of DOCUMENT_ROLES[file]) {
        // The production budgets (this file's are lower, to be reachable).
        const budget = role ? DEFAULT_LIMITS.maxCost : DEFAULT_LIMITS.maxCostPublic;
        expect({ file, role, within: cost <= budget }).toEqual({
          file,
          role,
          within: true,
        });
      }
    }
  }
});

it("refuses an answer larger than the response limit with a coded error", async () => {
  const query = `{ cases(first: 60) { edges { cursor node { id caseNumber status openedAt arrivedAt subjectRef nationality ageBand } } } }`;
  const res = await post(query, "mia_officer");
  expect(res.status).toBe(413);
  expect(res.body.errors[0].extensions.code).toBe("RESPONSE_TOO_LARGE");
  expect(res.body.errors[0].message).toMatch(/^The answer is \d+ bytes; the limit is 16384\./);
});

it("measures every answer: a client accepting only a streamed answer is refused before any work", async () => {
  const query = `{ cases(first: 60) { edges { cursor node { id caseNumber status openedAt arrivedAt subjectRef nationality ageBand } } } }`;
  const authorization = (await platform.auth.authorization("mia_officer"))!;
  const send = (accept: string) =>
    fetch(platform.gatewayUrl, {
      method: "POST",
      headers: { "content-type": "application/json", accept, authorization },
      body: JSON.stringify({ query }),
    });
  // Streamed as server-sent events or multipart, this answer went out whole, past the limit.
  for (const accept of ["text/event-stream", "multipart/mixed", "multipart/mixed, text/event-stream", "text/plain"]) {
    const res = await send(accept);
    expect({ accept, status: res.status }).toEqual({ accept, status: 406 });
    expect(((await res.json()) as any).errors[0].extensions.code).toBe("NOT_ACCEPTABLE");
  }
  // Accepting JSON beside a stream, the answer is JSON, and measured.
  for (const accept of ["text/event-stream, application/json", "multipart/mixed, */*", "application/*"]) {
    const res = await send(accept);
    expect({ accept, status: res.status }).toEqual({ accept, status: 413 });
    expect(res.headers.get("content-type")).toMatch(/json/);
  }
});

it("counts aliases the caller writes with the gateway's own `__kgraph` prefix", async () => {
  const query = `{ __kgraphKeep: agreements { id } __kgraphA: agreements { id } __kgraphB: agreements { id } __kgraphC: agreements { id } }`;
  const res = await post(query, "mia_officer");
  expect(res.status).toBe(400);
  expect(res.body.errors[0]).toMatchObject({
    message: "Aliases limit of 3 exceeded, found 4.",
    extensions: { code: "TOO_MANY_ALIASES" },
  });
});

it("counts introspection towards the depth limit", async () => {
  const query = `{ __schema { types { fields { type { ofType { ofType { ofType { ofType { name } } } } } } } } }`;
  const res = await post(query, null);
  expect(res.status).toBe(400);
  expect(res.body.errors[0].extensions.code).toBe("QUERY_TOO_DEEP");
});

it("answers introspection mixed with data as the caller's error, not HTTP 500", async () => {
  const res = await post(`{ __schema { types { name } } agreements { id } }`, null);
  expect(res.status).toBe(400);
  expect(res.body.errors[0].extensions.code).toBe("GRAPHQL_VALIDATION_FAILED");
});

describe("timeouts", () => {
  // The statement timeout (300 ms) ends a query blocked behind a lock the test holds; the
  // upstream timeout (1 s) ends the wait for a subgraph that never answers (training here).
  let timed: Platform;
  let silent: http.Server;
  beforeAll(async () => {
    silent = http.createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", () => resolve()));
    timed = await startPlatform({
      statementTimeoutMs: 300,
      gatewayEnv: {
        LIMIT_UPSTREAM_TIMEOUT_MS: "1000",
        TRAINING_URL: `http://127.0.0.1:${(silent.address() as AddressInfo).port}/graphql`,
      },
    });
  }, 120_000);
  afterAll(async () => {
    await timed?.stop();
    silent?.closeAllConnections();
    await new Promise((resolve) => silent?.close(resolve));
  });

  it("answers QUERY_TIMEOUT when PostgreSQL stops a statement at statement_timeout", async () => {
    const locker = new Client({ connectionString: timed.databaseUrl });
    await locker.connect();
    try {
      await locker.query("BEGIN");
      await locker.query("LOCK TABLE cases.agreement IN ACCESS EXCLUSIVE MODE");
      const res = await timed.gql(`{ agreements { id } }`, {}, "mia_officer");
      expect(res.errors?.[0]?.extensions?.code).toBe("QUERY_TIMEOUT");
      expect(res.errors?.[0]?.message).toMatch(/^The database stopped this request's query at its time limit/);
    } finally {
      await locker.query("ROLLBACK");
      await locker.end();
    }
  });

  it("answers GATEWAY_TIMEOUT when a subgraph does not answer within the upstream timeout", async () => {
    const res = await timed.gql(`{ courses { id } }`, {}, "training_admin");
    expect(res.errors?.[0]?.extensions?.code).toBe("GATEWAY_TIMEOUT");
  });
});
