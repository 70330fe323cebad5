import { RequiresScopes } from "@kgraph/platform";
import { SCOPES } from "@kgraph/policy";
import { Arg, Ctx, Mutation, Resolver } from "type-graphql";
import type { OversightContext } from "../../context";
import { ReferReviewGapInput } from "./review-gap.inputs";
import * as reviewGaps from "./review-gap.service";
import { ReviewGapReferral } from "./review-gap.types";

@Resolver(() => ReviewGapReferral)
export class ReviewGapResolver {
  @Mutation(() => ReviewGapReferral, {
    description:
      "Refer a procedural gap found in a joint case review to the task force, in one step: an agenda item on the named (or next) meeting and an OPEN action item, both concerning the review.",
  })
  @RequiresScopes(SCOPES.OVERSIGHT_WRITE)
  referReviewGap(
    @Arg("input", () => ReferReviewGapInput, { description: "The review, the gap, the meeting, and who acts by when." })
    input: ReferReviewGapInput,
    @Ctx() ctx: OversightContext,
  ) {
    return reviewGaps.referReviewGap(ctx, input);
  }
}
