import { createHash } from "node:crypto";
import { racing } from "@kgraph/platform";
import { type MonitoringHarness, ok, startMonitoringHarness } from "./harness";

/**
 * State races on a complaint: the same step taken by several handlers at once happens once, the
 * others are refused with a coded error, and two different steps from one state never both apply.
 */
let h: MonitoringHarness;
beforeAll(async () => {
  h = await startMonitoringHarness();
});
afterAll(async () => {
  await h?.stop();
});

const FILE = `mutation($input: FileComplaintInput!) { fileComplaint(input: $input) { receiptCode } }`;
const TRIAGE = `mutation($input: TriageComplaintInput!) { triageComplaint(input: $input) { id status } }`;
const DECIDE = `mutation($input: DecideComplaintInput!) { decideComplaint(input: $input) { id status } }`;
const ESCALATE = `mutation($input: EscalateComplaintInput!) { escalateComplaint(input: $input) { id status } }`;
const CLOSE = `mutation($id: ID!) { closeComplaint(complaintId: $id) { id status } }`;
type Answer = { errors?: { message: string; extensions?: Record<string, unknown> }[] };

function expectOneWinner(results: Answer[]): void {
  const refused = results.filter((r) => r.errors);
  expect(results.length - refused.length).toBe(1);
  expect(refused.map((r) => r.errors?.[0].extensions?.code)).toEqual(refused.map(() => "BAD_USER_INPUT"));
}

async function fileComplaint(): Promise<string> {
  const input = { channel: "WEB", category: "LIVING_CONDITIONS", text: "No hot water in block B.", anonymous: true };
  const { receiptCode } = ok(await h.gql(FILE, { input })).fileComplaint;
  const hash = createHash("sha256").update(receiptCode.replace(/-/g, "")).digest("hex");
  const [row] = await h.db.query(`SELECT id FROM monitoring.complaint WHERE receipt_code_hash = $1`, [hash]);
  return row.id;
}

it("closes a decided complaint once when it is closed several times at once", async () => {
  const id = await fileComplaint();
  ok(await h.gql(TRIAGE, { input: { complaintId: id } }));
  ok(await h.gql(DECIDE, { input: { complaintId: id, outcome: "UPHELD", text: "Repaired within the week." } }));
  const results = await racing(h.db, "monitoring.complaint", 4, () => [1, 2, 3, 4].map(() => h.gql(CLOSE, { id })));
  expectOneWinner(results);
});

it("applies exactly one of two decisions and a second triage that race on a complaint under review", async () => {
  const id = await fileComplaint();
  ok(await h.gql(TRIAGE, { input: { complaintId: id } }));
  const results = await racing(h.db, "monitoring.complaint", 3, () => [
    h.gql(DECIDE, { input: { complaintId: id, outcome: "UPHELD", text: "Repaired within the week." } }),
    h.gql(DECIDE, { input: { complaintId: id, outcome: "NOT_UPHELD", text: "Nothing was found wrong." } }),
    h.gql(TRIAGE, { input: { complaintId: id } }),
  ]);
  // Two decisions and a second triage: exactly one decision applies.
  expectOneWinner(results);
  const [row] = await h.db.query(`SELECT status FROM monitoring.complaint WHERE id = $1`, [id]);
  expect(row.status).toBe("DECIDED");
  // An escalation after the decision is refused, as the state machine says.
  const late = await h.gql(ESCALATE, { input: { complaintId: id, to: "Police Inspectorate", reason: "Too late." } });
  expect(late.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
});
