import { randomUUID } from "node:crypto";
import {
  type Page,
  badUserInput,
  checkPageSize,
  decodeCursor,
  isStorableInstant,
  notFound,
  toPage,
  userError,
} from "@kgraph/platform";
import { SCOPES } from "@kgraph/policy";
import type { EntityManager } from "typeorm";
import { agencyNeedsOrg } from "../../agency";
import type { OversightContext } from "../../context";
import { concernOf } from "../concern/concern";
import type { ConcernInput } from "../concern/concern";
import { Decision, TaskForceMeeting } from "../meeting/meeting.entity";
import { MeetingRecords } from "../meeting/meeting.records";
import { canChangeMinutes } from "../meeting/meeting.policy";
import { TaskForce } from "../task-force/task-force.entity";
import { ActionItem, type ActionItemOwner, ActionItemStatus, ActionItemTransition } from "./action-item.entity";
import type { ActionItemFilterInput, ActionItemOwnerInput, CreateActionItemInput } from "./action-item.inputs";
import { ACTION_ITEM_TRANSITIONS, ACTION_ITEM_WRITE_FORBIDDEN, canMoveActionItem } from "./action-item.policy";
import { ActionItemRecords } from "./action-item.records";

export function actionItemById(ctx: OversightContext, id: string): Promise<ActionItem | null> {
  return ctx.loaders.actionItemById.load(id);
}

export function actionItemsOfMeeting(ctx: OversightContext, meetingId: string): Promise<ActionItem[]> {
  return ctx.loaders.actionItemsByMeetingId.load(meetingId);
}

export function historyOf(ctx: OversightContext, itemId: string): Promise<ActionItemTransition[]> {
  return ctx.loaders.transitionsByActionItemId.load(itemId);
}

export function ownerOf(item: ActionItem): ActionItemOwner {
  return {
    agency: item.ownerAgency,
    officialId: item.ownerOfficialId,
    officialName: item.ownerOfficialName,
    orgId: item.ownerOrgId,
  };
}

export function concernOfActionItem(item: ActionItem) {
  return concernOf(item.concernsKind, item.concernsId);
}

export async function meetingOfActionItem(ctx: OversightContext, item: ActionItem): Promise<TaskForceMeeting | null> {
  return item.meetingId ? ctx.loaders.meetingById.load(item.meetingId) : null;
}

export async function decisionOfActionItem(ctx: OversightContext, item: ActionItem): Promise<Decision | null> {
  return item.decisionId ? ctx.loaders.decisionById.load(item.decisionId) : null;
}

/** Action items the caller reads, soonest due first, a page at a time. */
export async function listActionItems(
  ctx: OversightContext,
  args: { first: number; after?: string | null; filter?: ActionItemFilterInput | null },
): Promise<Page<ActionItem>> {
  const first = checkPageSize(args.first);
  const query = ctx.loaders.readableActionItems();
  const filter = args.filter ?? {};
  if (filter.status) query.andWhere("a.status = :status", { status: filter.status });
  if (filter.ownerAgency) query.andWhere("a.owner_agency = :agency", { agency: filter.ownerAgency });
  if (filter.concernsId) query.andWhere("a.concerns_id = :concernsId", { concernsId: filter.concernsId });
  if (args.after) {
    const [dueAt, id] = decodeCursor(args.after, "time");
    query.andWhere("(a.due_at, a.id) > (:dueAt, :id)", { dueAt, id });
  }
  const rows = await query
    .orderBy("a.due_at", "ASC")
    .addOrderBy("a.id", "ASC")
    .limit(first + 1)
    .getMany();
  for (const row of rows) ctx.loaders.actionItemById.prime(row.id, row);
  return toPage(rows, first, "time", (row) => [row.dueAt.toISOString(), row.id]);
}

/** The owner's organisation is named exactly for the agencies that have one. */
function checkOwner(owner: ActionItemOwnerInput, argument: string): void {
  if (agencyNeedsOrg(owner.agency) && !owner.orgId) {
    throw badUserInput(
      `${argument}.orgId is required for ${owner.agency}: the facility or monitoring body that owes it.`,
      {
        argument: `${argument}.orgId`,
      },
    );
  }
  if (!agencyNeedsOrg(owner.agency) && owner.orgId) {
    throw badUserInput(`${argument}.orgId names an organisation, which ${owner.agency} does not have.`, {
      argument: `${argument}.orgId`,
    });
  }
}

function checkDueAt(dueAt: Date, now: Date, argument: string): void {
  if (!isStorableInstant(dueAt) || dueAt.getTime() <= now.getTime()) {
    throw badUserInput(`${argument} must be in the future; got ${dueAt.toISOString()}.`, { argument });
  }
}

export interface NewActionItem {
  taskForceId: string;
  meetingId: string | null;
  decisionId: string | null;
  agendaItemId: string | null;
  title: string;
  owner: ActionItemOwnerInput;
  dueAt: Date;
  concerns: ConcernInput | null;
  reason: string;
}

/**
 * Inserts an OPEN action item and the first step of its history, inside the caller's
 * transaction: refused (FORBIDDEN) when the caller may not write an item with that owner.
 */
export async function insertActionItem(
  ctx: OversightContext,
  tx: EntityManager,
  values: NewActionItem,
  argument: string,
): Promise<ActionItem> {
  checkOwner(values.owner, `${argument}.owner`);
  checkDueAt(values.dueAt, ctx.now, `${argument}.dueAt`);
  if (values.meetingId) {
    // An item agreed at a meeting is part of its minutes; published minutes are final (probe 2, F2:
    // an item was added to minutes published weeks before, and every monitor saw it among them).
    // Read under a share lock: publishing the minutes waits for this item, or this item for it.
    const meeting = await tx.findOne(TaskForceMeeting, {
      where: { id: values.meetingId },
      lock: { mode: "pessimistic_read" },
    });
    if (meeting && !canChangeMinutes(meeting)) {
      throw badUserInput(
        `The minutes of meeting ${meeting.id} were published on ${meeting.minutesPublishedAt?.toISOString()}; they are final: no action item is added to them.`,
        { argument: `${argument}.meetingId` },
      );
    }
  }
  const row = {
    owner_agency: values.owner.agency,
    owner_org_id: values.owner.orgId ?? null,
    meeting_id: values.meetingId,
  };
  if (!(await ctx.access.allowsNew(tx, ActionItemRecords, SCOPES.OVERSIGHT_WRITE, row))) {
    throw userError("FORBIDDEN", ACTION_ITEM_WRITE_FORBIDDEN);
  }
  const now = new Date();
  const item = tx.create(ActionItem, {
    id: randomUUID(),
    taskForceId: values.taskForceId,
    meetingId: values.meetingId,
    decisionId: values.decisionId,
    agendaItemId: values.agendaItemId,
    title: values.title.trim(),
    ownerAgency: values.owner.agency,
    ownerOfficialId: values.owner.officialId ?? null,
    ownerOfficialName: values.owner.officialName.trim(),
    ownerOrgId: values.owner.orgId ?? null,
    dueAt: values.dueAt,
    status: ActionItemStatus.OPEN,
    concernsKind: values.concerns?.kind ?? null,
    concernsId: values.concerns?.id ?? null,
    createdAt: now,
    updatedAt: now,
  });
  await tx.insert(ActionItem, item);
  await tx.insert(ActionItemTransition, {
    id: randomUUID(),
    actionItemId: item.id,
    from: null,
    to: ActionItemStatus.OPEN,
    reason: values.reason,
    at: now,
    by: ctx.viewer.sub ?? null,
  });
  return item;
}

export async function createActionItem(ctx: OversightContext, input: CreateActionItemInput): Promise<ActionItem> {
  const created = await ctx.db.transaction(async (tx) => {
    let taskForceId = input.taskForceId ?? null;
    let meetingId: string | null = null;
    if (input.meetingId) {
      // The meeting as the caller may read it: one they cannot read is unknown to them.
      const readable = ctx.access.where(MeetingRecords, SCOPES.OVERSIGHT_READ, "m");
      const meeting = await tx
        .getRepository(TaskForceMeeting)
        .createQueryBuilder("m")
        .where("m.id = :id", { id: input.meetingId })
        .andWhere(readable.sql, readable.params)
        .getOne();
      if (!meeting) throw notFound("TaskForceMeeting", input.meetingId);
      if (taskForceId && taskForceId !== meeting.taskForceId) {
        throw badUserInput("input.taskForceId is not the task force of input.meetingId.", {
          argument: "input.taskForceId",
        });
      }
      taskForceId = meeting.taskForceId;
      meetingId = meeting.id;
    }
    if (input.decisionId) {
      if (!meetingId) {
        throw badUserInput("input.decisionId needs input.meetingId: the meeting that took the decision.", {
          argument: "input.meetingId",
        });
      }
      const decision = await tx.findOneBy(Decision, { id: input.decisionId, meetingId });
      if (!decision) {
        throw badUserInput(`Decision ${input.decisionId} was not taken at meeting ${meetingId}.`, {
          argument: "input.decisionId",
        });
      }
    }
    if (!taskForceId) {
      throw badUserInput("Name the task force (input.taskForceId) or the meeting (input.meetingId).", {
        argument: "input.taskForceId",
      });
    }
    if (!meetingId && !(await tx.existsBy(TaskForce, { id: taskForceId }))) throw notFound("TaskForce", taskForceId);
    return insertActionItem(
      ctx,
      tx,
      {
        taskForceId,
        meetingId,
        decisionId: input.decisionId ?? null,
        agendaItemId: null,
        title: input.title,
        owner: input.owner,
        dueAt: input.dueAt,
        concerns: input.concerns ?? null,
        reason: "Agreed.",
      },
      "input",
    );
  });
  primeActionItem(ctx, created);
  return created;
}

/** Moves an action item along its life, keeping the step (reason, time, who) in its history. */
export async function moveActionItem(
  ctx: OversightContext,
  id: string,
  status: ActionItemStatus,
  reason: string,
): Promise<ActionItem> {
  const text = reason.trim();
  if (text.length < 3 || text.length > 2000) {
    throw badUserInput("reason must be between 3 and 2000 characters (not counting surrounding spaces).", {
      argument: "reason",
    });
  }
  const updated = await ctx.db.transaction(async (tx) => {
    const item = await ctx.access.lockForWrite(tx, ActionItem, ActionItemRecords, SCOPES.OVERSIGHT_WRITE, id, {
      what: "ActionItem",
      message: ACTION_ITEM_WRITE_FORBIDDEN,
    });
    if (!canMoveActionItem(item.status, status)) {
      const allowed = ACTION_ITEM_TRANSITIONS[item.status];
      throw badUserInput(
        `Action item ${item.id} is ${item.status}; it can move to ${allowed.length ? allowed.join(" or ") : "nothing (final)"}, not ${status}.`,
        { argument: "status", status: item.status },
      );
    }
    const now = new Date();
    await tx.insert(ActionItemTransition, {
      id: randomUUID(),
      actionItemId: item.id,
      from: item.status,
      to: status,
      reason: text,
      at: now,
      by: ctx.viewer.sub ?? null,
    });
    item.status = status;
    item.updatedAt = now;
    await tx.update(ActionItem, { id: item.id }, { status, updatedAt: now });
    return item;
  });
  primeActionItem(ctx, updated);
  return updated;
}

export function primeActionItem(ctx: OversightContext, item: ActionItem): void {
  ctx.loaders.actionItemById.clear(item.id).prime(item.id, item);
  ctx.loaders.transitionsByActionItemId.clear(item.id);
  if (item.meetingId) ctx.loaders.actionItemsByMeetingId.clear(item.meetingId);
}
