import { defineRecordKind } from "@kgraph/platform";
import { SCOPES } from "@kgraph/policy";
import { TaskForceAgency } from "../../agency";

/**
 * RECORD RULES for action items (their history belongs to them), in SQL (who gets which rule:
 * @kgraph/policy).
 *
 * - ownBody: owned by the caller's monitoring body (`org_id`), a civil-society owner.
 * - ownFacility: owned by the operator of the caller's facility (`facility_id`).
 * - ownedByDhs: owned by the US DHS.
 * - minutesPublished: agreed at a meeting whose minutes are published.
 */
export const ActionItemRecords = defineRecordKind({
  name: "ActionItem",
  table: "oversight.action_item",
  scopes: [SCOPES.OVERSIGHT_READ, SCOPES.OVERSIGHT_WRITE],
  columns: { owner_agency: "varchar", owner_org_id: "uuid", meeting_id: "uuid" },
  rules: {
    ownBody: (a, bodyId, param) =>
      `(${a}.owner_agency = ${param(TaskForceAgency.CIVIL_SOCIETY)} AND ${a}.owner_org_id = ${param(bodyId)})`,
    ownFacility: (a, facilityId, param) =>
      `(${a}.owner_agency = ${param(TaskForceAgency.FACILITY_OPERATOR)} AND ${a}.owner_org_id = ${param(facilityId)})`,
    ownedByDhs: (a, _value, param) => `${a}.owner_agency = ${param(TaskForceAgency.DHS)}`,
    minutesPublished: (a) =>
      `EXISTS (SELECT 1 FROM oversight.task_force_meeting pm WHERE pm.id = ${a}.meeting_id AND pm.minutes_published_at IS NOT NULL)`,
    // Impact assessments only: an item that follows up an assessment's recommendation is its owner's.
    published: false,
    openForConsultation: false,
  },
});
