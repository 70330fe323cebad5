import type { TrainingContext } from "../../context";
import { longestCertificationsOfOfficial } from "../certification/certification.service";
import type { Official } from "../official/official.entity";
import { SCOPES } from "@kgraph/policy";
import { OfficialRecords } from "../official/official.records";
import { requiredCourses } from "../requirement/requirement.service";
import { assessCompliance } from "./compliance.policy";
import type { OfficialCompliance } from "./compliance.types";

/**
 * An official's compliance from batched loaders (requirements by job role, each course's
 * longest-lasting certificate by official, courses by id): a list of any length costs the same three queries. Null when the
 * official's records are outside the caller's record rule (their certificates, read through
 * the same rule in SQL, would be missing and the judgement false).
 */
export async function complianceOf(ctx: TrainingContext, official: Official): Promise<OfficialCompliance | null> {
  if (!(await ctx.access.allows(OfficialRecords, SCOPES.TRAINING_RECORDS_READ, official.id))) return null;
  const [required, certifications] = await Promise.all([
    requiredCourses(ctx, official.jobRole),
    longestCertificationsOfOfficial(ctx, official.id),
  ]);
  return assessCompliance(required, certifications, ctx.now);
}
