import { type Viewer, hasScopes } from "@kgraph/platform";
import { SCOPES } from "@kgraph/policy";
import { NO_RECORDS, type SqlCondition, rolesHolding, uuidClaim } from "../../record-rules";
import { VISIT_TABLE } from "../../tables";
import { VisitStatus } from "./visit-enums";

/** The visit state machine: from each status, the statuses a visit may move to next. */
export const NEXT_VISIT_STATUSES: Readonly<Record<VisitStatus, readonly VisitStatus[]>> = {
  [VisitStatus.PLANNED]: [VisitStatus.IN_PROGRESS],
  [VisitStatus.IN_PROGRESS]: [VisitStatus.COMPLETED],
  [VisitStatus.COMPLETED]: [VisitStatus.REPORT_PUBLISHED],
  [VisitStatus.REPORT_PUBLISHED]: [],
};

export function canMoveVisit(from: VisitStatus, to: VisitStatus): boolean {
  return NEXT_VISIT_STATUSES[from].includes(to);
}

/** Findings and recommendations are recorded while the visit runs and until its report is published. */
export const RECORDING_STATUSES: readonly VisitStatus[] = [VisitStatus.IN_PROGRESS, VisitStatus.COMPLETED];

export function acceptsFindings(status: VisitStatus): boolean {
  return RECORDING_STATUSES.includes(status);
}

/**
 * The moment after which a recommendation's due date must fall: the end of the visit, or its
 * start while it is still under way.
 */
export function visitReference(visit: { startedAt: Date | null; endedAt: Date | null }): Date | null {
  return visit.endedAt ?? visit.startedAt;
}

/**
 * Who reads which visits (and so which findings and recommendations). Any role holds
 * monitoring:read and reads every visit; a caller without it (the public) reads only visits
 * whose report is published, and only their findings and recommendations.
 */
export type VisitReadScope = { kind: "all" } | { kind: "published" };

export function visitReadScope(viewer: Viewer): VisitReadScope {
  return hasScopes(viewer, [SCOPES.MONITORING_READ]) ? { kind: "all" } : { kind: "published" };
}

/**
 * The read rule as SQL on a table with a `visit_id` column (or, with `idColumn: "id"`, on the
 * visit table itself): `null` for every record.
 */
export function visitReadCondition(scope: VisitReadScope, alias: string, idColumn = "visit_id"): SqlCondition | null {
  if (scope.kind === "all") return null;
  if (idColumn === "id") return { sql: `${alias}.status = :publishedVisit`, params: PUBLISHED };
  return {
    sql: `EXISTS (SELECT 1 FROM ${VISIT_TABLE} pv WHERE pv.id = ${alias}.${idColumn} AND pv.status = :publishedVisit)`,
    params: PUBLISHED,
  };
}

const PUBLISHED = { publishedVisit: VisitStatus.REPORT_PUBLISHED };

/**
 * Who records visits, findings and recommendations, and marks recommendations implemented.
 * A monitor writes only for their own body (the token's `org_id`); any other role holding
 * monitoring:write (the Ombudsperson, the national preventive mechanism) writes for every body.
 */
export type MonitoringWriteScope = { kind: "all" } | { kind: "body"; bodyId: string } | { kind: "none" };

export function monitoringWriteScope(viewer: Viewer): MonitoringWriteScope {
  let bodyId: string | undefined;
  for (const role of rolesHolding(viewer, SCOPES.MONITORING_WRITE)) {
    if (role !== "monitor") return { kind: "all" };
    bodyId = uuidClaim(viewer.orgId);
  }
  return bodyId ? { kind: "body", bodyId } : { kind: "none" };
}

/**
 * The write rule as SQL on the visit table (`idColumn: "id"`) or on a table with a `visit_id`
 * column (a recommendation): `null` for every record.
 */
export function monitoringWriteCondition(
  scope: MonitoringWriteScope,
  alias: string,
  idColumn = "id",
): SqlCondition | null {
  if (scope.kind === "all") return null;
  if (scope.kind === "none") return NO_RECORDS;
  const params = { writerBodyId: scope.bodyId };
  if (idColumn === "id") return { sql: `${alias}.body_id = :writerBodyId`, params };
  return {
    sql: `EXISTS (SELECT 1 FROM ${VISIT_TABLE} wv WHERE wv.id = ${alias}.${idColumn} AND wv.body_id = :writerBodyId)`,
    params,
  };
}

/** Whether the scope may plan a visit for the body (a new record: the rule applies to the input). */
export function mayWriteForBody(scope: MonitoringWriteScope, bodyId: string): boolean {
  return scope.kind === "all" || (scope.kind === "body" && scope.bodyId === bodyId);
}

export const MONITORING_WRITE_FORBIDDEN =
  "Monitors record visits, findings and recommendations only for their own monitoring body (the token's org_id).";
