import { ArrayMaxSize, ArrayNotEmpty, ArrayUnique, IsOptional, Length, Matches, ValidateNested } from "class-validator";
import { Field, ID, InputType } from "type-graphql";
import { ReviewDecisionCode } from "./review.entity";

@InputType({ description: "One decision taken at a review." })
export class ReviewDecisionInput {
  @Field(() => ReviewDecisionCode, { description: "The kind of decision." })
  code: ReviewDecisionCode;

  @Field({ description: "The decision in words (3 to 2000 characters)." })
  @Length(3, 2000, { message: "must be 3 to 2000 characters" })
  @Matches(/\S/, { message: "must not be blank" })
  text: string;
}

@InputType({ description: "A joint case review to record, with its panel and decisions." })
export class RecordCaseReviewInput {
  @Field(() => ID, { description: "The case reviewed." })
  caseId: string;

  @Field(() => Date, { nullable: true, description: "When the review was held; now when omitted." })
  @IsOptional()
  heldAt?: Date | null;

  @Field(() => [String], { description: "Panel members (at least one; each named once)." })
  @ArrayNotEmpty({ message: "must name at least one panel member" })
  @ArrayMaxSize(30, { message: "must name at most 30 panel members" })
  @ArrayUnique({ message: "must name each panel member once" })
  @Length(2, 200, { each: true, message: "must each be 2 to 200 characters" })
  @Matches(/\S/, { each: true, message: "must not hold blank names" })
  panel: string[];

  @Field(() => [ReviewDecisionInput], { description: "The decisions taken (at least one)." })
  @ArrayNotEmpty({ message: "must hold at least one decision" })
  @ArrayMaxSize(50, { message: "must hold at most 50 decisions" })
  @ValidateNested({ each: true })
  decisions: ReviewDecisionInput[];
}
