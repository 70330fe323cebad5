import { createHash, randomUUID } from "node:crypto";
import { subjectRef } from "@kgraph/platform";
import { COMPLAINT_RESPONSE_DAYS } from "../src/modules/complaint/complaint.policy";
import { newReceiptCode, normalizeReceiptCode } from "../src/modules/complaint/receipt-code";
import {
  type MonitoringHarness,
  TEST_SUBJECT_REF_KEY,
  UNKNOWN_ID,
  firstError,
  ok,
  startMonitoringHarness,
} from "./harness";

let h: MonitoringHarness;
beforeAll(async () => {
  h = await startMonitoringHarness();
});
afterAll(async () => {
  await h?.stop();
});

const FILE = `mutation($input: FileComplaintInput!) { fileComplaint(input: $input) { receiptCode status dueAt } }`;
const STATUS = `query($code: String!) { complaintStatus(receiptCode: $code) { status dueAt updatedAt decisionOutcome } }`;
const COMPLAINT_FIELDS = `id channel anonymous receiptCode category text status receivedAt dueAt updatedAt complainantName complainantContact
  subjectRef facility { id } case { id } escalations { to at reason } decision { outcome text decidedAt }`;
const READ = `query($id: ID!) { complaint(id: $id) { ${COMPLAINT_FIELDS} } }`;
const TRIAGE = `mutation($input: TriageComplaintInput!) { triageComplaint(input: $input) { ${COMPLAINT_FIELDS} } }`;
const ESCALATE = `mutation($input: EscalateComplaintInput!) { escalateComplaint(input: $input) { ${COMPLAINT_FIELDS} } }`;
const DECIDE = `mutation($input: DecideComplaintInput!) { decideComplaint(input: $input) { ${COMPLAINT_FIELDS} } }`;
const CLOSE = `mutation($id: ID!) { closeComplaint(complaintId: $id) { ${COMPLAINT_FIELDS} } }`;

const CODE_FORMAT = /^([0-9A-HJKMNP-TV-Z]{4}-){7}[0-9A-HJKMNP-TV-Z]{4}$/;
const sha256 = (value: string) => createHash("sha256").update(value).digest("hex");

function anonymousInput(overrides: Record<string, unknown> = {}) {
  return {
    channel: "WEB",
    category: "LIVING_CONDITIONS",
    text: "There is no hot water in block B since last week.",
    anonymous: true,
    ...overrides,
  };
}

/** Files a complaint and finds its id the way only the database can: by the hash of the code. */
async function file(overrides: Record<string, unknown> = {}) {
  const receipt = ok(await h.gql(FILE, { input: anonymousInput(overrides) })).fileComplaint;
  const rows = await h.db.query(`SELECT id FROM monitoring.complaint WHERE receipt_code_hash = $1`, [
    sha256(receipt.receiptCode.replace(/-/g, "")),
  ]);
  expect(rows).toHaveLength(1);
  return { ...receipt, id: rows[0].id as string };
}

const complaintCount = async () =>
  (await h.db.query(`SELECT count(*)::int AS n FROM monitoring.complaint`))[0].n as number;
const complaintRow = async (id: string) =>
  (await h.db.query(`SELECT * FROM monitoring.complaint WHERE id = $1`, [id]))[0];

describe("receipt codes", () => {
  it("encodes 160 random bits as eight groups of four Crockford base32 characters", () => {
    expect(newReceiptCode(Buffer.alloc(20, 0))).toBe("0000-0000-0000-0000-0000-0000-0000-0000");
    expect(newReceiptCode(Buffer.alloc(20, 0xff))).toBe("ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ");
    const codes = new Set(Array.from({ length: 200 }, () => newReceiptCode()));
    expect(codes.size).toBe(200);
    for (const code of codes) expect(code).toMatch(CODE_FORMAT);
  });

  it("reads look-alike letters, lower case, spaces and dashes as the code they stand for", () => {
    expect(normalizeReceiptCode("o1il-abcd ef")).toBe("0111ABCDEF");
  });
});

describe("fileComplaint and complaintStatus", () => {
  it("returns an unguessable receipt code, stores only its hash, and the code alone gives the status", async () => {
    const receipt = ok(await h.gql(FILE, { input: anonymousInput() })).fileComplaint;
    expect(receipt.receiptCode).toMatch(CODE_FORMAT);
    expect(receipt.status).toBe("RECEIVED");

    const normalized = receipt.receiptCode.replace(/-/g, "");
    const rows = await h.db.query(
      `SELECT id, receipt_code_hash, received_at, due_at, row_to_json(c)::text AS everything FROM monitoring.complaint c WHERE receipt_code_hash = $1`,
      [sha256(normalized)],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0].everything).not.toContain(receipt.receiptCode);
    expect(rows[0].everything).not.toContain(normalized);
    expect(rows[0].everything).not.toContain(normalized.slice(0, 8));
    expect(rows[0].due_at.getTime() - rows[0].received_at.getTime()).toBe(COMPLAINT_RESPONSE_DAYS * 86_400_000);
    expect(receipt.dueAt).toBe(rows[0].due_at.toISOString());

    const status = ok(await h.gql(STATUS, { code: receipt.receiptCode })).complaintStatus;
    expect(status).toEqual({
      status: "RECEIVED",
      dueAt: receipt.dueAt,
      updatedAt: rows[0].received_at.toISOString(),
      decisionOutcome: null,
    });
    const retyped = ok(
      await h.gql(STATUS, { code: ` ${normalized.toLowerCase().replace(/0/g, "o")} ` }),
    ).complaintStatus;
    expect(retyped).toEqual(status);

    const staffView = ok(await h.gql(READ, { id: rows[0].id })).complaint;
    expect(staffView.receiptCode).toBe(`****-****-****-****-****-****-****-${normalized.slice(-4)}`);
  });

  it("answers a wrong code, a malformed one and an altered one with the same NOT_FOUND and no data", async () => {
    const receipt = ok(await h.gql(FILE, { input: anonymousInput() })).fileComplaint;
    const last = receipt.receiptCode.at(-1) === "0" ? "1" : "0";
    const altered = `${receipt.receiptCode.slice(0, -1)}${last}`;
    const answers = await Promise.all([newReceiptCode(), "hello", "", altered].map((code) => h.gql(STATUS, { code })));
    for (const answer of answers) {
      expect(answer.data).toBeNull();
      expect(answer.errors).toEqual([
        {
          message: "No complaint matches this receipt code.",
          locations: [{ line: 1, column: 25 }],
          path: ["complaintStatus"],
          extensions: { code: "NOT_FOUND" },
        },
      ]);
    }
  });

  it("tells the code's holder only status, dates and outcome", async () => {
    const data = ok(await h.gql(`{ __type(name: "ComplaintStatusCheck") { fields { name } } }`));
    expect(data.__type.fields.map((f: { name: string }) => f.name)).toEqual([
      "status",
      "dueAt",
      "updatedAt",
      "decisionOutcome",
    ]);
  });

  it("keeps a named complainant's identity and links case and facility, shown as a pseudonym", async () => {
    const caseId = randomUUID();
    const facilityId = randomUUID();
    const filed = await file({
      anonymous: false,
      channel: "HOTLINE",
      category: "HEALTH_CARE",
      complainantName: " Complainant Testova ",
      complainantContact: "+383 44 000 000",
      caseId,
      facilityId,
    });
    const complaint = ok(await h.gql(READ, { id: filed.id })).complaint;
    expect(complaint).toMatchObject({
      channel: "HOTLINE",
      anonymous: false,
      category: "HEALTH_CARE",
      status: "RECEIVED",
      complainantName: "Complainant Testova",
      complainantContact: "+383 44 000 000",
      subjectRef: subjectRef(caseId, TEST_SUBJECT_REF_KEY),
      case: { id: caseId },
      facility: { id: facilityId },
      escalations: [],
      decision: null,
    });
    const anonymous = await file();
    expect(ok(await h.gql(READ, { id: anonymous.id })).complaint).toMatchObject({
      anonymous: true,
      complainantName: null,
      complainantContact: null,
      subjectRef: null,
      case: null,
      facility: null,
    });
  });

  it("refuses identity on an anonymous complaint and requires a name otherwise, writing nothing", async () => {
    const before = await complaintCount();
    const named = firstError(await h.gql(FILE, { input: anonymousInput({ complainantContact: "me@example.org" }) }));
    expect(named).toMatchObject({
      message:
        "An anonymous complaint carries no identity: leave out input.complainantName and input.complainantContact, or set input.anonymous to false.",
      extensions: { code: "BAD_USER_INPUT", argument: "input.complainantContact" },
    });
    const nameless = firstError(
      await h.gql(FILE, { input: anonymousInput({ anonymous: false, complainantName: "   " }) }),
    );
    expect(nameless.message).toContain("input.complainantName is required unless the complaint is anonymous.");
    expect(await complaintCount()).toBe(before);
  });

  it("rejects invalid input naming every wrong field, writing nothing", async () => {
    const before = await complaintCount();
    const error = firstError(
      await h.gql(FILE, { input: anonymousInput({ text: "bad", facilityId: "F-1", caseId: "12" }) }),
    );
    expect(error).toMatchObject({
      message: "Invalid input: input.facilityId must be an id (a UUID); input.caseId must be an id (a UUID).",
      extensions: { code: "BAD_USER_INPUT", argument: "input.facilityId" },
    });
    const short = firstError(await h.gql(FILE, { input: anonymousInput({ text: "bad" }) }));
    expect(short).toMatchObject({
      message: "Invalid input: text must be between 10 and 20000 characters.",
      extensions: { code: "BAD_USER_INPUT" },
    });
    const channel = firstError(await h.gql(FILE, { input: anonymousInput({ channel: "CARRIER_PIGEON" }) }));
    expect(channel.extensions?.code).toBe("BAD_USER_INPUT");
    expect(await complaintCount()).toBe(before);
  });
});

describe("complaint handling", () => {
  it("triages, escalates twice, decides and closes; the code's holder sees the progress and the outcome", async () => {
    const filed = await file();
    const triaged = ok(
      await h.gql(TRIAGE, { input: { complaintId: filed.id, category: "TREATMENT_BY_STAFF" } }),
    ).triageComplaint;
    expect(triaged).toMatchObject({ status: "UNDER_REVIEW", category: "TREATMENT_BY_STAFF" });
    const first = ok(
      await h.gql(ESCALATE, {
        input: { complaintId: filed.id, to: "Police Inspectorate", reason: "Alleged use of force by police." },
      }),
    ).escalateComplaint;
    expect(first.status).toBe("ESCALATED");
    const second = ok(
      await h.gql(ESCALATE, {
        input: { complaintId: filed.id, to: "State Prosecutor", reason: "Possible criminal offence." },
      }),
    ).escalateComplaint;
    expect(second.escalations.map((e: { to: string; reason: string }) => [e.to, e.reason])).toEqual([
      ["Police Inspectorate", "Alleged use of force by police."],
      ["State Prosecutor", "Possible criminal offence."],
    ]);
    const decided = ok(
      await h.gql(DECIDE, {
        input: { complaintId: filed.id, outcome: "PARTLY_UPHELD", text: "Force was used beyond what was necessary." },
      }),
    ).decideComplaint;
    expect(decided).toMatchObject({
      status: "DECIDED",
      decision: { outcome: "PARTLY_UPHELD", text: "Force was used beyond what was necessary." },
    });
    expect(decided.updatedAt).toBe(decided.decision.decidedAt);

    const status = ok(await h.gql(STATUS, { code: filed.receiptCode })).complaintStatus;
    expect(status).toEqual({
      status: "DECIDED",
      dueAt: filed.dueAt,
      updatedAt: decided.updatedAt,
      decisionOutcome: "PARTLY_UPHELD",
    });

    const closed = ok(await h.gql(CLOSE, { id: filed.id })).closeComplaint;
    expect(closed).toMatchObject({ status: "CLOSED", decision: { outcome: "PARTLY_UPHELD" } });
    expect(ok(await h.gql(STATUS, { code: filed.receiptCode })).complaintStatus).toMatchObject({
      status: "CLOSED",
      decisionOutcome: "PARTLY_UPHELD",
    });
    expect(ok(await h.gql(READ, { id: filed.id })).complaint).toEqual(closed);
  });

  it("refuses a decision before triage, naming the allowed next status, and changes nothing", async () => {
    const filed = await file();
    const before = await complaintRow(filed.id);
    const error = firstError(
      await h.gql(DECIDE, { input: { complaintId: filed.id, outcome: "UPHELD", text: "Decided too early." } }),
    );
    expect(error).toMatchObject({
      message: `Complaint ${filed.id} cannot move from RECEIVED to DECIDED. Allowed next: UNDER_REVIEW.`,
      extensions: { code: "BAD_USER_INPUT", from: "RECEIVED", to: "DECIDED", allowed: ["UNDER_REVIEW"] },
    });
    expect(await complaintRow(filed.id)).toEqual(before);
  });

  it("refuses escalation before triage and after the decision, adding no escalation", async () => {
    const filed = await file();
    const early = firstError(
      await h.gql(ESCALATE, { input: { complaintId: filed.id, to: "Prosecutor", reason: "Too early." } }),
    );
    expect(early.message).toBe(
      `Complaint ${filed.id} cannot move from RECEIVED to ESCALATED. Allowed next: UNDER_REVIEW.`,
    );
    ok(await h.gql(TRIAGE, { input: { complaintId: filed.id } }));
    ok(
      await h.gql(DECIDE, { input: { complaintId: filed.id, outcome: "NOT_UPHELD", text: "No evidence was found." } }),
    );
    const late = firstError(
      await h.gql(ESCALATE, { input: { complaintId: filed.id, to: "Prosecutor", reason: "Too late." } }),
    );
    expect(late.message).toBe(`Complaint ${filed.id} cannot move from DECIDED to ESCALATED. Allowed next: CLOSED.`);
    const escalations = await h.db.query(
      `SELECT count(*)::int AS n FROM monitoring.complaint_escalation WHERE complaint_id = $1`,
      [filed.id],
    );
    expect(escalations[0].n).toBe(0);
  });

  it("refuses to triage twice, to close an undecided complaint, and anything after closing", async () => {
    const filed = await file();
    ok(await h.gql(TRIAGE, { input: { complaintId: filed.id } }));
    const twice = firstError(await h.gql(TRIAGE, { input: { complaintId: filed.id } }));
    expect(twice.message).toBe(
      `Complaint ${filed.id} cannot move from UNDER_REVIEW to UNDER_REVIEW. Allowed next: ESCALATED, DECIDED.`,
    );
    const close = firstError(await h.gql(CLOSE, { id: filed.id }));
    expect(close.message).toBe(
      `Complaint ${filed.id} cannot move from UNDER_REVIEW to CLOSED. Allowed next: ESCALATED, DECIDED.`,
    );
    ok(
      await h.gql(DECIDE, {
        input: { complaintId: filed.id, outcome: "OUTSIDE_MANDATE", text: "A matter for the courts." },
      }),
    );
    ok(await h.gql(CLOSE, { id: filed.id }));
    const after = firstError(
      await h.gql(DECIDE, { input: { complaintId: filed.id, outcome: "UPHELD", text: "Changed our mind." } }),
    );
    expect(after).toMatchObject({
      message: `Complaint ${filed.id} cannot move from CLOSED to DECIDED. CLOSED is final.`,
      extensions: { allowed: [] },
    });
    expect(await complaintRow(filed.id)).toMatchObject({ status: "CLOSED", decision_outcome: "OUTSIDE_MANDATE" });
  });

  it("validates handling input and answers NOT_FOUND for an unknown complaint", async () => {
    const filed = await file();
    ok(await h.gql(TRIAGE, { input: { complaintId: filed.id } }));
    const invalid = firstError(await h.gql(ESCALATE, { input: { complaintId: filed.id, to: "", reason: " " } }));
    expect(invalid.message).toBe(
      "Invalid input: to must not be blank; to must be between 2 and 200 characters; reason must not be blank; reason must be between 3 and 5000 characters.",
    );
    expect((await complaintRow(filed.id)).status).toBe("UNDER_REVIEW");
    const missing = firstError(await h.gql(TRIAGE, { input: { complaintId: UNKNOWN_ID } }));
    expect(missing).toMatchObject({
      message: `Complaint ${UNKNOWN_ID} does not exist.`,
      extensions: { code: "NOT_FOUND" },
    });
    expect(ok(await h.gql(READ, { id: UNKNOWN_ID })).complaint).toBeNull();
  });
});

describe("complaints connection", () => {
  it("pages newest first by keyset cursor within a facility and status filter", async () => {
    const facilityId = randomUUID();
    const filed: string[] = [];
    for (let i = 0; i < 5; i++) filed.push((await file({ facilityId })).id);
    const reviewed = await file({ facilityId });
    ok(await h.gql(TRIAGE, { input: { complaintId: reviewed.id } }));
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const res: any = await h.gql(
        `query($after: String, $f: ID) { complaints(first: 2, after: $after, filter: { facilityId: $f, status: [RECEIVED] }) { edges { node { id } } pageInfo { hasNextPage endCursor } } }`,
        { after, f: facilityId },
      );
      const data = ok(res);
      seen.push(...data.complaints.edges.map((e: any) => e.node.id));
      if (!data.complaints.pageInfo.hasNextPage) break;
      after = data.complaints.pageInfo.endCursor;
    }
    // Newest first; complaints filed in the same millisecond fall back to the id order.
    const expected = await h.db.query(
      `SELECT id FROM monitoring.complaint WHERE id = ANY($1) ORDER BY received_at DESC, id DESC`,
      [filed],
    );
    expect(seen).toEqual(expected.map((row: { id: string }) => row.id));
    expect(new Set(seen)).toEqual(new Set(filed));
    const underReview = ok(
      await h.gql(
        `query($f: ID) { complaints(first: 10, filter: { facilityId: $f, status: [UNDER_REVIEW] }) { edges { node { id } } } }`,
        { f: facilityId },
      ),
    );
    expect(underReview.complaints.edges).toEqual([{ node: { id: reviewed.id } }]);
  });

  it("rejects a forged cursor", async () => {
    const error = firstError(await h.gql(`{ complaints(first: 5, after: "bm9wZQ") { edges { cursor } } }`));
    expect(error).toMatchObject({
      message: "The cursor given in `after` is not one this API issued.",
      extensions: { code: "BAD_USER_INPUT" },
    });
  });
});

describe("_entities", () => {
  it("resolves Complaint references through the same loader, null for unknown ids", async () => {
    const filed = await file();
    const res = await h.gql(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Complaint { id status anonymous } } }`,
      {
        r: [
          { __typename: "Complaint", id: filed.id },
          { __typename: "Complaint", id: UNKNOWN_ID },
        ],
      },
    );
    expect(ok(res)._entities).toEqual([{ id: filed.id, status: "RECEIVED", anonymous: true }, null]);
  });
});
