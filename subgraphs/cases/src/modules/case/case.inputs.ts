import { IsIn, IsOptional, Length, Matches, ValidateNested } from "class-validator";
import { Field, ID, InputType } from "type-graphql";
import { PersonInput } from "../person/person.inputs";
import { AgeBand } from "./case.entity";
import { CaseStatus } from "./case-status";

@InputType({ description: "A nomination received from the sending state." })
export class NominateCaseInput {
  @Field(() => ID, { description: "The agreement the case is nominated under." })
  agreementId: string;

  @Field({ description: "Nationality (ISO 3166-1 alpha-2)." })
  @Matches(/^[A-Z]{2}$/, { message: "must be an ISO 3166-1 alpha-2 code such as AF" })
  nationality: string;

  @Field(() => AgeBand, { description: "Age band at nomination." })
  ageBand: AgeBand;

  @Field(() => PersonInput, { description: "Who is nominated." })
  @ValidateNested()
  person: PersonInput;
}

@InputType({ description: "Move a case to another status." })
export class ChangeCaseStatusInput {
  @Field(() => ID, { description: "The case." })
  caseId: string;

  @Field(() => CaseStatus, { description: "The status to move to; must be allowed from the current one." })
  status: CaseStatus;

  @Field(() => String, { nullable: true, description: "Why (required when declining or closing)." })
  @IsOptional()
  @Length(3, 500)
  reason?: string | null;
}

@InputType({ description: "Filters for the case list; all given filters must match." })
export class CaseFilter {
  @Field(() => [CaseStatus], { nullable: true, description: "Only cases in one of these statuses." })
  @IsOptional()
  @IsIn(Object.values(CaseStatus), { each: true })
  status?: CaseStatus[] | null;

  @Field(() => String, { nullable: true, description: "Only cases of this nationality (ISO 3166-1 alpha-2)." })
  @IsOptional()
  @Matches(/^[A-Z]{2}$/, { message: "must be an ISO 3166-1 alpha-2 code such as AF" })
  nationality?: string | null;

  @Field(() => ID, { nullable: true, description: "Only cases under this agreement." })
  @IsOptional()
  agreementId?: string | null;

  @Field(() => ID, { nullable: true, description: "Only cases booked on this transfer." })
  @IsOptional()
  transferId?: string | null;
}

@InputType({ description: "Assign the case officer responsible for a case." })
export class AssignOfficerInput {
  @Field(() => ID, { description: "The case." })
  caseId: string;

  @Field(() => ID, { description: "The official (from the training subgraph's registry of officials)." })
  officialId: string;
}
