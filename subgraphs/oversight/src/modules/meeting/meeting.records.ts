import { type RuleSql, defineRecordKind } from "@kgraph/platform";
import { SCOPES } from "@kgraph/policy";

/**
 * RECORD RULES for task-force meetings (their agenda items and decisions belong to them), in SQL
 * (who gets which rule: @kgraph/policy).
 *
 * - minutesPublished: the meeting's minutes are published (monitors read them).
 * - ownBody, ownFacility, ownedByDhs: no meeting is one body's, facility's or DHS's own; those
 *   callers read (or write) action items only, never the meetings themselves.
 */
export const minutesPublished: RuleSql = (m) => `${m}.minutes_published_at IS NOT NULL`;

export const MeetingRecords = defineRecordKind({
  name: "TaskForceMeeting",
  table: "oversight.task_force_meeting",
  scopes: [SCOPES.OVERSIGHT_READ, SCOPES.OVERSIGHT_WRITE],
  columns: { minutes_published_at: "timestamptz" },
  rules: {
    minutesPublished,
    ownBody: false,
    ownFacility: false,
    ownedByDhs: false,
    // Impact assessments only: no meeting or task force is published or put to consultation.
    published: false,
    openForConsultation: false,
  },
});
