import { type Role, SCOPES, type Scope } from "./roles";
import type { RuleName } from "./rules";

/**
 * A role's hold on a scope: over every record (`ALL`), or over the records of some rules. A
 * rule list is a list of alternatives, and each alternative a list of rules that must all hold:
 * `[["ownFacility", "disclosed"]]` is "own facility AND disclosed"; `[["a"], ["b"]]` is "a OR b".
 */
export const ALL = "all" as const;
export type Grant = typeof ALL | readonly (readonly RuleName[])[];

const only = (...rules: RuleName[]): Grant => [rules];
const either = (...alternatives: RuleName[][]): Grant => alternatives;

const S = SCOPES;

/**
 * THE ACCESS POLICY: for each role, every scope it holds and for which records (DESIGN §3).
 * Reviewed by the programme's data-protection lead. A scope not listed for a role is not held;
 * a role holds a scope for every record only where this table says ALL: nothing else in the
 * code decides that. Every subgraph, the gateway, the generated access matrix and the tests
 * read this table.
 */
export const ACCESS: Readonly<Record<Role, Readonly<Partial<Record<Scope, Grant>>>>> = {
  mia_officer: {
    [S.CASE_READ]: ALL,
    [S.PERSON_READ]: ALL,
    [S.PERSON_DOCUMENTS_READ]: ALL,
    [S.CASE_SENSITIVE_READ]: ALL,
    [S.CASE_WRITE]: ALL,
    [S.TRANSFER_WRITE]: ALL,
    [S.COUNSEL_WRITE]: ALL,
    [S.PLACEMENT_READ]: ALL,
    [S.PLACEMENT_WRITE]: ALL,
    [S.PLACEMENT_CONFIRM]: ALL,
    [S.FACILITY_WRITE]: ALL,
    [S.MONITORING_READ]: only("disclosed"),
    [S.RECOMMENDATION_RESPOND]: ALL,
    [S.INCIDENT_WRITE]: ALL,
    [S.COMPLAINT_READ]: only("referredToMia"),
    [S.TRAINING_READ]: ALL,
    [S.TRAINING_RECORDS_READ]: ALL,
    [S.OVERSIGHT_READ]: ALL,
    [S.OVERSIGHT_WRITE]: ALL,
    [S.OVERSIGHT_LEDGER_READ]: ALL,
  },
  dhs_liaison: {
    [S.CASE_READ]: ALL,
    // Identity only until the handover of that case; afterwards status and outcome only.
    [S.PERSON_READ]: only("beforeHandover"),
    [S.PERSON_DOCUMENTS_READ]: only("beforeHandover"),
    [S.TRANSFER_WRITE]: ALL,
    [S.MONITORING_READ]: only("disclosed"),
    [S.RECOMMENDATION_RESPOND]: only("addressedToDhs"),
    [S.TRAINING_READ]: ALL,
    [S.OVERSIGHT_READ]: ALL,
    // DHS moves on the task-force action items DHS owns, nothing else of the task force's.
    [S.OVERSIGHT_WRITE]: only("ownedByDhs"),
  },
  facility_staff: {
    [S.CASE_READ]: only("residentOfOwnFacility"),
    // Identity without document numbers.
    [S.PERSON_READ]: only("residentOfOwnFacility"),
    [S.COUNSEL_WRITE]: only("residentOfOwnFacility"),
    [S.PLACEMENT_READ]: only("ownFacility"),
    // Only at their facility, and only for people an officer already placed there: a write of
    // theirs never brings a new person into their view.
    [S.PLACEMENT_WRITE]: only("ownFacility", "residentOfOwnFacility"),
    [S.MONITORING_READ]: only("ownFacility", "disclosed"),
    [S.RECOMMENDATION_RESPOND]: only("ownFacility", "disclosed"),
    [S.INCIDENT_WRITE]: only("ownFacility", "residentOfOwnFacility"),
    [S.TRAINING_READ]: ALL,
    [S.TRAINING_RECORDS_READ]: only("ownFacility"),
    // What their facility's operator owes the task force (their own overdue view), nothing more.
    [S.OVERSIGHT_READ]: only("ownFacility"),
  },
  legal_counsel: {
    [S.CASE_READ]: only("counselOfRecord"),
    [S.PERSON_READ]: only("counselOfRecord"),
    [S.PERSON_DOCUMENTS_READ]: only("counselOfRecord"),
    [S.CASE_SENSITIVE_READ]: only("counselOfRecord"),
    [S.CASE_PRIVILEGED]: only("counselOfRecord"),
    [S.COUNSEL_WRITE]: only("counselOfRecord"),
    [S.PLACEMENT_READ]: only("counselOfRecord"),
    [S.MONITORING_READ]: only("disclosed"),
    [S.COMPLAINT_READ]: only("counselOfRecord"),
    [S.TRAINING_READ]: ALL,
  },
  monitor: {
    [S.CASE_READ]: ALL,
    [S.MONITORING_READ]: either(["disclosed"], ["ownBody"]),
    [S.MONITORING_WRITE]: only("ownBody"),
    [S.COMPLAINT_READ]: either(["filedByCaller"], ["visitedByOwnBody"]),
    [S.TRAINING_READ]: ALL,
    // Their own body's action items, and what the task force has published.
    // and impact assessments put to consultation (civil society is consulted).
    [S.OVERSIGHT_READ]: either(["minutesPublished"], ["ownBody"], ["openForConsultation"]),
    [S.OVERSIGHT_WRITE]: only("ownBody"),
  },
  ombudsperson: {
    [S.CASE_READ]: ALL,
    [S.PERSON_READ]: ALL,
    [S.PERSON_DOCUMENTS_READ]: ALL,
    [S.CASE_SENSITIVE_READ]: ALL,
    [S.PLACEMENT_READ]: ALL,
    [S.MONITORING_READ]: ALL,
    [S.MONITORING_WRITE]: ALL,
    [S.INCIDENT_WRITE]: ALL,
    [S.COMPLAINT_READ]: ALL,
    [S.COMPLAINT_IDENTITY_READ]: ALL,
    [S.COMPLAINT_HANDLE]: ALL,
    [S.TRAINING_READ]: ALL,
    [S.TRAINING_RECORDS_READ]: ALL,
    [S.AUDIT_READ]: ALL,
    [S.OVERSIGHT_READ]: ALL,
    [S.OVERSIGHT_WRITE]: ALL,
    [S.OVERSIGHT_LEDGER_READ]: ALL,
    [S.ASSESSMENT_WRITE]: ALL,
  },
  auditor: {
    [S.CASE_READ]: ALL,
    [S.PLACEMENT_READ]: ALL,
    [S.MONITORING_READ]: only("disclosed"),
    [S.TRAINING_READ]: ALL,
    [S.TRAINING_RECORDS_READ]: ALL,
    [S.AUDIT_READ]: ALL,
    [S.OVERSIGHT_READ]: ALL,
    [S.OVERSIGHT_LEDGER_READ]: ALL,
  },
  training_admin: {
    [S.MONITORING_READ]: only("disclosed"),
    [S.TRAINING_READ]: ALL,
    [S.TRAINING_RECORDS_READ]: ALL,
    [S.TRAINING_WRITE]: ALL,
  },
};

/**
 * Records everyone reads, the public included, whatever they hold: the published monitoring
 * reports, impact assessments and public reports. These add to what a role's own grant gives.
 */
export const PUBLIC_ACCESS: Readonly<Partial<Record<Scope, Grant>>> = {
  [S.MONITORING_READ]: only("published"),
  [S.OVERSIGHT_READ]: only("published"),
};

/**
 * Grants a token earns by a claim rather than a role: an official reads their own training
 * record (`official_id`), whatever their role.
 */
export const CLAIM_ACCESS: Readonly<Partial<Record<"official_id", Readonly<Partial<Record<Scope, Grant>>>>>> = {
  official_id: { [S.TRAINING_RECORDS_READ]: only("ownRecord") },
};
