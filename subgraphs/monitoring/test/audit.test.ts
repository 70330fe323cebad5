import { createHash } from "node:crypto";
import { type MonitoringHarness, ok, startMonitoringHarness } from "./harness";

/**
 * What the monitoring subgraph's audit trail may be told by its caller, and what it must work
 * out itself: the actor of an anonymous complaint's own event only.
 */
let h: MonitoringHarness;
beforeAll(async () => {
  h = await startMonitoringHarness();
});
afterAll(async () => {
  await h?.stop();
});

const OMBUDS = { roles: ["ombudsperson"], sub: "ombuds-audit-test" };

interface EventRow {
  seq: string;
  kind: string;
  actor_sub: string | null;
  actor_roles: string[];
  operation: string;
  request_id: string | null;
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
