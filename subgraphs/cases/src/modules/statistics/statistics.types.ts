import { Field, Int, ObjectType } from "type-graphql";
import { Agreement } from "../agreement/agreement.entity";

/** Arrivals in one calendar month, against the monthly cap then in force. */
@ObjectType({ description: "Arrivals in one calendar month (UTC), against the monthly cap in force then." })
export class MonthlyArrivals {
  @Field({ description: "The month, as YYYY-MM." })
  month: string;

  @Field(() => Int, { nullable: true, description: "Arrivals that month; null when suppressed." })
  arrivals: number | null;

  @Field({ description: "True when the count is withheld because it is small (or would reveal one that is)." })
  suppressed: boolean;

  @Field(() => Int, {
    nullable: true,
    description: "The monthly cap in force that month (summed over the agreements counted); null when none is set.",
  })
  monthlyCap: number | null;
}

/** Arrivals of one nationality over the whole range. */
@ObjectType({ description: "Arrivals of one nationality over the whole range." })
export class NationalityArrivals {
  @Field({ description: "Nationality (ISO 3166-1 alpha-2)." })
  nationality: string;

  @Field(() => Int, { nullable: true, description: "Arrivals of this nationality; null when suppressed." })
  arrivals: number | null;

  @Field({ description: "True when the count is withheld because it is small (or would reveal one that is)." })
  suppressed: boolean;
}

/** Public aggregate statistics of the programme: counts only, small cells suppressed. */
@ObjectType({
  description:
    "Public statistics of the programme over a range of months. Counts from 1 to 4 are withheld (null, suppressed: true), and so is the next smallest count where it would let a withheld one be worked out from the total.",
})
export class ProgrammeStatistics {
  @Field({ description: "First month of the range (YYYY-MM)." })
  from: string;

  @Field({ description: "Last month of the range (YYYY-MM), inclusive." })
  to: string;

  @Field(() => Agreement, { nullable: true, description: "The agreement counted; null when every agreement is." })
  agreement: Agreement | null;

  @Field(() => Int, { description: "Smallest count published: any count from 1 to this minus 1 is suppressed." })
  suppressionThreshold: number;

  @Field(() => Int, { nullable: true, description: "Arrivals over the whole range; null when suppressed." })
  totalArrivals: number | null;

  @Field({ description: "True when the total is withheld because it is small." })
  totalSuppressed: boolean;

  @Field(() => [MonthlyArrivals], { description: "Arrivals per month, every month of the range in order." })
  arrivalsByMonth: MonthlyArrivals[];

  @Field(() => [NationalityArrivals], {
    description:
      "Arrivals by nationality (those with any): published counts largest first, then withheld ones by code.",
  })
  arrivalsByNationality: NationalityArrivals[];
}
