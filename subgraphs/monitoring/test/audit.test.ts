import { createHash, createHmac } from "node:crypto";
import { defaultParamsSerializer } from "@graphql-mesh/hmac-upstream-signature";
import { SIGNATURE_EXTENSION, STAMP_EXTENSION, newStamp, signedContent } from "@kgraph/platform";
import { type MonitoringHarness, ok, startMonitoringHarness } from "./harness";

/**
 * What the monitoring subgraph's audit trail may be told by its caller, and what it must work
 * out itself: the actor of an anonymous complaint's own event only, the request id only from a
 * request the gateway signed, and the operation from what actually executed.
 */
let h: MonitoringHarness;
beforeAll(async () => {
  h = await startMonitoringHarness();
});
afterAll(async () => {
  await h?.stop();
});

const OMBUDS = { roles: ["ombudsperson"], sub: "ombuds-audit-test" };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

interface EventRow {
  seq: string;
  kind: string;
  actor_sub: string | null;
  actor_roles: string[];
  operation: string;
  request_id: string | null;
  client_request_id: string | null;
  client_operation_name: string | null;
  record_ids: string[];
}

const lastSeq = async () =>
  String((await h.db.query(`SELECT coalesce(max(seq), 0)::text AS seq FROM monitoring.audit_event`))[0].seq);
const eventsAfter = (seq: string): Promise<EventRow[]> =>
  h.db.query(`SELECT * FROM monitoring.audit_event WHERE seq > $1 ORDER BY seq ASC`, [seq]);

const namedComplaint = (text = "The heating in block C has been off for a week.") => ({
  channel: "WEB",
  category: "LIVING_CONDITIONS",
  text,
  anonymous: false,
  complainantName: "Synthetic Complainant",
});
const anonymousComplaint = { channel: "WEB", category: "OTHER", text: "Filed without my name.", anonymous: true };

/** Files a named complaint and finds its id by the hash of its receipt code (as only the database can). */
async function receivedComplaint(): Promise<string> {
  const { receiptCode } = ok(
    await h.gql(`mutation($input: FileComplaintInput!) { fileComplaint(input: $input) { receiptCode } }`, {
      input: namedComplaint(),
    }),
  ).fileComplaint;
  const hash = createHash("sha256").update(receiptCode.replace(/-/g, "")).digest("hex");
  const [row] = await h.db.query(`SELECT id FROM monitoring.complaint WHERE receipt_code_hash = $1`, [hash]);
  return row.id as string;
}

describe("an anonymous complaint withholds the actor from its own event only", () => {
  const FILE_THEN_TRIAGE = `mutation($file: FileComplaintInput!, $triage: TriageComplaintInput!) {
    fileComplaint(input: $file) { receiptCode }
    triageComplaint(input: $triage) { id status } }`;
  const TRIAGE_THEN_FILE = `mutation($file: FileComplaintInput!, $triage: TriageComplaintInput!) {
    triageComplaint(input: $triage) { id status }
    fileComplaint(input: $file) { receiptCode } }`;

  it.each([
    ["filed first", FILE_THEN_TRIAGE, ["fileComplaint", "triageComplaint"]],
    ["filed second", TRIAGE_THEN_FILE, ["triageComplaint", "fileComplaint"]],
  ])("names the actor of every other mutation in the same request (%s)", async (_label, query, order) => {
    const complaintId = await receivedComplaint();
    const before = await lastSeq();
    const res = await h.gql(query, { file: anonymousComplaint, triage: { complaintId } }, OMBUDS);
    expect(ok(res).triageComplaint).toEqual({ id: complaintId, status: "UNDER_REVIEW" });

    const events = await eventsAfter(before);
    expect(events.map((e) => [e.kind, e.operation])).toEqual(order.map((name) => ["WRITE", `mutation ${name}`]));
    const byName = Object.fromEntries(events.map((e) => [e.operation, e]));
    expect(byName["mutation fileComplaint"]).toMatchObject({ actor_sub: null, actor_roles: [] });
    expect(byName["mutation triageComplaint"]).toMatchObject({
      actor_sub: OMBUDS.sub,
      actor_roles: OMBUDS.roles,
      record_ids: [complaintId],
    });
  });
});

/**
 * The gateway's signature over a subgraph request, computed as @graphql-mesh/hmac-upstream-signature
 * does over the platform's signed content, with a fresh stamp: the extensions to send.
 */
function sign(
  secret: string,
  body: { query: string; variables?: Record<string, unknown> },
  ids: { requestId: string; clientRequestId: string | null; clientOperationName: string | null },
): Record<string, unknown> {
  const stamp = newStamp();
  // The signature covers the Authorization header the request goes with (post() sends this one).
  const envelope = { operationName: null, authorization: ombudsAuthorization };
  const content = signedContent(defaultParamsSerializer(body) as string, ids, stamp, envelope);
  return {
    [SIGNATURE_EXTENSION]: createHmac("sha256", secret).update(content).digest("base64"),
    [STAMP_EXTENSION]: stamp,
  };
}

let ombudsAuthorization: string;
beforeAll(async () => {
  ombudsAuthorization = (await h.auth.authorization(OMBUDS)) as string;
});

async function post(body: Record<string, unknown>, headers: Record<string, string>) {
  const authorization = ombudsAuthorization;
  const response = await fetch(h.url, {
    method: "POST",
    headers: { "content-type": "application/json", authorization, ...headers },
    body: JSON.stringify(body),
  });
  expect(response.status).toBe(200);
  const result = (await response.json()) as { errors?: unknown };
  expect(result.errors).toBeUndefined();
  return response.headers.get("x-request-id");
}

describe("request ids: the subgraph stores a caller's id as the caller's, never as the request id", () => {
  const FILE = `mutation Filing($input: FileComplaintInput!) { fileComplaint(input: $input) { receiptCode } }`;

  it("gives a direct caller's request its own id and keeps the caller's x-request-id beside it", async () => {
    const before = await lastSeq();
    const answered = await post(
      { query: FILE, variables: { input: namedComplaint() } },
      { "x-request-id": "chosen-by-the-caller-1", "x-client-request-id": "also-chosen-by-the-caller" },
    );
    expect(answered).toMatch(UUID);
    const [event] = await eventsAfter(before);
    expect(event).toMatchObject({ request_id: answered, client_request_id: "chosen-by-the-caller-1" });
  });

  it("takes the gateway's request id from a request the gateway signed, with the client's id beside it", async () => {
    const body = { query: FILE, variables: { input: namedComplaint("Signed by the gateway.") } };
    const ids = { requestId: "gateway-request-1", clientRequestId: "client-trace-1", clientOperationName: "Filing" };
    const signature = sign(h.gatewaySecret, body, ids);
    const before = await lastSeq();
    const answered = await post(
      { ...body, extensions: signature },
      { "x-request-id": ids.requestId, "x-client-request-id": ids.clientRequestId, "x-operation-name": "Filing" },
    );
    expect(answered).toBe("gateway-request-1");
    const [event] = await eventsAfter(before);
    expect(event).toMatchObject({
      request_id: "gateway-request-1",
      client_request_id: "client-trace-1",
      client_operation_name: "Filing",
    });
  });

  it("trusts no id when the signature does not cover it: replayed with another id, or signed with another key", async () => {
    const body = { query: FILE, variables: { input: namedComplaint("Replayed with another request id.") } };
    const ids = { requestId: "gateway-request-2", clientRequestId: null, clientOperationName: null };
    const replayed = { ...body, extensions: sign(h.gatewaySecret, body, ids) };
    const forged = { ...body, extensions: sign("not-the-gateway-secret", body, ids) };
    for (const [request, headerId] of [
      [replayed, "chosen-after-signing"],
      [forged, "gateway-request-2"],
    ] as const) {
      const before = await lastSeq();
      const answered = await post(request, { "x-request-id": headerId });
      expect(answered).toMatch(UUID);
      const [event] = await eventsAfter(before);
      expect(event).toMatchObject({ request_id: answered, client_request_id: headerId });
    }
  });
});

describe("operations: what executed, and the client's name for it apart", () => {
  it("records a mutation by its root field, whatever name the client gave the operation", async () => {
    const before = await lastSeq();
    await post(
      {
        query: `mutation RoutineHousekeeping($input: FileComplaintInput!) { fileComplaint(input: $input) { receiptCode } }`,
        variables: { input: namedComplaint() },
      },
      { "x-operation-name": "NotWhatRan" },
    );
    const [event] = await eventsAfter(before);
    expect(event).toMatchObject({
      kind: "WRITE",
      operation: "mutation fileComplaint",
      client_operation_name: "RoutineHousekeeping",
    });
  });

  it("records a read by its root fields, and the client's name apart", async () => {
    const complaintId = await receivedComplaint();
    const before = await lastSeq();
    const res = await h.gql(
      `query JustCheckingTheStatus($id: ID!) { complaint(id: $id) { status complainantName } }`,
      { id: complaintId },
      OMBUDS,
    );
    expect(ok(res).complaint.complainantName).toBe("Synthetic Complainant");
    const [event] = await eventsAfter(before);
    expect(event).toMatchObject({
      kind: "READ",
      operation: "query { complaint }",
      client_operation_name: "JustCheckingTheStatus",
      record_ids: [complaintId],
    });
  });
});
