import { runSeed } from "../../tools/src/seed/run";
import { buildWorld } from "../../tools/src/seed/world";
import { type Platform, startPlatform } from "../support/platform";

/**
 * A subgraph killed under load: while the facilities subgraph is down, a query across cases and
 * facilities answers HTTP 200 with the cases data and a coded error at the facilities fields,
 * never a 5xx or a hang; once it is back (same port), full answers again from the same gateway
 * process. Load is bounded: 4 clients on 127.0.0.1, at most a few hundred requests.
 */
const CASES = 12;
const CLIENTS = 4;
const MAX_REQUESTS = 400;
const REQUEST_TIMEOUT_MS = 15_000;
const world = buildWorld({ cases: CASES });
const subject = world.cases.find((c) => c.placements.some((p) => p.checkOutAt === null)) ?? world.cases[0];
let platform: Platform;

beforeAll(async () => {
  platform = await startPlatform({
    seed: (url) => runSeed(url, { cases: CASES, progress: () => undefined }),
  });
}, 120_000);
afterAll(async () => {
  await platform?.stop();
});

const ACROSS = `query Across($id: ID!) { case(id: $id) { id caseNumber currentPlacement { id status } } }`;

/** "stopping" and "restarting": the subgraph is going down or coming up; those answers may be either. */
type Phase = "before" | "stopping" | "outage" | "restarting" | "after";
interface Sample {
  sentIn: Phase;
  answeredIn: Phase;
  status: number;
  body: any;
}

/** Clients that send ACROSS in a loop until told to stop (or the request budget is spent). */
function startLoad(phase: () => Phase) {
  const samples: Sample[] = [];
  let stopped = false;
  let sent = 0;
  const client = async () => {
    const authorization = (await platform.auth.authorization({ roles: ["mia_officer"], sub: "officer-faults" }))!;
    while (!stopped && sent < MAX_REQUESTS) {
      sent += 1;
      const sentIn = phase();
      try {
        const response = await fetch(platform.gatewayUrl, {
          method: "POST",
          headers: { "content-type": "application/json", authorization },
          body: JSON.stringify({ query: ACROSS, variables: { id: subject.id } }),
          signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
        });
        samples.push({ sentIn, answeredIn: phase(), status: response.status, body: await response.json() });
      } catch (err) {
        samples.push({ sentIn, answeredIn: phase(), status: 0, body: { failed: String(err) } });
      }
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  };
  const clients = Promise.all(Array.from({ length: CLIENTS }, client));
  return {
    samples,
    count: () => samples.length,
    async stop() {
      stopped = true;
      await clients;
      return samples;
    },
  };
}

async function until(condition: () => boolean, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("timed out waiting for the load to progress");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

it("answers partially with a coded error while a subgraph is down, and fully again once it is back", async () => {
  let phase: Phase = "before";
  const load = startLoad(() => phase);
  await until(() => load.count() >= 20);

  phase = "stopping";
  await platform.stopSubgraph("facilities");
  phase = "outage";
  const outageStart = load.count();
  await until(() => load.count() >= outageStart + 40);

  phase = "restarting";
  await platform.restartSubgraph("facilities");
  phase = "after";
  const afterStart = load.count();
  await until(() => load.count() >= afterStart + 40);
  const samples = await load.stop();

  // Never a 5xx, never a hang: every request got an HTTP answer, and it was 200.
  expect(samples.filter((s) => s.status !== 200)).toEqual([]);

  const full = (s: Sample) =>
    s.body.errors === undefined && s.body.data?.case?.id === subject.id && "currentPlacement" in s.body.data.case;
  expect(samples.filter((s) => s.sentIn === "before" && s.answeredIn === "before").every(full)).toBe(true);

  const duringOutage = samples.filter((s) => s.sentIn === "outage" && s.answeredIn === "outage");
  expect(duringOutage.length).toBeGreaterThanOrEqual(20);
  for (const s of duringOutage) {
    // The cases subgraph's part of the answer stands; the facilities field is null with a coded error.
    expect(s.body.data.case).toMatchObject({ id: subject.id, caseNumber: subject.caseNumber, currentPlacement: null });
    expect(s.body.errors).toEqual([
      expect.objectContaining({
        // The gateway names the entity fetch that failed (the case whose placement it asked for).
        path: ["case"],
        extensions: expect.objectContaining({ code: "SUBGRAPH_UNAVAILABLE", serviceName: "facilities" }),
      }),
    ]);
  }

  // Back on the same port: the same gateway process answers fully again (after at most a few misses).
  const afterRestart = samples.filter((s) => s.sentIn === "after");
  expect(afterRestart.slice(-20).every(full)).toBe(true);
}, 60_000);
