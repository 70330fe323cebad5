import { defineRecordKind } from "@kgraph/platform";
import { SCOPES } from "@kgraph/policy";
import { MIA_AUTHORITY } from "../../authorities";

/**
 * RECORD RULES for complaints, in SQL (who gets which rule: @kgraph/policy).
 *
 * - filedByCaller: complaints the caller filed under their own name (`filed_by` = `sub`).
 * - visitedByOwnBody: complaints about a facility the caller's body has actually visited — a
 *   visit that has started (planning one opens nothing).
 * - counselOfRecord: complaints about a case of which the caller is the current counsel of record
 *   (`cases.counsel_client`, published by the cases subgraph).
 * - referredToMia: complaints escalated to the Ministry of Internal Affairs (free text, matched as
 *   a whole word or phrase: authorities.ts).
 */
export const ComplaintRecords = defineRecordKind({
  name: "Complaint",
  table: "monitoring.complaint",
  scopes: [SCOPES.COMPLAINT_READ, SCOPES.COMPLAINT_IDENTITY_READ, SCOPES.COMPLAINT_HANDLE],
  rules: {
    filedByCaller: (c, sub, param) => `${c}.filed_by = ${param(sub)}`,
    visitedByOwnBody: (c, bodyId, param) =>
      `EXISTS (SELECT 1 FROM monitoring.visit cv WHERE cv.body_id = ${param(bodyId)} AND cv.facility_id = ${c}.facility_id AND cv.started_at IS NOT NULL)`,
    counselOfRecord: (c, counselId, param) =>
      `EXISTS (SELECT 1 FROM cases.counsel_client cc WHERE cc.case_id = ${c}.case_id AND cc.counsel_id = ${param(counselId)})`,
    referredToMia: (c, _value, param) =>
      `EXISTS (SELECT 1 FROM monitoring.complaint_escalation ce WHERE ce.complaint_id = ${c}.id AND ce.escalated_to ~* ${param(MIA_AUTHORITY)})`,
  },
});
