import { notFound } from "@kgraph/platform";
import { type EntityManager, In } from "typeorm";
import type { OversightContext } from "../../context";
import { AssessmentRecommendation, ImpactAssessment } from "../assessment/assessment.entity";
import { AssessmentScope, AssessmentStatus } from "../assessment/assessment.policy";
import { statisticsQuarter } from "../statistics-quarter/statistics-quarter.service";
import type { QuarterFigures } from "../statistics-quarter/public-figures";
import { PublicReport } from "./public-report.entity";
import { renderPublicReport } from "./public-report.render";

/** `publicReports` lists at most this many (ten years of quarters). */
export const MAX_REPORTS = 40;

export async function publicReport(ctx: OversightContext, quarter: string): Promise<PublicReport | null> {
  statisticsQuarter(quarter);
  return ctx.db.getRepository(PublicReport).findOneBy({ quarter });
}

export function publicReports(ctx: OversightContext): Promise<PublicReport[]> {
  return ctx.db.getRepository(PublicReport).find({ order: { quarter: "DESC" }, take: MAX_REPORTS + 1 });
}

export async function assessmentOfReport(ctx: OversightContext, report: PublicReport): Promise<ImpactAssessment> {
  const assessment = await ctx.loaders.assessmentById.load(report.assessmentId);
  if (!assessment) throw notFound("ImpactAssessment", report.assessmentId);
  return assessment;
}

/**
 * On publishing the programme's assessment of a quarter: its public report, inside the
 * publishing transaction. Each quarter is drawn as it was published where it was (the period's
 * frozen indicators, and those of the earlier quarters' published programme assessments, so a
 * report never contradicts an earlier one); a quarter never published, from the figures read
 * for this publication.
 */
export async function publishReportOf(
  tx: EntityManager,
  assessment: ImpactAssessment,
  history: QuarterFigures[],
): Promise<void> {
  if (assessment.scope !== AssessmentScope.PROGRAMME) return;
  const recommendations = await tx.find(AssessmentRecommendation, {
    where: { assessmentId: assessment.id },
    order: { position: "ASC" },
  });
  const earlier = await tx.find(ImpactAssessment, {
    select: { quarter: true, frozenIndicators: true },
    where: {
      scope: AssessmentScope.PROGRAMME,
      status: AssessmentStatus.PUBLISHED,
      quarter: In(history.map((q) => q.quarter).filter((q) => q !== assessment.quarter)),
    },
  });
  const published = new Map(earlier.map((a) => [a.quarter, a.frozenIndicators]));
  published.set(assessment.quarter, assessment.frozenIndicators ?? []);
  const publishedAt = assessment.publishedAt ?? new Date();
  const html = renderPublicReport({
    period: assessment.quarter,
    quarters: history.map((q) => ({ quarter: q.quarter, figures: published.get(q.quarter) ?? q.figures })),
    assessment: {
      title: assessment.title,
      scope: assessment.scope,
      method: assessment.method,
      status: assessment.status,
      publishedAt: publishedAt.toISOString(),
      findings: assessment.findings,
      recommendations: recommendations.map(
        (r) => `${r.text} (${r.addressee}, by ${r.dueAt.toISOString().slice(0, 10)})`,
      ),
      indicators: assessment.frozenIndicators ?? [],
    },
    generatedAt: publishedAt.toISOString(),
    draft: false,
  });
  await tx.insert(PublicReport, { quarter: assessment.quarter, assessmentId: assessment.id, publishedAt, html });
}
