import http from "node:http";
import type { Socket } from "node:net";
import { SUBGRAPH_KEEP_ALIVE_MS } from "@kgraph/platform";
import { type CasesHarness, startCasesHarness } from "./harness";

/**
 * A subgraph never closes a connection its client keeps open between requests before the client
 * does: Node's HTTP client drops an idle connection after 5 s, and a server closing at that same
 * moment (Node's default) races the next request on it, which fails with a socket hang-up.
 */
let h: CasesHarness;
beforeAll(async () => {
  h = await startCasesHarness();
});
afterAll(async () => {
  await h?.stop();
});

it("keeps an idle connection open past the 5 s after which Node's HTTP client drops it", async () => {
  // Node's own client (the gateway's, through @whatwg-node/node-fetch) drops idle connections first.
  const clientIdle = (http.globalAgent as http.Agent & { options: http.AgentOptions }).options.timeout ?? 0;
  expect(clientIdle).toBeGreaterThan(0);
  expect(SUBGRAPH_KEEP_ALIVE_MS).toBeGreaterThan(clientIdle);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const sockets = new Set<Socket>();
  const health = () =>
    new Promise<number>((resolve, reject) => {
      const req = http.get(`${new URL(h.url).origin}/healthz`, { agent }, (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
      });
      req.on("socket", (socket: Socket) => sockets.add(socket));
      req.on("error", reject);
    });
  try {
    expect(await health()).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 6_500));
    expect(await health()).toBe(200);
    // The second request went out on the first one's connection: the subgraph had kept it open.
    expect(sockets.size).toBe(1);
  } finally {
    agent.destroy();
  }
}, 20_000);
