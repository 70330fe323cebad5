import { randomUUID } from "node:crypto";
import {
  type CallAs,
  DEFAULT_AUDIENCE,
  DEV_ISSUER,
  type GraphQLResponse,
  generateKeyPairJwk,
  gatewaySignedRequest,
  signToken,
} from "@kgraph/platform";
import { type DataClassName, ROLES, type Role, SCOPES, type Scope } from "@kgraph/policy";
import {
  type Caller,
  type Cell,
  type RuleRow,
  type Step,
  callerHolds,
  describeRecordRuleRows,
  describeRoleTable,
} from "@kgraph/testkit";
import { Kind, parse, valueFromASTUntyped } from "graphql";
import { definition } from "../src";
import { TaskForceAgency } from "../src/agency";
import type { ActionItem } from "../src/modules/action-item/action-item.entity";
import { ActionItemStatus } from "../src/modules/action-item/action-item.entity";
import { ACTION_ITEM_WRITE_FORBIDDEN } from "../src/modules/action-item/action-item.policy";
import { ActionItemRecords } from "../src/modules/action-item/action-item.records";
import type { AgendaItem, Decision, TaskForceMeeting } from "../src/modules/meeting/meeting.entity";
import { AgendaOrigin } from "../src/modules/meeting/meeting.entity";
import { MEETING_WRITE_FORBIDDEN } from "../src/modules/meeting/meeting.policy";
import { MeetingRecords } from "../src/modules/meeting/meeting.records";
import { Obligation, ObligationKind } from "../src/modules/obligation/obligation.entity";
import type { AssessmentRecommendation, ImpactAssessment } from "../src/modules/assessment/assessment.entity";
import { AssessmentScope, AssessmentStatus } from "../src/modules/assessment/assessment.policy";
import { AssessmentRecords } from "../src/modules/assessment/assessment.records";
import { ObligationRecords } from "../src/modules/obligation/obligation.records";
import type { Mandate, TaskForce, TaskForceMember } from "../src/modules/task-force/task-force.entity";
import { TaskForceRecords } from "../src/modules/task-force/task-force.records";
import {
  DAY,
  type OversightHarness,
  createActionItemRow,
  createAgendaItemRow,
  createDecisionRow,
  createMandate,
  createMeetingRow,
  createMember,
  createTaskForce,
  createAssessmentRow,
  createAssessmentRecommendationRow,
  ok,
  startOversightHarness,
} from "./harness";

/**
 * Field and record authorization of the oversight subgraph, called directly (no gateway): the
 * token wall; the scope table on the shared role-table kit — every role and the public × every
 * protected field, through a query, a list, an entity reference with its inline fragment, and
 * records inside and outside each caller's rule; the record-rule rows; the writes, every
 * mutation × every caller; aliases and fragments; and the gateway-signed door.
 *
 * The scope of every field is transcribed here (FIELD_SCOPES, DESIGN §5), never read from the
 * decorators under test. The scenario: task force TF (public record) with a member and a
 * mandate; meeting A, held, minutes published, with an agenda item, a decision and action item
 * IA (owed by the MIA, overdue); meeting B, held, minutes not published, with action items IB
 * (owed by the monitor's body) and IX (owed by DHS); action item IF, owed by the operator of
 * facility F (the facility staff caller's); the obligations catalogue.
 */

jest.setTimeout(600_000);

const R = SCOPES.OVERSIGHT_READ;
const W = SCOPES.OVERSIGHT_WRITE;
const L = SCOPES.OVERSIGHT_LEDGER_READ;
const A = SCOPES.ASSESSMENT_WRITE;

/** THE SCOPE TABLE of this subgraph: every field and the scope it needs; `null`: none (keys, page wrappers). */
const FIELD_SCOPES: Record<string, Scope | null> = {
  "Query.taskForces": R,
  "Query.taskForce": R,
  "Query.taskForceMeeting": R,
  "Query.taskForceMeetings": R,
  "Query.actionItem": R,
  "Query.actionItems": R,
  "Query.obligations": R,
  "Query.myOverdue": R,
  "Query.overdueByAgency": L,
  "Mutation.createMeeting": W,
  "Mutation.addAgendaItem": W,
  "Mutation.recordDecision": W,
  "Mutation.publishMeetingMinutes": W,
  "Mutation.createActionItem": W,
  "Mutation.moveActionItem": W,
  "Mutation.referReviewGap": W,
  "Case.id": null,
  "Facility.id": null,
  "Complaint.id": null,
  "CaseReview.id": null,
  "Finding.id": null,
  "Recommendation.id": null,
  "TaskForce.id": R,
  "TaskForce.name": R,
  "TaskForce.mandateText": R,
  "TaskForce.mandateSource": R,
  "TaskForce.establishedAt": R,
  "TaskForce.members": R,
  "TaskForce.mandates": R,
  "TaskForceMember.id": R,
  "TaskForceMember.agency": R,
  "TaskForceMember.officialId": R,
  "TaskForceMember.officialName": R,
  "TaskForceMember.roleTitle": R,
  "TaskForceMember.orgId": R,
  "TaskForceMember.joinedAt": R,
  "TaskForceMember.leftAt": R,
  "Mandate.id": R,
  "Mandate.decides": R,
  "Mandate.grantingText": R,
  "Mandate.source": R,
  "TaskForceMeeting.id": R,
  "TaskForceMeeting.heldAt": R,
  "TaskForceMeeting.location": R,
  "TaskForceMeeting.minutesPublishedAt": R,
  "TaskForceMeeting.createdAt": R,
  "TaskForceMeeting.taskForce": R,
  "TaskForceMeeting.attendees": R,
  "TaskForceMeeting.agendaItems": R,
  "TaskForceMeeting.decisions": R,
  "TaskForceMeeting.actionItems": R,
  "AgendaItem.id": R,
  "AgendaItem.position": R,
  "AgendaItem.title": R,
  "AgendaItem.origin": R,
  "AgendaItem.createdAt": R,
  "AgendaItem.concerns": R,
  "AgendaItem.meeting": R,
  "Decision.id": R,
  "Decision.text": R,
  "Decision.recordedAt": R,
  "Decision.meeting": R,
  "Decision.agendaItem": R,
  "ActionItem.id": null,
  "ActionItem.title": R,
  "ActionItem.dueAt": R,
  "ActionItem.status": R,
  "ActionItem.createdAt": R,
  "ActionItem.updatedAt": R,
  "ActionItem.owner": R,
  "ActionItem.concerns": R,
  "ActionItem.meeting": R,
  "ActionItem.decision": R,
  "ActionItem.history": R,
  "ActionItemOwner.agency": R,
  "ActionItemOwner.officialId": R,
  "ActionItemOwner.officialName": R,
  "ActionItemOwner.orgId": R,
  "ActionItemTransition.id": R,
  "ActionItemTransition.from": R,
  "ActionItemTransition.to": R,
  "ActionItemTransition.reason": R,
  "ActionItemTransition.at": R,
  "ActionItemTransition.by": R,
  "Obligation.id": R,
  "Obligation.kind": R,
  "Obligation.title": R,
  "Obligation.sourceText": R,
  "Obligation.deadlineHours": R,
  "Obligation.runsFrom": R,
  "Obligation.owingAgency": R,
  "OverdueLedger.agency": null,
  // Public statistics: open to everyone, the public included.
  "Query.statisticsQuarter": null,
  "StatisticsQuarter.quarter": null,
  "StatisticsQuarter.startsAt": null,
  "StatisticsQuarter.endsAt": null,
  "StatisticsQuarter.complete": null,
  "OverdueLedger.actionItems": R,
  "OverdueLedger.ageing": R,
  "OverdueActionItem.actionItem": R,
  "OverdueActionItem.daysOverdue": R,
  "OverdueActionItem.band": R,
  "AgeingBandCount.band": R,
  "AgeingBandCount.count": R,
  "ReviewGapReferral.agendaItem": null,
  "ReviewGapReferral.actionItem": null,
  "ActionItemConnection.edges": null,
  "ActionItemConnection.pageInfo": null,
  "ActionItemEdge.node": null,
  "ActionItemEdge.cursor": null,
  "TaskForceMeetingConnection.edges": null,
  "TaskForceMeetingConnection.pageInfo": null,
  "TaskForceMeetingEdge.node": null,
  "TaskForceMeetingEdge.cursor": null,
  // Impact assessments and public reports: readable by record (published ones by everyone).
  "Query.impactAssessment": null,
  "Query.impactAssessments": null,
  "Query.publicReport": null,
  "Query.publicReports": null,
  "Mutation.createImpactAssessment": A,
  "Mutation.reviseImpactAssessment": A,
  "Mutation.moveImpactAssessment": A,
  "ImpactAssessment.id": null,
  "ImpactAssessment.title": null,
  "ImpactAssessment.quarter": null,
  "ImpactAssessment.scope": null,
  "ImpactAssessment.policy": null,
  "ImpactAssessment.method": null,
  "ImpactAssessment.findings": null,
  "ImpactAssessment.status": null,
  "ImpactAssessment.createdAt": null,
  "ImpactAssessment.consultationAt": null,
  "ImpactAssessment.publishedAt": null,
  "ImpactAssessment.facility": null,
  "ImpactAssessment.indicators": null,
  "ImpactAssessment.indicatorsFrozen": null,
  "ImpactAssessment.recommendations": null,
  "AssessmentRecommendation.id": null,
  "AssessmentRecommendation.position": null,
  "AssessmentRecommendation.text": null,
  "AssessmentRecommendation.addressee": null,
  "AssessmentRecommendation.addresseeOrgId": null,
  "AssessmentRecommendation.dueAt": null,
  "AssessmentRecommendation.status": null,
  "AssessmentRecommendation.followUp": R,
  "ImpactAssessmentConnection.edges": null,
  "ImpactAssessmentConnection.pageInfo": null,
  "ImpactAssessmentEdge.node": null,
  "ImpactAssessmentEdge.cursor": null,
  "PublicReport.quarter": null,
  "PublicReport.publishedAt": null,
  "PublicReport.html": null,
  "PublicReport.assessment": null,
  "PublicFigure.indicator": null,
  "PublicFigure.label": null,
  "PublicFigure.dimension": null,
  "PublicFigure.dimensionLabel": null,
  "PublicFigure.unit": null,
  "PublicFigure.value": null,
  "PublicFigure.suppressed": null,
  "PageInfo.hasNextPage": null,
  "PageInfo.endCursor": null,
};

/** Which of this subgraph's scopes each role holds (DESIGN §5, and the policy's narrowing). */
const ROLE_HOLDS: Record<Role, Scope[]> = {
  mia_officer: [R, W, L],
  dhs_liaison: [R, W],
  facility_staff: [R],
  legal_counsel: [],
  monitor: [R, W],
  ombudsperson: [R, W, L],
  auditor: [R, L],
  training_admin: [],
};

const FIELD_CLASSES: Record<string, DataClassName> = {
  ...Object.fromEntries(
    Object.entries(FIELD_SCOPES)
      .filter(([field, scope]) => scope === R && !/^(Query|Mutation)\./.test(field))
      .map(([field]) => [field, "oversight"]),
  ),
  // Read by record: anyone once published, before that whoever oversight:read's rules allow.
  ...Object.fromEntries(
    Object.keys(FIELD_SCOPES)
      .filter((field) => /^(ImpactAssessment|AssessmentRecommendation)\./.test(field) && FIELD_SCOPES[field] === null)
      .map((field) => [field, "assessment"]),
  ),
  ...Object.fromEntries(
    Object.keys(FIELD_SCOPES)
      .filter((f) => f.startsWith("PublicReport."))
      .map((f) => [f, "public"]),
  ),
};

let h: OversightHarness;
const facilityF = randomUUID();
const bodyB = randomUUID();
const otherBody = randomUUID();
const facilityId = randomUUID();
const complaintId = randomUUID();
let tf: TaskForce;
let member: TaskForceMember;
let mandate: Mandate;
let meetingA: TaskForceMeeting;
let meetingB: TaskForceMeeting;
let agenda: AgendaItem;
let decision: Decision;
let itemA: ActionItem;
let itemB: ActionItem;
let itemX: ActionItem;
let itemF: ActionItem;
let obligation: Obligation;
let draftAssessment: ImpactAssessment;
let consultedAssessment: ImpactAssessment;
let publishedAssessment: ImpactAssessment;
let consultedRecommendation: AssessmentRecommendation;
let transitionId: string;

const HELD_A = new Date("2026-03-05T09:00:00.000Z");
const PUBLISHED_A = new Date("2026-03-09T12:00:00.000Z");
const HELD_B = new Date("2026-04-02T09:00:00.000Z");
const DUE_A = new Date("2026-04-01T00:00:00.000Z");
const AS_OF = new Date(DUE_A.getTime() + 10 * DAY);
const JOINED = new Date("2025-09-01T08:00:00.000Z");
const CONSULTED = new Date("2026-02-01T10:00:00.000Z");

beforeAll(async () => {
  h = await startOversightHarness();
  tf = await createTaskForce(h.db, { name: "Joint Task Force on Reception", establishedAt: JOINED });
  member = await createMember(h.db, tf.id, {
    agency: TaskForceAgency.CIVIL_SOCIETY,
    officialName: "Blerta Hoti",
    roleTitle: "Observer",
    orgId: bodyB,
    joinedAt: JOINED,
  });
  mandate = await createMandate(h.db, tf.id, { source: "Agreement art. 9(2)" });
  meetingA = await createMeetingRow(h.db, tf.id, {
    heldAt: HELD_A,
    location: "MIA, Prishtinë",
    attendeeIds: [member.id],
    minutesPublishedAt: PUBLISHED_A,
    createdAt: new Date("2026-02-20T10:00:00.000Z"),
  });
  meetingB = await createMeetingRow(h.db, tf.id, { heldAt: HELD_B, location: "Ferizaj" });
  agenda = await createAgendaItemRow(h.db, meetingA.id, {
    title: "Occupancy above capacity",
    origin: AgendaOrigin.MONITORING,
    concernsKind: "FACILITY",
    concernsId: facilityId,
    createdAt: new Date("2026-02-21T10:00:00.000Z"),
  });
  decision = await createDecisionRow(h.db, meetingA.id, {
    agendaItemId: agenda.id,
    text: "Move ten residents by April.",
    recordedAt: new Date("2026-03-05T11:00:00.000Z"),
  });
  const created = new Date("2026-03-05T11:30:00.000Z");
  itemA = await createActionItemRow(h.db, tf.id, {
    meetingId: meetingA.id,
    decisionId: decision.id,
    agendaItemId: agenda.id,
    title: "Move ten residents",
    ownerAgency: TaskForceAgency.MIA,
    ownerOfficialName: "Arben Gashi",
    dueAt: DUE_A,
    concernsKind: "COMPLAINT",
    concernsId: complaintId,
    createdAt: created,
    updatedAt: created,
  });
  [{ id: transitionId }] = await h.db.query(
    `SELECT id FROM oversight.action_item_transition WHERE action_item_id = $1`,
    [itemA.id],
  );
  itemB = await createActionItemRow(h.db, tf.id, {
    meetingId: meetingB.id,
    title: "Report on interpreters",
    ownerAgency: TaskForceAgency.CIVIL_SOCIETY,
    ownerOrgId: bodyB,
    dueAt: new Date("2026-05-01T00:00:00.000Z"),
  });
  itemX = await createActionItemRow(h.db, tf.id, {
    meetingId: meetingB.id,
    title: "Share flight manifests earlier",
    ownerAgency: TaskForceAgency.DHS,
    dueAt: new Date("2026-05-02T00:00:00.000Z"),
  });
  itemF = await createActionItemRow(h.db, tf.id, {
    title: "Repair the heating in block C",
    ownerAgency: TaskForceAgency.FACILITY_OPERATOR,
    ownerOrgId: facilityF,
    dueAt: new Date("2026-05-03T00:00:00.000Z"),
  });
  obligation = h.db.getRepository(Obligation).create({
    id: randomUUID(),
    kind: ObligationKind.COUNSEL_OFFER,
    title: "Offer legal counsel",
    sourceText: "Agreement art. 7(2)",
    deadlineHours: 24,
    runsFrom: "arrival in Kosovo",
    owingAgency: TaskForceAgency.MIA,
  });
  await h.db.getRepository(Obligation).insert(obligation);
  // Impact assessments in each state: a draft, one in consultation with a recommendation, and a
  // published one whose recommendation is followed up by action item IA.
  draftAssessment = await createAssessmentRow(h.db, tf.id, { title: "Draft assessment" });
  consultedAssessment = await createAssessmentRow(h.db, tf.id, {
    title: "Assessment in consultation",
    quarter: "2025-Q3",
    scope: AssessmentScope.FACILITY,
    facilityId,
    status: AssessmentStatus.CONSULTATION,
    createdAt: new Date("2026-01-10T10:00:00.000Z"),
    consultationAt: CONSULTED,
  });
  consultedRecommendation = await createAssessmentRecommendationRow(h.db, consultedAssessment.id);
  publishedAssessment = await createAssessmentRow(h.db, tf.id, {
    title: "Published assessment",
    quarter: "2025-Q2",
    status: AssessmentStatus.PUBLISHED,
    frozenIndicators: [],
    createdAt: new Date("2026-01-05T10:00:00.000Z"),
    consultationAt: CONSULTED,
    publishedAt: CONSULTED,
  });
  await createAssessmentRecommendationRow(h.db, publishedAssessment.id, { actionItemId: itemA.id });
});
afterAll(async () => {
  await h?.stop();
});

/** How each caller signs in: facility staff of F, a monitor of body B, anyone else with a plain subject. */
async function callAs(caller: Caller): Promise<CallAs> {
  if (caller === "public") return { token: await h.auth.publicToken() };
  return {
    roles: [caller],
    sub: `table-${caller}`,
    ...(caller === "facility_staff" ? { facility_id: facilityF } : {}),
    ...(caller === "monitor" ? { org_id: bodyB } : {}),
  };
}

/** Callers holding oversight:read reach: the published (all but facility staff), B's items (all but F's staff), F's item (all but monitors). */
const readsPublished = (c: Caller) => c !== "facility_staff";
const readsUnpublished = (c: Caller) => c !== "facility_staff" && c !== "monitor";
const readsOwnBodyItem = readsPublished;
const readsFacilityItem = (c: Caller) => c !== "monitor";
/** Impact assessments: drafts by oversight:read holders for every record; in consultation monitors too; published everyone. */
const readsDraftAssessment = (c: Caller) => ["mia_officer", "dhs_liaison", "ombudsperson", "auditor"].includes(c);
const readsConsultedAssessment = (c: Caller) => readsDraftAssessment(c) || c === "monitor";

describe("the token wall", () => {
  const QUERY = `{ obligations { kind } }`;
  const refused = (res: GraphQLResponse) => {
    expect(res.status).toBe(401);
    expect(res.errors).toEqual([{ message: "invalid token", extensions: { code: "UNAUTHENTICATED" } }]);
  };
  it("refuses a request without a token", async () => {
    refused(await h.gql(QUERY, {}, null));
  });
  it("refuses a token signed by another key", async () => {
    const rogue = await generateKeyPairJwk("test-issuer");
    const token = await signToken(
      rogue.privateJwk,
      { sub: "x", roles: ["ombudsperson"] },
      {
        issuer: DEV_ISSUER,
        audience: DEFAULT_AUDIENCE,
        ttlSeconds: 600,
      },
    );
    refused(await h.gql(QUERY, {}, { token }));
  });
  it("refuses an expired token", async () => {
    const token = await signToken(
      h.auth.keys.issuer.privateJwk,
      { sub: "x", roles: ["ombudsperson"] },
      {
        issuer: DEV_ISSUER,
        audience: DEFAULT_AUDIENCE,
        ttlSeconds: -60,
      },
    );
    refused(await h.gql(QUERY, {}, { token }));
  });
});

describe("the subgraph SDL declares the scope table", () => {
  it("marks every field with exactly its scope, and nothing else", async () => {
    const { sdl } = await definition.buildSchema();
    const declared: Record<string, string[][] | null> = {};
    for (const d of parse(sdl).definitions) {
      if (d.kind !== Kind.OBJECT_TYPE_DEFINITION) continue;
      if (d.name.value.startsWith("AuditE")) continue;
      for (const field of d.fields ?? []) {
        const directive = field.directives?.find((x) => x.name.value === "requiresScopes");
        const argument = directive?.arguments?.find((a) => a.name.value === "scopes")?.value;
        declared[`${d.name.value}.${field.name.value}`] = argument
          ? (valueFromASTUntyped(argument) as string[][])
          : null;
      }
    }
    const expected = Object.fromEntries(
      Object.entries({ ...FIELD_SCOPES, "AuditTrail.id": null, "AuditTrail.oversight": SCOPES.AUDIT_READ }).map(
        ([field, scope]) => [field, scope ? [[scope]] : null],
      ),
    );
    expect(declared).toEqual(expected);
  });

  it("declares ActionItem and OverdueLedger as entities, and the foreign records as unresolvable stubs", async () => {
    const { sdl } = await definition.buildSchema();
    for (const line of [
      'type ActionItem @key(fields: "id")',
      'type OverdueLedger @key(fields: "agency")',
      'type Case @key(fields: "id", resolvable: false)',
      'type Facility @key(fields: "id", resolvable: false)',
      'type Complaint @key(fields: "id", resolvable: false)',
      'type CaseReview @key(fields: "id", resolvable: false)',
      'type Finding @key(fields: "id", resolvable: false)',
      'type Recommendation @key(fields: "id", resolvable: false)',
    ]) {
      expect(sdl).toContain(line);
    }
  });
});

function need(field: string): Scope[] {
  const scope = FIELD_SCOPES[field];
  if (scope === undefined) throw new Error(`${field} is not in FIELD_SCOPES`);
  return scope ? [scope] : [];
}
const into = (type: string, field: string, extra: Partial<Step> = {}): Step => ({
  field,
  scopes: need(`${type}.${field}`),
  ...extra,
});
const entity = (variable: string, type: string, extra: Partial<Step> = {}): Step => ({
  field: "_entities",
  args: `(representations: $${variable})`,
  list: true,
  on: type,
  ...extra,
});

// Doors.
const tfQ = into("Query", "taskForce", { args: "(id: $tf)" });
const consultedQ = into("Query", "impactAssessment", { args: "(id: $consultedAssessment)" });
const publishedQ = into("Query", "impactAssessment", { args: "(id: $publishedAssessment)" });
const recommendationsOfConsulted = [consultedQ, into("ImpactAssessment", "recommendations", { list: true })];
const recommendationsOfPublished = [publishedQ, into("ImpactAssessment", "recommendations", { list: true })];
const meetingAQ = into("Query", "taskForceMeeting", { args: "(id: $meetingA)" });
const meetingBQ = into("Query", "taskForceMeeting", { args: "(id: $meetingB)" });
const itemQ = (variable: string) => into("Query", "actionItem", { args: `(id: $${variable})` });
const itemE = (variable: string) => entity(variable, "ActionItem", { recordScopes: [R] });
const ledgerE = entity("ledgerRefs", "OverdueLedger");
const ledgerItems = into("OverdueLedger", "actionItems", { args: "(asOf: $asOf)", list: true });
const agendaOfA = [meetingAQ, into("TaskForceMeeting", "agendaItems", { list: true })];
const decisionsOfA = [meetingAQ, into("TaskForceMeeting", "decisions", { list: true })];
const membersOfTf = [tfQ, into("TaskForce", "members", { list: true })];
const mandatesOfTf = [tfQ, into("TaskForce", "mandates", { list: true })];
const obligationsQ = into("Query", "obligations", { list: true });

const cell = (
  door: Step[],
  type: string,
  field: string,
  expected: (c: Caller) => unknown,
  leaf?: string,
  note?: string,
): Cell => ({
  name: `${type}.${field}${note ? ` (${note})` : ""}`,
  steps: [...door, into(type, field)],
  leaf,
  expected,
});
const iso = (d: Date) => d.toISOString();
const when = (reads: (c: Caller) => boolean, value: unknown) => (c: Caller) => (reads(c) ? value : null);

const CELLS = (): Cell[] => [
  // Query roots.
  {
    name: "Query.taskForces",
    steps: [into("Query", "taskForces", { list: true })],
    leaf: "{ id }",
    expected: (c) => (readsPublished(c) ? { id: tf.id } : undefined),
  },
  { name: "Query.taskForce", steps: [tfQ], leaf: "{ id }", expected: when(readsPublished, { id: tf.id }) },
  {
    name: "Query.taskForceMeeting",
    steps: [meetingBQ],
    leaf: "{ id }",
    expected: when(readsUnpublished, { id: meetingB.id }),
  },
  {
    name: "Query.taskForceMeetings",
    steps: [into("Query", "taskForceMeetings", { args: "(first: 10)" })],
    leaf: "{ edges { node { id } } }",
    expected: (c) => ({
      edges: [
        ...(readsPublished(c) ? [{ node: { id: meetingA.id } }] : []),
        ...(readsUnpublished(c) ? [{ node: { id: meetingB.id } }] : []),
      ],
    }),
  },
  {
    name: "Query.actionItem",
    steps: [itemQ("itemF")],
    leaf: "{ id }",
    expected: when(readsFacilityItem, { id: itemF.id }),
  },
  {
    name: "Query.actionItems",
    steps: [into("Query", "actionItems", { args: "(first: 10)" })],
    leaf: "{ edges { node { id } } }",
    expected: (c) => ({
      edges: [
        ...(readsPublished(c) ? [{ node: { id: itemA.id } }] : []),
        ...(readsOwnBodyItem(c) ? [{ node: { id: itemB.id } }] : []),
        ...(readsUnpublished(c) ? [{ node: { id: itemX.id } }] : []),
        ...(readsFacilityItem(c) ? [{ node: { id: itemF.id } }] : []),
      ],
    }),
  },
  {
    name: "Query.obligations",
    steps: [obligationsQ],
    leaf: "{ id }",
    expected: (c) => (readsPublished(c) ? { id: obligation.id } : undefined),
  },
  {
    name: "Query.myOverdue",
    steps: [into("Query", "myOverdue", { args: "(asOf: $asOf)" })],
    leaf: "{ agency actionItems { actionItem { id } } }",
    expected: (c) =>
      ({
        mia_officer: [{ agency: "MIA", actionItems: [{ actionItem: { id: itemA.id } }] }],
        dhs_liaison: [{ agency: "DHS", actionItems: [] }],
        ombudsperson: [{ agency: "OMBUDSPERSON", actionItems: [] }],
        facility_staff: [{ agency: "FACILITY_OPERATOR", actionItems: [] }],
        monitor: [{ agency: "CIVIL_SOCIETY", actionItems: [] }],
        auditor: [],
      })[c as string],
  },
  {
    name: "Query.overdueByAgency",
    steps: [into("Query", "overdueByAgency", { args: "(asOf: $asOf)" })],
    leaf: "{ agency ageing { count } }",
    expected: () => [
      { agency: "MIA", ageing: [{ count: 0 }, { count: 1 }, { count: 0 }, { count: 0 }] },
      ...["DHS", "OMBUDSPERSON", "FACILITY_OPERATOR", "CIVIL_SOCIETY"].map((agency) => ({
        agency,
        ageing: [{ count: 0 }, { count: 0 }, { count: 0 }, { count: 0 }],
      })),
    ],
  },

  // TaskForce and what belongs to it (public record: every holder but facility staff).
  cell([tfQ], "TaskForce", "id", when(readsPublished, tf.id)),
  cell([tfQ], "TaskForce", "name", when(readsPublished, "Joint Task Force on Reception")),
  cell([tfQ], "TaskForce", "mandateText", when(readsPublished, tf.mandateText)),
  cell([tfQ], "TaskForce", "mandateSource", when(readsPublished, "Agreement art. 9(1)")),
  cell([tfQ], "TaskForce", "establishedAt", when(readsPublished, iso(JOINED))),
  cell([tfQ], "TaskForce", "members", when(readsPublished, [{ id: member.id }]), "{ id }"),
  cell([tfQ], "TaskForce", "mandates", when(readsPublished, [{ id: mandate.id }]), "{ id }"),
  cell(membersOfTf, "TaskForceMember", "id", when(readsPublished, member.id)),
  cell(membersOfTf, "TaskForceMember", "agency", when(readsPublished, "CIVIL_SOCIETY")),
  cell(membersOfTf, "TaskForceMember", "officialId", when(readsPublished, null)),
  cell(membersOfTf, "TaskForceMember", "officialName", when(readsPublished, "Blerta Hoti")),
  cell(membersOfTf, "TaskForceMember", "roleTitle", when(readsPublished, "Observer")),
  cell(membersOfTf, "TaskForceMember", "orgId", when(readsPublished, bodyB)),
  cell(membersOfTf, "TaskForceMember", "joinedAt", when(readsPublished, iso(JOINED))),
  cell(membersOfTf, "TaskForceMember", "leftAt", when(readsPublished, null)),
  cell(mandatesOfTf, "Mandate", "id", when(readsPublished, mandate.id)),
  cell(mandatesOfTf, "Mandate", "decides", when(readsPublished, mandate.decides)),
  cell(mandatesOfTf, "Mandate", "grantingText", when(readsPublished, mandate.grantingText)),
  cell(mandatesOfTf, "Mandate", "source", when(readsPublished, "Agreement art. 9(2)")),

  // Meeting A (minutes published) and its agenda and decisions.
  cell([meetingAQ], "TaskForceMeeting", "id", when(readsPublished, meetingA.id)),
  cell([meetingAQ], "TaskForceMeeting", "heldAt", when(readsPublished, iso(HELD_A))),
  cell([meetingAQ], "TaskForceMeeting", "location", when(readsPublished, "MIA, Prishtinë")),
  cell([meetingAQ], "TaskForceMeeting", "minutesPublishedAt", when(readsPublished, iso(PUBLISHED_A))),
  cell([meetingAQ], "TaskForceMeeting", "createdAt", when(readsPublished, "2026-02-20T10:00:00.000Z")),
  cell([meetingAQ], "TaskForceMeeting", "taskForce", when(readsPublished, { id: tf.id }), "{ id }"),
  cell([meetingAQ], "TaskForceMeeting", "attendees", when(readsPublished, [{ id: member.id }]), "{ id }"),
  cell([meetingAQ], "TaskForceMeeting", "agendaItems", when(readsPublished, [{ id: agenda.id }]), "{ id }"),
  cell([meetingAQ], "TaskForceMeeting", "decisions", when(readsPublished, [{ id: decision.id }]), "{ id }"),
  cell([meetingAQ], "TaskForceMeeting", "actionItems", when(readsPublished, [{ id: itemA.id }]), "{ id }"),
  // Meeting B (minutes not published): the all-record readers only; its items as each reads them.
  cell(
    [meetingBQ],
    "TaskForceMeeting",
    "location",
    when(readsUnpublished, "Ferizaj"),
    undefined,
    "unpublished minutes",
  ),
  cell(
    [meetingBQ],
    "TaskForceMeeting",
    "actionItems",
    when(readsUnpublished, [{ id: itemB.id }, { id: itemX.id }]),
    "{ id }",
    "unpublished minutes",
  ),
  cell(agendaOfA, "AgendaItem", "id", when(readsPublished, agenda.id)),
  cell(agendaOfA, "AgendaItem", "position", when(readsPublished, 1)),
  cell(agendaOfA, "AgendaItem", "title", when(readsPublished, "Occupancy above capacity")),
  cell(agendaOfA, "AgendaItem", "origin", when(readsPublished, "MONITORING")),
  cell(agendaOfA, "AgendaItem", "createdAt", when(readsPublished, "2026-02-21T10:00:00.000Z")),
  cell(
    agendaOfA,
    "AgendaItem",
    "concerns",
    when(readsPublished, { __typename: "Facility", id: facilityId }),
    "{ __typename ... on Facility { id } }",
  ),
  cell(agendaOfA, "AgendaItem", "meeting", when(readsPublished, { id: meetingA.id }), "{ id }"),
  cell(decisionsOfA, "Decision", "id", when(readsPublished, decision.id)),
  cell(decisionsOfA, "Decision", "text", when(readsPublished, "Move ten residents by April.")),
  cell(decisionsOfA, "Decision", "recordedAt", when(readsPublished, "2026-03-05T11:00:00.000Z")),
  cell(decisionsOfA, "Decision", "meeting", when(readsPublished, { id: meetingA.id }), "{ id }"),
  cell(decisionsOfA, "Decision", "agendaItem", when(readsPublished, { id: agenda.id }), "{ id }"),

  // Action item IA (published) through an entity reference.
  cell([itemE("itemARefs")], "ActionItem", "title", when(readsPublished, "Move ten residents")),
  cell([itemE("itemARefs")], "ActionItem", "dueAt", when(readsPublished, iso(DUE_A))),
  cell([itemE("itemARefs")], "ActionItem", "status", when(readsPublished, "OPEN")),
  cell([itemE("itemARefs")], "ActionItem", "createdAt", when(readsPublished, "2026-03-05T11:30:00.000Z")),
  cell([itemE("itemARefs")], "ActionItem", "updatedAt", when(readsPublished, "2026-03-05T11:30:00.000Z")),
  cell([itemE("itemARefs")], "ActionItem", "owner", when(readsPublished, { agency: "MIA" }), "{ agency }"),
  cell(
    [itemE("itemARefs")],
    "ActionItem",
    "concerns",
    when(readsPublished, { __typename: "Complaint", id: complaintId }),
    "{ __typename ... on Complaint { id } }",
  ),
  cell([itemE("itemARefs")], "ActionItem", "meeting", when(readsPublished, { id: meetingA.id }), "{ id }"),
  cell([itemE("itemARefs")], "ActionItem", "decision", when(readsPublished, { id: decision.id }), "{ id }"),
  cell([itemE("itemARefs")], "ActionItem", "history", when(readsPublished, [{ to: "OPEN" }]), "{ to }"),
  // Through actionItem(id): F's item (facility staff's own, not monitors'), B's item (the monitor's own).
  cell(
    [itemQ("itemF")],
    "ActionItem",
    "title",
    when(readsFacilityItem, "Repair the heating in block C"),
    undefined,
    "the facility operator's",
  ),
  cell(
    [itemQ("itemB")],
    "ActionItem",
    "title",
    when(readsOwnBodyItem, "Report on interpreters"),
    undefined,
    "the monitor's body's",
  ),
  // The monitor's own item hangs from a meeting whose minutes they may not read.
  cell(
    [itemQ("itemB")],
    "ActionItem",
    "meeting",
    (c) => (readsUnpublished(c) ? { id: meetingB.id } : null),
    "{ id }",
    "at an unpublished meeting",
  ),
  cell([itemQ("itemX")], "ActionItem", "status", when(readsUnpublished, "OPEN"), undefined, "DHS's, unpublished"),
  ...(
    [
      ["agency", "MIA"],
      ["officialId", null],
      ["officialName", "Arben Gashi"],
      ["orgId", null],
    ] as const
  ).map(([field, value]) =>
    cell([itemE("itemARefs"), into("ActionItem", "owner")], "ActionItemOwner", field, when(readsPublished, value)),
  ),
  cell(
    [itemQ("itemF"), into("ActionItem", "owner")],
    "ActionItemOwner",
    "orgId",
    when(readsFacilityItem, facilityF),
    undefined,
    "F's",
  ),
  ...(
    [
      ["id", () => transitionId],
      ["from", () => null],
      ["to", () => "OPEN"],
      ["reason", () => "Agreed."],
      ["at", () => "2026-03-05T11:30:00.000Z"],
      ["by", () => null],
    ] as const
  ).map(([field, value]) =>
    cell([itemE("itemARefs"), into("ActionItem", "history", { list: true })], "ActionItemTransition", field, (c) =>
      readsPublished(c) ? value() : null,
    ),
  ),

  // The obligations catalogue (public record: every holder but facility staff).
  ...(
    [
      ["id", () => obligation.id],
      ["kind", () => "COUNSEL_OFFER"],
      ["title", () => "Offer legal counsel"],
      ["sourceText", () => "Agreement art. 7(2)"],
      ["deadlineHours", () => 24],
      ["runsFrom", () => "arrival in Kosovo"],
      ["owingAgency", () => "MIA"],
    ] as const
  ).map(([field, value]) =>
    cell([obligationsQ], "Obligation", field, (c) => (readsPublished(c) ? value() : undefined)),
  ),

  // The MIA's ledger through its entity reference: IA is 10 days overdue at $asOf.
  cell(
    [ledgerE],
    "OverdueLedger",
    "actionItems",
    (c) => (readsPublished(c) ? [{ actionItem: { id: itemA.id } }] : []),
    "{ actionItem { id } }",
  ),
  {
    name: "OverdueLedger.ageing",
    steps: [ledgerE, into("OverdueLedger", "ageing", { args: "(asOf: $asOf)" })],
    leaf: "{ count }",
    expected: (c) =>
      readsPublished(c)
        ? [{ count: 0 }, { count: 1 }, { count: 0 }, { count: 0 }]
        : [{ count: 0 }, { count: 0 }, { count: 0 }, { count: 0 }],
  },
  cell(
    [ledgerE, ledgerItems],
    "OverdueActionItem",
    "actionItem",
    (c) => (readsPublished(c) ? { id: itemA.id } : undefined),
    "{ id }",
  ),
  cell([ledgerE, ledgerItems], "OverdueActionItem", "daysOverdue", (c) => (readsPublished(c) ? 10 : undefined)),
  cell([ledgerE, ledgerItems], "OverdueActionItem", "band", (c) => (readsPublished(c) ? "DAYS_8_TO_30" : undefined)),
  cell(
    [ledgerE, into("OverdueLedger", "ageing", { args: "(asOf: $asOf)", list: true })],
    "AgeingBandCount",
    "band",
    () => "DAYS_0_TO_7",
  ),
  cell(
    [ledgerE, into("OverdueLedger", "ageing", { args: "(asOf: $asOf)", list: true })],
    "AgeingBandCount",
    "count",
    () => 0,
  ),

  // Impact assessments: every field on the one in consultation (its rule tells the callers
  // apart), the states through Query.impactAssessment and the list.
  ...(
    [
      ["id", () => consultedAssessment.id],
      ["title", () => "Assessment in consultation"],
      ["quarter", () => "2025-Q3"],
      ["scope", () => "FACILITY"],
      ["policy", () => null],
      ["method", () => consultedAssessment.method],
      ["findings", () => consultedAssessment.findings],
      ["status", () => "CONSULTATION"],
      ["createdAt", () => iso(consultedAssessment.createdAt)],
      ["consultationAt", () => iso(CONSULTED)],
      ["publishedAt", () => null],
      ["indicatorsFrozen", () => false],
    ] as const
  ).map(([field, value]) =>
    cell([consultedQ], "ImpactAssessment", field, (c) => (readsConsultedAssessment(c) ? value() : null)),
  ),
  cell(
    [consultedQ],
    "ImpactAssessment",
    "facility",
    (c) => (readsConsultedAssessment(c) ? { id: facilityId } : null),
    "{ id }",
  ),
  // The published one's indicators: frozen at publication (here an empty set), never read again.
  cell([publishedQ], "ImpactAssessment", "indicators", () => [], "{ indicator }", "frozen at publication"),
  cell(
    [consultedQ],
    "ImpactAssessment",
    "recommendations",
    (c) => (readsConsultedAssessment(c) ? [{ position: 1 }] : null),
    "{ position }",
  ),
  ...(
    [
      ["id", () => consultedRecommendation.id],
      ["position", () => 1],
      ["text", () => consultedRecommendation.text],
      ["addressee", () => "MIA"],
      ["addresseeOrgId", () => null],
      ["dueAt", () => iso(consultedRecommendation.dueAt)],
      ["status", () => null],
    ] as const
  ).map(([field, value]) =>
    cell(recommendationsOfConsulted, "AssessmentRecommendation", field, (c) =>
      readsConsultedAssessment(c) ? value() : null,
    ),
  ),
  cell(
    recommendationsOfPublished,
    "AssessmentRecommendation",
    "followUp",
    when(readsPublished, { id: itemA.id }),
    "{ id }",
  ),
  {
    name: "Query.impactAssessment (draft)",
    steps: [into("Query", "impactAssessment", { args: "(id: $draftAssessment)" })],
    leaf: "{ status }",
    expected: (c) => (readsDraftAssessment(c) ? { status: "DRAFT" } : null),
  },
  {
    name: "Query.impactAssessment (published)",
    steps: [publishedQ],
    leaf: "{ status }",
    expected: () => ({ status: "PUBLISHED" }),
  },
  {
    name: "Query.impactAssessments",
    steps: [into("Query", "impactAssessments", { args: "(first: 10)" })],
    leaf: "{ edges { node { title } } }",
    expected: (c) => ({
      edges: [
        ...(readsDraftAssessment(c) ? [{ node: { title: "Draft assessment" } }] : []),
        ...(readsConsultedAssessment(c) ? [{ node: { title: "Assessment in consultation" } }] : []),
        { node: { title: "Published assessment" } },
      ],
    }),
  },

  // The audit trail: a reference anyone may name, its events only for audit:read.
  {
    name: "AuditTrail.oversight",
    steps: [
      entity("auditRefs", "AuditTrail"),
      { field: "oversight", args: "(first: 5, filter: { recordId: $unknown })", scopes: [SCOPES.AUDIT_READ] },
    ],
    leaf: "{ edges { cursor } }",
    expected: () => ({ edges: [] }),
  },
];

function variables(): Record<string, { type: string; value: unknown }> {
  const id = (value: string) => ({ type: "ID!", value });
  return {
    tf: id(tf.id),
    meetingA: id(meetingA.id),
    meetingB: id(meetingB.id),
    itemB: id(itemB.id),
    itemX: id(itemX.id),
    itemF: id(itemF.id),
    unknown: id(randomUUID()),
    draftAssessment: id(draftAssessment.id),
    consultedAssessment: id(consultedAssessment.id),
    publishedAssessment: id(publishedAssessment.id),
    asOf: { type: "DateTimeISO!", value: AS_OF.toISOString() },
    itemARefs: { type: "[_Any!]!", value: [{ __typename: "ActionItem", id: itemA.id }] },
    ledgerRefs: { type: "[_Any!]!", value: [{ __typename: "OverdueLedger", agency: "MIA" }] },
    auditRefs: { type: "[_Any!]!", value: [{ __typename: "AuditTrail", id: "audit" }] },
  };
}

describeRoleTable("the scope table: every protected field for every role and the public", () => ({
  cells: CELLS(),
  variables,
  callAs,
  send: (query, values, as) => h.gql(query, values, as),
  schema: () => definition.buildSchema(),
}));

describe("the callers of the table", () => {
  it("hold this subgraph's scopes as DESIGN §5 says (the kit reads them from the policy)", () => {
    for (const role of ROLES) expect([R, W, L].filter((scope) => callerHolds(role, [scope]))).toEqual(ROLE_HOLDS[role]);
    expect([R, W, L].filter((scope) => callerHolds("public", [scope]))).toEqual([]);
  });
});

describe("the data classes", () => {
  it("are declared on exactly the fields the scope table protects", async () => {
    expect((await definition.buildSchema()).dataClasses).toEqual(FIELD_CLASSES);
  });
});

describe("aliases, fragments and inline fragments meet the same wall", () => {
  const QUERY = `query($r: [_Any!]!, $id: ID!, $asOf: DateTimeISO!) {
    who: _entities(representations: $r) { ... on ActionItem { id ...Item } }
    again: actionItem(id: $id) { ... on ActionItem { what: title steps: history { ...Step } } }
    late: myOverdue(asOf: $asOf) { owes: actionItems { actionItem { id } } }
  }
  fragment Item on ActionItem { t: title o: owner { agency } }
  fragment Step on ActionItemTransition { reason }`;
  const vars = () => ({ r: [{ __typename: "ActionItem", id: itemA.id }], id: itemF.id, asOf: AS_OF.toISOString() });
  const errorsOf = (res: GraphQLResponse) =>
    res.errors
      ?.map((e) => ({ path: e.path, code: e.extensions?.code }))
      .sort((a, b) => JSON.stringify(a.path).localeCompare(JSON.stringify(b.path)));

  it.each(["legal_counsel", "training_admin"] as const)(
    "denies every aliased field to %s (no oversight:read)",
    async (role) => {
      const res = await h.gql(QUERY, vars(), role);
      expect(errorsOf(res)).toEqual([
        { path: ["again"], code: "FORBIDDEN" },
        { path: ["late"], code: "FORBIDDEN" },
        // The entity reference itself resolves to nothing for them (its rule, in SQL): no field to refuse.
      ]);
      // myOverdue is a non-null list: its refusal nulls the whole answer, so nothing else shows either.
      expect(res.data).toBeNull();
    },
  );

  it("answers the monitor with the published item, not F's, under the aliases", async () => {
    const res = await h.gql(QUERY, vars(), await callAs("monitor"));
    expect(res).toEqual({
      status: 200,
      data: {
        who: [{ id: itemA.id, t: "Move ten residents", o: { agency: "MIA" } }],
        again: null,
        late: [{ owes: [] }],
      },
    });
  });

  it("answers facility staff with their operator's item only", async () => {
    const res = await h.gql(QUERY, vars(), await callAs("facility_staff"));
    expect(res).toEqual({
      status: 200,
      data: {
        who: [null],
        again: { what: "Repair the heating in block C", steps: [{ reason: "Agreed." }] },
        late: [{ owes: [] }],
      },
    });
  });
});

describe("a request signed as the gateway's meets the same rules", () => {
  it("withholds from a monitor what it withholds on a direct call", async () => {
    const authorization = (await h.auth.authorization(await callAs("monitor")))!;
    const res = await gatewaySignedRequest(
      h.url,
      h.gatewaySecret,
      `query($a: ID!, $x: ID!) { a: actionItem(id: $a) { title } x: actionItem(id: $x) { title } }`,
      { a: itemB.id, x: itemX.id },
      { authorization },
    );
    expect(res).toEqual({ status: 200, data: { a: { title: "Report on interpreters" }, x: null } });
  });
});

/** For the record-rule rows below: what each kind's lists show a caller. */
async function idsOf(query: string, as: CallAs, pick: (data: any) => { id: string }[]): Promise<string[]> {
  return pick(ok(await h.gql(query, {}, as)))
    .map((n) => n.id)
    .sort();
}
const sorted = (ids: string[]) => [...ids].sort();
const TASK_FORCES = `{ taskForces { id } }`;
const MEETINGS = `{ taskForceMeetings(first: 50) { edges { node { id } } } }`;
const ITEMS = `{ actionItems(first: 50) { edges { node { id } } } }`;
const OBLIGATIONS = `{ obligations { id } }`;
const edges = (list: string) => (data: any) => data[list].edges.map((e: { node: { id: string } }) => e.node);

const ROWS: RuleRow[] = [
  {
    role: "monitor",
    kind: "TaskForce",
    shows: "reads the task force (public record)",
    run: async () => expect(await idsOf(TASK_FORCES, await callAs("monitor"), (d) => d.taskForces)).toEqual([tf.id]),
  },
  {
    role: "facility_staff",
    kind: "TaskForce",
    shows: "reads no task force",
    run: async () => expect(await idsOf(TASK_FORCES, await callAs("facility_staff"), (d) => d.taskForces)).toEqual([]),
  },
  {
    role: "monitor",
    kind: "Obligation",
    shows: "reads the catalogue",
    run: async () =>
      expect(await idsOf(OBLIGATIONS, await callAs("monitor"), (d) => d.obligations)).toEqual([obligation.id]),
  },
  {
    role: "facility_staff",
    kind: "Obligation",
    shows: "reads no obligation",
    run: async () => expect(await idsOf(OBLIGATIONS, await callAs("facility_staff"), (d) => d.obligations)).toEqual([]),
  },
  {
    role: "monitor",
    kind: "TaskForceMeeting",
    shows: "reads meetings whose minutes are published only, and records none",
    run: async () => {
      expect(await idsOf(MEETINGS, await callAs("monitor"), edges("taskForceMeetings"))).toEqual([meetingA.id]);
      const res = await h.gql(
        `mutation($id: ID!) { addAgendaItem(input: { meetingId: $id, title: "From the monitor", origin: MEMBER }) { id } }`,
        { id: meetingA.id },
        await callAs("monitor"),
      );
      expect(res.errors?.map((e) => [e.message, e.extensions?.code])).toEqual([[MEETING_WRITE_FORBIDDEN, "FORBIDDEN"]]);
    },
  },
  {
    role: "facility_staff",
    kind: "TaskForceMeeting",
    shows: "reads no meeting",
    run: async () =>
      expect(await idsOf(MEETINGS, await callAs("facility_staff"), edges("taskForceMeetings"))).toEqual([]),
  },
  {
    role: "dhs_liaison",
    kind: "TaskForceMeeting",
    shows: "reads every meeting, records none",
    run: async () => {
      expect(await idsOf(MEETINGS, await callAs("dhs_liaison"), edges("taskForceMeetings"))).toEqual(
        sorted([meetingA.id, meetingB.id]),
      );
      const res = await h.gql(
        `mutation($id: ID!) { recordDecision(input: { meetingId: $id, text: "DHS decides alone." }) { id } }`,
        { id: meetingB.id },
        await callAs("dhs_liaison"),
      );
      expect(res.errors?.map((e) => [e.message, e.extensions?.code])).toEqual([[MEETING_WRITE_FORBIDDEN, "FORBIDDEN"]]);
    },
  },
  {
    role: "monitor",
    kind: "ActionItem",
    shows: "reads its body's items and the published ones; moves its body's only",
    run: async () => {
      expect(await idsOf(ITEMS, await callAs("monitor"), edges("actionItems"))).toEqual(sorted([itemA.id, itemB.id]));
      const move = `mutation($id: ID!) { moveActionItem(id: $id, status: IN_PROGRESS, reason: "Started.") { id } }`;
      const refused = await h.gql(move, { id: itemA.id }, await callAs("monitor"));
      expect(refused.errors?.map((e) => [e.message, e.extensions?.code])).toEqual([
        [ACTION_ITEM_WRITE_FORBIDDEN, "FORBIDDEN"],
      ]);
      // Another body's item is refused exactly like an unknown one (it learns nothing).
      const other = await createActionItemRow(h.db, tf.id, {
        ownerAgency: TaskForceAgency.CIVIL_SOCIETY,
        ownerOrgId: otherBody,
      });
      const hidden = await h.gql(move, { id: other.id }, await callAs("monitor"));
      const unknown = await h.gql(move, { id: randomUUID() }, await callAs("monitor"));
      expect(hidden.errors?.map((e) => [e.message, e.extensions?.code])).toEqual(
        unknown.errors?.map((e) => [e.message, e.extensions?.code]),
      );
      const own = await createActionItemRow(h.db, tf.id, {
        ownerAgency: TaskForceAgency.CIVIL_SOCIETY,
        ownerOrgId: bodyB,
      });
      expect(ok(await h.gql(move, { id: own.id }, await callAs("monitor")))).toEqual({
        moveActionItem: { id: own.id },
      });
    },
  },
  {
    role: "facility_staff",
    kind: "ActionItem",
    shows: "reads its facility operator's items only; writes none",
    run: async () => {
      const seen = await idsOf(ITEMS, await callAs("facility_staff"), edges("actionItems"));
      expect(seen).toContain(itemF.id);
      const rows = (await h.db.query(`SELECT id FROM oversight.action_item WHERE owner_org_id = $1`, [facilityF])) as {
        id: string;
      }[];
      expect(seen).toEqual(sorted(rows.map((r) => r.id)));
    },
  },
  {
    role: "dhs_liaison",
    kind: "ActionItem",
    shows: "reads every item; moves and creates DHS's only",
    run: async () => {
      const move = `mutation($id: ID!) { moveActionItem(id: $id, status: IN_PROGRESS, reason: "Started.") { status } }`;
      const refused = await h.gql(move, { id: itemA.id }, await callAs("dhs_liaison"));
      expect(refused.errors?.map((e) => [e.message, e.extensions?.code])).toEqual([
        [ACTION_ITEM_WRITE_FORBIDDEN, "FORBIDDEN"],
      ]);
      const own = await createActionItemRow(h.db, tf.id, { ownerAgency: TaskForceAgency.DHS });
      expect(ok(await h.gql(move, { id: own.id }, await callAs("dhs_liaison")))).toEqual({
        moveActionItem: { status: ActionItemStatus.IN_PROGRESS },
      });
    },
  },
  ...(
    [
      ["monitor", "reads assessments in consultation and published ones, never drafts", ["consulted", "published"]],
      ["facility_staff", "reads published assessments only", ["published"]],
      ["public", "reads published assessments only", ["published"]],
    ] as const
  ).map(([role, shows, states]) => ({
    role: role as Role,
    kind: "ImpactAssessment",
    shows,
    run: async () => {
      const res = await h.gql(
        `{ impactAssessments(first: 50) { edges { node { id } } } }`,
        {},
        await callAs(role as Caller),
      );
      expect(res.errors).toBeUndefined();
      const ids = (
        res.data as { impactAssessments: { edges: { node: { id: string } }[] } }
      ).impactAssessments.edges.map((e) => e.node.id);
      const wanted = { consulted: consultedAssessment.id, published: publishedAssessment.id };
      expect(sorted(ids)).toEqual(sorted(states.map((state) => wanted[state])));
      const rows = (await h.db.query(`SELECT id FROM oversight.impact_assessment WHERE status = ANY($1)`, [
        states.map((state) => (state === "consulted" ? "CONSULTATION" : "PUBLISHED")),
      ])) as { id: string }[];
      expect(sorted(ids)).toEqual(sorted(rows.map((r) => r.id)));
    },
  })),
];

describeRecordRuleRows(
  "record rules of the oversight subgraph",
  [TaskForceRecords, MeetingRecords, ActionItemRecords, ObligationRecords, AssessmentRecords],
  ROWS,
);
