import type { CallAs } from "@kgraph/platform";
import { Client } from "pg";
import { runSeed } from "../../tools/src/seed/run";
import { buildWorld } from "../../tools/src/seed/world";
import { type Platform, startPlatform } from "../support/platform";

/**
 * The audit trail end to end: sensitive reads and every write leave events, readable through
 * the graph by audit:read roles; a failed mutation leaves nothing; what the client claims (its
 * request id, its operation's name) is kept apart from what the platform knows; an anonymous
 * complaint hides only its own filer. (Append-only grants, triggers and the chain of every
 * subgraph's trail: tests/audit/append-only.test.ts.)
 */
const CASES = 120;
const world = buildWorld({ cases: CASES });
let platform: Platform;

beforeAll(async () => {
  platform = await startPlatform({ seed: (url) => runSeed(url, { cases: CASES, progress: () => undefined }) });
}, 120_000);
afterAll(async () => {
  await platform?.stop();
});

const TRAIL = `query($id: ID) { auditTrail { cases(first: 50, filter: { recordId: $id }) {
  edges { node { kind actorSub actorRoles operation clientOperationName recordIds fields requestId clientRequestId } } } } }`;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

async function sql<T = any>(text: string, params: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: platform.databaseUrl });
  await client.connect();
  try {
    return (await client.query(text, params)).rows as T[];
  } finally {
    await client.end();
  }
}

it("records the Ombudsperson reading a person's name, with the case id, readable by an auditor", async () => {
  const subject = world.cases[3];
  const read = await platform.gql(
    `query OmbudsCheck($id: ID!) { case(id: $id) { caseNumber person { familyName } } }`,
    { id: subject.id },
    { roles: ["ombudsperson"], sub: "ombuds-7" },
  );
  expect(read.data!.case.person.familyName).toBe(subject.familyName);

  const trail = await platform.gql(TRAIL, { id: subject.id }, "auditor");
  expect(trail.errors).toBeUndefined();
  const events = trail.data!.auditTrail.cases.edges.map((e: any) => e.node);
  expect(events).toContainEqual(
    expect.objectContaining({
      kind: "READ",
      actorSub: "ombuds-7",
      actorRoles: ["ombudsperson"],
      recordIds: [subject.id],
      fields: expect.arrayContaining(["Case.person", "Person.familyName"]),
      operation: "query { case }",
      clientOperationName: "OmbudsCheck",
    }),
  );
});

it("keeps a subject of the longest length the platform accepts whole, on a read and on a write", async () => {
  // A longer one is refused with the token (HTTP 401, the token wall of every service).
  const caller = { roles: ["ombudsperson"], sub: `ombuds-${"x".repeat(193)}` };
  expect(caller.sub).toHaveLength(200);
  const subject = world.cases[5];
  const read = await platform.gql(`query { case(id: "${subject.id}") { person { familyName } } }`, {}, caller);
  expect(read.errors).toBeUndefined();
  const operationName = `Q${"q".repeat(150)}`;
  const named = await platform.gql(
    `query ${operationName} { case(id: "${subject.id}") { person { familyName } } }`,
    {},
    caller,
  );
  expect(named.errors).toBeUndefined();
  const rows = await sql<{ actor_sub: string; client_operation_name: string | null }>(
    `SELECT actor_sub, client_operation_name FROM cases.audit_event WHERE actor_sub = $1 ORDER BY seq`,
    [caller.sub],
  );
  // The gateway vouches only for a well-formed name of at most 100 characters; a longer one is not kept.
  expect(rows).toEqual([
    { actor_sub: caller.sub, client_operation_name: null },
    { actor_sub: caller.sub, client_operation_name: null },
  ]);
});

it("does not let roles without audit:read see the trail", async () => {
  const res = await platform.gql(TRAIL, { id: null }, "mia_officer");
  expect(res.data?.auditTrail ?? null).toBeNull();
  expect(res.errors?.[0].extensions?.code).toBe("UNAUTHORIZED_FIELD_OR_TYPE");
});

it("records a write in its transaction, and a failed mutation leaves no event", async () => {
  const officer = { roles: ["mia_officer"], sub: "officer-9" };
  const nominated = await platform.gql(
    `mutation($input: NominateCaseInput!) { nominateCase(input: $input) { id } }`,
    {
      input: {
        agreementId: world.agreement.id,
        nationality: "AF",
        ageBand: "AGE_26_35",
        person: { givenNames: "Test", familyName: "Audit", sex: "M", languages: [], identityDocuments: [] },
      },
    },
    officer,
  );
  expect(nominated.errors).toBeUndefined();
  const subject = nominated.data!.nominateCase as { id: string };
  const count = async () => (await sql(`SELECT count(*)::int AS n FROM cases.audit_event WHERE kind = 'WRITE'`))[0].n;
  const before = await count();
  const refused = await platform.gql(
    `mutation($id: ID!) { changeCaseStatus(input: { caseId: $id, status: RETURNED }) { status } }`,
    { id: subject.id },
    officer,
  );
  expect(refused.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
  expect(await count()).toBe(before);

  const accepted = await platform.gql(
    `mutation Accept($id: ID!) { acceptCase(caseId: $id) { status } }`,
    { id: subject.id },
    officer,
  );
  expect(accepted.data!.acceptCase.status).toBe("ACCEPTED");
  expect(await count()).toBe(before + 1);
  const [event] = await sql(`SELECT * FROM cases.audit_event WHERE kind = 'WRITE' ORDER BY seq DESC LIMIT 1`);
  expect(event).toMatchObject({
    actor_sub: "officer-9",
    operation: "mutation acceptCase",
    client_operation_name: "Accept",
    record_ids: [subject.id],
  });
});

/** Sends an operation through the gateway with extra headers; returns the answer and the gateway's request id. */
async function post(body: Record<string, unknown>, as: CallAs, headers: Record<string, string> = {}) {
  const authorization = await platform.auth.authorization(as);
  const response = await fetch(platform.gatewayUrl, {
    method: "POST",
    headers: { "content-type": "application/json", ...(authorization ? { authorization } : {}), ...headers },
    body: JSON.stringify(body),
  });
  const answer = (await response.json()) as { data?: any; errors?: unknown[] };
  expect(answer.errors).toBeUndefined();
  return { data: answer.data, requestId: response.headers.get("x-request-id") };
}

const lastSeq = async (schema: string) =>
  (await sql(`SELECT coalesce(max(seq), 0)::text AS seq FROM ${schema}.audit_event`))[0].seq as string;

it("withholds only the anonymous complaint's own actor when one request runs several mutations", async () => {
  const ombuds = { roles: ["ombudsperson"], sub: "ombuds-multi-1" };
  const text = `Named complaint ${Date.now()}: the showers in block D are broken.`;
  await post(
    {
      query: `mutation($input: FileComplaintInput!) { fileComplaint(input: $input) { receiptCode } }`,
      variables: {
        input: {
          channel: "WEB",
          category: "LIVING_CONDITIONS",
          text,
          anonymous: false,
          complainantName: "Synthetic Filer",
        },
      },
    },
    ombuds,
  );
  const [{ id: complaintId }] = await sql(`SELECT id FROM monitoring.complaint WHERE text = $1`, [text]);
  const before = await lastSeq("monitoring");
  const { data, requestId } = await post(
    {
      query: `mutation FileAndTriage($file: FileComplaintInput!, $triage: TriageComplaintInput!) {
        fileComplaint(input: $file) { receiptCode }
        triageComplaint(input: $triage) { id status } }`,
      variables: {
        file: { channel: "WEB", category: "OTHER", text: "Filed without my name.", anonymous: true },
        triage: { complaintId },
      },
    },
    ombuds,
  );
  expect(data.triageComplaint).toEqual({ id: complaintId, status: "UNDER_REVIEW" });
  const events = await sql(
    `SELECT operation, actor_sub, actor_roles, request_id, client_operation_name FROM monitoring.audit_event
     WHERE seq > $1 ORDER BY seq`,
    [before],
  );
  expect(events).toEqual([
    {
      operation: "mutation fileComplaint",
      actor_sub: null,
      actor_roles: [],
      request_id: requestId,
      client_operation_name: "FileAndTriage",
    },
    {
      operation: "mutation triageComplaint",
      actor_sub: "ombuds-multi-1",
      actor_roles: ["ombudsperson"],
      request_id: requestId,
      client_operation_name: "FileAndTriage",
    },
  ]);
});

it("records the gateway's own request id in every subgraph, the client's beside it, whatever the client sends", async () => {
  const subject = world.cases[5];
  const [{ id: complaintId }] = await sql(`SELECT id FROM monitoring.complaint WHERE NOT anonymous LIMIT 1`);
  const before = { cases: await lastSeq("cases"), monitoring: await lastSeq("monitoring") };
  const { data, requestId } = await post(
    {
      query: `query Harmless($case: ID!, $complaint: ID!) {
        case(id: $case) { person { familyName } }
        complaint(id: $complaint) { complainantName } }`,
      variables: { case: subject.id, complaint: complaintId },
      // A client may put upstream headers in its extensions; they must not become the request id.
      extensions: { headers: { "x-request-id": "injected-through-extensions" } },
    },
    { roles: ["ombudsperson"], sub: "ombuds-ids-1" },
    { "x-request-id": "client-chosen-id-1" },
  );
  expect(data.case.person.familyName).toBe(subject.familyName);
  expect(requestId).toMatch(UUID);
  for (const schema of ["cases", "monitoring"] as const) {
    const events = await sql(
      `SELECT kind, operation, request_id, client_request_id, client_operation_name FROM ${schema}.audit_event WHERE seq > $1`,
      [before[schema]],
    );
    expect(events).toEqual([
      {
        kind: "READ",
        operation: schema === "cases" ? "query { case }" : "query { complaint }",
        request_id: requestId,
        client_request_id: "client-chosen-id-1",
        client_operation_name: "Harmless",
      },
    ]);
  }
});

it("finds one request's events in every subgraph's trail by its request id, and only those", async () => {
  const subject = world.cases[6];
  const [{ id: complaintId }] = await sql(`SELECT id FROM monitoring.complaint WHERE NOT anonymous LIMIT 1`);
  const ombuds = { roles: ["ombudsperson"], sub: "ombuds-request-trail" };
  const read = `query Traced($case: ID!, $complaint: ID!) {
    case(id: $case) { person { familyName } } complaint(id: $complaint) { complainantName } }`;
  const { requestId } = await post({ query: read, variables: { case: subject.id, complaint: complaintId } }, ombuds);
  // Another request of the same caller, reading the same records: not in the answer below.
  await post({ query: read, variables: { case: subject.id, complaint: complaintId } }, ombuds);
  const { data } = await post(
    {
      query: `query Trail($id: String!) { auditTrail {
        cases(filter: { requestId: $id }) { edges { node { requestId operation recordIds } } }
        monitoring(filter: { requestId: $id }) { edges { node { requestId operation } } }
        facilities(filter: { requestId: $id }) { edges { node { requestId } } } } }`,
      variables: { id: requestId },
    },
    { roles: ["auditor"], sub: "auditor-request-trail" },
  );
  expect(data.auditTrail.cases.edges.map((e: any) => e.node)).toEqual([
    { requestId, operation: "query { case }", recordIds: [subject.id] },
  ]);
  expect(data.auditTrail.monitoring.edges.map((e: any) => e.node)).toEqual([
    { requestId, operation: "query { complaint }" },
  ]);
  expect(data.auditTrail.facilities.edges).toEqual([]);
});
