import { Length, Matches } from "class-validator";
import { Field, ID, InputType } from "type-graphql";

@InputType({ description: "A recommendation following a finding." })
export class AddRecommendationInput {
  @Field(() => ID, { description: "The finding it follows; its visit must be IN_PROGRESS or COMPLETED." })
  findingId: string;

  @Field({ description: "The authority it is addressed to." })
  @Length(2, 200, { message: "must be between 2 and 200 characters" })
  @Matches(/\S/, { message: "must not be blank" })
  addressee: string;

  @Field({ description: "What is recommended." })
  @Length(10, 20000, { message: "must be between 10 and 20000 characters" })
  @Matches(/\S/, { message: "must not be blank" })
  text: string;

  @Field({ description: "When the authority is to have acted; after the visit's end (or its start while under way)." })
  dueAt: Date;
}

@InputType({ description: "The authority's response to an open recommendation." })
export class RespondToRecommendationInput {
  @Field(() => ID, { description: "The recommendation, which must be OPEN (or OVERDUE)." })
  recommendationId: string;

  @Field({ description: "True to accept the recommendation, false to reject it." })
  accepted: boolean;

  @Field({ description: "The response: what will be done, or why not. Required." })
  @Length(1, 20000, { message: "must be between 1 and 20000 characters" })
  @Matches(/\S/, { message: "must not be blank" })
  text: string;
}
