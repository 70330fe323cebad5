import { IsIn } from "class-validator";
import { ArgsType, Field, ID } from "type-graphql";
import { JobRole } from "../official/job-role";

@ArgsType()
export class RequirementArgs {
  @Field(() => JobRole, { description: "The job role." })
  @IsIn(Object.values(JobRole))
  jobRole: JobRole;

  @Field(() => ID, { description: "The course." })
  courseId: string;
}
