import { defineRecordKind } from "@kgraph/platform";
import { SCOPES } from "@kgraph/policy";

/**
 * RECORD RULES for placements, in SQL (who gets which rule: @kgraph/policy). Lists, lookups,
 * entity references, field checks and writes all go through `PlacementRecords`.
 *
 * - ownFacility: placements at the caller's facility.
 * - residentOfOwnFacility: placements of a person an MIA officer already placed at the caller's
 *   facility (this subgraph's published view `facilities.case_residence`, confirmed placements
 *   only): facility staff may place, check in and out only people they could already see.
 * - counselOfRecord: placements of counsel's clients (`cases.counsel_client`, published by the
 *   cases subgraph for record rules).
 */
export const PlacementRecords = defineRecordKind({
  name: "Placement",
  table: "facilities.placement",
  scopes: [SCOPES.PLACEMENT_READ, SCOPES.PLACEMENT_WRITE, SCOPES.PLACEMENT_CONFIRM, SCOPES.CASE_SENSITIVE_READ],
  columns: { id: "uuid", case_id: "uuid", facility_id: "uuid" },
  rules: {
    ownFacility: (p, facilityId, param) => `${p}.facility_id = ${param(facilityId)}`,
    residentOfOwnFacility: (p, facilityId, param) =>
      `EXISTS (SELECT 1 FROM facilities.case_residence cr WHERE cr.case_id = ${p}.case_id AND cr.facility_id = ${param(facilityId)})`,
    counselOfRecord: (p, counselId, param) =>
      `EXISTS (SELECT 1 FROM cases.counsel_client cc WHERE cc.case_id = ${p}.case_id AND cc.counsel_id = ${param(counselId)})`,
  },
});
