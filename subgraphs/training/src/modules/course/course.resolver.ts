import { SCOPES } from "@kgraph/policy";
import { atMost, BoundedList, Classified, RequiresScopes } from "@kgraph/platform";
import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import type { TrainingContext } from "../../context";
import { JobRole } from "../official/job-role";
import { requiredFor } from "../requirement/requirement.service";
import { Course } from "./course.entity";
import { CreateCourseInput, UpdateCourseInput } from "./course.inputs";
import * as courses from "./course.service";

@Resolver(() => Course)
export class CourseResolver {
  // At most COURSES_LISTED: reference list: the training catalogue.
  @BoundedList(courses.COURSES_LISTED)
  @Query(() => [Course], {
    description: "The training catalogue, by course code." + " " + atMost(courses.COURSES_LISTED),
  })
  @RequiresScopes(SCOPES.TRAINING_READ)
  courses(@Ctx() ctx: TrainingContext): Promise<Course[]> {
    return courses.listCourses(ctx);
  }

  @Query(() => Course, { nullable: true, description: "One course by id; null when there is none." })
  @RequiresScopes(SCOPES.TRAINING_READ)
  course(
    @Arg("id", () => ID, { description: "The course's id." }) id: string,
    @Ctx() ctx: TrainingContext,
  ): Promise<Course | null> {
    return courses.courseById(ctx, id);
  }

  // At most 7: each JobRole at most once.
  @BoundedList(7)
  @FieldResolver(() => [JobRole], {
    description:
      "The job roles for which this course is mandatory; empty when it is optional for all." + " " + atMost(7),
  })
  @Classified("training")
  requiredFor(@Root() root: Course, @Ctx() ctx: TrainingContext): Promise<JobRole[]> {
    return requiredFor(ctx, root.id);
  }

  @Mutation(() => Course, { description: "Add a course to the catalogue; its code must be unique." })
  @RequiresScopes(SCOPES.TRAINING_WRITE)
  createCourse(
    @Arg("input", () => CreateCourseInput, { description: "The course to add." }) input: CreateCourseInput,
    @Ctx() ctx: TrainingContext,
  ) {
    return courses.createCourse(ctx, input);
  }

  @Mutation(() => Course, { description: "Change a course; issued certificates keep their expiry." })
  @RequiresScopes(SCOPES.TRAINING_WRITE)
  updateCourse(
    @Arg("input", () => UpdateCourseInput, { description: "What to change." }) input: UpdateCourseInput,
    @Ctx() ctx: TrainingContext,
  ) {
    return courses.updateCourse(ctx, input);
  }
}
