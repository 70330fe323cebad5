import { ArrayMaxSize, IsIn, IsISO8601, IsOptional, Length, Matches, ValidateNested } from "class-validator";
import { Field, InputType } from "type-graphql";

@InputType({ description: "An identity document to record." })
export class IdentityDocumentInput {
  @Field({ description: "Kind of document, e.g. PASSPORT." })
  @Length(2, 40)
  type: string;

  @Field({ description: "The document number." })
  @Length(1, 60)
  number: string;

  @Field({ description: "Issuing country (ISO 3166-1 alpha-2)." })
  @Matches(/^[A-Z]{2}$/, { message: "must be an ISO 3166-1 alpha-2 code such as AF" })
  issuingCountry: string;

  @Field(() => String, { nullable: true, description: "Expiry date (YYYY-MM-DD)." })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: "must be a date as YYYY-MM-DD" })
  expiresOn?: string | null;
}

@InputType({ description: "Identity of the person nominated." })
export class PersonInput {
  @Field({ description: "Given names." })
  @Length(1, 200)
  givenNames: string;

  @Field({ description: "Family name." })
  @Length(1, 200)
  familyName: string;

  @Field(() => String, { nullable: true, description: "Date of birth (YYYY-MM-DD)." })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: "must be a date as YYYY-MM-DD" })
  dateOfBirth?: string | null;

  @Field({ description: "Sex: F, M or X." })
  @IsIn(["F", "M", "X"], { message: "must be F, M or X" })
  sex: string;

  @Field(() => [String], { defaultValue: [], description: "Languages spoken (ISO 639-1)." })
  @ArrayMaxSize(20)
  @Matches(/^[a-z]{2}$/, { each: true, message: "must be ISO 639-1 codes such as ps" })
  languages: string[];

  @Field(() => [IdentityDocumentInput], { defaultValue: [], description: "Identity documents." })
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  identityDocuments: IdentityDocumentInput[];
}
