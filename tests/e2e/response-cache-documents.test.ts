import fs from "node:fs";
import path from "node:path";
import { runSeed } from "../../tools/src/seed/run";
import { type Platform, startPlatform } from "../support/platform";

/**
 * The cache adds `__typename` and `id` to every selection of a public query (to know which
 * entities an answer holds) after field authorization ran: on the seeded world, each public
 * document of the generated client gets from the cache exactly what it gets without one.
 */
let platform: Platform;
let cached: string;
beforeAll(async () => {
  platform = await startPlatform({ seed: (url) => runSeed(url, { cases: 60, progress: () => undefined }) });
  cached = (await platform.startGateway({ RESPONSE_CACHE_TTL_MS: "60000" })).url;
}, 120_000);
afterAll(async () => {
  await platform?.stop();
});

const document = (name: string) => fs.readFileSync(path.join(__dirname, "..", "..", "documents", name), "utf8");

async function post(url: string, query: string, variables: Record<string, unknown> = {}) {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query, variables }),
  });
  return { cache: response.headers.get("x-response-cache"), body: (await response.json()) as Record<string, any> };
}

it("answers every public document from the cache as the subgraphs answer it", async () => {
  const conditions = await post(platform.gatewayUrl, document("facility-conditions.graphql"));
  const visitId = conditions.body.data.facilities.flatMap((f: { visits: { id: string }[] }) => f.visits)[0]?.id;
  expect(visitId).toBeDefined();
  const cases: [string, Record<string, unknown>][] = [
    [document("facility-conditions.graphql"), {}],
    [document("programme-statistics.graphql"), { from: "2024-01", to: "2025-12" }],
    // VisitReport is over the public cost budget: its public part.
    [
      `query($id: ID!) { visit(id: $id) { id status published reportSummary body { name } facility { name } } }`,
      { id: visitId },
    ],
    [`{ agreements { id title } monitoringBodies { id name } }`, {}],
  ];
  for (const [query, variables] of cases) {
    const plain = await post(platform.gatewayUrl, query, variables);
    const miss = await post(cached, query, variables);
    const hit = await post(cached, query, variables);
    expect(plain.body.errors).toBeUndefined();
    expect(miss.cache).toBe("MISS");
    expect(hit.cache).toBe("HIT");
    expect(miss.body).toEqual(plain.body);
    expect(hit.body).toEqual(plain.body);
  }
});
