/** The roles a token may carry (its `roles` claim). A caller without a token is the public. */
export const ROLES = [
  "mia_officer",
  "dhs_liaison",
  "facility_staff",
  "legal_counsel",
  "monitor",
  "ombudsperson",
  "auditor",
  "training_admin",
] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}

/** What a scope opens. Which role holds which scope, for which records, is `access.ts`. */
export const SCOPES = {
  /** Case number, status, dates, nationality, age band, vulnerability codes, subjectRef, transfer. */
  CASE_READ: "case:read",
  /** Names, date of birth, sex, languages, handling instructions: who the person is. */
  PERSON_READ: "person:read",
  /** Identity document numbers (facility staff read identity without them). */
  PERSON_DOCUMENTS_READ: "person:documents:read",
  /** Vulnerability detail, screening claim and outcome, review decisions, free-text reasons. */
  CASE_SENSITIVE_READ: "case:sensitive:read",
  /** Privileged notes of counsel, read and write. */
  CASE_PRIVILEGED: "case:privileged",
  /** Nominate, accept, status changes, flags, screening, reviews, assign counsel or officer. */
  CASE_WRITE: "case:write",
  /** Transfers and handover. */
  TRANSFER_WRITE: "transfer:write",
  /** Counsel contact events. */
  COUNSEL_WRITE: "counsel:write",
  /** Placements, check-in and check-out. */
  PLACEMENT_READ: "placement:read",
  PLACEMENT_WRITE: "placement:write",
  /** Confirm a placement someone else planned: only a confirmed placement opens a resident's identity to staff. */
  PLACEMENT_CONFIRM: "placement:confirm",
  /** Facilities: create and change them. */
  FACILITY_WRITE: "facility:write",
  /** Visits, findings, recommendations, incidents (people as subjectRef). */
  MONITORING_READ: "monitoring:read",
  MONITORING_WRITE: "monitoring:write",
  /** The authority's response to a recommendation. */
  RECOMMENDATION_RESPOND: "recommendation:respond",
  /** Incidents: record them and move them on. */
  INCIDENT_WRITE: "incident:write",
  /** Complaints (people as subjectRef). */
  COMPLAINT_READ: "complaint:read",
  /** Who complained, and which case a complaint leads to. */
  COMPLAINT_IDENTITY_READ: "complaint:identity:read",
  /** Triage, escalation, decision. */
  COMPLAINT_HANDLE: "complaint:handle",
  /** Courses, requirements, sessions. */
  TRAINING_READ: "training:read",
  /** Attendance and certifications of officials. */
  TRAINING_RECORDS_READ: "training:records:read",
  /** Courses, sessions, attendance, certifications, officials. */
  TRAINING_WRITE: "training:write",
  /** The audit trail. */
  AUDIT_READ: "audit:read",
  /** The task force: members, mandates, meetings, agenda, decisions, action items; the obligations catalogue. */
  OVERSIGHT_READ: "oversight:read",
  /** Meetings, agenda items, decisions and action items: record them and move action items on. */
  OVERSIGHT_WRITE: "oversight:write",
  /** Every agency's overdue ledger at once: the task force's view of who owes what. */
  OVERSIGHT_LEDGER_READ: "oversight:ledger:read",
  /** Human rights impact assessments: draft them, put them to consultation, publish them (indicators frozen). */
  ASSESSMENT_WRITE: "assessment:write",
} as const;
export type Scope = (typeof SCOPES)[keyof typeof SCOPES];
