import { createHash, randomUUID } from "node:crypto";
import type { CallAs, TokenClaims } from "@kgraph/platform";
import { ROLES, type Role } from "@kgraph/policy";
import {
  type MonitoringHarness,
  addFinding,
  addRecommendation,
  createBody,
  daysFromNow,
  hoursAgo,
  ok,
  planVisit,
  visitIn,
} from "./harness";

/**
 * The authorization scenario. Bodies A (the monitor's, `org_id`) and B; facilities F1 (the
 * facility staff's, `facility_id`, visited by A and B), F2 (visited by B only) and F3 (never
 * visited); counsel K of record for case `client`, counsel K2 for case `other`.
 *
 * Visits        body  facility  status            findings → recommendations
 *   pub         A     F1        REPORT_PUBLISHED  fPub → recPubAnswered (ACCEPTED), recPubOpen (OPEN)
 *   pub2        B     F2        REPORT_PUBLISHED  (none)
 *   hidden      B     F1        COMPLETED         fHidden → recHidden (OPEN)
 *   planned     B     F2        PLANNED
 *
 * Incidents: iF1 at F1, iF2 at F2.
 *
 * Complaints   facility  case     filed by        escalated to                                 readable by (besides the Ombudsperson)
 *   all        F1        client   public          "Ministry of Internal Affairs – Inspectorate" monitor (A visited F1), counsel K, MIA
 *   filed      F3        —        the monitor     —                                            monitor (filed it)
 *   visited    F1        —        public          —                                            monitor (A visited F1)
 *   client     F2        client   public          —                                            counsel K
 *   mia        F2        —        public          "MIA"                                        MIA
 *   other      F2        other    public          "State Prosecutor"                           nobody else
 *
 * `cases.counsel_client` belongs to the cases subgraph (a published view); here a stand-in table.
 */
export interface Scenario {
  bodyA: string;
  bodyB: string;
  F1: string;
  F2: string;
  F3: string;
  counsel: { K: string; K2: string };
  cases: { client: string; other: string };
  monitorSub: string;
  visits: { pub: string; pub2: string; hidden: string; planned: string };
  findings: { pub: string; hidden: string };
  recommendations: { pubAnswered: string; pubOpen: string; hidden: string };
  incidents: { iF1: string; iF2: string };
  complaints: { all: string; filed: string; visited: string; client: string; mia: string; other: string };
}

export type Caller = Role | "public";
export const CALLERS: readonly Caller[] = [...ROLES, "public"];

/** The `sub` the default test caller (every role at once) signs with; it answered recPubAnswered. */
export const ALL_ROLES_SUB = "00000000-0000-4000-8000-0000000000aa";

/** Each role's token, with the claims its record rules read. */
export function claimsOf(role: Role, s: Scenario): TokenClaims {
  const sub = {
    mia_officer: "1d0c7b5e-0000-4000-8000-000000000001",
    dhs_liaison: "1d0c7b5e-0000-4000-8000-000000000002",
    facility_staff: "1d0c7b5e-0000-4000-8000-000000000003",
    legal_counsel: s.counsel.K,
    monitor: s.monitorSub,
    ombudsperson: "1d0c7b5e-0000-4000-8000-000000000006",
    auditor: "1d0c7b5e-0000-4000-8000-000000000007",
    training_admin: "1d0c7b5e-0000-4000-8000-000000000008",
  }[role];
  if (role === "facility_staff") return { sub, roles: [role], facility_id: s.F1 };
  if (role === "monitor") return { sub, roles: [role], org_id: s.bodyA };
  return { sub, roles: [role] };
}

export async function callAs(h: MonitoringHarness, caller: Caller, s: Scenario): Promise<CallAs> {
  return caller === "public" ? { token: await h.auth.publicToken() } : claimsOf(caller, s);
}

const FILE = `mutation($input: FileComplaintInput!) { fileComplaint(input: $input) { receiptCode } }`;
const sha256 = (value: string) => createHash("sha256").update(value).digest("hex");

/** Files a complaint as the caller and finds its id by the hash of its receipt code. */
export async function fileComplaintAs(
  h: MonitoringHarness,
  input: Record<string, unknown>,
  as?: CallAs,
): Promise<string> {
  const receipt = ok(
    await h.gql(
      FILE,
      {
        input: {
          channel: "WEB",
          category: "LIVING_CONDITIONS",
          text: "There is no hot water in block B since last week.",
          anonymous: true,
          ...input,
        },
      },
      as,
    ),
  ).fileComplaint;
  const rows = await h.db.query(`SELECT id FROM monitoring.complaint WHERE receipt_code_hash = $1`, [
    sha256(receipt.receiptCode.replace(/-/g, "")),
  ]);
  return rows[0].id as string;
}

export async function triage(h: MonitoringHarness, complaintId: string) {
  ok(
    await h.gql(`mutation($input: TriageComplaintInput!) { triageComplaint(input: $input) { id } }`, {
      input: { complaintId },
    }),
  );
}

export async function escalate(h: MonitoringHarness, complaintId: string, to: string) {
  ok(
    await h.gql(`mutation($input: EscalateComplaintInput!) { escalateComplaint(input: $input) { id } }`, {
      input: { complaintId, to, reason: "Needs an investigation by the competent authority." },
    }),
  );
}

export async function decide(h: MonitoringHarness, complaintId: string) {
  ok(
    await h.gql(`mutation($input: DecideComplaintInput!) { decideComplaint(input: $input) { id } }`, {
      input: { complaintId, outcome: "PARTLY_UPHELD", text: "Upheld in part; the facility is to report back." },
    }),
  );
}

export async function publish(h: MonitoringHarness, visitId: string) {
  ok(
    await h.gql(`mutation($input: PublishVisitReportInput!) { publishVisitReport(input: $input) { id } }`, {
      input: { visitId, summary: "Report of the visit, as published." },
    }),
  );
}

export async function respond(h: MonitoringHarness, recommendationId: string) {
  ok(
    await h.gql(`mutation($input: RespondToRecommendationInput!) { respondToRecommendation(input: $input) { id } }`, {
      input: { recommendationId, accepted: true, text: "Accepted; beds are removed from corridors." },
    }),
  );
}

const RECORD_INCIDENT = `mutation($input: RecordIncidentInput!) { recordIncident(input: $input) { id } }`;

export async function recordIncident(h: MonitoringHarness, facilityId: string): Promise<string> {
  return ok(
    await h.gql(RECORD_INCIDENT, {
      input: {
        type: "USE_OF_FORCE",
        at: hoursAgo(5),
        facilityId,
        caseIds: [randomUUID()],
        narrative: "Restraint used during the evening count; nurse called.",
      },
    }),
  ).recordIncident.id;
}

export async function createCounselClientStandIn(h: MonitoringHarness): Promise<void> {
  await h.db.query(`CREATE SCHEMA IF NOT EXISTS cases`);
  await h.db.query(`CREATE TABLE IF NOT EXISTS cases.counsel_client (case_id uuid, counsel_id uuid)`);
}

/** Builds the scenario (as every role at once, the harness default, except where a caller matters). */
export async function seedScenario(h: MonitoringHarness): Promise<Scenario> {
  await createCounselClientStandIn(h);
  const bodyA = (await createBody(h.db)).id;
  const bodyB = (await createBody(h.db)).id;
  const [F1, F2, F3] = [randomUUID(), randomUUID(), randomUUID()];
  const counsel = { K: randomUUID(), K2: randomUUID() };
  const cases = { client: randomUUID(), other: randomUUID() };
  await h.db.query(`INSERT INTO cases.counsel_client (case_id, counsel_id) VALUES ($1, $2), ($3, $4)`, [
    cases.client,
    counsel.K,
    cases.other,
    counsel.K2,
  ]);
  const monitorSub = randomUUID();

  const pub = (await visitIn(h, "COMPLETED", { bodyId: bodyA, facilityId: F1 })).id;
  const fPub = (await addFinding(h, pub)).id;
  const recPubAnswered = (await addRecommendation(h, fPub)).id;
  const recPubOpen = (await addRecommendation(h, fPub, { addressee: "Facility management", dueAt: daysFromNow(30) }))
    .id;
  await respond(h, recPubAnswered);
  await publish(h, pub);
  const pub2 = (await visitIn(h, "REPORT_PUBLISHED", { bodyId: bodyB, facilityId: F2 })).id;
  const hidden = (await visitIn(h, "COMPLETED", { bodyId: bodyB, facilityId: F1 })).id;
  const fHidden = (await addFinding(h, hidden)).id;
  const recHidden = (await addRecommendation(h, fHidden)).id;
  const planned = (await planVisit(h, { bodyId: bodyB, facilityId: F2 })).id;

  const iF1 = await recordIncident(h, F1);
  const iF2 = await recordIncident(h, F2);

  const all = await fileComplaintAs(
    h,
    {
      channel: "HOTLINE",
      category: "TREATMENT_BY_STAFF",
      text: "A guard pushed a resident during the evening count.",
      anonymous: false,
      complainantName: "Arben Krasniqi",
      complainantContact: "+383 44 000 111",
      facilityId: F1,
      caseId: cases.client,
    },
    { token: await h.auth.publicToken() },
  );
  await triage(h, all);
  await escalate(h, all, "Ministry of Internal Affairs – Inspectorate");
  await decide(h, all);
  // Filed under the monitor's name: an anonymous complaint keeps no filer (tested in record-rules).
  const filed = await fileComplaintAs(
    h,
    { facilityId: F3, anonymous: false, complainantName: "Monitor on duty (synthetic)" },
    { roles: ["monitor"], sub: monitorSub, org_id: bodyA },
  );
  const visited = await fileComplaintAs(h, { facilityId: F1 }, { token: await h.auth.publicToken() });
  const client = await fileComplaintAs(
    h,
    { facilityId: F2, caseId: cases.client },
    { token: await h.auth.publicToken() },
  );
  const mia = await fileComplaintAs(h, { facilityId: F2 }, { token: await h.auth.publicToken() });
  await triage(h, mia);
  await escalate(h, mia, "MIA");
  const other = await fileComplaintAs(
    h,
    { facilityId: F2, caseId: cases.other },
    { token: await h.auth.publicToken() },
  );
  await triage(h, other);
  await escalate(h, other, "State Prosecutor");

  return {
    bodyA,
    bodyB,
    F1,
    F2,
    F3,
    counsel,
    cases,
    monitorSub,
    visits: { pub, pub2, hidden, planned },
    findings: { pub: fPub, hidden: fHidden },
    recommendations: { pubAnswered: recPubAnswered, pubOpen: recPubOpen, hidden: recHidden },
    incidents: { iF1, iF2 },
    complaints: { all, filed, visited, client, mia, other },
  };
}
