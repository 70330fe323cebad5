import { CLOCK_SKEW_MS } from "../../clock";

/** Published minutes are final: nothing is added to the agenda or the decisions after. */
export function canChangeMinutes(meeting: { minutesPublishedAt: Date | null }): boolean {
  return meeting.minutesPublishedAt === null;
}

/** Minutes are published once the meeting has been held, and once only. */
export function canPublishMinutes(meeting: { heldAt: Date; minutesPublishedAt: Date | null }, now: Date): boolean {
  return meeting.minutesPublishedAt === null && meeting.heldAt.getTime() <= now.getTime() + CLOCK_SKEW_MS;
}

export const MEETING_WRITE_FORBIDDEN =
  "Only the MIA and the Ombudsperson record task-force meetings, their agenda and decisions; monitors and the DHS liaison move on the action items they own.";
