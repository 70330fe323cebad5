import { sqlStatements } from "@kgraph/platform";
import { runSeed } from "../../tools/src/seed/run";
import { type Platform, SUBGRAPHS, startPlatform } from "../support/platform";

/**
 * End to end through the gateway over real HTTP: the seeded graph answers queries that cross
 * all four subgraphs, and the number of SQL statements per request does not depend on the
 * page size (every relation and entity reference is batched).
 */
let platform: Platform;
beforeAll(async () => {
  platform = await startPlatform({
    seed: (url) => runSeed(url, { cases: 400, progress: () => undefined }),
    recordHeaders: true,
    // A page of 200 cases, each with its facility's open recommendations (at most 40), is over
    // the default budget; this file counts SQL statements, demand control has its own tests.
    gatewayEnv: { LIMIT_MAX_COST: "20000" },
  });
}, 120_000);
afterAll(async () => {
  await platform?.stop();
});

const CROSS_SUBGRAPH = /* GraphQL */ `
  query CaseDashboard($first: Int!) {
    cases(first: $first) {
      edges {
        node {
          id
          caseNumber
          status
          person {
            givenNames
            familyName
          }
          currentPlacement {
            regime
            facility {
              name
              occupancyRate
              openRecommendations {
                id
              }
            }
          }
          assignedOfficer {
            name
            compliance {
              compliant
            }
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`;

it("answers a query touching all four subgraphs with seeded data", async () => {
  const res = await platform.gql(CROSS_SUBGRAPH, { first: 50 });
  expect(res.errors).toBeUndefined();
  const nodes = res.data!.cases.edges.map((e: any) => e.node);
  expect(nodes).toHaveLength(50);
  expect(nodes.every((n: any) => /^RKS-\d{4}-\d{6}$/.test(n.caseNumber))).toBe(true);
  expect(nodes.every((n: any) => n.assignedOfficer && typeof n.assignedOfficer.name === "string")).toBe(true);
  const placed = nodes.filter((n: any) => n.currentPlacement);
  expect(placed.length).toBeGreaterThan(0);
  expect(placed.every((n: any) => typeof n.currentPlacement.facility.name === "string")).toBe(true);
});

it("sends the same number of SQL statements for a page of 10 and a page of 200 (no N+1)", async () => {
  // Warm-up, so one-off work (connection set-up, prepared metadata) is not counted.
  await platform.gql(CROSS_SUBGRAPH, { first: 5 });
  const count = async (first: number) => {
    const before = sqlStatements.count;
    const res = await platform.gql(CROSS_SUBGRAPH, { first });
    expect(res.errors).toBeUndefined();
    expect(res.data!.cases.edges).toHaveLength(first);
    return sqlStatements.count - before;
  };
  const small = await count(10);
  const large = await count(200);
  expect(large).toBe(small);
  // And it is small: one statement per batch, not per case.
  expect(small).toBeLessThan(20);
});

it("passes the caller's Authorization header, its own request id and the client's beside it, signed, to every subgraph", async () => {
  for (const proxy of Object.values(platform.proxies)) {
    proxy.seen.length = 0;
    proxy.bodies.length = 0;
  }
  const authorization = (await platform.auth.authorization("mia_officer")) as string;
  const response = await fetch(platform.gatewayUrl, {
    method: "POST",
    headers: { "content-type": "application/json", authorization, "x-request-id": "e2e-trace-123" },
    body: JSON.stringify({ query: CROSS_SUBGRAPH, variables: { first: 50 } }),
  });
  expect(response.status).toBe(200);
  // The gateway's own id, whatever the client sent.
  const requestId = response.headers.get("x-request-id");
  expect(requestId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  for (const name of ["cases", "facilities", "monitoring", "training"]) {
    const { seen, bodies } = platform.proxies[name];
    expect(seen.length).toBeGreaterThan(0);
    for (const headers of seen) {
      expect(headers.authorization).toBe(authorization);
      expect(headers["x-request-id"]).toBe(requestId);
      expect(headers["x-client-request-id"]).toBe("e2e-trace-123");
      expect(headers["x-operation-name"]).toBe("CaseDashboard");
    }
    for (const body of bodies) expect(JSON.parse(body).extensions?.["hmac-signature"]).toEqual(expect.any(String));
  }
});

it("vouches for a public caller with the gateway's own short-lived token", async () => {
  for (const proxy of Object.values(platform.proxies)) proxy.seen.length = 0;
  const res = await platform.gql(`{ agreements { title } }`, {}, null);
  expect(res.errors).toBeUndefined();
  const [headers] = platform.proxies.cases.seen;
  const token = String(headers.authorization).replace(/^Bearer /, "");
  const claims = JSON.parse(Buffer.from(token.split(".")[1], "base64url").toString("utf8"));
  expect(claims).toMatchObject({ iss: "kgraph-gateway", aud: "kgraph", sub: "public", roles: [] });
  expect(claims.exp - claims.iat).toBeLessThanOrEqual(120);
});

it("serves GraphiQL with every asset inlined (no external script or stylesheet)", async () => {
  const response = await fetch(platform.gatewayUrl, { headers: { accept: "text/html" } });
  expect(response.status).toBe(200);
  const html = await response.text();
  expect(html).toContain("GraphiQL");
  expect(html).not.toMatch(/<script[^>]+src=["']https?:/i);
  expect(html).not.toMatch(/<link[^>]+href=["']https?:/i);
});

it("reports readiness of each subgraph and the database", async () => {
  const base = new URL(platform.gatewayUrl);
  const ready = await fetch(new URL("/readyz", base));
  expect(ready.status).toBe(200);
  expect(await ready.json()).toEqual({
    status: "ready",
    // Every subgraph of subgraphs/registry.json.
    subgraphs: Object.fromEntries(SUBGRAPHS.map(({ name }) => [name, "ready"])),
    database: "ready",
  });
  const health = await fetch(new URL("/healthz", base));
  expect(health.status).toBe(200);
});
