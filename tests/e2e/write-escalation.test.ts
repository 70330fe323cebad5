import { createHash, randomUUID } from "node:crypto";
import { type CallAs, type GraphQLResponse, subjectRef } from "@kgraph/platform";
import { ACCESS, ALL, type Grant, ROLES, RULES, type Role, type RuleName } from "@kgraph/policy";
import { buildSchema, isInputObjectType } from "graphql";
import fs from "node:fs";
import path from "node:path";
import { Client } from "pg";
import { runSeed } from "../../tools/src/seed/run";
import { type Platform, TEST_SUBJECT_REF_KEY, startPlatform } from "../support/platform";

/**
 * NO WRITE GRANTS A READ (issue 7). Every mutation of the graph, as every role and the public,
 * with arguments aimed at what the caller may NOT read (a case placed elsewhere, another body's
 * visit, another facility's incident, …). After each one, what the caller can read through the
 * gateway — cases, identities, sensitive and privileged data, complaints and who they lead to,
 * visits, incidents, placements, training records — may have grown only by records the mutation
 * itself created or changed, or where the policy says a write of theirs opens more
 * (`RULES[*].grownBy`).
 * A refused mutation writes nothing at all. A new mutation without a row here fails the test.
 */
const CASES = 120;
let platform: Platform;
let db: Client;

beforeAll(async () => {
  platform = await startPlatform({
    seed: (url) => runSeed(url, { cases: CASES, progress: () => undefined }),
    // The probe reads everything a caller can see in one operation, far over the default cost
    // budget; demand control has its own tests.
    gatewayEnv: { LIMIT_MAX_COST: "100000000", LIMIT_MAX_COST_PUBLIC: "100000000" },
  });
  db = new Client({ connectionString: platform.databaseUrl });
  await db.connect();
  targets = await findTargets();
}, 180_000);
afterAll(async () => {
  await db?.end();
  await platform?.stop();
});

/**
 * Records to aim at: `F` is the staff caller's facility and `B` the monitor's body; everything
 * else lies outside what the restricted callers may read. Found in the seeded programme, or made
 * for the purpose by an officer before any caller runs, so that each mutation can succeed for
 * the callers allowed to make it.
 */
interface Targets {
  facilityF: string;
  facilityG: string;
  unvisitedFacility: string;
  outsideCase: string;
  clientOfCounsel: string;
  outsideFlagCode: string;
  outsideFlag: string;
  otherRepresentation: string;
  nominated: string;
  toDecline: string;
  accepted: string;
  plannedTransfer: string;
  transferToCancel: string;
  placementAtG: string;
  plannedAtG: string;
  plannedAtG2: string;
  unconfirmedAtG: string;
  counselId: string;
  bodyB: string;
  plannedVisitOfOtherBody: string;
  completedVisitOfOtherBody: string;
  findingAtG: string;
  openRecommendation: string;
  acceptedRecommendation: string;
  incidentAtG: string;
  complaint: string;
  officialAtG: string;
  officerId: string;
  course: string;
  futureSession: string;
  attendanceToScore: string;
  agreement: string;
  taskForce: string;
  openMeeting: string;
  heldMeeting: string;
  miaItem: string;
  bodyItem: string;
  draftAssessment: string;
  assessmentToMove: string;
}
let targets: Targets;

async function one(sql: string, params: unknown[] = []): Promise<string> {
  const { rows } = await db.query(sql, params);
  if (!rows.length) throw new Error(`The seeded programme has no row for: ${sql}`);
  return Object.values(rows[0])[0] as string;
}

/** A setup write through the gateway; it must succeed. */
async function setup<T = any>(as: CallAs, query: string, variables: Record<string, unknown>): Promise<T> {
  const res = await platform.gql<any>(query, variables, as);
  if (res.errors?.length) throw new Error(`setup failed: ${JSON.stringify(res.errors)}`);
  return res.data as T;
}

const OFFICER: CallAs = { roles: ["mia_officer"], sub: randomUUID() };
const NPM = `mutation($input: NominateCaseInput!) { nominateCase(input: $input) { id } }`;

async function nominate(agreementId: string): Promise<string> {
  const person = { givenNames: "Setup", familyName: `Case-${randomUUID().slice(0, 6)}`, sex: "F" };
  const input = { agreementId, nationality: "SY", ageBand: "AGE_26_35", person };
  return (await setup(OFFICER, NPM, { input })).nominateCase.id;
}

async function acceptedCase(agreementId: string): Promise<string> {
  const id = await nominate(agreementId);
  await setup(OFFICER, `mutation($id: ID!) { acceptCase(caseId: $id) { id } }`, { id });
  return id;
}

/** A registration for a session already held, of an official outside F, awaiting its result. */
async function pastRegistration(facilityF: string): Promise<string> {
  const id = randomUUID();
  await db.query(
    `INSERT INTO training.attendance (id, session_id, official_id, status, registered_at, recorded_at)
     SELECT $1, s.id, o.id, 'REGISTERED', s.starts_at - interval '7 days', s.starts_at - interval '7 days'
       FROM training.training_session s, training.official o
      WHERE s.status = 'SCHEDULED' AND s.ends_at < now() AND o.active AND o.facility_id IS DISTINCT FROM $2
        AND NOT EXISTS (SELECT 1 FROM training.attendance a WHERE a.session_id = s.id AND a.official_id = o.id)
      ORDER BY s.ends_at DESC, o.id LIMIT 1`,
    [id, facilityF],
  );
  return id;
}

async function findTargets(): Promise<Targets> {
  const agreement = await one(`SELECT id FROM cases.agreement WHERE status = 'ACTIVE' ORDER BY term_start LIMIT 1`);
  const facilityF = await one(`SELECT facility_id FROM facilities.placement WHERE status = 'CHECKED_IN'
      GROUP BY facility_id ORDER BY count(*) DESC, facility_id LIMIT 1`);
  const facilityG = await one(
    `SELECT facility_id FROM facilities.placement WHERE status = 'CHECKED_IN' AND facility_id <> $1
      GROUP BY facility_id ORDER BY count(*) DESC, facility_id LIMIT 1`,
    [facilityF],
  );
  const counselId = await one(`SELECT counsel_id FROM cases.legal_representation WHERE valid_to IS NULL
      GROUP BY counsel_id ORDER BY count(*) DESC, counsel_id LIMIT 1`);
  // Resident at G, never at F, not the counsel's client.
  const outsideCase = await one(
    `SELECT p.case_id FROM facilities.placement p
      WHERE p.status = 'CHECKED_IN' AND p.facility_id = $1
        AND NOT EXISTS (SELECT 1 FROM facilities.placement q WHERE q.case_id = p.case_id AND q.facility_id = $2)
        AND NOT EXISTS (SELECT 1 FROM cases.counsel_client cc WHERE cc.case_id = p.case_id AND cc.counsel_id = $3)
      ORDER BY p.case_id LIMIT 1`,
    [facilityG, facilityF, counselId],
  );
  const codes = (
    await db.query(`SELECT code FROM cases.vulnerability_flag WHERE case_id = $1 AND status <> 'RESOLVED'`, [
      outsideCase,
    ])
  ).rows.map((r) => r.code as string);
  const outsideFlagCode = ["DISABILITY", "ELDERLY", "PREGNANCY", "LGBTI", "MEDICAL"].find((c) => !codes.includes(c))!;
  const outsideFlag = (
    await setup(
      OFFICER,
      `mutation($input: AddVulnerabilityFlagInput!) { addVulnerabilityFlag(input: $input) { id } }`,
      { input: { caseId: outsideCase, code: "OTHER", source: "CASE_OFFICER", detail: "Set up for the probe." } },
    )
  ).addVulnerabilityFlag.id;
  // A body and a facility it has never visited, about which there are complaints.
  const unvisited = await db.query(
    `SELECT b.id AS body, c.facility_id AS facility FROM monitoring.monitoring_body b
       JOIN monitoring.complaint c ON c.facility_id IS NOT NULL
      WHERE NOT EXISTS (SELECT 1 FROM monitoring.visit v WHERE v.body_id = b.id AND v.facility_id = c.facility_id)
      ORDER BY b.name, c.facility_id LIMIT 1`,
  );
  if (!unvisited.rows.length) throw new Error("The seeded programme has no facility a body has never visited.");
  const bodyB = unvisited.rows[0].body as string;
  const unvisitedFacility = unvisited.rows[0].facility as string;
  const otherBody = await one(`SELECT id FROM monitoring.monitoring_body WHERE id <> $1 ORDER BY name LIMIT 1`, [
    bodyB,
  ]);
  const ombudsperson: CallAs = { roles: ["ombudsperson"], sub: randomUUID() };
  const plannedVisitOfOtherBody = (
    await setup(ombudsperson, `mutation($input: PlanVisitInput!) { planVisit(input: $input) { id } }`, {
      input: {
        bodyId: otherBody,
        facilityId: facilityG,
        plannedFor: LATER(5),
        announced: true,
        phases: ["INITIAL_MEETING", "FACILITY_TOUR"],
      },
    })
  ).planVisit.id;
  // Placements at G: planned (to check in and to cancel) and one staff-like, unconfirmed.
  const plannedAt = async () =>
    (
      await setup(OFFICER, `mutation($input: PlaceCaseInput!) { placeCase(input: $input) { id } }`, {
        input: { caseId: await acceptedCase(agreement), facilityId: facilityG, regime: "OPEN" },
      })
    ).placeCase.id;
  const plannedAtG = await plannedAt();
  const plannedAtG2 = await plannedAt();
  const unconfirmedAtG = randomUUID();
  await db.query(
    `INSERT INTO facilities.placement (id, case_id, facility_id, regime, status, planned_at)
     VALUES ($1, $2, $3, 'OPEN', 'PLANNED', now())`,
    [unconfirmedAtG, await acceptedCase(agreement), facilityG],
  );
  // Transfers to move on and to cancel.
  const transfer = async () =>
    (
      await setup(OFFICER, `mutation($input: RecordTransferInput!) { recordTransfer(input: $input) { id } }`, {
        input: {
          direction: "INBOUND",
          flightNumber: "SET001",
          departureAt: LATER(2),
          caseIds: [await acceptedCase(agreement)],
        },
      })
    ).recordTransfer.id;
  const complaint =
    (
      await setup(null, `mutation($input: FileComplaintInput!) { fileComplaint(input: $input) { receiptCode } }`, {
        input: {
          channel: "WEB",
          category: "LIVING_CONDITIONS",
          text: "Set up for the probe.",
          anonymous: true,
          facilityId: unvisitedFacility,
        },
      })
    ).fileComplaint && (await one(`SELECT id FROM monitoring.complaint ORDER BY received_at DESC LIMIT 1`));
  // The task force: a meeting ahead (agenda, decisions, referrals), one held with its minutes
  // unpublished (to publish), an item the MIA owes and one the monitor's body owes.
  const taskForce = await one(`SELECT id FROM oversight.task_force ORDER BY established_at LIMIT 1`);
  const meeting = async (heldAt: string) =>
    (
      await setup(OFFICER, `mutation($input: CreateMeetingInput!) { createMeeting(input: $input) { id } }`, {
        input: { taskForceId: taskForce, heldAt, location: "Set up for the probe", attendeeIds: [] },
      })
    ).createMeeting.id as string;
  const item = async (owner: Record<string, unknown>) =>
    (
      await setup(OFFICER, `mutation($input: CreateActionItemInput!) { createActionItem(input: $input) { id } }`, {
        input: { taskForceId: taskForce, title: "Set up for the probe", owner, dueAt: LATER(30) },
      })
    ).createActionItem.id as string;
  const assessment = async () =>
    (
      await setup(
        { roles: ["ombudsperson"], sub: "00000000-0000-4000-8000-0000000000ee" },
        `mutation($input: CreateImpactAssessmentInput!) { createImpactAssessment(input: $input) { id } }`,
        {
          input: {
            taskForceId: taskForce,
            title: "Set up for the probe",
            quarter: "2025-Q4",
            scope: "PROGRAMME",
            method: "Probe.",
            findings: [],
            recommendations: [],
          },
        },
      )
    ).createImpactAssessment.id as string;
  const oversight = {
    taskForce,
    draftAssessment: await assessment(),
    assessmentToMove: await assessment(),
    openMeeting: await meeting(LATER(10)),
    heldMeeting: await meeting(SOON()),
    miaItem: await item({ agency: "MIA", officialName: "Probe Officer" }),
    bodyItem: await item({ agency: "CIVIL_SOCIETY", officialName: "Probe Monitor", orgId: bodyB }),
  };
  return {
    ...oversight,
    facilityF,
    facilityG,
    unvisitedFacility,
    outsideCase,
    clientOfCounsel: await one(
      `SELECT case_id FROM cases.counsel_client WHERE counsel_id = $1 ORDER BY case_id LIMIT 1`,
      [counselId],
    ),
    outsideFlagCode,
    outsideFlag,
    otherRepresentation: await one(
      `SELECT id FROM cases.legal_representation WHERE valid_to IS NULL AND counsel_id <> $1 AND case_id <> $2 ORDER BY id LIMIT 1`,
      [counselId, outsideCase],
    ),
    nominated: await nominate(agreement),
    toDecline: await nominate(agreement),
    accepted: await acceptedCase(agreement),
    plannedTransfer: await transfer(),
    transferToCancel: await transfer(),
    placementAtG: await one(`SELECT id FROM facilities.placement WHERE case_id = $1 AND status = 'CHECKED_IN'`, [
      outsideCase,
    ]),
    plannedAtG,
    plannedAtG2,
    unconfirmedAtG,
    counselId,
    bodyB,
    plannedVisitOfOtherBody,
    completedVisitOfOtherBody: await one(
      `SELECT id FROM monitoring.visit WHERE body_id <> $1 AND status = 'COMPLETED' ORDER BY id LIMIT 1`,
      [bodyB],
    ),
    findingAtG: await one(
      `SELECT f.id FROM monitoring.finding f JOIN monitoring.visit v ON v.id = f.visit_id
        WHERE v.status = 'COMPLETED' AND v.body_id <> $1 ORDER BY f.id LIMIT 1`,
      [bodyB],
    ),
    openRecommendation: await one(
      `SELECT r.id FROM monitoring.recommendation r WHERE r.status = 'OPEN' AND r.facility_id <> $1
        AND r.addressee !~* '(dhs|homeland)' ORDER BY r.id LIMIT 1`,
      [facilityF],
    ),
    acceptedRecommendation: await one(
      `SELECT r.id FROM monitoring.recommendation r JOIN monitoring.visit v ON v.id = r.visit_id
        WHERE r.status = 'ACCEPTED' AND v.body_id <> $1 ORDER BY r.id LIMIT 1`,
      [bodyB],
    ),
    incidentAtG: await one(
      `SELECT id FROM monitoring.incident WHERE facility_id <> $1 AND status <> 'CLOSED' ORDER BY id LIMIT 1`,
      [facilityF],
    ),
    complaint,
    officialAtG: await one(
      `SELECT o.id FROM training.official o WHERE o.facility_id = $1 AND o.active
        AND NOT EXISTS (SELECT 1 FROM training.attendance a WHERE a.official_id = o.id) ORDER BY o.id LIMIT 1`,
      [facilityG],
    ).catch(() =>
      one(`SELECT id FROM training.official WHERE facility_id = $1 AND active ORDER BY id LIMIT 1`, [facilityG]),
    ),
    officerId: await one(`SELECT id FROM training.official WHERE job_role = 'CASE_OFFICER' ORDER BY id LIMIT 1`),
    course: await one(`SELECT id FROM training.course ORDER BY code LIMIT 1`),
    futureSession: await one(
      `SELECT s.id FROM training.training_session s WHERE s.status = 'SCHEDULED' AND s.starts_at > now()
        AND s.capacity > (SELECT count(*) FROM training.attendance a WHERE a.session_id = s.id) ORDER BY s.starts_at LIMIT 1`,
    ),
    attendanceToScore: await pastRegistration(facilityF),
    agreement,
  };
}

type Caller = Role | "public";
/** Restricted callers first: the unrestricted ones' writes would move the targets. */
const CALLERS: Caller[] = [
  "public",
  "facility_staff",
  "legal_counsel",
  "monitor",
  "dhs_liaison",
  "auditor",
  "training_admin",
  "ombudsperson",
  "mia_officer",
];
const SUBS: Record<string, string> = Object.fromEntries(ROLES.map((role) => [role, randomUUID()]));

function callAs(caller: Caller): CallAs {
  if (caller === "public") return null;
  if (caller === "legal_counsel") return { roles: [caller], sub: targets.counselId };
  if (caller === "facility_staff") return { roles: [caller], sub: SUBS[caller], facility_id: targets.facilityF };
  if (caller === "monitor") return { roles: [caller], sub: SUBS[caller], org_id: targets.bodyB };
  return { roles: [caller], sub: SUBS[caller] };
}

const SOON = () => new Date(Date.now() - 60_000).toISOString();
const LATER = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();
const CASE = `{ __typename id person { givenNames } }`;
const OF_CASE = `{ __typename id case ${CASE} }`;

/**
 * Every mutation with arguments aimed outside the caller's records, and what its answer selects
 * (the records it touches, with the identity of any person in them).
 */
type Row = () => {
  args: string;
  variables: Record<string, unknown>;
  selection: string;
  /** For a mutation only restricted roles may make: the same, aimed at the caller's own records. */
  within?: Record<string, unknown>;
};
const input = (value: Record<string, unknown>) => ({ args: "(input: $input)", variables: { input: value } });
const T = () => targets;

let courseCodes = 0;
const MUTATIONS: Record<string, Row> = {
  nominateCase: () => ({
    ...input({
      agreementId: T().agreement,
      nationality: "AF",
      ageBand: "AGE_26_35",
      person: { givenNames: "Esc", familyName: "Alation", sex: "M" },
    }),
    selection: CASE,
  }),
  acceptCase: () => ({ args: "(caseId: $caseId)", variables: { caseId: T().nominated }, selection: CASE }),
  declineCase: () => ({
    args: "(caseId: $caseId, reason: $reason)",
    variables: { caseId: T().toDecline, reason: "Probe of the write rules." },
    selection: CASE,
  }),
  changeCaseStatus: () => ({ ...input({ caseId: T().outsideCase, status: "ONWARD_RETURN_PLANNED" }), selection: CASE }),
  assignOfficer: () => ({ ...input({ caseId: T().outsideCase, officialId: T().officerId }), selection: CASE }),
  assignCounsel: () => ({
    // The caller names themself counsel of someone else's case: only an officer may, for others.
    ...input({ caseId: T().outsideCase, counselId: randomUUID(), organisation: "Probe Legal" }),
    selection: OF_CASE,
  }),
  endRepresentation: () => ({ ...input({ representationId: T().otherRepresentation }), selection: OF_CASE }),
  recordCounselContact: () => ({ ...input({ caseId: T().outsideCase, requestedAt: SOON() }), selection: OF_CASE }),
  addPrivilegedNote: () => ({
    ...input({ caseId: T().outsideCase, text: "Probe note." }),
    within: { input: { caseId: T().clientOfCounsel, text: "Note on my own client." } },
    selection: `{ __typename id text case ${CASE} }`,
  }),
  recordCaseReview: () => ({
    ...input({
      caseId: T().outsideCase,
      panel: ["Probe panel"],
      decisions: [{ code: "CONTINUE_PLACEMENT", text: "Probe decision." }],
    }),
    selection: OF_CASE,
  }),
  recordScreening: () => ({
    ...input({
      caseId: T().outsideCase,
      destinationCountry: "AF",
      outcome: "NO_RISK_IDENTIFIED",
      screenedById: T().officerId,
    }),
    selection: OF_CASE,
  }),
  recordTransfer: () => ({
    ...input({ direction: "INBOUND", flightNumber: "ESC001", departureAt: LATER(3), caseIds: [T().accepted] }),
    selection: `{ __typename id cases ${CASE} }`,
  }),
  updateTransferStatus: () => ({
    ...input({ transferId: T().plannedTransfer, status: "IN_FLIGHT" }),
    selection: `{ __typename id cases ${CASE} }`,
  }),
  recordHandover: () => ({
    ...input({ transferId: T().plannedTransfer }),
    selection: `{ __typename id cases ${CASE} }`,
  }),
  cancelTransfer: () => ({
    ...input({ transferId: T().transferToCancel, reason: "Probe of the write rules." }),
    selection: `{ __typename id cases ${CASE} }`,
  }),
  addVulnerabilityFlag: () => ({
    ...input({
      caseId: T().outsideCase,
      code: T().outsideFlagCode,
      source: "FACILITY_STAFF",
      handlingInstructions: "Probe.",
    }),
    selection: `{ __typename id handlingInstructions case ${CASE} }`,
  }),
  updateVulnerabilityFlag: () => ({
    ...input({ flagId: T().outsideFlag, handlingInstructions: "Probe handling." }),
    selection: `{ __typename id handlingInstructions case ${CASE} }`,
  }),
  createFacility: () => ({
    ...input({
      name: `Probe ${randomUUID().slice(0, 8)}`,
      type: "RECEPTION_CENTRE",
      municipality: "Prishtinë",
      officialCapacity: 10,
    }),
    selection: `{ __typename id }`,
  }),
  updateFacility: () => ({
    ...input({ id: T().facilityG, municipality: "Prishtinë" }),
    selection: `{ __typename id }`,
  }),
  placeCase: () => ({
    // Into the caller's own facility, a person never placed there: the write that used to open them.
    ...input({ caseId: T().accepted, facilityId: T().facilityF, regime: "OPEN" }),
    selection: `{ __typename id case ${CASE} }`,
  }),
  confirmPlacement: () => ({
    args: "(placementId: $placementId)",
    variables: { placementId: T().unconfirmedAtG },
    selection: `{ __typename id case ${CASE} }`,
  }),
  checkIn: () => ({
    args: "(placementId: $placementId)",
    variables: { placementId: T().plannedAtG },
    selection: `{ __typename id case ${CASE} }`,
  }),
  checkOut: () => ({
    ...input({ placementId: T().placementAtG, reason: "Probe of the write rules." }),
    selection: `{ __typename id case ${CASE} }`,
  }),
  cancelPlacement: () => ({
    ...input({ placementId: T().plannedAtG2, reason: "Probe of the write rules." }),
    selection: `{ __typename id case ${CASE} }`,
  }),
  fileComplaint: () => ({
    ...input({
      channel: "WEB",
      category: "LIVING_CONDITIONS",
      text: "Probe complaint about another facility.",
      anonymous: false,
      complainantName: "Probe Person",
      facilityId: T().facilityG,
      caseId: T().outsideCase,
    }),
    selection: `{ __typename receiptCode }`,
  }),
  triageComplaint: () => ({
    ...input({ complaintId: T().complaint }),
    selection: `{ __typename id subjectRef case ${CASE} }`,
  }),
  escalateComplaint: () => ({
    ...input({ complaintId: T().complaint, to: "Ministry of Internal Affairs", reason: "Probe." }),
    selection: `{ __typename id subjectRef case ${CASE} }`,
  }),
  decideComplaint: () => ({
    ...input({ complaintId: T().complaint, outcome: "UPHELD", text: "Probe decision." }),
    selection: `{ __typename id subjectRef case ${CASE} }`,
  }),
  closeComplaint: () => ({
    args: "(complaintId: $complaintId)",
    variables: { complaintId: T().complaint },
    selection: `{ __typename id subjectRef case ${CASE} }`,
  }),
  addFinding: () => ({
    ...input({
      visitId: T().completedVisitOfOtherBody,
      severity: "LOW",
      standardRef: "Probe",
      description: "Probe finding.",
    }),
    selection: `{ __typename id }`,
  }),
  recordIncident: () => ({
    // At the caller's own facility, naming a person placed elsewhere: used to answer their subjectRef.
    ...input({
      type: "OTHER",
      at: SOON(),
      facilityId: T().facilityF,
      caseIds: [T().outsideCase],
      narrative: "Probe of the write rules.",
    }),
    selection: `{ __typename id subjectRefs }`,
  }),
  changeIncidentStatus: () => ({
    ...input({ incidentId: T().incidentAtG, status: "CLOSED" }),
    selection: `{ __typename id subjectRefs }`,
  }),
  addRecommendation: () => ({
    ...input({
      findingId: T().findingAtG,
      addressee: "Probe authority",
      text: "Probe of the write rules.",
      dueAt: LATER(30),
    }),
    selection: `{ __typename id }`,
  }),
  respondToRecommendation: () => ({
    ...input({ recommendationId: T().openRecommendation, accepted: true, text: "Probe response." }),
    selection: `{ __typename id }`,
  }),
  markRecommendationImplemented: () => ({
    args: "(recommendationId: $recommendationId)",
    variables: { recommendationId: T().acceptedRecommendation },
    selection: `{ __typename id }`,
  }),
  planVisit: () => ({
    // The caller's own body, a facility whose complaints it cannot read: planning opens nothing.
    ...input({
      bodyId: T().bodyB,
      facilityId: T().unvisitedFacility,
      plannedFor: LATER(10),
      announced: false,
      phases: ["PRIVATE_INTERVIEWS"],
    }),
    selection: `{ __typename id }`,
  }),
  startVisit: () => ({ ...input({ visitId: T().plannedVisitOfOtherBody }), selection: `{ __typename id }` }),
  completeVisit: () => ({ ...input({ visitId: T().plannedVisitOfOtherBody }), selection: `{ __typename id }` }),
  publishVisitReport: () => ({
    ...input({ visitId: T().plannedVisitOfOtherBody, summary: "Probe summary." }),
    selection: `{ __typename id }`,
  }),
  registerAttendance: () => ({
    args: "(sessionId: $sessionId, officialId: $officialId)",
    variables: { sessionId: T().futureSession, officialId: T().officialAtG },
    selection: `{ __typename id }`,
  }),
  recordAttendanceResult: () => ({
    args: "(attendanceId: $attendanceId, status: $status)",
    variables: { attendanceId: T().attendanceToScore, status: "NO_SHOW" },
    selection: `{ __typename id }`,
  }),
  createCourse: () => ({
    ...input({ code: `PRB-${String(++courseCodes).padStart(3, "0")}`, title: "Probe course", validityMonths: 12 }),
    selection: `{ __typename id }`,
  }),
  updateCourse: () => ({ ...input({ courseId: T().course, title: "Probe title" }), selection: `{ __typename id }` }),
  registerOfficial: () => ({
    ...input({
      givenNames: "Probe",
      familyName: "Official",
      agency: "MIA",
      jobRole: "CASE_OFFICER",
      facilityId: T().facilityF,
    }),
    selection: `{ __typename id }`,
  }),
  updateOfficial: () => ({
    // Moving an official of another facility into the caller's would open their training record.
    ...input({ officialId: T().officialAtG, facilityId: T().facilityF }),
    selection: `{ __typename id }`,
  }),
  requireCourse: () => ({
    args: "(jobRole: $jobRole, courseId: $courseId)",
    variables: { jobRole: "INTERPRETER", courseId: T().course },
    selection: `{ __typename id }`,
  }),
  dropRequirement: () => ({
    args: "(jobRole: $jobRole, courseId: $courseId)",
    variables: { jobRole: "INTERPRETER", courseId: T().course },
    selection: `{ __typename id }`,
  }),
  scheduleSession: () => ({
    ...input({
      courseId: T().course,
      startsAt: LATER(20),
      endsAt: LATER(21),
      location: "Prishtinë",
      trainer: "Probe",
      capacity: 10,
    }),
    selection: `{ __typename id }`,
  }),
  cancelSession: () => ({
    args: "(sessionId: $sessionId)",
    variables: { sessionId: T().futureSession },
    selection: `{ __typename id }`,
  }),
  createMeeting: () => ({
    ...input({ taskForceId: T().taskForce, heldAt: LATER(40), location: "Probe", attendeeIds: [] }),
    selection: `{ __typename id }`,
  }),
  addAgendaItem: () => ({
    ...input({
      meetingId: T().openMeeting,
      title: "Probe item",
      origin: "MEMBER",
      concerns: { kind: "CASE", id: T().outsideCase },
    }),
    selection: `{ __typename id }`,
  }),
  recordDecision: () => ({
    ...input({ meetingId: T().openMeeting, text: "Probe decision." }),
    selection: `{ __typename id }`,
  }),
  publishMeetingMinutes: () => ({
    args: "(meetingId: $meetingId)",
    variables: { meetingId: T().heldMeeting },
    selection: `{ __typename id }`,
  }),
  createActionItem: () => ({
    ...input({
      taskForceId: T().taskForce,
      title: "Probe item",
      owner: { agency: "MIA", officialName: "Probe" },
      dueAt: LATER(30),
      concerns: { kind: "CASE", id: T().outsideCase },
    }),
    // The monitor may agree an item its own body owes.
    within: {
      input: {
        taskForceId: T().taskForce,
        title: "Our own item",
        owner: { agency: "CIVIL_SOCIETY", officialName: "Probe", orgId: T().bodyB },
        dueAt: LATER(30),
      },
    },
    selection: `{ __typename id }`,
  }),
  moveActionItem: () => ({
    args: "(id: $id, status: $status, reason: $reason)",
    variables: { id: T().miaItem, status: "IN_PROGRESS", reason: "Probe of the write rules." },
    within: { id: T().bodyItem, status: "IN_PROGRESS", reason: "Our own item, started." },
    selection: `{ __typename id }`,
  }),
  createImpactAssessment: () => ({
    ...input({
      taskForceId: T().taskForce,
      title: "Probe assessment",
      quarter: "2025-Q3",
      scope: "PROGRAMME",
      method: "Probe.",
      findings: ["Probe finding."],
      recommendations: [],
    }),
    selection: `{ __typename id }`,
  }),
  reviseImpactAssessment: () => ({
    args: "(id: $id, input: $input)",
    variables: { id: T().draftAssessment, input: { findings: ["Revised by the probe."] } },
    selection: `{ __typename id }`,
  }),
  moveImpactAssessment: () => ({
    args: "(id: $id, status: $status)",
    variables: { id: T().assessmentToMove, status: "CONSULTATION" },
    selection: `{ __typename id }`,
  }),
  referReviewGap: () => ({
    ...input({
      caseReviewId: randomUUID(),
      gap: "Probe gap in a review",
      meetingId: T().openMeeting,
      action: "Probe action",
      owner: { agency: "MIA", officialName: "Probe" },
      dueAt: LATER(30),
    }),
    selection: `{ agendaItem { __typename id } actionItem { __typename id } }`,
  }),
};

/** Which caller each mutation succeeded for: every mutation must have succeeded for someone. */
const succeeded: Record<string, Caller[]> = {};

/** The GraphQL types of a mutation's arguments, from the API schema (for the operation's variables). */
const API = buildSchema(fs.readFileSync(path.join(__dirname, "..", "..", "schema", "api.graphql"), "utf8"));
function operationOf(name: string, aimedWithin = false): { query: string; variables: Record<string, unknown> } {
  const row = MUTATIONS[name]();
  const { args, selection } = row;
  const variables = aimedWithin && row.within ? row.within : row.variables;
  const field = API.getMutationType()!.getFields()[name];
  const definitions = field.args
    .filter((arg) => args.includes(`$${arg.name}`))
    .map((arg) => `$${arg.name}: ${arg.type.toString()}`);
  return {
    query: `mutation${definitions.length ? `(${definitions.join(", ")})` : ""} { ${name}${args} ${selection} }`,
    variables,
  };
}

/** What a caller can read, as sets of record ids per view. */
type Views = Record<string, Set<string>>;

const VIEWS_QUERY = `{
  cases(first: 500) { edges { node { id statusReason person { givenNames }
    vulnerabilityFlags { id handlingInstructions } screenings { id outcome } reviews { id decisions { code } }
    privilegedNotes { id text } } } }
  transfers(first: 500) { edges { node { id } } }
  complaints(first: 500) { edges { node { id subjectRef complainantName case { id } } } }
  visits(first: 500) { edges { node { id findings { id recommendations { id } } } } }
  incidents(first: 500) { edges { node { id } } }
  facilities { id staffCompliance { staffCount } placements(first: 500) { edges { node { id checkOutReason } } } }
  officials(first: 500) { edges { node { id compliance { compliant } attendances { id } certifications { id } } } }
  taskForceMeetings(first: 100) { edges { node { id agendaItems { id } decisions { id } } } }
  actionItems(first: 500) { edges { node { id history { id } } } }
}`;

async function viewsOf(caller: Caller): Promise<Views> {
  const res = await platform.gql<any>(VIEWS_QUERY, {}, callAs(caller));
  expect(res.status).toBe(200);
  const d = res.data ?? {};
  const views: Views = {};
  const add = (view: string, id: string) => (views[view] ??= new Set()).add(id);
  for (const { node: c } of d.cases?.edges ?? []) {
    add("case", c.id);
    if (c.person) add("identity", c.id);
    if (c.statusReason) add("sensitive", `statusReason:${c.id}`);
    for (const flag of c.vulnerabilityFlags ?? []) if (flag.handlingInstructions) add("identity", `flag:${flag.id}`);
    for (const s of c.screenings ?? []) if (s.outcome) add("sensitive", `screening:${s.id}`);
    for (const r of c.reviews ?? []) if (r.decisions) add("sensitive", `review:${r.id}`);
    for (const n of c.privilegedNotes ?? []) if (n.text) add("privileged", n.id);
  }
  for (const { node } of d.transfers?.edges ?? []) add("transfer", node.id);
  for (const { node: c } of d.complaints?.edges ?? []) {
    add("complaint", c.id);
    if (c.subjectRef) add("complaintSubject", c.id);
    if (c.case || c.complainantName) add("complainant", c.id);
  }
  for (const { node: v } of d.visits?.edges ?? []) {
    add("visit", v.id);
    for (const f of v.findings ?? []) {
      add("finding", f.id);
      for (const r of f.recommendations ?? []) add("recommendation", r.id);
    }
  }
  for (const { node } of d.incidents?.edges ?? []) add("incident", node.id);
  for (const f of d.facilities ?? []) {
    if (f.staffCompliance) add("staffCompliance", f.id);
    for (const { node: p } of f.placements?.edges ?? []) {
      add("placement", p.id);
      if (p.checkOutReason) add("sensitive", `placement:${p.id}`);
    }
  }
  for (const { node: o } of d.officials?.edges ?? []) {
    if (o.compliance) add("trainingRecord", `official:${o.id}`);
    for (const a of o.attendances ?? []) add("trainingRecord", `attendance:${a.id}`);
    for (const c of o.certifications ?? []) add("trainingRecord", `certification:${c.id}`);
  }
  for (const { node: m } of d.taskForceMeetings?.edges ?? []) {
    add("meeting", m.id);
    for (const a of m.agendaItems ?? []) add("meeting", `agenda:${a.id}`);
    for (const x of m.decisions ?? []) add("meeting", `decision:${x.id}`);
  }
  for (const { node: a } of d.actionItems?.edges ?? []) {
    add("actionItem", a.id);
    for (const t of a.history ?? []) add("actionItem", `step:${t.id}`);
  }
  return views;
}

/** Every id in the database that a view could name, and a digest of every row (audit trails aside). */
const TABLES = [
  ["cases", "case"],
  ["cases", "person"],
  ["cases", "vulnerability_flag"],
  ["cases", "protection_screening"],
  ["cases", "case_review"],
  ["cases", "privileged_note"],
  ["cases", "counsel_contact"],
  ["cases", "legal_representation"],
  ["cases", "transfer"],
  ["cases", "transfer_case"],
  ["cases", "agreement"],
  ["facilities", "facility"],
  ["facilities", "placement"],
  ["monitoring", "visit"],
  ["monitoring", "finding"],
  ["monitoring", "recommendation"],
  ["monitoring", "incident"],
  ["monitoring", "complaint"],
  ["monitoring", "complaint_escalation"],
  ["training", "official"],
  ["training", "attendance"],
  ["training", "certification"],
  ["training", "course"],
  ["training", "course_requirement"],
  ["training", "training_session"],
  ["oversight", "task_force_meeting"],
  ["oversight", "agenda_item"],
  ["oversight", "decision"],
  ["oversight", "action_item"],
  ["oversight", "action_item_transition"],
  ["oversight", "impact_assessment"],
  ["oversight", "assessment_recommendation"],
] as const;

async function databaseState(): Promise<{ digest: string; rows: Map<string, string> }> {
  const hash = createHash("sha256");
  const rows = new Map<string, string>();
  for (const [schema, table] of TABLES) {
    const key = table === "person" ? "case_id" : table === "transfer_case" ? "case_id" : "id";
    const { rows: found } = await db.query(
      `SELECT ${key}::text AS id, t::text AS row FROM ${schema}."${table}" t ORDER BY 2`,
    );
    for (const { id, row } of found as { id: string; row: string }[]) {
      hash.update(row);
      const rowHash = createHash("sha256").update(row).digest("hex");
      rows.set(id, `${rows.get(id) ?? ""}${rowHash}`);
    }
  }
  return { digest: hash.digest("hex"), rows };
}

/** The id a view entry names ("flag:<id>" → <id>). */
const idOf = (entry: string) => entry.slice(entry.lastIndexOf(":") + 1);

/**
 * Views a write of the caller may open as the policy intends: the rules of the caller's grants
 * that name the mutation in `grownBy`, and the views each rule governs (this test's transcription).
 */
const VIEWS_OF_RULE: Partial<Record<RuleName, string[]>> = {
  visitedByOwnBody: ["complaint", "complaintSubject"],
};
function allowedGrowth(caller: Caller, mutation: string): Set<string> {
  if (caller === "public") return new Set();
  const grants = Object.values(ACCESS[caller]) as Grant[];
  const rules = grants.flatMap((grant) => (grant === ALL ? [] : grant.flat()));
  return new Set(
    rules
      .filter((rule) => (RULES[rule].grownBy as readonly string[]).includes(mutation))
      .flatMap((rule) => VIEWS_OF_RULE[rule] ?? []),
  );
}

describe("no write grants a read", () => {
  it("has a row for every mutation of the graph", () => {
    const mutations = Object.keys(API.getMutationType()!.getFields()).sort();
    expect(Object.keys(MUTATIONS).sort()).toEqual(mutations);
    // The arguments are well-typed for the schema (input types exist).
    for (const name of mutations) {
      for (const arg of API.getMutationType()!.getFields()[name].args) {
        let type = arg.type;
        while ("ofType" in type && type.ofType) type = type.ofType as typeof type;
        if (isInputObjectType(type)) expect(type.getFields()).toBeDefined();
      }
    }
  });

  it.each(CALLERS)(
    "as %s, every mutation aimed outside its records leaves what it reads unchanged but for what it created",
    async (caller) => {
      const problems: string[] = [];
      let views = await viewsOf(caller);
      let state = await databaseState();
      const attempts = Object.keys(MUTATIONS).flatMap((name) => {
        const { within } = MUTATIONS[name]();
        return within ? [[name, false] as const, [name, true] as const] : [[name, false] as const];
      });
      for (const [name, aimedWithin] of attempts) {
        const { query, variables } = operationOf(name, aimedWithin);
        const res: GraphQLResponse<any> = await platform.gql(query, variables, callAs(caller));
        const after = await databaseState();
        const ok = res.data?.[name] != null && !res.errors?.length;
        if (ok) (succeeded[name] ??= []).push(caller);
        if (!ok && after.digest !== state.digest) problems.push(`${name}: refused, but the database changed`);
        // A refusal is the caller's (a coded error at the field), never the platform failing.
        if (res.status >= 500 || res.errors?.some((e) => e.extensions?.code === "INTERNAL_SERVER_ERROR")) {
          problems.push(`${name}: HTTP ${res.status} ${JSON.stringify(res.errors?.[0])}`);
        }
        if (after.digest === state.digest) continue;
        const now = await viewsOf(caller);
        const allowed = allowedGrowth(caller, name);
        for (const [view, entries] of Object.entries(now)) {
          if (allowed.has(view)) continue;
          // A record that existed and that this write did not touch must not have come into view.
          const grew = [...entries].filter((e) => {
            const id = idOf(e);
            return !views[view]?.has(e) && state.rows.has(id) && state.rows.get(id) === after.rows.get(id);
          });
          if (grew.length) problems.push(`${name}: ${view} grew by ${grew.length} existing record(s), e.g. ${grew[0]}`);
        }
        // The mutation's own answer names no one the caller may not identify.
        for (const leaked of identitiesIn(res.data)) {
          if (!now.identity?.has(leaked)) problems.push(`${name}: its answer named the person of case ${leaked}`);
        }
        // Nor a pseudonym of anyone outside the caller's cases (a pseudonym links records).
        const known = new Set([...(now.case ?? [])].map((id) => subjectRef(id, TEST_SUBJECT_REF_KEY)));
        for (const ref of pseudonymsIn(res.data)) {
          if (!known.has(ref)) problems.push(`${name}: its answer gave the pseudonym of a case outside the caller's`);
        }
        views = now;
        state = after;
      }
      expect(problems).toEqual([]);
    },
    300_000,
  );
});

describe("the probe itself", () => {
  // Last: a mutation nobody could make would test nothing.
  it("made every mutation succeed for some caller allowed to make it", () => {
    const never = Object.keys(MUTATIONS).filter((name) => !succeeded[name]?.length);
    expect(never).toEqual([]);
  });
});

/** Pseudonyms (`subjectRef`, `subjectRefs`) that came back in a response. */
function pseudonymsIn(data: unknown): string[] {
  const found: string[] = [];
  const walk = (value: unknown) => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === "object") {
      for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
        if (key === "subjectRef" && typeof v === "string") found.push(v);
        else if (key === "subjectRefs" && Array.isArray(v)) found.push(...(v as string[]));
        else walk(v);
      }
    }
  };
  walk(data);
  return found;
}

/** Case ids whose person came back in a response. */
function identitiesIn(data: unknown): string[] {
  const found: string[] = [];
  const walk = (value: unknown) => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === "object") {
      const record = value as Record<string, unknown>;
      if (record.__typename === "Case" && record.person) found.push(record.id as string);
      Object.values(record).forEach(walk);
    }
  };
  walk(data);
  return found;
}
