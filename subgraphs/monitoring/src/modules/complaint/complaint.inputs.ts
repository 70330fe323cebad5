import { IsIn, IsOptional, Length, Matches } from "class-validator";
import { ClassifiedArgument } from "@kgraph/platform";
import { Field, ID, InputType } from "type-graphql";
import { ComplaintCategory, ComplaintChannel, ComplaintOutcome, ComplaintStatus } from "./complaint-enums";

@InputType({ description: "A complaint to file. Anyone may file one, without a token." })
export class FileComplaintInput {
  @Field(() => ComplaintChannel, { description: "How the complaint was received." })
  channel: ComplaintChannel;

  @Field(() => ComplaintCategory, { description: "What the complaint is about." })
  category: ComplaintCategory;

  @Field({ description: "The complaint in the complainant's words." })
  @Length(10, 20000, { message: "must be between 10 and 20000 characters" })
  @Matches(/\S/, { message: "must not be blank" })
  text: string;

  @Field({ description: "True to complain without giving an identity; then no name or contact may be given." })
  anonymous: boolean;

  @Field(() => String, { nullable: true, description: "Who complains; required unless anonymous." })
  @IsOptional()
  @Length(2, 200, { message: "must be between 2 and 200 characters" })
  complainantName?: string | null;

  @Field(() => String, {
    nullable: true,
    description: "How to reach the complainant (telephone, e-mail, address); only when not anonymous.",
  })
  @IsOptional()
  @Length(3, 200, { message: "must be between 3 and 200 characters" })
  complainantContact?: string | null;

  // Complaint.facility and Complaint.case: the audit trail names the complaint, not what it concerns.
  @ClassifiedArgument("complaint")
  @Field(() => ID, { nullable: true, description: "The facility the complaint concerns, when it concerns one." })
  @IsOptional()
  facilityId?: string | null;

  @ClassifiedArgument("complainant")
  @Field(() => ID, { nullable: true, description: "The case the complaint concerns, when it concerns one." })
  @IsOptional()
  caseId?: string | null;
}

@InputType({ description: "Take a received complaint up for review." })
export class TriageComplaintInput {
  @Field(() => ID, { description: "The complaint, which must be RECEIVED." })
  complaintId: string;

  @Field(() => ComplaintCategory, {
    nullable: true,
    description: "The corrected category, when the one given was wrong.",
  })
  @IsOptional()
  category?: ComplaintCategory | null;
}

@InputType({ description: "Refer a complaint under review to another authority." })
export class EscalateComplaintInput {
  @Field(() => ID, { description: "The complaint, which must be UNDER_REVIEW or ESCALATED." })
  complaintId: string;

  @Field({ description: "The authority it is referred to." })
  @Length(2, 200, { message: "must be between 2 and 200 characters" })
  @Matches(/\S/, { message: "must not be blank" })
  to: string;

  @Field({ description: "Why it is referred." })
  @Length(3, 5000, { message: "must be between 3 and 5000 characters" })
  @Matches(/\S/, { message: "must not be blank" })
  reason: string;
}

@InputType({ description: "Decide a complaint under review or escalated." })
export class DecideComplaintInput {
  @Field(() => ID, { description: "The complaint, which must be UNDER_REVIEW or ESCALATED." })
  complaintId: string;

  @Field(() => ComplaintOutcome, { description: "The outcome." })
  outcome: ComplaintOutcome;

  @Field({ description: "The reasons and any remedy." })
  @Length(3, 20000, { message: "must be between 3 and 20000 characters" })
  @Matches(/\S/, { message: "must not be blank" })
  text: string;
}

@InputType({ description: "Filters for the complaint list; all given filters must match." })
export class ComplaintFilter {
  @Field(() => [ComplaintStatus], { nullable: true, description: "Only complaints in one of these statuses." })
  @IsOptional()
  @IsIn(Object.values(ComplaintStatus), { each: true })
  status?: ComplaintStatus[] | null;

  @Field(() => ID, { nullable: true, description: "Only complaints about this facility." })
  @IsOptional()
  facilityId?: string | null;
}
