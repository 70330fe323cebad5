import { createHash, randomUUID } from "node:crypto";
import type { CallAs, TokenClaims } from "@kgraph/platform";
import { ROLES, type Role, SCOPES } from "@kgraph/policy";
import {
  type MonitoringHarness,
  addFinding,
  addRecommendation,
  createBody,
  daysFromNow,
  hoursAgo,
  ok,
  visitIn,
} from "./harness";

/**
 * The authorization scenario. Bodies A (the monitor's, `org_id`) and B; facilities F1 (the
 * facility staff's, `facility_id`), F2 and F3; counsel K of record for case `client`, counsel K2
 * for case `other`; case r1 lives at F1 and r2 at F2 (`facilities.case_residence`).
 *
 * Visits          body  facility  status            announced  findings → recommendations
 *   pub           A     F1        REPORT_PUBLISHED  no         fPub → recPubAnswered (ACCEPTED), recPubOpen (OVERDUE)
 *   pub2          B     F2        REPORT_PUBLISHED  yes        (none)
 *   hidden        B     F1        COMPLETED         no         fHidden → recHidden (OPEN)
 *   away          B     F2        COMPLETED         yes        fAway → recAway (IMPLEMENTED), recAwayOpen (OPEN)
 *   announced     B     F1        PLANNED           yes        (none)
 *   surpriseOwn   A     F2        PLANNED           no         (none)
 *   surpriseOther B     F1        PLANNED           no         fSurprise → recSurprise (OPEN), inserted in SQL
 *
 * fSurprise and recSurprise are rows the API cannot make (findings need a started visit): they are
 * written directly so the rules of findings and recommendations are held to their visit's rule
 * even for a record recorded too early.
 *
 * Incidents: iF1 at F1 naming r1, iF2 at F2 naming r2.
 *
 * Complaints   facility  case     filed by        escalated to                                  decided
 *   all        F1        client   public, named   "Ministry of Internal Affairs – Inspectorate"  yes
 *   filed      F3        —        the monitor     —                                             no
 *   visited    F1        —        public          —                                             no
 *   client     F2        client   public          "Police Inspectorate"                         yes
 *   mia        F2        —        public          "MIA"                                         no
 *   other      F2        other    public          "State Prosecutor"                            no
 *
 * The published views of other subgraphs (`cases.counsel_client`, `facilities.case_residence`)
 * are the harness's empty stand-in tables; the scenario inserts the rows it needs.
 */
export interface Scenario {
  bodyA: string;
  bodyB: string;
  F1: string;
  F2: string;
  F3: string;
  counsel: { K: string; K2: string };
  cases: { client: string; other: string; r1: string; r2: string };
  monitorSub: string;
  visits: Record<VisitKey, string>;
  findings: Record<FindingKey, string>;
  recommendations: Record<RecommendationKey, string>;
  incidents: Record<IncidentKey, string>;
  complaints: Record<ComplaintKey, string>;
}

export type Caller = Role | "public";
export const CALLERS: readonly Caller[] = [...ROLES, "public"];

export type VisitKey = "pub" | "pub2" | "hidden" | "away" | "announced" | "surpriseOwn" | "surpriseOther";
export type FindingKey = "pub" | "hidden" | "away" | "surprise";
export type RecommendationKey = "pubAnswered" | "pubOpen" | "hidden" | "away" | "awayOpen" | "surprise";
export type IncidentKey = "iF1" | "iF2";
export type ComplaintKey = "all" | "filed" | "visited" | "client" | "mia" | "other";

/**
 * WHO READS WHAT in the scenario, written out from DESIGN §3 and issue 7 (not from the code under
 * test): the expectations of the role table and of the record-rule rows.
 *
 * Visits (monitoring:read): every role reads visits that were announced or have started; an
 * unannounced visit before it starts only its body's monitors and the Ombudsperson; facility
 * staff only their own facility's; everyone, the public included, published reports.
 */
const EVERY_ROLE: readonly Caller[] = ROLES;
const ALL_BUT_STAFF: readonly Caller[] = ROLES.filter((role) => role !== "facility_staff");
export const VISIT_READERS: Record<VisitKey, readonly Caller[]> = {
  pub: CALLERS,
  pub2: CALLERS,
  hidden: EVERY_ROLE,
  away: ALL_BUT_STAFF,
  announced: EVERY_ROLE,
  surpriseOwn: ["monitor", "ombudsperson"],
  surpriseOther: ["ombudsperson"],
};
/** A finding or recommendation is read exactly when its visit is. */
export const VISIT_OF_FINDING: Record<FindingKey, VisitKey> = {
  pub: "pub",
  hidden: "hidden",
  away: "away",
  surprise: "surpriseOther",
};
export const FINDING_OF_RECOMMENDATION: Record<RecommendationKey, FindingKey> = {
  pubAnswered: "pub",
  pubOpen: "pub",
  hidden: "hidden",
  away: "away",
  awayOpen: "away",
  surprise: "surprise",
};
/** Incidents: every role, facility staff only their own facility's; never the public. */
export const INCIDENT_READERS: Record<IncidentKey, readonly Caller[]> = {
  iF1: EVERY_ROLE,
  iF2: ALL_BUT_STAFF,
};
/**
 * Complaints (complaint:read): the Ombudsperson all; a monitor those they filed or about a
 * facility their body has visited (started: A started a visit to F1, only planned one to F2);
 * counsel their clients'; the MIA those referred to it.
 */
export const COMPLAINT_READERS: Record<ComplaintKey, readonly Caller[]> = {
  all: ["mia_officer", "legal_counsel", "monitor", "ombudsperson"],
  filed: ["monitor", "ombudsperson"],
  visited: ["monitor", "ombudsperson"],
  client: ["legal_counsel", "ombudsperson"],
  mia: ["mia_officer", "ombudsperson"],
  other: ["ombudsperson"],
};

export const readsVisit = (caller: Caller, visit: VisitKey) => VISIT_READERS[visit].includes(caller);
export const readsFinding = (caller: Caller, finding: FindingKey) => readsVisit(caller, VISIT_OF_FINDING[finding]);
export const readsRecommendation = (caller: Caller, recommendation: RecommendationKey) =>
  readsFinding(caller, FINDING_OF_RECOMMENDATION[recommendation]);
export const readsIncident = (caller: Caller, incident: IncidentKey) => INCIDENT_READERS[incident].includes(caller);
export const readsComplaint = (caller: Caller, complaint: ComplaintKey) =>
  COMPLAINT_READERS[complaint].includes(caller);

/** Who holds each scope this subgraph uses (DESIGN §3, "Scopes per role"), written out. */
export const HOLDERS: Record<string, readonly Role[]> = {
  [SCOPES.MONITORING_READ]: ROLES,
  [SCOPES.MONITORING_WRITE]: ["monitor", "ombudsperson"],
  [SCOPES.RECOMMENDATION_RESPOND]: ["mia_officer", "dhs_liaison", "facility_staff"],
  [SCOPES.INCIDENT_WRITE]: ["mia_officer", "facility_staff", "ombudsperson"],
  [SCOPES.COMPLAINT_READ]: ["mia_officer", "legal_counsel", "monitor", "ombudsperson"],
  [SCOPES.COMPLAINT_IDENTITY_READ]: ["ombudsperson"],
  [SCOPES.COMPLAINT_HANDLE]: ["ombudsperson"],
  [SCOPES.AUDIT_READ]: ["ombudsperson", "auditor"],
};

/** The `sub` of the default test caller (every role at once); it answered recPubAnswered and recAway. */
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

export async function startVisit(h: MonitoringHarness, visitId: string) {
  ok(
    await h.gql(`mutation($input: StartVisitInput!) { startVisit(input: $input) { id } }`, {
      input: { visitId, startedAt: hoursAgo(1) },
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

export async function markImplemented(h: MonitoringHarness, recommendationId: string) {
  ok(
    await h.gql(`mutation($id: ID!) { markRecommendationImplemented(recommendationId: $id) { id } }`, {
      id: recommendationId,
    }),
  );
}

const RECORD_INCIDENT = `mutation($input: RecordIncidentInput!) { recordIncident(input: $input) { id } }`;

/** Records an incident (as every role at once: the MIA may name any case) naming the cases given. */
export async function recordIncident(h: MonitoringHarness, facilityId: string, caseIds: string[]): Promise<string> {
  return ok(
    await h.gql(RECORD_INCIDENT, {
      input: {
        type: "USE_OF_FORCE",
        at: hoursAgo(5),
        facilityId,
        caseIds,
        narrative: "Restraint used during the evening count; nurse called.",
      },
    }),
  ).recordIncident.id;
}

/** People an MIA officer placed at a facility: rows of the facilities subgraph's published view. */
export async function addResidents(h: MonitoringHarness, facilityId: string, caseIds: string[]): Promise<void> {
  for (const caseId of caseIds) {
    await h.db.query(`INSERT INTO facilities.case_residence (case_id, facility_id, current) VALUES ($1, $2, true)`, [
      caseId,
      facilityId,
    ]);
  }
}

/** Counsel of record: a row of the cases subgraph's published view. */
export async function addCounselClient(h: MonitoringHarness, caseId: string, counselId: string): Promise<void> {
  await h.db.query(`INSERT INTO cases.counsel_client (case_id, counsel_id) VALUES ($1, $2)`, [caseId, counselId]);
}

/** A finding and an OPEN recommendation on a visit, written in SQL (the API refuses a visit that has not started). */
async function insertFindingAndRecommendation(h: MonitoringHarness, visitId: string, facilityId: string) {
  const finding = randomUUID();
  const recommendation = randomUUID();
  await h.db.query(
    `INSERT INTO monitoring.finding (id, visit_id, severity, standard_ref, description, created_at)
     VALUES ($1, $2, 'MEDIUM', 'CPT/Inf(2017)3 §5', 'Recorded before the visit started.', now())`,
    [finding, visitId],
  );
  await h.db.query(
    `INSERT INTO monitoring.recommendation (id, finding_id, visit_id, facility_id, addressee, text, due_at, status, created_at)
     VALUES ($1, $2, $3, $4, 'Facility management', 'Open the yard every day.', $5, 'OPEN', now())`,
    [recommendation, finding, visitId, facilityId, daysFromNow(90)],
  );
  return { finding, recommendation };
}

/** Builds the scenario (as every role at once, the harness default, except where a caller matters). */
export async function seedScenario(h: MonitoringHarness): Promise<Scenario> {
  const bodyA = (await createBody(h.db)).id;
  const bodyB = (await createBody(h.db)).id;
  const [F1, F2, F3] = [randomUUID(), randomUUID(), randomUUID()];
  const counsel = { K: randomUUID(), K2: randomUUID() };
  const cases = { client: randomUUID(), other: randomUUID(), r1: randomUUID(), r2: randomUUID() };
  await addCounselClient(h, cases.client, counsel.K);
  await addCounselClient(h, cases.other, counsel.K2);
  await addResidents(h, F1, [cases.r1]);
  await addResidents(h, F2, [cases.r2]);
  const monitorSub = randomUUID();
  const visit = (
    status: Parameters<typeof visitIn>[1],
    bodyId: string,
    facilityId: string,
    plannedFor: string,
    announced: boolean,
  ) => visitIn(h, status, { bodyId, facilityId, plannedFor, announced }).then((v) => v.id);

  const pub = await visit("COMPLETED", bodyA, F1, hoursAgo(30), false);
  const fPub = (await addFinding(h, pub)).id;
  const recPubAnswered = (await addRecommendation(h, fPub, { dueAt: daysFromNow(60) })).id;
  // Due ten minutes ago (after the visit ended an hour ago) and never answered: OVERDUE.
  const tenMinutesAgo = new Date(Date.now() - 10 * 60_000).toISOString();
  const recPubOpen = (await addRecommendation(h, fPub, { addressee: "Facility management", dueAt: tenMinutesAgo })).id;
  await respond(h, recPubAnswered);
  await publish(h, pub);
  const pub2 = await visit("REPORT_PUBLISHED", bodyB, F2, hoursAgo(29), true);
  const hidden = await visit("COMPLETED", bodyB, F1, hoursAgo(28), false);
  const fHidden = (await addFinding(h, hidden)).id;
  const recHidden = (await addRecommendation(h, fHidden, { dueAt: daysFromNow(60) })).id;
  const away = await visit("COMPLETED", bodyB, F2, hoursAgo(27), true);
  const fAway = (await addFinding(h, away, { severity: "CRITICAL", description: "No doctor visited for a month." })).id;
  const recAway = (await addRecommendation(h, fAway, { addressee: "US DHS / ICE", dueAt: daysFromNow(45) })).id;
  const recAwayOpen = (await addRecommendation(h, fAway, { addressee: "Facility management", dueAt: daysFromNow(20) }))
    .id;
  await respond(h, recAway);
  await markImplemented(h, recAway);
  const announced = await visit("PLANNED", bodyB, F1, daysFromNow(2), true);
  const surpriseOwn = await visit("PLANNED", bodyA, F2, daysFromNow(3), false);
  const surpriseOther = await visit("PLANNED", bodyB, F1, daysFromNow(4), false);
  const surprise = await insertFindingAndRecommendation(h, surpriseOther, F1);

  const iF1 = await recordIncident(h, F1, [cases.r1]);
  const iF2 = await recordIncident(h, F2, [cases.r2]);

  const publicCaller = { token: await h.auth.publicToken() };
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
    publicCaller,
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
  const visited = await fileComplaintAs(h, { facilityId: F1 }, publicCaller);
  const client = await fileComplaintAs(
    h,
    { facilityId: F2, caseId: cases.client, category: "ACCESS_TO_LAWYER", text: "My lawyer was not let in." },
    publicCaller,
  );
  await triage(h, client);
  await escalate(h, client, "Police Inspectorate");
  await decide(h, client);
  const mia = await fileComplaintAs(h, { facilityId: F2 }, publicCaller);
  await triage(h, mia);
  await escalate(h, mia, "MIA");
  const other = await fileComplaintAs(h, { facilityId: F2, caseId: cases.other }, publicCaller);
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
    visits: { pub, pub2, hidden, away, announced, surpriseOwn, surpriseOther },
    findings: { pub: fPub, hidden: fHidden, away: fAway, surprise: surprise.finding },
    recommendations: {
      pubAnswered: recPubAnswered,
      pubOpen: recPubOpen,
      hidden: recHidden,
      away: recAway,
      awayOpen: recAwayOpen,
      surprise: surprise.recommendation,
    },
    incidents: { iF1, iF2 },
    complaints: { all, filed, visited, client, mia, other },
  };
}

/** Ids of the scenario's records a caller reads, by the transcribed readers. */
export function readable<K extends string>(
  ids: Record<K, string>,
  reads: (caller: Caller, key: K) => boolean,
  caller: Caller,
): string[] {
  return (Object.keys(ids) as K[])
    .filter((key) => reads(caller, key))
    .map((key) => ids[key])
    .sort();
}
