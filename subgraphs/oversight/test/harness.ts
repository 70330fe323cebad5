import { randomUUID } from "node:crypto";
import { type SubgraphHarness, startSubgraphHarness, unique } from "@kgraph/platform";
import type { DataSource } from "typeorm";
import { definition } from "../src";
import { TaskForceAgency } from "../src/agency";
import { ActionItem, ActionItemStatus, ActionItemTransition } from "../src/modules/action-item/action-item.entity";
import { AgendaItem, AgendaOrigin, Decision, TaskForceMeeting } from "../src/modules/meeting/meeting.entity";
import { Mandate, TaskForce, TaskForceMember } from "../src/modules/task-force/task-force.entity";
import { AssessmentRecommendation, ImpactAssessment } from "../src/modules/assessment/assessment.entity";
import { AssessmentScope, AssessmentStatus } from "../src/modules/assessment/assessment.policy";

export { TEST_SUBJECT_REF_KEY } from "@kgraph/platform";

export type OversightHarness = SubgraphHarness;

/** A fresh database, migrated, and the oversight subgraph serving it over real HTTP on a free port. */
export const startOversightHarness = (options: { graphUrl?: string } = {}): Promise<OversightHarness> =>
  startSubgraphHarness(definition, options);

export const UNKNOWN_ID = "00000000-0000-4000-8000-000000000000";
export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

export const daysFromNow = (days: number) => new Date(Date.now() + days * DAY);

/** Expects a GraphQL answer without errors and returns its data. */
export function ok<T = any>(res: { data?: unknown; errors?: unknown }): T {
  expect(res.errors).toBeUndefined();
  return res.data as T;
}

/** The errors of an answer as message, path and code (in the order given). */
export function errorsOf(res: {
  errors?: { message: string; path?: unknown; extensions?: Record<string, unknown> }[];
}) {
  return (res.errors ?? []).map((e) => ({ message: e.message, path: e.path, code: e.extensions?.code }));
}

/** Factory: a task force with a unique name (task forces are reference data: no mutation makes them). */
export async function createTaskForce(db: DataSource, overrides: Partial<TaskForce> = {}): Promise<TaskForce> {
  const taskForce = db.getRepository(TaskForce).create({
    id: randomUUID(),
    name: unique("Task force"),
    mandateText: "Keep communication between the agencies flowing and settle administrative problems promptly.",
    mandateSource: "Agreement art. 9(1)",
    establishedAt: new Date("2025-09-01T08:00:00.000Z"),
    ...overrides,
  });
  await db.getRepository(TaskForce).insert(taskForce);
  return taskForce;
}

export async function createMember(
  db: DataSource,
  taskForceId: string,
  overrides: Partial<TaskForceMember> = {},
): Promise<TaskForceMember> {
  const member = db.getRepository(TaskForceMember).create({
    id: randomUUID(),
    taskForceId,
    agency: TaskForceAgency.MIA,
    officialId: null,
    officialName: unique("Official"),
    roleTitle: "Head of the Department for Citizenship, Asylum and Migration",
    orgId: null,
    joinedAt: new Date("2025-09-01T08:00:00.000Z"),
    leftAt: null,
    ...overrides,
  });
  await db.getRepository(TaskForceMember).insert(member);
  return member;
}

export async function createMandate(db: DataSource, taskForceId: string, overrides: Partial<Mandate> = {}) {
  const mandate = db.getRepository(Mandate).create({
    id: randomUUID(),
    taskForceId,
    decides: "Which administrative problems are escalated to the ministers.",
    grantingText: "The task force shall settle administrative problems promptly.",
    source: unique("Agreement art. 9"),
    ...overrides,
  });
  await db.getRepository(Mandate).insert(mandate);
  return mandate;
}

export async function createMeetingRow(
  db: DataSource,
  taskForceId: string,
  overrides: Partial<TaskForceMeeting> = {},
): Promise<TaskForceMeeting> {
  const meeting = db.getRepository(TaskForceMeeting).create({
    id: randomUUID(),
    taskForceId,
    heldAt: daysFromNow(14),
    location: unique("Ministry of Internal Affairs, Prishtinë"),
    attendeeIds: [],
    minutesPublishedAt: null,
    createdAt: new Date(),
    ...overrides,
  });
  await db.getRepository(TaskForceMeeting).insert(meeting);
  return meeting;
}

export async function createAgendaItemRow(db: DataSource, meetingId: string, overrides: Partial<AgendaItem> = {}) {
  const [{ next }] = (await db.query(
    `SELECT coalesce(max(position), 0) + 1 AS next FROM oversight.agenda_item WHERE meeting_id = $1`,
    [meetingId],
  )) as { next: number }[];
  const item = db.getRepository(AgendaItem).create({
    id: randomUUID(),
    meetingId,
    position: Number(next),
    title: unique("Agenda item"),
    origin: AgendaOrigin.MEMBER,
    concernsKind: null,
    concernsId: null,
    createdAt: new Date(),
    ...overrides,
  });
  await db.getRepository(AgendaItem).insert(item);
  return item;
}

export async function createDecisionRow(db: DataSource, meetingId: string, overrides: Partial<Decision> = {}) {
  const decision = db.getRepository(Decision).create({
    id: randomUUID(),
    meetingId,
    agendaItemId: null,
    text: unique("Decision"),
    recordedAt: new Date(),
    ...overrides,
  });
  await db.getRepository(Decision).insert(decision);
  return decision;
}

/** Factory: an action item (any due date, any status), with the first step of its history. */
export async function createActionItemRow(
  db: DataSource,
  taskForceId: string,
  overrides: Partial<ActionItem> = {},
): Promise<ActionItem> {
  const now = new Date();
  const item = db.getRepository(ActionItem).create({
    id: randomUUID(),
    taskForceId,
    meetingId: null,
    decisionId: null,
    agendaItemId: null,
    title: unique("Action item"),
    ownerAgency: TaskForceAgency.MIA,
    ownerOfficialId: null,
    ownerOfficialName: "Arben Gashi",
    ownerOrgId: null,
    dueAt: daysFromNow(30),
    status: ActionItemStatus.OPEN,
    concernsKind: null,
    concernsId: null,
    createdAt: now,
    updatedAt: now,
    ...overrides,
  });
  await db.getRepository(ActionItem).insert(item);
  await db.getRepository(ActionItemTransition).insert({
    id: randomUUID(),
    actionItemId: item.id,
    from: null,
    to: ActionItemStatus.OPEN,
    reason: "Agreed.",
    at: item.createdAt,
    by: null,
  });
  return item;
}

/** The audit events this subgraph wrote for mutations, newest last. */
export async function writeEvents(db: DataSource, operation: string) {
  return (await db.query(
    `SELECT operation, actor_sub, record_ids, fields FROM oversight.audit_event WHERE kind = 'WRITE' AND operation = $1 ORDER BY seq`,
    [`mutation ${operation}`],
  )) as { operation: string; actor_sub: string | null; record_ids: string[]; fields: string[] }[];
}

/** Factory: an impact assessment row (a DRAFT of the programme for 2025-Q4 unless told otherwise). */
export async function createAssessmentRow(
  db: DataSource,
  taskForceId: string,
  overrides: Partial<ImpactAssessment> = {},
): Promise<ImpactAssessment> {
  const assessment = db.getRepository(ImpactAssessment).create({
    id: randomUUID(),
    taskForceId,
    title: unique("Impact assessment"),
    quarter: "2025-Q4",
    scope: AssessmentScope.PROGRAMME,
    facilityId: null,
    policy: null,
    method: "Public figures and visits.",
    findings: ["A finding."],
    status: AssessmentStatus.DRAFT,
    frozenIndicators: null,
    createdAt: new Date(),
    consultationAt: null,
    publishedAt: null,
    ...overrides,
  });
  await db.getRepository(ImpactAssessment).insert(assessment);
  return assessment;
}

/** Factory: a recommendation of an assessment. */
export async function createAssessmentRecommendationRow(
  db: DataSource,
  assessmentId: string,
  overrides: Partial<AssessmentRecommendation> = {},
): Promise<AssessmentRecommendation> {
  const recommendation = db.getRepository(AssessmentRecommendation).create({
    id: randomUUID(),
    assessmentId,
    position: 1,
    text: "Offer counsel within 24 hours.",
    addressee: TaskForceAgency.MIA,
    addresseeOrgId: null,
    addresseeOfficialName: "Head of Reception",
    dueAt: new Date("2026-06-30T00:00:00.000Z"),
    actionItemId: null,
    ...overrides,
  });
  await db.getRepository(AssessmentRecommendation).insert(recommendation);
  return recommendation;
}
