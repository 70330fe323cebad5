import { type Viewer, hasScopes } from "@kgraph/platform";
import { SCOPES } from "@kgraph/policy";
import { NO_RECORDS, type SqlCondition, rolesHolding, uuidClaim } from "../../record-rules";
import { IncidentStatus, IncidentType } from "./incident.entity";

/** The incident state machine: from each status, the statuses an incident may move to next. */
export const NEXT_INCIDENT_STATUSES: Readonly<Record<IncidentStatus, readonly IncidentStatus[]>> = {
  [IncidentStatus.REPORTED]: [IncidentStatus.UNDER_INVESTIGATION, IncidentStatus.CLOSED],
  [IncidentStatus.UNDER_INVESTIGATION]: [IncidentStatus.CLOSED],
  [IncidentStatus.CLOSED]: [],
};

export function canMoveIncident(from: IncidentStatus, to: IncidentStatus): boolean {
  return NEXT_INCIDENT_STATUSES[from].includes(to);
}

/** Every type but OTHER happens to someone: the record must name at least one case. */
export function requiresCases(type: IncidentType): boolean {
  return type !== IncidentType.OTHER;
}

/** Most cases one incident may name (a group incident; beyond it, split the record). */
export const MAX_INCIDENT_CASES = 50;

/**
 * Who reads incidents: every role holds monitoring:read and reads every incident (the people
 * involved appear only as pseudonyms); a caller without it (the public) reads none, so an
 * `_entities` reference answers null like a lookup by id.
 */
export type IncidentReadScope = { kind: "all" } | { kind: "none" };

export function incidentReadScope(viewer: Viewer): IncidentReadScope {
  return hasScopes(viewer, [SCOPES.MONITORING_READ]) ? { kind: "all" } : { kind: "none" };
}

export function incidentReadCondition(scope: IncidentReadScope): SqlCondition | null {
  return scope.kind === "all" ? null : NO_RECORDS;
}

/**
 * Who records incidents and moves them on: facility staff only at their own facility (the
 * token's `facility_id`); any other role holding incident:write (MIA, Ombudsperson) everywhere.
 */
export type IncidentWriteScope = { kind: "all" } | { kind: "facility"; facilityId: string } | { kind: "none" };

export function incidentWriteScope(viewer: Viewer): IncidentWriteScope {
  let facilityId: string | undefined;
  for (const role of rolesHolding(viewer, SCOPES.INCIDENT_WRITE)) {
    if (role !== "facility_staff") return { kind: "all" };
    facilityId = uuidClaim(viewer.facilityId);
  }
  return facilityId ? { kind: "facility", facilityId } : { kind: "none" };
}

/** The write rule as SQL on the incident table: `null` for every record. */
export function incidentWriteCondition(scope: IncidentWriteScope, alias: string): SqlCondition | null {
  if (scope.kind === "all") return null;
  if (scope.kind === "none") return NO_RECORDS;
  return { sql: `${alias}.facility_id = :writerFacilityId`, params: { writerFacilityId: scope.facilityId } };
}

/** Whether the scope may record an incident at the facility (a new record: the rule applies to the input). */
export function mayRecordIncidentAt(scope: IncidentWriteScope, facilityId: string): boolean {
  return scope.kind === "all" || (scope.kind === "facility" && scope.facilityId === facilityId);
}

export const INCIDENT_WRITE_FORBIDDEN = "Facility staff record and follow up incidents only at their own facility.";
