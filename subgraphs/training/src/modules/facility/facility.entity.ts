import { Classified } from "@kgraph/platform";
import { Directive, Field, Float, ID, Int, ObjectType } from "type-graphql";

/**
 * A facility, owned by the facilities subgraph. This subgraph knows only its id and adds the
 * training compliance of the staff working there.
 */
@Directive('@key(fields: "id")')
@ObjectType({ description: "A reception, detention or other facility; owned by the facilities subgraph." })
export class Facility {
  @Field(() => ID, { description: "Stable identifier." })
  id: string;
}

@ObjectType({ description: "How many of a facility's active staff hold every certificate their job role requires." })
export class StaffCompliance {
  @Field(() => Int, { description: "Active officials working at the facility." })
  @Classified("trainingRecord", { ruleAppliedBy: "containerField" })
  staffCount: number;

  @Field(() => Int, {
    description: "Of those, how many hold a valid certificate for every course their job role requires.",
  })
  @Classified("trainingRecord", { ruleAppliedBy: "containerField" })
  compliantCount: number;

  @Field(() => Float, {
    nullable: true,
    description: "compliantCount / staffCount, from 0 to 1; null when the facility has no active staff.",
  })
  @Classified("trainingRecord", { ruleAppliedBy: "containerField" })
  share: number | null;
}
