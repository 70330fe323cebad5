import { IsOptional, IsUUID, Matches } from "class-validator";
import { ArgsType, Field, ID } from "type-graphql";

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

@ArgsType()
export class ProgrammeStatisticsArgs {
  @Field({ description: "First month, as YYYY-MM." })
  @Matches(MONTH, { message: "must be a month as YYYY-MM" })
  from: string;

  @Field({ description: "Last month, as YYYY-MM (inclusive; at most 36 months after `from`)." })
  @Matches(MONTH, { message: "must be a month as YYYY-MM" })
  to: string;

  @Field(() => ID, { nullable: true, description: "Count only this agreement's cases; every agreement when omitted." })
  @IsOptional()
  @IsUUID("all", { message: "must be an agreement id" })
  agreementId?: string | null;
}
