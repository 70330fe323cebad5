import { isUuid } from "@kgraph/platform";
import { type Role, SCOPES } from "@kgraph/policy";

/**
 * Whose training records (attendances, certificates, compliance) a caller may read: the record
 * rule behind `training:records:read` (DESIGN §3). Computed once per request from the verified
 * token and applied in the SQL of every list, lookup and loader that returns records.
 *
 * - `all`: every official's records.
 * - `restricted`: the records of officials working at `facilityId` (facility staff, their own
 *   facility), and/or of the official `officialId` (the caller's own record); both when the
 *   caller has both grounds (the union).
 * - `none`: no records at all.
 */
export type TrainingRecordScope =
  { kind: "all" } | { kind: "restricted"; facilityId: string | null; officialId: string | null } | { kind: "none" };

/** Roles that read every official's training records. */
export const ALL_RECORDS_ROLES: readonly Role[] = ["training_admin", "mia_officer", "ombudsperson", "auditor"];

/** Facility staff read the records of the officials working at their own facility. */
export const FACILITY_RECORDS_ROLE: Role = "facility_staff";

export interface RecordViewer {
  roles: readonly string[];
  scopes: readonly string[];
  facilityId?: string;
  officialId?: string;
}

export function trainingRecordScope(viewer: RecordViewer): TrainingRecordScope {
  if (!viewer.scopes.includes(SCOPES.TRAINING_RECORDS_READ)) return { kind: "none" };
  if (viewer.roles.some((role) => (ALL_RECORDS_ROLES as readonly string[]).includes(role))) return { kind: "all" };
  // Ids that are not uuids can name no record (and never reach SQL).
  const facilityId =
    viewer.roles.includes(FACILITY_RECORDS_ROLE) && isUuid(viewer.facilityId) ? viewer.facilityId : null;
  // The official themself: a token naming their own official record, whatever the role.
  const officialId = isUuid(viewer.officialId) ? viewer.officialId : null;
  if (!facilityId && !officialId) return { kind: "none" };
  return { kind: "restricted", facilityId, officialId };
}

/** Whether the caller may read (and so write) the training records of this official. */
export function canReadRecordsOf(
  scope: TrainingRecordScope,
  official: { id: string; facilityId: string | null },
): boolean {
  if (scope.kind === "all") return true;
  if (scope.kind === "none") return false;
  return (
    (scope.officialId !== null && official.id === scope.officialId) ||
    (scope.facilityId !== null && official.facilityId === scope.facilityId)
  );
}

/**
 * Whether the caller may read a facility's staff compliance (an aggregate of its staff's
 * records): everyone with all records, and facility staff for their own facility only. The
 * official themself reads their own record, not their colleagues' aggregate.
 */
export function canReadStaffComplianceOf(scope: TrainingRecordScope, facilityId: string): boolean {
  if (scope.kind === "all") return true;
  return scope.kind === "restricted" && scope.facilityId !== null && scope.facilityId === facilityId;
}

/**
 * The record rule as a SQL condition on a column holding an official id, with its named
 * parameters (TypeORM query builder syntax). Lists, lookups and loaders all add it to their one
 * statement, so a record outside the rule is never read.
 */
export function recordRuleCondition(
  scope: TrainingRecordScope,
  officialIdColumn: string,
): { sql: string; params: Record<string, string> } {
  if (scope.kind === "all") return { sql: "TRUE", params: {} };
  if (scope.kind === "none") return { sql: "FALSE", params: {} };
  const parts: string[] = [];
  const params: Record<string, string> = {};
  if (scope.officialId !== null) {
    parts.push(`${officialIdColumn} = :ruleOfficialId`);
    params.ruleOfficialId = scope.officialId;
  }
  if (scope.facilityId !== null) {
    parts.push(`${officialIdColumn} IN (SELECT o.id FROM official o WHERE o.facility_id = :ruleFacilityId)`);
    params.ruleFacilityId = scope.facilityId;
  }
  return { sql: `(${parts.join(" OR ")})`, params };
}
