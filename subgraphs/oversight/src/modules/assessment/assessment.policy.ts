import { parseQuarter, quarterOfInstant } from "@kgraph/platform";

export enum AssessmentStatus {
  DRAFT = "DRAFT",
  CONSULTATION = "CONSULTATION",
  PUBLISHED = "PUBLISHED",
}

export enum AssessmentScope {
  PROGRAMME = "PROGRAMME",
  FACILITY = "FACILITY",
  POLICY = "POLICY",
}

/** DRAFT → CONSULTATION → PUBLISHED; published is final. */
export const ASSESSMENT_TRANSITIONS: Readonly<Record<AssessmentStatus, readonly AssessmentStatus[]>> = {
  [AssessmentStatus.DRAFT]: [AssessmentStatus.CONSULTATION],
  [AssessmentStatus.CONSULTATION]: [AssessmentStatus.PUBLISHED],
  [AssessmentStatus.PUBLISHED]: [],
};

export function canMoveAssessment(from: AssessmentStatus, to: AssessmentStatus): boolean {
  return ASSESSMENT_TRANSITIONS[from].includes(to);
}

/** A published assessment is final: its text, recommendations and indicators never change. */
export function canReviseAssessment(status: AssessmentStatus): boolean {
  return status !== AssessmentStatus.PUBLISHED;
}

/** Figures exist only for a quarter that is over: an assessment of a later one cannot be published yet. */
export function isQuarterOver(quarter: string, now: Date): boolean {
  const q = parseQuarter(quarter);
  return q !== null && q < quarterOfInstant(now);
}

/**
 * The figures an assessment of this scope reports: the whole programme's (and a policy's) are
 * every figure; a facility's are the cells of that facility.
 */
export function figuresInScope<T extends { dimension: string | null }>(
  figures: readonly T[],
  scope: AssessmentScope,
  facilityId: string | null,
): T[] {
  return scope === AssessmentScope.FACILITY ? figures.filter((f) => f.dimension === facilityId) : [...figures];
}

export const ASSESSMENT_WRITE_FORBIDDEN =
  "Only the Ombudsperson drafts, consults on and publishes human rights impact assessments.";
