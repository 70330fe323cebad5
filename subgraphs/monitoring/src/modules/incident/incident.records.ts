import { defineRecordKind } from "@kgraph/platform";
import { SCOPES } from "@kgraph/policy";

/**
 * RECORD RULES for incidents, in SQL (who gets which rule: @kgraph/policy). Incidents are never
 * public, and never announce a visit.
 *
 * - ownFacility: incidents at the caller's facility.
 * - residentOfOwnFacility: every person the incident names is someone an MIA officer placed at the
 *   caller's facility (`facilities.case_residence`, published by the facilities subgraph): staff
 *   record incidents only about their own residents, so an incident cannot be used to learn
 *   anything about a case id picked elsewhere.
 */
export const IncidentRecords = defineRecordKind({
  name: "Incident",
  table: "monitoring.incident",
  scopes: [SCOPES.MONITORING_READ, SCOPES.INCIDENT_WRITE],
  columns: { id: "uuid", facility_id: "uuid", case_ids: "uuid[]" },
  rules: {
    disclosed: true,
    published: false,
    ownBody: false,
    ownFacility: (i, facilityId, param) => `${i}.facility_id = ${param(facilityId)}`,
    residentOfOwnFacility: (i, facilityId, param) =>
      `NOT EXISTS (SELECT 1 FROM unnest(${i}.case_ids) AS named(case_id) WHERE NOT EXISTS (
         SELECT 1 FROM facilities.case_residence cr WHERE cr.case_id = named.case_id AND cr.facility_id = ${param(facilityId)}))`,
  },
});
