import { SCOPES } from "@kgraph/policy";
import { atMost, BoundedList, Classified, RequiresScopes } from "@kgraph/platform";
import { Arg, Args, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from "type-graphql";
import type { TrainingContext } from "../../context";
import { Course } from "../course/course.entity";
import { courseById } from "../course/course.service";
import { JobRole } from "../official/job-role";
import { CourseRequirement } from "./requirement.entity";
import { RequirementArgs } from "./requirement.inputs";
import * as requirements from "./requirement.service";

@Resolver(() => CourseRequirement)
export class RequirementResolver {
  // At most REQUIREMENTS_LISTED: 7 job roles, each requiring at most 25 courses (OfficialCompliance.required).
  @BoundedList(requirements.REQUIREMENTS_LISTED)
  @Query(() => [CourseRequirement], {
    description:
      "Mandatory courses by job role (then course code); one job role's when given." +
      " " +
      atMost(requirements.REQUIREMENTS_LISTED),
  })
  @RequiresScopes(SCOPES.TRAINING_READ)
  courseRequirements(
    @Arg("jobRole", () => JobRole, { nullable: true, description: "Only this job role's requirements." })
    jobRole: JobRole | null,
    @Ctx() ctx: TrainingContext,
  ): Promise<CourseRequirement[]> {
    return requirements.listRequirements(ctx, jobRole);
  }

  @FieldResolver(() => Course, { description: "The mandatory course." })
  @Classified("training")
  async course(@Root() root: CourseRequirement, @Ctx() ctx: TrainingContext): Promise<Course> {
    return (await courseById(ctx, root.courseId)) as Course;
  }

  @Mutation(() => CourseRequirement, { description: "Make a course mandatory for every official in a job role." })
  @RequiresScopes(SCOPES.TRAINING_WRITE)
  requireCourse(@Args() args: RequirementArgs, @Ctx() ctx: TrainingContext) {
    return requirements.requireCourse(ctx, args);
  }

  @Mutation(() => CourseRequirement, {
    description: "Make a course no longer mandatory for a job role; returns the removed requirement.",
  })
  @RequiresScopes(SCOPES.TRAINING_WRITE)
  dropRequirement(@Args() args: RequirementArgs, @Ctx() ctx: TrainingContext) {
    return requirements.dropRequirement(ctx, args);
  }
}
