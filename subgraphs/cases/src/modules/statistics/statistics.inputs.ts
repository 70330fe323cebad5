import { IsOptional, Matches } from "class-validator";
import { ArgsType, Field, ID } from "type-graphql";
import { EARLIEST_MONTH, MAX_MONTHS, MONTH_PATTERN } from "./statistics.policy";

@ArgsType()
export class ProgrammeStatisticsArgs {
  @Field({ description: `First month, as YYYY-MM (${EARLIEST_MONTH} or later).` })
  @Matches(MONTH_PATTERN, { message: "must be a month as YYYY-MM" })
  from: string;

  @Field({
    description: `Last month, as YYYY-MM (inclusive; the range covers at most ${MAX_MONTHS} months). Months not over yet have no counts.`,
  })
  @Matches(MONTH_PATTERN, { message: "must be a month as YYYY-MM" })
  to: string;

  @Field(() => ID, { nullable: true, description: "Count only this agreement's cases; every agreement when omitted." })
  @IsOptional()
  agreementId?: string | null;
}
