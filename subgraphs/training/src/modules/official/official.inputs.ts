import { IsBoolean, IsIn, IsOptional, Length } from "class-validator";
import { Field, ID, InputType } from "type-graphql";
import { Agency, JobRole } from "./job-role";

@InputType({ description: "An official to add to the registry." })
export class RegisterOfficialInput {
  @Field({ description: "Given names." })
  @Length(1, 200, { message: "must be 1 to 200 characters" })
  givenNames: string;

  @Field({ description: "Family name." })
  @Length(1, 200, { message: "must be 1 to 200 characters" })
  familyName: string;

  @Field(() => Agency, { description: "The agency the official works for." })
  @IsIn(Object.values(Agency))
  agency: Agency;

  @Field(() => JobRole, { description: "What the official does; it decides which courses are mandatory for them." })
  @IsIn(Object.values(JobRole))
  jobRole: JobRole;

  @Field(() => ID, {
    nullable: true,
    description: "The facility the official works at (a facility id); omit when none.",
  })
  @IsOptional()
  facilityId?: string | null;
}

@InputType({ description: "Changes to an official; fields left out stay as they are." })
export class UpdateOfficialInput {
  @Field(() => ID, { description: "The official to change." })
  officialId: string;

  @Field(() => String, { nullable: true, description: "New given names." })
  @IsOptional()
  @Length(1, 200, { message: "must be 1 to 200 characters" })
  givenNames?: string | null;

  @Field(() => String, { nullable: true, description: "New family name." })
  @IsOptional()
  @Length(1, 200, { message: "must be 1 to 200 characters" })
  familyName?: string | null;

  @Field(() => Agency, { nullable: true, description: "New agency." })
  @IsOptional()
  @IsIn(Object.values(Agency))
  agency?: Agency | null;

  @Field(() => JobRole, { nullable: true, description: "New job role; the official's mandatory courses follow it." })
  @IsOptional()
  @IsIn(Object.values(JobRole))
  jobRole?: JobRole | null;

  @Field(() => ID, {
    nullable: true,
    description: "New facility id; null to record that the official works at no facility.",
  })
  @IsOptional()
  facilityId?: string | null;

  @Field(() => Boolean, { nullable: true, description: "Whether the official is in service; false when they leave." })
  @IsOptional()
  @IsBoolean()
  active?: boolean | null;
}

@InputType({ description: "Filters for the officials list; all given filters must match." })
export class OfficialFilter {
  @Field(() => Agency, { nullable: true, description: "Only officials of this agency." })
  @IsOptional()
  agency?: Agency | null;

  @Field(() => JobRole, { nullable: true, description: "Only officials in this job role." })
  @IsOptional()
  jobRole?: JobRole | null;

  @Field(() => ID, { nullable: true, description: "Only officials working at this facility." })
  @IsOptional()
  facilityId?: string | null;

  @Field(() => Boolean, { nullable: true, description: "Only active (true) or only inactive (false) officials." })
  @IsOptional()
  active?: boolean | null;
}
