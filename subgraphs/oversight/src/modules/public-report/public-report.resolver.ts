import { BoundedList, Classified, atMost } from "@kgraph/platform";
import { Arg, Ctx, FieldResolver, Query, Resolver, Root } from "type-graphql";
import type { OversightContext } from "../../context";
import { ImpactAssessment } from "../assessment/assessment.entity";
import { PublicReport } from "./public-report.entity";
import * as reports from "./public-report.service";

@Resolver(() => PublicReport)
export class PublicReportResolver {
  @Query(() => PublicReport, {
    nullable: true,
    description: "The published public report of a quarter; null when none is published. Open to everyone.",
  })
  publicReport(
    @Arg("quarter", { description: "The quarter, as YYYY-Qn." }) quarter: string,
    @Ctx() ctx: OversightContext,
  ): Promise<PublicReport | null> {
    return reports.publicReport(ctx, quarter);
  }

  @BoundedList(reports.MAX_REPORTS)
  @Query(() => [PublicReport], {
    description: "The published public reports, latest quarter first. Open to everyone. " + atMost(reports.MAX_REPORTS),
  })
  publicReports(@Ctx() ctx: OversightContext): Promise<PublicReport[]> {
    return reports.publicReports(ctx);
  }

  @FieldResolver(() => ImpactAssessment, { description: "The programme impact assessment it publishes." })
  @Classified("public")
  assessment(@Root() root: PublicReport, @Ctx() ctx: OversightContext): Promise<ImpactAssessment> {
    return reports.assessmentOfReport(ctx, root);
  }
}
