import { ComplaintStatus } from "./complaint-enums";

/**
 * How long the complaints mechanism has to decide a complaint, counted from its receipt. A
 * policy choice of the programme (30 days), not a constant of nature: change it here, and only
 * here; complaints already filed keep the due date they were given.
 */
export const COMPLAINT_RESPONSE_DAYS = 30;
const DAY_MS = 86_400_000;

export function complaintDueAt(receivedAt: Date): Date {
  return new Date(receivedAt.getTime() + COMPLAINT_RESPONSE_DAYS * DAY_MS);
}

/** The complaint state machine: from each status, the statuses a complaint may move to next. */
export const NEXT_COMPLAINT_STATUSES: Readonly<Record<ComplaintStatus, readonly ComplaintStatus[]>> = {
  [ComplaintStatus.RECEIVED]: [ComplaintStatus.UNDER_REVIEW],
  [ComplaintStatus.UNDER_REVIEW]: [ComplaintStatus.ESCALATED, ComplaintStatus.DECIDED],
  // A complaint may be escalated again, to a further authority, before it is decided.
  [ComplaintStatus.ESCALATED]: [ComplaintStatus.ESCALATED, ComplaintStatus.DECIDED],
  [ComplaintStatus.DECIDED]: [ComplaintStatus.CLOSED],
  [ComplaintStatus.CLOSED]: [],
};

export function canMoveComplaint(from: ComplaintStatus, to: ComplaintStatus): boolean {
  return NEXT_COMPLAINT_STATUSES[from].includes(to);
}

/** Whether the complaint has a decision its holder may see. */
export function isDecided(status: ComplaintStatus): boolean {
  return status === ComplaintStatus.DECIDED || status === ComplaintStatus.CLOSED;
}
