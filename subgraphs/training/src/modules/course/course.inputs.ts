import { ArrayMaxSize, IsInt, IsOptional, Length, Matches, Max, Min } from "class-validator";
import { Field, ID, InputType, Int } from "type-graphql";

const CODE = /^[A-Z][A-Z0-9]*(-[A-Z0-9]+)*$/;
const CODE_MESSAGE = "must be 2 to 32 capital letters, digits and single hyphens, starting with a letter, e.g. HRD-101";

@InputType({ description: "A course to add to the catalogue." })
export class CreateCourseInput {
  @Field({ description: "Short unique code: capital letters, digits and hyphens, e.g. HRD-101." })
  @Length(2, 32, { message: CODE_MESSAGE })
  @Matches(CODE, { message: CODE_MESSAGE })
  code: string;

  @Field({ description: "Title of the course." })
  @Length(3, 300, { message: "must be 3 to 300 characters" })
  title: string;

  @Field(() => String, { nullable: true, description: "What the course covers and who it is for." })
  @IsOptional()
  @Length(1, 5000, { message: "must be at most 5000 characters" })
  description?: string | null;

  @Field(() => [String], { defaultValue: [], description: "Topics the course covers." })
  @ArrayMaxSize(20, { message: "must list at most 20 topics" })
  @Length(1, 100, { each: true, message: "must each be 1 to 100 characters" })
  topics: string[];

  @Field(() => Int, { description: "How many months a certificate from this course stays valid (1 to 120)." })
  @IsInt({ message: "must be a whole number of months" })
  @Min(1, { message: "must be between 1 and 120 months" })
  @Max(120, { message: "must be between 1 and 120 months" })
  validityMonths: number;
}

@InputType({ description: "Changes to a course; fields left out stay as they are." })
export class UpdateCourseInput {
  @Field(() => ID, { description: "The course to change." })
  courseId: string;

  @Field(() => String, { nullable: true, description: "New unique code." })
  @IsOptional()
  @Length(2, 32, { message: CODE_MESSAGE })
  @Matches(CODE, { message: CODE_MESSAGE })
  code?: string | null;

  @Field(() => String, { nullable: true, description: "New title." })
  @IsOptional()
  @Length(3, 300, { message: "must be 3 to 300 characters" })
  title?: string | null;

  @Field(() => String, { nullable: true, description: "New description; an empty string removes it." })
  @IsOptional()
  @Length(0, 5000, { message: "must be at most 5000 characters" })
  description?: string | null;

  @Field(() => [String], { nullable: true, description: "New list of topics (replaces the old one)." })
  @IsOptional()
  @ArrayMaxSize(20, { message: "must list at most 20 topics" })
  @Length(1, 100, { each: true, message: "must each be 1 to 100 characters" })
  topics?: string[] | null;

  @Field(() => Int, {
    nullable: true,
    description:
      "New validity in months (1 to 120). Applies to certificates issued from now on; issued ones keep their expiry.",
  })
  @IsOptional()
  @IsInt({ message: "must be a whole number of months" })
  @Min(1, { message: "must be between 1 and 120 months" })
  @Max(120, { message: "must be between 1 and 120 months" })
  validityMonths?: number | null;
}
