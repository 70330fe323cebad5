import { randomUUID } from "node:crypto";
import { type Page, badUserInput, checkPageSize, decodeCursor, notFound, toPage, userError } from "@kgraph/platform";
import { SCOPES } from "@kgraph/policy";
import type { EntityManager } from "typeorm";
import type { OversightContext } from "../../context";
import { concernOf } from "../concern/concern";
import { TaskForce, TaskForceMember } from "../task-force/task-force.entity";
import { AgendaItem, type AgendaOrigin, Decision, TaskForceMeeting } from "./meeting.entity";
import type { AddAgendaItemInput, CreateMeetingInput, RecordDecisionInput } from "./meeting.inputs";
import { MEETING_WRITE_FORBIDDEN, canChangeMinutes, canPublishMinutes } from "./meeting.policy";
import { MeetingRecords } from "./meeting.records";

export function meetingById(ctx: OversightContext, id: string): Promise<TaskForceMeeting | null> {
  return ctx.loaders.meetingById.load(id);
}

export function agendaOf(ctx: OversightContext, meetingId: string): Promise<AgendaItem[]> {
  return ctx.loaders.agendaItemsByMeetingId.load(meetingId);
}

export function decisionsOf(ctx: OversightContext, meetingId: string): Promise<Decision[]> {
  return ctx.loaders.decisionsByMeetingId.load(meetingId);
}

export async function agendaItemOfDecision(ctx: OversightContext, decision: Decision): Promise<AgendaItem | null> {
  return decision.agendaItemId ? ctx.loaders.agendaItemById.load(decision.agendaItemId) : null;
}

export function concernOfAgendaItem(item: AgendaItem) {
  return concernOf(item.concernsKind, item.concernsId);
}

export interface MeetingFilter {
  taskForceId?: string | null;
  from?: Date | null;
  to?: Date | null;
}

/** Meetings the caller reads, by date (earliest first), a page at a time. */
export async function listMeetings(
  ctx: OversightContext,
  args: { first: number; after?: string | null; filter?: MeetingFilter | null },
): Promise<Page<TaskForceMeeting>> {
  const first = checkPageSize(args.first);
  const query = ctx.loaders.readableMeetings();
  const filter = args.filter ?? {};
  if (filter.taskForceId) query.andWhere("m.task_force_id = :taskForceId", { taskForceId: filter.taskForceId });
  if (filter.from) query.andWhere("m.held_at >= :from", { from: filter.from });
  if (filter.to) query.andWhere("m.held_at < :to", { to: filter.to });
  if (args.after) {
    const [heldAt, id] = decodeCursor(args.after, "time");
    query.andWhere("(m.held_at, m.id) > (:heldAt, :id)", { heldAt, id });
  }
  const rows = await query
    .orderBy("m.held_at", "ASC")
    .addOrderBy("m.id", "ASC")
    .limit(first + 1)
    .getMany();
  for (const row of rows) ctx.loaders.meetingById.prime(row.id, row);
  return toPage(rows, first, "time", (row) => [row.heldAt.toISOString(), row.id]);
}

/** Refuses a write the caller may not make to meetings at all (before anything is read). */
async function assertMayRecordMeetings(ctx: OversightContext, tx: EntityManager): Promise<void> {
  if (!(await ctx.access.allowsNew(tx, MeetingRecords, SCOPES.OVERSIGHT_WRITE, { minutes_published_at: null }))) {
    throw userError("FORBIDDEN", MEETING_WRITE_FORBIDDEN);
  }
}

export async function createMeeting(ctx: OversightContext, input: CreateMeetingInput): Promise<TaskForceMeeting> {
  const created = await ctx.db.transaction(async (tx) => {
    await assertMayRecordMeetings(ctx, tx);
    const taskForce = await tx.findOneBy(TaskForce, { id: input.taskForceId });
    if (!taskForce) throw notFound("TaskForce", input.taskForceId);
    if (input.attendeeIds.length) {
      const members = await tx
        .getRepository(TaskForceMember)
        .createQueryBuilder("m")
        .where("m.id IN (:...ids)", { ids: input.attendeeIds })
        .andWhere("m.task_force_id = :taskForceId", { taskForceId: taskForce.id })
        .getMany();
      const known = new Set(members.map((m) => m.id));
      const strangers = input.attendeeIds.filter((id) => !known.has(id));
      if (strangers.length) {
        throw badUserInput(
          `input.attendeeIds names people who are not members of this task force: ${strangers.join(", ")}.`,
          {
            argument: "input.attendeeIds",
          },
        );
      }
    }
    const meeting = tx.create(TaskForceMeeting, {
      id: randomUUID(),
      taskForceId: taskForce.id,
      heldAt: input.heldAt,
      location: input.location.trim(),
      attendeeIds: input.attendeeIds,
      minutesPublishedAt: null,
      createdAt: new Date(),
    });
    await tx.insert(TaskForceMeeting, meeting);
    return meeting;
  });
  ctx.loaders.meetingById.clear(created.id).prime(created.id, created);
  return created;
}

/** Reads a meeting for a change, holding its row: FORBIDDEN outside the caller's write rule. */
export function lockMeeting(ctx: OversightContext, tx: EntityManager, id: string): Promise<TaskForceMeeting> {
  return ctx.access.lockForWrite(tx, TaskForceMeeting, MeetingRecords, SCOPES.OVERSIGHT_WRITE, id, {
    what: "TaskForceMeeting",
    message: MEETING_WRITE_FORBIDDEN,
  });
}

function assertMinutesOpen(meeting: TaskForceMeeting): void {
  if (!canChangeMinutes(meeting)) {
    throw badUserInput(
      `The minutes of meeting ${meeting.id} were published on ${meeting.minutesPublishedAt?.toISOString()}; they are final.`,
      { argument: "input.meetingId" },
    );
  }
}

/** Adds an agenda item at the end of a meeting's agenda (inside the caller's transaction). */
export async function appendAgendaItem(
  tx: EntityManager,
  meeting: TaskForceMeeting,
  values: { title: string; origin: AgendaOrigin; concernsKind: string | null; concernsId: string | null },
): Promise<AgendaItem> {
  assertMinutesOpen(meeting);
  // The meeting's row is locked, so two additions cannot take the same position.
  const [{ next }] = (await tx.query(
    `SELECT coalesce(max(position), 0) + 1 AS next FROM oversight.agenda_item WHERE meeting_id = $1`,
    [meeting.id],
  )) as { next: number }[];
  const item = tx.create(AgendaItem, {
    id: randomUUID(),
    meetingId: meeting.id,
    position: Number(next),
    title: values.title.trim(),
    origin: values.origin,
    concernsKind: values.concernsKind,
    concernsId: values.concernsId,
    createdAt: new Date(),
  });
  await tx.insert(AgendaItem, item);
  return item;
}

export async function addAgendaItem(ctx: OversightContext, input: AddAgendaItemInput): Promise<AgendaItem> {
  const created = await ctx.db.transaction(async (tx) => {
    const meeting = await lockMeeting(ctx, tx, input.meetingId);
    return appendAgendaItem(tx, meeting, {
      title: input.title,
      origin: input.origin,
      concernsKind: input.concerns?.kind ?? null,
      concernsId: input.concerns?.id ?? null,
    });
  });
  ctx.loaders.agendaItemsByMeetingId.clear(created.meetingId);
  ctx.loaders.agendaItemById.prime(created.id, created);
  return created;
}

export async function recordDecision(ctx: OversightContext, input: RecordDecisionInput): Promise<Decision> {
  const created = await ctx.db.transaction(async (tx) => {
    const meeting = await lockMeeting(ctx, tx, input.meetingId);
    assertMinutesOpen(meeting);
    if (input.agendaItemId) {
      const item = await tx.findOneBy(AgendaItem, { id: input.agendaItemId, meetingId: meeting.id });
      if (!item) {
        throw badUserInput(`Agenda item ${input.agendaItemId} is not on the agenda of meeting ${meeting.id}.`, {
          argument: "input.agendaItemId",
        });
      }
    }
    const decision = tx.create(Decision, {
      id: randomUUID(),
      meetingId: meeting.id,
      agendaItemId: input.agendaItemId ?? null,
      text: input.text.trim(),
      recordedAt: new Date(),
    });
    await tx.insert(Decision, decision);
    return decision;
  });
  ctx.loaders.decisionsByMeetingId.clear(created.meetingId);
  ctx.loaders.decisionById.prime(created.id, created);
  return created;
}

export async function publishMeetingMinutes(ctx: OversightContext, meetingId: string): Promise<TaskForceMeeting> {
  const updated = await ctx.db.transaction(async (tx) => {
    const meeting = await lockMeeting(ctx, tx, meetingId);
    if (!canPublishMinutes(meeting, ctx.now)) {
      throw badUserInput(
        meeting.minutesPublishedAt
          ? `The minutes of meeting ${meeting.id} are already published.`
          : `Meeting ${meeting.id} is held on ${meeting.heldAt.toISOString()}; its minutes are published after it.`,
        { argument: "meetingId" },
      );
    }
    meeting.minutesPublishedAt = new Date();
    await tx.update(TaskForceMeeting, { id: meeting.id }, { minutesPublishedAt: meeting.minutesPublishedAt });
    return meeting;
  });
  ctx.loaders.meetingById.clear(updated.id).prime(updated.id, updated);
  return updated;
}

/**
 * The meeting a referral goes to: the one named (its minutes still open), or else the task
 * force's next meeting after `now` (the earliest). Locked for the caller's transaction.
 */
export async function meetingForReferral(
  ctx: OversightContext,
  tx: EntityManager,
  meetingId: string | null | undefined,
  taskForceId: string | null | undefined,
): Promise<TaskForceMeeting> {
  if (meetingId) return lockMeeting(ctx, tx, meetingId);
  await assertMayRecordMeetings(ctx, tx);
  const query = tx
    .getRepository(TaskForceMeeting)
    .createQueryBuilder("m")
    .where("m.held_at > :now", { now: ctx.now })
    .andWhere("m.minutes_published_at IS NULL");
  if (taskForceId) query.andWhere("m.task_force_id = :taskForceId", { taskForceId });
  const next = await query.orderBy("m.held_at", "ASC").addOrderBy("m.id", "ASC").limit(1).getOne();
  if (!next) {
    throw badUserInput(
      "No task-force meeting is scheduled after now: schedule one (createMeeting) or name one in input.meetingId.",
      { argument: "input.meetingId" },
    );
  }
  return lockMeeting(ctx, tx, next.id);
}
