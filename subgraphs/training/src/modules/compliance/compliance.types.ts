import { RequiresScopes } from "@kgraph/platform";
import { SCOPES } from "@kgraph/policy";
import { Field, ObjectType } from "type-graphql";
import { Course } from "../course/course.entity";

@ObjectType({ description: "Whether an official holds a valid certificate for every course their job role requires." })
export class OfficialCompliance {
  @Field({ description: "True when no required course is missing (also when the job role requires none)." })
  @RequiresScopes(SCOPES.TRAINING_RECORDS_READ)
  compliant: boolean;

  @Field(() => [Course], { description: "The courses the official's job role requires, by code." })
  @RequiresScopes(SCOPES.TRAINING_RECORDS_READ)
  required: Course[];

  @Field(() => [Course], { description: "Required courses without a valid certificate (never passed, or expired)." })
  @RequiresScopes(SCOPES.TRAINING_RECORDS_READ)
  missing: Course[];

  @Field(() => [Course], { description: "Required courses whose certificate is valid but expires within 90 days." })
  @RequiresScopes(SCOPES.TRAINING_RECORDS_READ)
  expiringWithin90Days: Course[];
}
