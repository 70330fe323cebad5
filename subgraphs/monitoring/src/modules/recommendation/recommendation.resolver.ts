import { Classified, RequiresScopes } from "@kgraph/platform";
import { SCOPES } from "@kgraph/policy";
import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import type { MonitoringContext } from "../../context";
import { Finding } from "../finding/finding.entity";
import { findingById } from "../finding/finding.service";
import { Recommendation, RecommendationResponse, RecommendationStatus } from "./recommendation.entity";
import { AddRecommendationInput, RespondToRecommendationInput } from "./recommendation.inputs";
import { isOverdue, visibleRecommendationStatus } from "./recommendation.policy";
import * as recommendations from "./recommendation.service";

@Resolver(() => Recommendation)
export class RecommendationResolver {
  @Query(() => Recommendation, { nullable: true, description: "One recommendation by id; null when there is none." })
  recommendation(
    @Arg("id", () => ID, { description: "The recommendation's id." }) id: string,
    @Ctx() ctx: MonitoringContext,
  ): Promise<Recommendation | null> {
    return recommendations.recommendationById(ctx, id);
  }

  @Classified("monitoringReport")
  @FieldResolver(() => RecommendationStatus, {
    description: "Where it stands; OVERDUE when still unanswered after its due date.",
  })
  status(@Root() root: Recommendation): RecommendationStatus {
    return visibleRecommendationStatus(root);
  }

  @Classified("monitoringReport")
  @FieldResolver(() => Boolean, {
    description: "True when the due date has passed and it is still unanswered or accepted but not implemented.",
  })
  overdue(@Root() root: Recommendation): boolean {
    return isOverdue(root);
  }

  @Classified("monitoringReport")
  @FieldResolver(() => RecommendationResponse, {
    nullable: true,
    description: "The authority's response; null until it responds.",
  })
  response(@Root() root: Recommendation): RecommendationResponse | null {
    return recommendations.responseOf(root);
  }

  @Classified("monitoringReport")
  @FieldResolver(() => Finding, { description: "The finding it follows." })
  async finding(@Root() root: Recommendation, @Ctx() ctx: MonitoringContext): Promise<Finding> {
    // Recommendations are only created on existing findings, and findings are never deleted.
    return (await findingById(ctx, root.findingId)) as Finding;
  }

  @RequiresScopes(SCOPES.MONITORING_WRITE)
  @Mutation(() => Recommendation, {
    description: "Recommend what an authority should do about a finding; the visit must be IN_PROGRESS or COMPLETED.",
  })
  addRecommendation(
    @Arg("input", () => AddRecommendationInput, {
      description: "The finding it follows, the authority it is addressed to, what is recommended, and by when.",
    })
    input: AddRecommendationInput,
    @Ctx() ctx: MonitoringContext,
  ) {
    return recommendations.addRecommendation(ctx, input);
  }

  @RequiresScopes(SCOPES.RECOMMENDATION_RESPOND)
  @Mutation(() => Recommendation, {
    description:
      "Record the authority's response to an OPEN (or OVERDUE) recommendation: accepted or rejected, with its text.",
  })
  respondToRecommendation(
    @Arg("input", () => RespondToRecommendationInput, {
      description: "The OPEN (or OVERDUE) recommendation, whether it is accepted, and the response text.",
    })
    input: RespondToRecommendationInput,
    @Ctx() ctx: MonitoringContext,
  ) {
    return recommendations.respondToRecommendation(ctx, input);
  }

  @RequiresScopes(SCOPES.MONITORING_WRITE)
  @Mutation(() => Recommendation, { description: "Mark an ACCEPTED recommendation implemented." })
  markRecommendationImplemented(
    @Arg("recommendationId", () => ID, { description: "The recommendation's id; it must be ACCEPTED." })
    recommendationId: string,
    @Ctx() ctx: MonitoringContext,
  ) {
    return recommendations.markRecommendationImplemented(ctx, recommendationId);
  }
}

/** `_entities` for Recommendation: the same loader and rule as `recommendation(id)`. */
export function resolveRecommendationReference(reference: { id: string }, ctx: MonitoringContext) {
  return recommendations.recommendationById(ctx, reference.id);
}
