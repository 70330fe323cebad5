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

async function post(body: string, authorization?: string) {
  const response = await fetch(platform.gatewayUrl, {
    method: "POST",
    headers: { "content-type": "application/json", ...(authorization ? { authorization } : {}) },
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
  const res = await post(JSON.stringify({ query }), await platform.auth.authorization("auditor"));
  // Refused from inside the parser: Yoga answers that as a GraphQL error with HTTP 200 (seen here), never 5xx.
  expect(res.status).toBeLessThan(500);
  expect(res.body.errors[0]).toMatchObject({
    message: "Token limit of 100 exceeded.",
    extensions: { code: "TOO_MANY_TOKENS" },
  });
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
