import { IsOptional, Length, Matches } from "class-validator";
import { Field, ID, InputType } from "type-graphql";
import { ScreeningOutcome } from "./screening.entity";

@InputType({ description: "A protection screening to record for an arrived case." })
export class RecordScreeningInput {
  @Field(() => ID, { description: "The case." })
  caseId: string;

  @Field({ description: "The country the risk is assessed for (ISO 3166-1 alpha-2; not XK)." })
  @Matches(/^[A-Z]{2}$/, { message: "must be an ISO 3166-1 alpha-2 code such as AF" })
  destinationCountry: string;

  @Field(() => ScreeningOutcome, { description: "What the screening found." })
  outcome: ScreeningOutcome;

  @Field(() => String, {
    nullable: true,
    description: "Summary of the protection claim (required for RISK_IDENTIFIED and REFERRED_FOR_ASYLUM).",
  })
  @IsOptional()
  @Length(10, 8000, { message: "must be 10 to 8000 characters" })
  claimSummary?: string | null;

  @Field(() => Date, { nullable: true, description: "When the screening interview took place; now when omitted." })
  @IsOptional()
  screenedAt?: Date | null;

  @Field(() => ID, { description: "The official who screened (from the training subgraph's registry)." })
  screenedById: string;
}
