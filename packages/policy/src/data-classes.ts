import { SCOPES, type Scope } from "./roles";
import type { RuleName } from "./rules";

/**
 * DATA CLASSES. Every field a subgraph serves is declared with its data class, once, where the
 * field is defined (`@Classified(DATA.identity)` in code). The class decides:
 * - `scopes`: what the caller must hold (the gateway removes the field otherwise; the subgraph
 *   refuses it too);
 * - the record rule: the caller's grant for those scopes (`access.ts`), applied to the record
 *   the field belongs to — wherever the field sits, so a `person:read` field on a vulnerability
 *   flag follows the DHS handover rule exactly like `Person` does; `alsoRequires` adds a rule
 *   every caller must meet;
 * - `audited`: whether reading it leaves an audit event;
 * - `unlinkable`: a pseudonym that is withheld from callers who could turn it into a name (they
 *   hold `holding` without `unless`).
 */
export interface DataClass {
  description: string;
  scopes: readonly Scope[];
  /** Whose grants decide which records (default: `scopes`); for fields everyone may ask for. */
  recordsOf?: readonly Scope[];
  audited: boolean;
  alsoRequires?: RuleName;
  unlinkable?: { holding: Scope; unless: Scope };
}

const S = SCOPES;

export const DATA = {
  public: {
    description: "Public: agreements, facility names and capacity, published reports, statistics.",
    scopes: [],
    audited: false,
  },
  case: {
    description: "Case data: number, status, dates, nationality, age band, vulnerability codes, pseudonym, transfer.",
    scopes: [S.CASE_READ],
    audited: false,
  },
  identity: {
    description: "Who a person is: names, date of birth, sex, languages, handling instructions.",
    scopes: [S.PERSON_READ],
    audited: true,
  },
  identityDocument: {
    description: "Identity documents and their numbers.",
    scopes: [S.PERSON_READ, S.PERSON_DOCUMENTS_READ],
    audited: true,
  },
  sensitive: {
    description:
      "Facts about a person's health, protection and treatment: vulnerability detail, screening claim and outcome, review decisions, free-text reasons.",
    scopes: [S.CASE_SENSITIVE_READ],
    audited: true,
  },
  privileged: {
    description: "Privileged communication of counsel: only the counsel who wrote it reads it.",
    scopes: [S.CASE_PRIVILEGED],
    audited: true,
    alsoRequires: "author",
  },
  placement: {
    description: "Placements: who is expected, resident or was resident where, and when.",
    scopes: [S.PLACEMENT_READ],
    audited: false,
  },
  monitoringReport: {
    description:
      "Monitoring visits, findings and recommendations: anyone reads them once the report is published, and before that whoever monitoring:read's rules allow.",
    scopes: [],
    recordsOf: [S.MONITORING_READ],
    audited: false,
  },
  monitoring: {
    description: "Incidents and unpublished monitoring records (people only as pseudonyms).",
    scopes: [S.MONITORING_READ],
    audited: false,
  },
  complaint: {
    description: "Complaints and their handling (people only as pseudonyms).",
    scopes: [S.COMPLAINT_READ],
    audited: false,
  },
  complaintSubject: {
    description:
      "The pseudonym of the person a complaint concerns: withheld from callers who can put a name to pseudonyms, unless they may know who complained.",
    scopes: [S.COMPLAINT_READ],
    audited: false,
    unlinkable: { holding: S.PERSON_READ, unless: S.COMPLAINT_IDENTITY_READ },
  },
  complainant: {
    description: "Who complained, and the case a complaint leads to.",
    scopes: [S.COMPLAINT_IDENTITY_READ],
    audited: true,
  },
  training: {
    description: "Courses, requirements and sessions.",
    scopes: [S.TRAINING_READ],
    audited: false,
  },
  trainingRecord: {
    description: "An official's attendance, certificates and compliance.",
    scopes: [S.TRAINING_RECORDS_READ],
    audited: false,
  },
  oversight: {
    description:
      "The task force's records: members, mandates, meetings, agenda items, decisions, action items and their history, the obligations catalogue, overdue ledgers.",
    scopes: [S.OVERSIGHT_READ],
    audited: false,
  },
  assessment: {
    description:
      "Human rights impact assessments: anyone reads one once it is published (its indicators frozen), and before that whoever oversight:read's rules allow.",
    scopes: [],
    recordsOf: [S.OVERSIGHT_READ],
    audited: false,
  },
  audit: {
    description: "The audit trail.",
    scopes: [S.AUDIT_READ],
    audited: false,
  },
} as const satisfies Record<string, DataClass>;

export type DataClassName = keyof typeof DATA;
