import { defineRecordKind } from "@kgraph/platform";
import { SCOPES } from "@kgraph/policy";

/**
 * RECORD RULES for the task force itself (its members and mandates belong to it), in SQL (who
 * gets which rule: @kgraph/policy). Its composition and mandate are public record
 * (`minutesPublished` reaches every task force); nothing of it is a body's or a facility's own.
 */
export const TaskForceRecords = defineRecordKind({
  name: "TaskForce",
  table: "oversight.task_force",
  scopes: [SCOPES.OVERSIGHT_READ],
  rules: {
    minutesPublished: true,
    ownBody: false,
    ownFacility: false,
    // Impact assessments only: no meeting or task force is published or put to consultation.
    published: false,
    openForConsultation: false,
  },
});
