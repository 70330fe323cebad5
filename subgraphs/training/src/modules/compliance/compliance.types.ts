import { Field, ObjectType } from "type-graphql";
import { Course } from "../course/course.entity";

@ObjectType({ description: "Whether an official holds a valid certificate for every course their job role requires." })
export class OfficialCompliance {
  @Field({ description: "True when no required course is missing (also when the job role requires none)." })
  compliant: boolean;

  @Field(() => [Course], { description: "The courses the official's job role requires, by code." })
  required: Course[];

  @Field(() => [Course], { description: "Required courses without a valid certificate (never passed, or expired)." })
  missing: Course[];

  @Field(() => [Course], { description: "Required courses whose certificate is valid but expires within 90 days." })
  expiringWithin90Days: Course[];
}
