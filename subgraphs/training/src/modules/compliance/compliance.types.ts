import { atMost, BoundedList, Classified } from "@kgraph/platform";
import { Field, ObjectType } from "type-graphql";
import { Course } from "../course/course.entity";

@ObjectType({ description: "Whether an official holds a valid certificate for every course their job role requires." })
export class OfficialCompliance {
  @Field({ description: "True when no required course is missing (also when the job role requires none)." })
  @Classified("trainingRecord", { ruleAppliedBy: "containerField" })
  compliant: boolean;

  // At most 25: the courses one job role requires (the seed has at most 5).
  @BoundedList(25)
  @Field(() => [Course], { description: "The courses the official's job role requires, by code." + " " + atMost(25) })
  @Classified("trainingRecord", { ruleAppliedBy: "containerField" })
  required: Course[];

  // At most 25: the courses one job role requires (the seed has at most 5).
  @BoundedList(25)
  @Field(() => [Course], {
    description: "Required courses without a valid certificate (never passed, or expired)." + " " + atMost(25),
  })
  @Classified("trainingRecord", { ruleAppliedBy: "containerField" })
  missing: Course[];

  // At most 25: the courses one job role requires (the seed has at most 5).
  @BoundedList(25)
  @Field(() => [Course], {
    description: "Required courses whose certificate is valid but expires within 90 days." + " " + atMost(25),
  })
  @Classified("trainingRecord", { ruleAppliedBy: "containerField" })
  expiringWithin90Days: Course[];
}
