import { type RuleSql, defineRecordKind } from "@kgraph/platform";
import { SCOPES } from "@kgraph/policy";

/**
 * RECORD RULES for impact assessments (their recommendations belong to them), in SQL (who gets
 * which rule: @kgraph/policy).
 *
 * - published: the assessment is published (everyone, the public included).
 * - openForConsultation: put to consultation or published (monitors: civil society is consulted).
 * - minutesPublished, ownBody, ownFacility, ownedByDhs: no assessment is a meeting's, a body's,
 *   a facility's or DHS's own; drafts stay with the Ombudsperson and the task force's agencies.
 */
export const published: RuleSql = (a) => `${a}.status = 'PUBLISHED'`;
export const openForConsultation: RuleSql = (a) => `${a}.status IN ('CONSULTATION', 'PUBLISHED')`;

export const AssessmentRecords = defineRecordKind({
  name: "ImpactAssessment",
  table: "oversight.impact_assessment",
  scopes: [SCOPES.OVERSIGHT_READ, SCOPES.ASSESSMENT_WRITE],
  columns: { status: "varchar" },
  rules: {
    published,
    openForConsultation,
    minutesPublished: false,
    ownBody: false,
    ownFacility: false,
    ownedByDhs: false,
  },
});
