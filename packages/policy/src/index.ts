/**
 * THE ACCESS POLICY: which role holds which scope. This file is reviewed by the programme's
 * data-protection lead; every protected field in every subgraph names one of these scopes
 * (through `@RequiresScopes` in @kgraph/platform) and the gateway and the subgraphs both read
 * this mapping. `docs/access-matrix.md` is generated from it and from the composed schema.
 * Source: ../shared/DESIGN.md §3, "Scopes per role".
 */

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

export const SCOPES = {
  /** Case number, status, dates, nationality, age band, vulnerability codes, subjectRef, transfer. */
  CASE_READ: "case:read",
  /** Names, date of birth, sex, languages, identity documents. */
  PERSON_READ: "person:read",
  /** Identity document numbers (facility staff read identity without them). */
  PERSON_DOCUMENTS_READ: "person:documents:read",
  /** Vulnerability detail, screening claim and outcome, medical. */
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
  /** Who complained. */
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
} as const;
export type Scope = (typeof SCOPES)[keyof typeof SCOPES];

const S = SCOPES;

/**
 * Role → scopes. A `*` in DESIGN's table (a record rule) is not a scope: the scope is granted
 * here and the subgraph narrows the records in SQL (see RECORD_RULES).
 */
export const ROLE_SCOPES: Readonly<Record<Role, readonly Scope[]>> = {
  mia_officer: [
    S.CASE_READ,
    S.PERSON_READ,
    S.PERSON_DOCUMENTS_READ,
    S.CASE_SENSITIVE_READ,
    S.CASE_WRITE,
    S.TRANSFER_WRITE,
    S.COUNSEL_WRITE,
    S.PLACEMENT_READ,
    S.PLACEMENT_WRITE,
    S.FACILITY_WRITE,
    S.MONITORING_READ,
    S.RECOMMENDATION_RESPOND,
    S.INCIDENT_WRITE,
    S.COMPLAINT_READ,
    S.TRAINING_READ,
    S.TRAINING_RECORDS_READ,
  ],
  dhs_liaison: [
    S.CASE_READ,
    S.PERSON_READ,
    S.PERSON_DOCUMENTS_READ,
    S.TRANSFER_WRITE,
    S.MONITORING_READ,
    S.RECOMMENDATION_RESPOND,
    S.TRAINING_READ,
  ],
  facility_staff: [
    S.CASE_READ,
    S.PERSON_READ,
    S.COUNSEL_WRITE,
    S.PLACEMENT_READ,
    S.PLACEMENT_WRITE,
    S.MONITORING_READ,
    S.RECOMMENDATION_RESPOND,
    S.INCIDENT_WRITE,
    S.TRAINING_READ,
    S.TRAINING_RECORDS_READ,
  ],
  legal_counsel: [
    S.CASE_READ,
    S.PERSON_READ,
    S.PERSON_DOCUMENTS_READ,
    S.CASE_SENSITIVE_READ,
    S.CASE_PRIVILEGED,
    S.COUNSEL_WRITE,
    S.PLACEMENT_READ,
    S.MONITORING_READ,
    S.COMPLAINT_READ,
    S.TRAINING_READ,
  ],
  monitor: [S.CASE_READ, S.MONITORING_READ, S.MONITORING_WRITE, S.COMPLAINT_READ, S.TRAINING_READ],
  ombudsperson: [
    S.CASE_READ,
    S.PERSON_READ,
    S.PERSON_DOCUMENTS_READ,
    S.CASE_SENSITIVE_READ,
    S.PLACEMENT_READ,
    S.MONITORING_READ,
    S.MONITORING_WRITE,
    S.INCIDENT_WRITE,
    S.COMPLAINT_READ,
    S.COMPLAINT_IDENTITY_READ,
    S.COMPLAINT_HANDLE,
    S.TRAINING_READ,
    S.TRAINING_RECORDS_READ,
    S.AUDIT_READ,
  ],
  auditor: [S.CASE_READ, S.PLACEMENT_READ, S.MONITORING_READ, S.TRAINING_READ, S.TRAINING_RECORDS_READ, S.AUDIT_READ],
  training_admin: [S.MONITORING_READ, S.TRAINING_READ, S.TRAINING_RECORDS_READ, S.TRAINING_WRITE],
};

/**
 * Record rules: where a role holds a scope only for some records. `scopes` are the scopes the
 * rule narrows; each is applied in SQL by the subgraph that owns the records, in lists, lookups
 * and entity references alike.
 */
export const RECORD_RULES: Readonly<Partial<Record<Role, { rule: string; scopes: readonly Scope[] }>>> = {
  legal_counsel: {
    rule: "only cases where they are the current counsel of record (LegalRepresentation.counselId = sub), and those cases' placements and complaints; privileged notes they wrote",
    scopes: [
      S.CASE_READ,
      S.PERSON_READ,
      S.PERSON_DOCUMENTS_READ,
      S.CASE_SENSITIVE_READ,
      S.CASE_PRIVILEGED,
      S.COUNSEL_WRITE,
      S.PLACEMENT_READ,
      S.COMPLAINT_READ,
    ],
  },
  facility_staff: {
    rule: "only people currently or formerly placed in their facility (facility_id), and only their facility's placements, incidents, recommendations and staff training records; identity without document numbers",
    scopes: [
      S.CASE_READ,
      S.PERSON_READ,
      S.COUNSEL_WRITE,
      S.PLACEMENT_READ,
      S.PLACEMENT_WRITE,
      S.RECOMMENDATION_RESPOND,
      S.INCIDENT_WRITE,
      S.TRAINING_RECORDS_READ,
    ],
  },
  dhs_liaison: {
    rule: "identity only until the handover of that case, afterwards status and outcome only; responds only to recommendations addressed to DHS",
    scopes: [S.PERSON_READ, S.PERSON_DOCUMENTS_READ, S.RECOMMENDATION_RESPOND],
  },
  monitor: {
    rule: "writes monitoring records only for their own body (org_id); reads complaints they filed or that concern facilities their body visits",
    scopes: [S.MONITORING_WRITE, S.COMPLAINT_READ],
  },
  mia_officer: {
    rule: "reads complaints referred to the Ministry (escalated to MIA)",
    scopes: [S.COMPLAINT_READ],
  },
};

/** Whether a role's hold on a scope is narrowed by a record rule. */
export function isNarrowed(role: Role, scope: Scope): boolean {
  return RECORD_RULES[role]?.scopes.includes(scope) ?? false;
}

/**
 * Reading a field protected by one of these scopes leaves an event in the audit trail: who,
 * when, which operation, which records, which fields (DESIGN §3, "Audit trail").
 */
export const AUDITED_READ_SCOPES: readonly Scope[] = [
  S.PERSON_READ,
  S.PERSON_DOCUMENTS_READ,
  S.CASE_SENSITIVE_READ,
  S.CASE_PRIVILEGED,
  S.COMPLAINT_IDENTITY_READ,
];

/**
 * An official reads their own training record whatever their role: a token that names the
 * caller's official record (`official_id`) adds training:records:read, narrowed in SQL to that
 * one official.
 */
export const OWN_RECORD_SCOPES: readonly Scope[] = [S.TRAINING_RECORDS_READ];

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}

/** Every scope the roles hold (unknown roles grant nothing). */
export function scopesOf(roles: readonly string[]): Scope[] {
  const scopes = new Set<Scope>();
  for (const role of roles) if (isRole(role)) for (const scope of ROLE_SCOPES[role]) scopes.add(scope);
  return [...scopes].sort();
}

/** Roles holding a scope, for the generated access matrix. */
export function rolesWith(scope: Scope): Role[] {
  return ROLES.filter((role) => ROLE_SCOPES[role].includes(scope));
}

/** Scopes for a verified token's claims: its roles' scopes, plus own-record scopes. */
export function scopesForClaims(claims: { roles?: unknown; official_id?: unknown }): Scope[] {
  const roles = Array.isArray(claims.roles) ? claims.roles.filter((r): r is string => typeof r === "string") : [];
  const scopes = new Set(scopesOf(roles));
  if (typeof claims.official_id === "string" && claims.official_id) for (const s of OWN_RECORD_SCOPES) scopes.add(s);
  return [...scopes].sort();
}
