import { randomUUID } from "node:crypto";
import { type CallAs, gatewaySignedRequest } from "@kgraph/platform";
import { Client } from "pg";
import { type Platform, startPlatform } from "../support/platform";

/**
 * Idempotency keys through the gateway: a mutation sent again with the same `Idempotency-Key`
 * (a client's retry after a timeout) acts once and answers the same; the key with another request
 * is refused; duplicates sent at once act once.
 */
let platform: Platform;
const officer: CallAs = { roles: ["mia_officer"], sub: "officer-idempotency" };

beforeAll(async () => {
  platform = await startPlatform();
}, 120_000);
afterAll(async () => {
  await platform?.stop();
});

const CREATE_FACILITY = `mutation CreateFacility($input: CreateFacilityInput!) { createFacility(input: $input) { id } }`;
const PLACE = `mutation Place($input: PlaceCaseInput!) { placeCase(input: $input) { id status facility { id name } } }`;

async function sql<T = any>(text: string, params: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: platform.databaseUrl });
  await client.connect();
  try {
    return (await client.query(text, params)).rows as T[];
  } finally {
    await client.end();
  }
}

async function post(query: string, variables: Record<string, unknown>, key?: string, as: CallAs = officer) {
  const authorization = await platform.auth.authorization(as);
  const response = await fetch(platform.gatewayUrl, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      ...(authorization ? { authorization } : {}),
      ...(key ? { "idempotency-key": key } : {}),
    },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, body: (await response.json()) as any };
}

async function newFacility(): Promise<string> {
  const input = {
    name: `Idempotent ${randomUUID().slice(0, 8)}`,
    type: "RECEPTION_CENTRE",
    municipality: "Prishtinë",
    officialCapacity: 5,
  };
  const { body } = await post(CREATE_FACILITY, { input });
  expect(body.errors).toBeUndefined();
  return body.data.createFacility.id;
}

const placementsOf = async (caseId: string) =>
  (await sql(`SELECT id FROM facilities.placement WHERE case_id = $1`, [caseId])).map((r) => r.id as string);

const writeEventsFor = async (recordId: string) =>
  (
    await sql(`SELECT count(*)::int AS n FROM facilities.audit_event WHERE kind = 'WRITE' AND $1 = ANY(record_ids)`, [
      recordId,
    ])
  )[0].n as number;

it("acts once for a mutation sent twice with one key, and answers the retry as the first time", async () => {
  const facilityId = await newFacility();
  const input = { caseId: randomUUID(), facilityId, regime: "OPEN" };
  const key = randomUUID();
  const first = await post(PLACE, { input }, key);
  expect(first.status).toBe(200);
  expect(first.body.errors).toBeUndefined();
  const retry = await post(PLACE, { input }, key);
  expect(retry).toEqual(first);

  const placements = await placementsOf(input.caseId);
  expect(placements).toEqual([first.body.data.placeCase.id]);
  expect(await writeEventsFor(placements[0])).toBe(1);
  const [stored] = await sql(`SELECT actor_sub, response_status FROM facilities.idempotency_key WHERE key = $1`, [key]);
  expect(stored).toEqual({ actor_sub: "officer-idempotency", response_status: 200 });
});

it("refuses the same key with a different request, and acts for another caller's same key", async () => {
  const facilityId = await newFacility();
  const key = randomUUID();
  const input = { caseId: randomUUID(), facilityId, regime: "OPEN" };
  expect((await post(PLACE, { input }, key)).body.errors).toBeUndefined();

  const other = { ...input, caseId: randomUUID() };
  const reused = await post(PLACE, { input: other }, key);
  expect(reused.body.errors?.[0].extensions?.code).toBe("IDEMPOTENCY_KEY_REUSED");
  expect(await placementsOf(other.caseId)).toEqual([]);

  // Keys are per caller: another officer's request under the same key is a request of its own.
  const byAnother = await post(PLACE, { input: other }, key, { roles: ["mia_officer"], sub: "officer-other" });
  expect(byAnother.body.errors).toBeUndefined();
  expect(await placementsOf(other.caseId)).toHaveLength(1);
});

it("acts once when duplicates with one key arrive at the same time", async () => {
  const facilityId = await newFacility();
  const input = { caseId: randomUUID(), facilityId, regime: "OPEN" };
  const key = randomUUID();
  const answers = await Promise.all(Array.from({ length: 6 }, () => post(PLACE, { input }, key)));
  const placements = await placementsOf(input.caseId);
  expect(placements).toHaveLength(1);
  expect(await writeEventsFor(placements[0])).toBe(1);
  for (const answer of answers) {
    // Each duplicate gets the one answer, or is told the key is still in use; never a second placement.
    if (answer.body.errors) expect(answer.body.errors[0].extensions?.code).toBe("IDEMPOTENCY_KEY_IN_USE");
    else expect(answer.body.data.placeCase.id).toBe(placements[0]);
  }
  expect(answers.filter((a) => !a.body.errors).length).toBeGreaterThanOrEqual(1);
});

it("runs a refused mutation again on retry: a request that changed nothing keeps no key", async () => {
  const key = randomUUID();
  const input = { caseId: randomUUID(), facilityId: randomUUID(), regime: "OPEN" };
  const refused = await post(PLACE, { input }, key);
  expect(refused.body.errors?.[0].extensions?.code).toBe("NOT_FOUND");
  expect(await sql(`SELECT 1 FROM facilities.idempotency_key WHERE key = $1`, [key])).toEqual([]);
});

it("refuses a malformed key before anything runs", async () => {
  const facilityId = await newFacility();
  const input = { caseId: randomUUID(), facilityId, regime: "OPEN" };
  const answer = await post(PLACE, { input }, "x".repeat(300));
  expect(answer.status).toBe(400);
  expect(answer.body.errors?.[0].extensions?.code).toBe("BAD_REQUEST");
  expect(await placementsOf(input.caseId)).toEqual([]);
});

it("counts a key only when the gateway's signature covers it: a signed body sent with another key is refused", async () => {
  const facilityId = await newFacility();
  const input = { caseId: randomUUID(), facilityId, regime: "OPEN" };
  const authorization = (await platform.auth.authorization(officer))!;
  // Signed as the gateway signs a request without a key, then sent with one added on the way.
  const tampered = await gatewaySignedRequest(
    platform.subgraphUrls.facilities,
    platform.gatewaySecret,
    PLACE,
    { input },
    {
      authorization,
      "idempotency-key": randomUUID(),
    },
  );
  expect(tampered.status).toBe(403);
  expect(await placementsOf(input.caseId)).toEqual([]);
});

it("binds a key to the caller's roles and claims: the same sub as another caller to the policy is refused, never answered", async () => {
  const facilityId = await newFacility();
  const input = { caseId: randomUUID(), facilityId, regime: "OPEN" };
  const key = randomUUID();
  const first = await post(PLACE, { input }, key);
  expect(first.body.errors).toBeUndefined();
  const other = randomUUID();
  const sameSubElseDifferent: CallAs[] = [
    { roles: ["facility_staff"], sub: "officer-idempotency", facility_id: facilityId },
    { roles: ["mia_officer", "auditor"], sub: "officer-idempotency" },
    { roles: ["mia_officer"], sub: "officer-idempotency", facility_id: other },
    { roles: ["mia_officer"], sub: "officer-idempotency", org_id: other },
    { roles: ["mia_officer"], sub: "officer-idempotency", official_id: other },
  ];
  for (const as of sameSubElseDifferent) {
    const replay = await post(PLACE, { input }, key, as);
    expect({ as, code: replay.body.errors?.[0].extensions?.code, data: replay.body.data ?? null }).toEqual({
      as,
      code: "IDEMPOTENCY_KEY_REUSED",
      data: null,
    });
  }
  expect(await placementsOf(input.caseId)).toEqual([first.body.data.placeCase.id]);
  // The caller the key was first used by still gets their answer back.
  expect(await post(PLACE, { input }, key)).toEqual(first);
});

it("keeps no key for public callers: every public caller is one caller, so each filing is its own", async () => {
  const FILE = `mutation($input: FileComplaintInput!) { fileComplaint(input: $input) { receiptCode } }`;
  const input = { channel: "WEB", category: "OTHER", text: `Filed twice ${randomUUID()}`, anonymous: true };
  const key = randomUUID();
  const answers = [await post(FILE, { input }, key, null), await post(FILE, { input }, key, null)];
  for (const answer of answers) expect(answer.body.errors).toBeUndefined();
  const [a, b] = answers.map((answer) => answer.body.data.fileComplaint.receiptCode as string);
  expect(a).not.toEqual(b);
  expect(await sql(`SELECT 1 FROM monitoring.idempotency_key WHERE key = $1`, [key])).toEqual([]);
});
