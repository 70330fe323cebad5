import { ArrayMaxSize, IsOptional, Length, Matches, ValidateNested } from "class-validator";
import { Field, ID, InputType } from "type-graphql";
import { TaskForceAgency } from "../../agency";
import { MAX_FINDINGS } from "./assessment.entity";
import { AssessmentScope, AssessmentStatus } from "./assessment.policy";

export { MAX_FINDINGS };
/** `ImpactAssessment.recommendations` states this maximum. */
export const MAX_RECOMMENDATIONS = 50;

@InputType({ description: "A recommendation of an impact assessment." })
export class AssessmentRecommendationInput {
  @Field({ description: "What is recommended." })
  @Length(3, 2000, { message: "must be between 3 and 2000 characters" })
  @Matches(/\S/, { message: "must not be blank" })
  text: string;

  @Field(() => TaskForceAgency, { description: "The agency it is addressed to." })
  addressee: TaskForceAgency;

  @Field(() => ID, {
    nullable: true,
    description:
      "The facility (FACILITY_OPERATOR) or the monitoring body (CIVIL_SOCIETY): required for those, refused otherwise.",
  })
  addresseeOrgId?: string | null;

  @Field({ description: "The official who answers for it (owner of the follow-up action item)." })
  @Length(2, 200, { message: "must be between 2 and 200 characters" })
  @Matches(/\S/, { message: "must not be blank" })
  addresseeOfficialName: string;

  @Field({ description: "When the addressee is to have acted on it; in the future when the assessment is published." })
  dueAt: Date;
}

@InputType({ description: "A new impact assessment (a DRAFT)." })
export class CreateImpactAssessmentInput {
  @Field(() => ID, { description: "The task force that will follow up its recommendations." })
  taskForceId: string;

  @Field({ description: "Its title." })
  @Length(3, 200, { message: "must be between 3 and 200 characters" })
  @Matches(/\S/, { message: "must not be blank" })
  title: string;

  @Field({ description: "The quarter assessed, as YYYY-Qn (for example 2026-Q3)." })
  quarter: string;

  @Field(() => AssessmentScope, { description: "What it covers." })
  scope: AssessmentScope;

  @Field(() => ID, {
    nullable: true,
    description: "The facility assessed: required for FACILITY scope, refused otherwise.",
  })
  facilityId?: string | null;

  @Field(() => String, {
    nullable: true,
    description: "The policy assessed: required for POLICY scope, refused otherwise.",
  })
  policy?: string | null;

  @Field({ description: "How it is made: sources, consultation, limits." })
  @Length(3, 20000, { message: "must be between 3 and 20000 characters" })
  @Matches(/\S/, { message: "must not be blank" })
  method: string;

  @Field(() => [String], { description: `What it found, in order. At most ${MAX_FINDINGS}.` })
  @ArrayMaxSize(MAX_FINDINGS, { message: `must have at most ${MAX_FINDINGS} findings` })
  @Length(3, 10000, { each: true, message: "each finding must be between 3 and 10000 characters" })
  findings: string[];

  @Field(() => [AssessmentRecommendationInput], {
    description: `Its recommendations, in order. At most ${MAX_RECOMMENDATIONS}.`,
  })
  @ArrayMaxSize(MAX_RECOMMENDATIONS, { message: `must have at most ${MAX_RECOMMENDATIONS} recommendations` })
  @ValidateNested({ each: true })
  recommendations: AssessmentRecommendationInput[];
}

@InputType({ description: "What to change in an assessment not yet published; what is left out stays." })
export class ReviseImpactAssessmentInput {
  @Field(() => String, { nullable: true, description: "A new title." })
  @IsOptional()
  @Length(3, 200, { message: "must be between 3 and 200 characters" })
  @Matches(/\S/, { message: "must not be blank" })
  title?: string | null;

  @Field(() => String, { nullable: true, description: "A new method." })
  @IsOptional()
  @Length(3, 20000, { message: "must be between 3 and 20000 characters" })
  @Matches(/\S/, { message: "must not be blank" })
  method?: string | null;

  @Field(() => [String], {
    nullable: true,
    description: `The findings, all of them, in order. At most ${MAX_FINDINGS}.`,
  })
  @IsOptional()
  @ArrayMaxSize(MAX_FINDINGS, { message: `must have at most ${MAX_FINDINGS} findings` })
  @Length(3, 10000, { each: true, message: "each finding must be between 3 and 10000 characters" })
  findings?: string[] | null;

  @Field(() => [AssessmentRecommendationInput], {
    nullable: true,
    description: `The recommendations, all of them, in order (they replace the earlier ones). At most ${MAX_RECOMMENDATIONS}.`,
  })
  @IsOptional()
  @ArrayMaxSize(MAX_RECOMMENDATIONS, { message: `must have at most ${MAX_RECOMMENDATIONS} recommendations` })
  @ValidateNested({ each: true })
  recommendations?: AssessmentRecommendationInput[] | null;
}

@InputType({ description: "Which assessments to list; every given condition must hold." })
export class AssessmentFilterInput {
  @Field(() => String, { nullable: true, description: "Only this quarter's (YYYY-Qn)." })
  quarter?: string | null;

  @Field(() => AssessmentStatus, { nullable: true, description: "Only assessments in this status." })
  status?: AssessmentStatus | null;
}
