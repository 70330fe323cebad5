import type { Viewer } from "@kgraph/platform";
import { SCOPES } from "@kgraph/policy";
import { MIA_AUTHORITY } from "../../authorities";
import { NO_RECORDS, type SqlCondition, anyOf, rolesHolding, uuidClaim } from "../../record-rules";
import { CASES_COUNSEL_CLIENT_VIEW, COMPLAINT_ESCALATION_TABLE, VISIT_TABLE } from "../../tables";
import { ComplaintStatus } from "./complaint-enums";

/**
 * How long the complaints mechanism has to decide a complaint, counted from its receipt. A
 * policy choice of the programme (30 days), not a constant of nature: change it here, and only
 * here; complaints already filed keep the due date they were given.
 */
export const COMPLAINT_RESPONSE_DAYS = 30;
const DAY_MS = 86_400_000;

export function complaintDueAt(receivedAt: Date): Date {
  return new Date(receivedAt.getTime() + COMPLAINT_RESPONSE_DAYS * DAY_MS);
}

/** The complaint state machine: from each status, the statuses a complaint may move to next. */
export const NEXT_COMPLAINT_STATUSES: Readonly<Record<ComplaintStatus, readonly ComplaintStatus[]>> = {
  [ComplaintStatus.RECEIVED]: [ComplaintStatus.UNDER_REVIEW],
  [ComplaintStatus.UNDER_REVIEW]: [ComplaintStatus.ESCALATED, ComplaintStatus.DECIDED],
  // A complaint may be escalated again, to a further authority, before it is decided.
  [ComplaintStatus.ESCALATED]: [ComplaintStatus.ESCALATED, ComplaintStatus.DECIDED],
  [ComplaintStatus.DECIDED]: [ComplaintStatus.CLOSED],
  [ComplaintStatus.CLOSED]: [],
};

export function canMoveComplaint(from: ComplaintStatus, to: ComplaintStatus): boolean {
  return NEXT_COMPLAINT_STATUSES[from].includes(to);
}

/** Whether the complaint has a decision its holder may see. */
export function isDecided(status: ComplaintStatus): boolean {
  return status === ComplaintStatus.DECIDED || status === ComplaintStatus.CLOSED;
}

/**
 * Which complaints a viewer reads (complaint:read, narrowed per role; several roles: the union):
 * - monitor: complaints they filed (`filed_by` = their `sub`) and complaints about a facility
 *   their body (`org_id`) has visited (any visit of the body to that facility, whatever its status);
 * - legal_counsel: complaints about a case of which they are the current counsel of record
 *   (`cases.counsel_client`, published by the cases subgraph);
 * - mia_officer: complaints referred to the MIA (an escalation whose `to` names the MIA, see
 *   `authorities.ts`; escalations are free text, so the name is matched, not an enum);
 * - any other role holding complaint:read (the Ombudsperson): every complaint.
 * Without complaint:read: none.
 */
export type ComplaintReadScope =
  | { kind: "all" }
  | {
      kind: "limited";
      filedBy?: string;
      visitedByBodyId?: string;
      counselId?: string;
      referredToMia: boolean;
    }
  | { kind: "none" };

export function complaintReadScope(viewer: Viewer): ComplaintReadScope {
  const limited = { filedBy: undefined as string | undefined, visitedByBodyId: undefined as string | undefined };
  let counselId: string | undefined;
  let referredToMia = false;
  for (const role of rolesHolding(viewer, SCOPES.COMPLAINT_READ)) {
    if (role === "monitor") {
      limited.filedBy = viewer.sub || undefined;
      limited.visitedByBodyId = uuidClaim(viewer.orgId);
    } else if (role === "legal_counsel") counselId = uuidClaim(viewer.sub);
    else if (role === "mia_officer") referredToMia = true;
    else return { kind: "all" };
  }
  if (!limited.filedBy && !limited.visitedByBodyId && !counselId && !referredToMia) return { kind: "none" };
  return { kind: "limited", ...limited, counselId, referredToMia };
}

/** The read rule as SQL on the complaint table: `null` for every record. */
export function complaintReadCondition(scope: ComplaintReadScope, alias: string): SqlCondition | null {
  if (scope.kind === "all") return null;
  if (scope.kind === "none") return NO_RECORDS;
  const conditions: SqlCondition[] = [];
  if (scope.filedBy) {
    conditions.push({ sql: `${alias}.filed_by = :complaintFiledBy`, params: { complaintFiledBy: scope.filedBy } });
  }
  if (scope.visitedByBodyId) {
    conditions.push({
      sql: `EXISTS (SELECT 1 FROM ${VISIT_TABLE} cv WHERE cv.body_id = :complaintBodyId AND cv.facility_id = ${alias}.facility_id)`,
      params: { complaintBodyId: scope.visitedByBodyId },
    });
  }
  if (scope.counselId) {
    conditions.push({
      sql: `${alias}.case_id IN (SELECT cc.case_id FROM ${CASES_COUNSEL_CLIENT_VIEW} cc WHERE cc.counsel_id = :complaintCounselId)`,
      params: { complaintCounselId: scope.counselId },
    });
  }
  if (scope.referredToMia) {
    conditions.push({
      sql: `EXISTS (SELECT 1 FROM ${COMPLAINT_ESCALATION_TABLE} ce WHERE ce.complaint_id = ${alias}.id AND ce.escalated_to ~* :miaAuthority)`,
      params: { miaAuthority: MIA_AUTHORITY },
    });
  }
  return anyOf(conditions);
}
