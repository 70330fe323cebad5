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

export const INCIDENT_WRITE_FORBIDDEN =
  "Facility staff record and follow up incidents only at their own facility, about people an MIA officer placed there.";
