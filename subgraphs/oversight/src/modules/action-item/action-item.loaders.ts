import { type RecordAccess, firstManyByKey, oneByKey, wellFormedIds } from "@kgraph/platform";
import { SCOPES } from "@kgraph/policy";
import DataLoader from "dataloader";
import type { DataSource } from "typeorm";
import { ActionItem, ActionItemTransition } from "./action-item.entity";
import { ActionItemRecords } from "./action-item.records";

/** `TaskForceMeeting.actionItems` and `ActionItem.history` state these maximums. */
export const ACTION_ITEMS_PER_MEETING = 200;
export const TRANSITIONS_PER_ACTION_ITEM = 20;

/** Loaders for one request: action items are read under the caller's rule, in SQL. */
export function createActionItemLoaders(db: DataSource, access: RecordAccess) {
  const readable = access.where(ActionItemRecords, SCOPES.OVERSIGHT_READ, "a");
  const readableItems = () => db.getRepository(ActionItem).createQueryBuilder("a").where(readable.sql, readable.params);
  return {
    /** A query over the action items the caller reads (alias `a`). */
    readableActionItems: readableItems,
    actionItemById: new DataLoader<string, ActionItem | null>(async (ids) => {
      const wanted = wellFormedIds(ids);
      if (!wanted.length) return ids.map(() => null);
      const rows = await readableItems().andWhere("a.id IN (:...ids)", { ids: wanted }).getMany();
      return oneByKey(ids, rows, (row) => row.id);
    }),
    actionItemsByMeetingId: new DataLoader<string, ActionItem[]>((meetingIds) =>
      firstManyByKey(meetingIds, readableItems(), {
        column: "a.meeting_id",
        keyOf: (row) => row.meetingId as string,
        order: [
          ["a.due_at", "ASC"],
          ["a.id", "ASC"],
        ],
        limit: ACTION_ITEMS_PER_MEETING + 1,
        wanted: wellFormedIds(meetingIds),
      }),
    ),
    transitionsByActionItemId: new DataLoader<string, ActionItemTransition[]>((itemIds) =>
      firstManyByKey(itemIds, db.getRepository(ActionItemTransition).createQueryBuilder("t"), {
        column: "t.action_item_id",
        keyOf: (row) => row.actionItemId,
        order: [
          ["t.at", "ASC"],
          ["t.id", "ASC"],
        ],
        limit: TRANSITIONS_PER_ACTION_ITEM + 1,
        wanted: wellFormedIds(itemIds),
      }),
    ),
  };
}
