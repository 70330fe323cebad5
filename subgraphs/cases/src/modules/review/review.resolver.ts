import { atMost, BoundedList, Classified, RequiresScopes, servedWithRecord } from "@kgraph/platform";
import { SCOPES } from "@kgraph/policy";
import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from "type-graphql";
import type { CasesContext } from "../../context";
import { Case } from "../case/case.entity";
import { CaseReview, ReviewDecision } from "./review.entity";
import { RecordCaseReviewInput } from "./review.inputs";
import * as reviews from "./review.service";
import { REVIEWS_PER_CASE } from "./review.loaders";

@Resolver(() => CaseReview)
export class CaseReviewResolver {
  // At most 50: as many as `recordCaseReview` accepts.
  @BoundedList(50)
  @FieldResolver(() => [ReviewDecision], {
    // Nullable so a caller without case:sensitive:read loses only the decisions, not the review.
    nullable: true,
    description:
      "The decisions taken, in order (case:sensitive:read: they reveal medical and protection outcomes)." +
      " " +
      atMost(50),
  })
  @Classified("sensitive")
  decisions(@Root() review: CaseReview): ReviewDecision[] {
    return servedWithRecord(ReviewDecision, review.decisions, { caseId: review.caseId });
  }

  @FieldResolver(() => Case, { nullable: true, description: "The case reviewed." })
  @Classified("case")
  case(@Root() root: CaseReview, @Ctx() ctx: CasesContext) {
    return reviews.caseOfReview(ctx, root);
  }

  @Mutation(() => CaseReview, {
    description: "Record a joint inter-agency review of an arrived case (at least one panel member and one decision).",
  })
  @RequiresScopes(SCOPES.CASE_WRITE)
  recordCaseReview(
    @Arg("input", () => RecordCaseReviewInput, { description: "The details; see the input type." })
    input: RecordCaseReviewInput,
    @Ctx() ctx: CasesContext,
  ) {
    return reviews.recordCaseReview(ctx, input);
  }
}

@Resolver(() => Case)
export class CaseReviewsResolver {
  // At most REVIEWS_PER_CASE: joint reviews of one case (about one a month over a long stay).
  @BoundedList(REVIEWS_PER_CASE)
  @FieldResolver(() => [CaseReview], {
    description: "Joint case reviews, oldest first." + " " + atMost(REVIEWS_PER_CASE),
  })
  @Classified("case")
  reviews(@Root() root: Case, @Ctx() ctx: CasesContext) {
    return reviews.reviewsOfCase(ctx, root.id);
  }
}

/** `_entities` for CaseReview (the task force points to reviews): the review when its case is readable. */
export function resolveCaseReviewReference(reference: { id: string }, ctx: CasesContext) {
  return reviews.reviewById(ctx, reference.id);
}
