import type { CallAs } from "@kgraph/platform";
import { Client } from "pg";
import { runSeed } from "../../tools/src/seed/run";
import { buildWorld } from "../../tools/src/seed/world";
import { type Platform, startPlatform } from "../support/platform";

/**
 * One event per answered request, whatever the gateway merges: identical requests a caller sends
 * at the same time (the same token, query and variables) each leave their own READ event with
 * their own request id, alone or in a batch; and concurrent callers each leave their own actor.
 */
const CASES = 12;
const CONCURRENT = 40;
const world = buildWorld({ cases: CASES });
let platform: Platform;

beforeAll(async () => {
  platform = await startPlatform({
    seed: (url) => runSeed(url, { cases: CASES, progress: () => undefined }),
    // All of one officer's requests at once is the point here: above the per-caller cap (16).
    gatewayEnv: { LIMIT_MAX_IN_FLIGHT_PER_CALLER: "200" },
  });
}, 120_000);
afterAll(async () => {
  await platform?.stop();
});

const NAME_READ = `query NameRead($id: ID!) { case(id: $id) { person { familyName } } }`;

async function sql<T = any>(text: string, params: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: platform.databaseUrl });
  await client.connect();
  try {
    return (await client.query(text, params)).rows as T[];
  } finally {
    await client.end();
  }
}

const lastSeq = async () =>
  (await sql(`SELECT coalesce(max(seq), 0)::text AS seq FROM cases.audit_event`))[0].seq as string;

const readsSince = (seq: string) =>
  sql<{ request_id: string; actor_sub: string }>(
    `SELECT request_id, actor_sub FROM cases.audit_event WHERE kind = 'READ' AND seq > $1 ORDER BY seq`,
    [seq],
  );

/** Posts a body through the gateway; returns the HTTP status, the answer and the gateway's request id. */
async function post(body: unknown, as: CallAs) {
  const authorization = await platform.auth.authorization(as);
  const response = await fetch(platform.gatewayUrl, {
    method: "POST",
    headers: { "content-type": "application/json", ...(authorization ? { authorization } : {}) },
    body: JSON.stringify(body),
  });
  return {
    status: response.status,
    answer: (await response.json()) as any,
    requestId: response.headers.get("x-request-id"),
  };
}

it("leaves one READ event per answered request when one officer sends identical requests at once", async () => {
  const subject = world.cases[2];
  const officer = { roles: ["mia_officer"], sub: "officer-dedup-1" };
  const before = await lastSeq();
  const responses = await Promise.all(
    Array.from({ length: CONCURRENT }, () => post({ query: NAME_READ, variables: { id: subject.id } }, officer)),
  );
  const answered = responses.filter((r) => answeredWithName(r, subject.familyName));
  expect(answered).toHaveLength(CONCURRENT);
  const answeredIds = answered.map((r) => r.requestId!);
  expect(new Set(answeredIds).size).toBe(CONCURRENT);

  const events = await readsSince(before);
  expect(events.map((e) => e.request_id).sort()).toEqual([...answeredIds].sort());
  expect(events.every((e) => e.actor_sub === "officer-dedup-1")).toBe(true);
});

it("leaves one READ event per answered operation when identical operations arrive batched, at once", async () => {
  const subject = world.cases[4];
  const officer = { roles: ["mia_officer"], sub: "officer-dedup-2" };
  const operation = { query: NAME_READ, variables: { id: subject.id } };
  const before = await lastSeq();
  const responses = await Promise.all(
    Array.from({ length: CONCURRENT / 4 }, () => post([operation, operation, operation, operation], officer)),
  );
  const answeredOperations = responses.flatMap((r) =>
    r.status === 200 && Array.isArray(r.answer)
      ? r.answer
          .filter((one: any) => one.errors === undefined && one.data?.case?.person?.familyName === subject.familyName)
          .map(() => r.requestId!)
      : [],
  );
  expect(answeredOperations).toHaveLength(CONCURRENT);

  // A batch is one HTTP request with one request id: each of its operations leaves an event under it.
  const events = await readsSince(before);
  expect(events.map((e) => e.request_id).sort()).toEqual([...answeredOperations].sort());
  expect(events.every((e) => e.actor_sub === "officer-dedup-2")).toBe(true);
});

it("records each officer as the actor of their own reads when two send identical requests at once", async () => {
  const subject = world.cases[6];
  const officers = ["officer-dedup-a", "officer-dedup-b"];
  const before = await lastSeq();
  const responses = await Promise.all(
    Array.from({ length: CONCURRENT }, (_, i) => {
      const sub = officers[i % 2];
      return post({ query: NAME_READ, variables: { id: subject.id } }, { roles: ["mia_officer"], sub }).then((r) => ({
        ...r,
        sub,
      }));
    }),
  );
  const answered = responses.filter((r) => answeredWithName(r, subject.familyName));
  expect(answered).toHaveLength(CONCURRENT);

  const events = await readsSince(before);
  const byId = (rows: { request_id: string; actor_sub: string }[]) =>
    [...rows].sort((a, b) => a.request_id.localeCompare(b.request_id));
  expect(byId(events)).toEqual(byId(answered.map((r) => ({ request_id: r.requestId!, actor_sub: r.sub }))));
});

/** An answer with the person's name and no error: a read the audit must have recorded. */
function answeredWithName(response: { status: number; answer: any }, familyName: string): boolean {
  return (
    response.status === 200 &&
    response.answer.errors === undefined &&
    response.answer.data?.case?.person?.familyName === familyName
  );
}
