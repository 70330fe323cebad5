import { atMost, BoundedList } from "@kgraph/platform";
import { Field, Int, ObjectType } from "type-graphql";
import { Agreement } from "../agreement/agreement.entity";
import { GRID_TTL_MS, SUPPRESSION_THRESHOLD } from "./statistics.policy";

const TTL_MINUTES = GRID_TTL_MS / 60_000;

/** Arrivals in one calendar month, against the monthly cap then in force. */
@ObjectType({ description: "Arrivals in one calendar month (UTC), against the monthly cap in force then." })
export class MonthlyArrivals {
  @Field({ description: "The month, as YYYY-MM." })
  month: string;

  @Field({
    description:
      "True when the month is over (before the current UTC month). A month not over yet has no count (arrivals null, suppressed false): a count that grows during the month would tell who arrived today.",
  })
  complete: boolean;

  @Field(() => Int, {
    nullable: true,
    description: "Arrivals that month; null when withheld (suppressed) or when the month is not over yet.",
  })
  arrivals: number | null;

  @Field({
    description: `True when the count is withheld: it is from 1 to ${SUPPRESSION_THRESHOLD - 1}, or would let one that is be worked out. The same for every caller and every range.`,
  })
  suppressed: boolean;

  @Field(() => Int, {
    nullable: true,
    description: "The monthly cap in force that month (summed over the agreements counted); null when none is set.",
  })
  monthlyCap: number | null;
}

/** Arrivals of one nationality over the whole range (deprecated breakdown). */
@ObjectType({ description: "Arrivals of one nationality over the whole range." })
export class NationalityArrivals {
  @Field({ description: "Nationality (ISO 3166-1 alpha-2)." })
  nationality: string;

  @Field(() => Int, { nullable: true, description: "Arrivals of this nationality; null when suppressed." })
  arrivals: number | null;

  @Field({ description: "True when the count is withheld because it is small (or would reveal one that is)." })
  suppressed: boolean;
}

/** One published nationality cell of a quarter. */
@ObjectType({ description: "Arrivals of one nationality in one calendar quarter: a published cell of the grid." })
export class QuarterNationalityArrivals {
  @Field({ description: "Nationality (ISO 3166-1 alpha-2)." })
  nationality: string;

  @Field(() => Int, { description: `Arrivals of this nationality in the quarter: ${SUPPRESSION_THRESHOLD} or more.` })
  arrivals: number;
}

/** The nationality breakdown of one calendar quarter. */
@ObjectType({
  description:
    "Arrivals by nationality in one calendar quarter (UTC; Q1 = January to March), counted over the whole quarter.",
})
export class QuarterlyArrivals {
  @Field({ description: "The quarter, as YYYY-Qn." })
  quarter: string;

  @Field({ description: "First month of the quarter (YYYY-MM)." })
  firstMonth: string;

  @Field({ description: "Last month of the quarter (YYYY-MM)." })
  lastMonth: string;

  @Field({
    description:
      "True when the quarter is over. A quarter not over yet has no breakdown (nationalities empty, nationalitiesWithheld false).",
  })
  complete: boolean;

  // At most 40: nationalities published in one quarter (the seed has 15 in all).
  @BoundedList(40)
  @Field(() => [QuarterNationalityArrivals], {
    description:
      "Nationalities whose count is published, largest first, then by code. A nationality with no arrivals, or whose count is withheld, is not listed: withheld nationalities are never named." +
      " " +
      atMost(40),
  })
  nationalities: QuarterNationalityArrivals[];

  @Field({
    description:
      "True when some arrivals of the quarter are under nationalities not listed because their counts are withheld. It says neither which nationalities nor how many.",
  })
  nationalitiesWithheld: boolean;
}

/** Public aggregate statistics of the programme: counts only, from the fixed grid. */
@ObjectType({
  description: `Public statistics of the programme over a range of months, read from one fixed grid of cells decided once for every caller: arrivals per calendar month and, per calendar quarter, by nationality, each for all agreements and for each agreement. Only completed months and quarters have counts. Counts from 1 to ${SUPPRESSION_THRESHOLD - 1} are withheld, and so are other cells where the grid's sums (agreements to all, nationalities to months) would let a withheld count be worked out. A range's total is only ever the sum of its published months, so subtracting a range from one that contains it, or one agreement from all, never yields a count from 1 to ${SUPPRESSION_THRESHOLD - 1} either. Figures come from a snapshot of the grid at most ${TTL_MINUTES} minutes old.`,
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

  @Field({ description: "The last complete month (YYYY-MM): later months and their quarters have no counts yet." })
  lastCompleteMonth: string;

  @Field(() => Int, {
    nullable: true,
    description:
      "Arrivals over the whole range: the sum of its months, given only when every month of the range is complete and published; null otherwise.",
  })
  totalArrivals: number | null;

  @Field({
    description:
      "True when totalArrivals is null: some month of the range is withheld or not complete yet (then the total is not published, since it would give that month away).",
  })
  totalSuppressed: boolean;

  // At most 36: MAX_MONTHS: the longest range.
  @BoundedList(36)
  @Field(() => [MonthlyArrivals], {
    description: "Arrivals per month, every month of the range in order." + " " + atMost(36),
  })
  arrivalsByMonth: MonthlyArrivals[];

  // At most 0: always empty now.
  @BoundedList(0)
  @Field(() => [NationalityArrivals], {
    description: "Formerly arrivals by nationality over the range. Always empty now." + " " + atMost(0),
    deprecationReason:
      "A breakdown over any range of months let two overlapping ranges be subtracted to reveal small counts, and named the nationalities it withheld. Always empty; use arrivalsByQuarter, the breakdown per calendar quarter.",
  })
  arrivalsByNationality: NationalityArrivals[];

  // At most 13: quarters that MAX_MONTHS (36) months can overlap.
  @BoundedList(13)
  @Field(() => [QuarterlyArrivals], {
    description:
      "Arrivals by nationality per calendar quarter, for every quarter that overlaps the range (each counted whole, also where the range covers only part of it), in order." +
      " " +
      atMost(13),
  })
  arrivalsByQuarter: QuarterlyArrivals[];
}
