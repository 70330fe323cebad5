import { ActionItemStatus } from "./action-item.entity";

/**
 * The life of an action item: OPEN → IN_PROGRESS → DONE; DROPPED from OPEN or IN_PROGRESS (an
 * item may be abandoned before work starts). DONE and DROPPED are final; an item is never done
 * without having been worked on.
 */
export const ACTION_ITEM_TRANSITIONS: Readonly<Record<ActionItemStatus, readonly ActionItemStatus[]>> = {
  [ActionItemStatus.OPEN]: [ActionItemStatus.IN_PROGRESS, ActionItemStatus.DROPPED],
  [ActionItemStatus.IN_PROGRESS]: [ActionItemStatus.DONE, ActionItemStatus.DROPPED],
  [ActionItemStatus.DONE]: [],
  [ActionItemStatus.DROPPED]: [],
};

export function canMoveActionItem(from: ActionItemStatus, to: ActionItemStatus): boolean {
  return ACTION_ITEM_TRANSITIONS[from].includes(to);
}

/** Statuses in which an item still owes something (and can be overdue). */
export const PENDING_STATUSES: readonly ActionItemStatus[] = [ActionItemStatus.OPEN, ActionItemStatus.IN_PROGRESS];

export const ACTION_ITEM_WRITE_FORBIDDEN =
  "Monitors write only their own body's action items and the DHS liaison only those DHS owns; the MIA and the Ombudsperson write all.";
