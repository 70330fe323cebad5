import { atMost, BoundedList, Classified, RequiresScopes } from "@kgraph/platform";
import { SCOPES } from "@kgraph/policy";
import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from "type-graphql";
import type { MonitoringContext } from "../../context";
import { Recommendation } from "../recommendation/recommendation.entity";
import { recommendationsOfFinding } from "../recommendation/recommendation.service";
import { MonitoringVisit } from "../visit/visit.entity";
import { visitById } from "../visit/visit.service";
import { Finding } from "./finding.entity";
import { AddFindingInput } from "./finding.inputs";
import * as findings from "./finding.service";
import { RECOMMENDATIONS_PER_FINDING } from "../recommendation/recommendation.loaders";

@Resolver(() => Finding)
export class FindingResolver {
  @Classified("monitoringReport")
  @FieldResolver(() => MonitoringVisit, { description: "The visit that made the finding." })
  async visit(@Root() root: Finding, @Ctx() ctx: MonitoringContext): Promise<MonitoringVisit> {
    // Findings are only created on existing visits, and visits are never deleted.
    return (await visitById(ctx, root.visitId)) as MonitoringVisit;
  }

  @Classified("monitoringReport")
  // At most RECOMMENDATIONS_PER_FINDING: recommendations about one finding (the seed has at most 2).
  @BoundedList(RECOMMENDATIONS_PER_FINDING)
  @FieldResolver(() => [Recommendation], {
    description: "What is recommended about it, in the order made." + " " + atMost(RECOMMENDATIONS_PER_FINDING),
  })
  recommendations(@Root() root: Finding, @Ctx() ctx: MonitoringContext): Promise<Recommendation[]> {
    return recommendationsOfFinding(ctx, root.id);
  }

  @RequiresScopes(SCOPES.MONITORING_WRITE)
  @Mutation(() => Finding, {
    description: "Record a finding on a visit IN_PROGRESS or COMPLETED (not once its report is published).",
  })
  addFinding(
    @Arg("input", () => AddFindingInput, {
      description:
        "The visit (IN_PROGRESS or COMPLETED, report not yet published), how serious the finding is, the standard it is measured against, and what was found.",
    })
    input: AddFindingInput,
    @Ctx() ctx: MonitoringContext,
  ) {
    return findings.addFinding(ctx, input);
  }
}

/** `_entities` for Finding: the same loader and rule as `Recommendation.finding`. */
export function resolveFindingReference(reference: { id: string }, ctx: MonitoringContext) {
  return findings.findingById(ctx, reference.id);
}
