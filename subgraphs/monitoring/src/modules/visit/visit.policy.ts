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

export const MONITORING_WRITE_FORBIDDEN =
  "Monitors record visits, findings and recommendations only for their own monitoring body (the token's org_id).";
