import { randomUUID } from "node:crypto";
import { conflict, notFound, userError, isUniqueViolation } from "@kgraph/platform";
import type { TrainingContext } from "../../context";
import { Course } from "../course/course.entity";
import type { JobRole } from "../official/job-role";
import { CourseRequirement } from "./requirement.entity";
import type { RequirementArgs } from "./requirement.inputs";

/** The maximum `Query.courseRequirements` states: 7 job roles, each requiring at most 25 courses. */
export const REQUIREMENTS_LISTED = 175;

/** Requirements, by job role then course code; only one job role's when given. One more than listed shows a cut. */
export async function listRequirements(ctx: TrainingContext, jobRole?: JobRole | null): Promise<CourseRequirement[]> {
  const query = ctx.db
    .getRepository(CourseRequirement)
    .createQueryBuilder("r")
    .innerJoin(Course, "c", "c.id = r.course_id");
  if (jobRole) query.where("r.job_role = :jobRole", { jobRole });
  return query
    .orderBy("r.job_role", "ASC")
    .addOrderBy("c.code", "ASC")
    .limit(REQUIREMENTS_LISTED + 1)
    .getMany();
}

/** The courses mandatory for a job role, by code (two batched queries for any number of roles). */
export async function requiredCourses(ctx: TrainingContext, jobRole: JobRole): Promise<Course[]> {
  const requirements = await ctx.loaders.requirementsByJobRole.load(jobRole);
  const courses = await ctx.loaders.courseById.loadMany(requirements.map((r) => r.courseId));
  return courses.filter((course): course is Course => course instanceof Course);
}

/** The job roles a course is mandatory for. */
export async function requiredFor(ctx: TrainingContext, courseId: string): Promise<JobRole[]> {
  const requirements = await ctx.loaders.requirementsByCourseId.load(courseId);
  return requirements.map((r) => r.jobRole);
}

export async function requireCourse(ctx: TrainingContext, args: RequirementArgs): Promise<CourseRequirement> {
  const alreadyRequired = (course: Course) =>
    conflict(`Course ${course.code} is already mandatory for ${args.jobRole}.`, {
      jobRole: args.jobRole,
      courseId: course.id,
    });
  let course: Course | null = null;
  const created = await ctx.db
    .transaction(async (tx) => {
      course = await tx.findOneBy(Course, { id: args.courseId });
      if (!course) throw notFound("Course", args.courseId);
      const existing = await tx.findOneBy(CourseRequirement, { jobRole: args.jobRole, courseId: course.id });
      if (existing) throw alreadyRequired(course);
      const requirement = tx.create(CourseRequirement, {
        id: randomUUID(),
        jobRole: args.jobRole,
        courseId: course.id,
        createdAt: new Date(),
      });
      await tx.insert(CourseRequirement, requirement);
      return requirement;
    })
    .catch((err: unknown) => {
      if (course && isUniqueViolation(err)) throw alreadyRequired(course);
      throw err;
    });
  ctx.loaders.requirementsByJobRole.clear(created.jobRole);
  ctx.loaders.requirementsByCourseId.clear(created.courseId);
  return created;
}

/** Removes a requirement and returns it as it was. */
export async function dropRequirement(ctx: TrainingContext, args: RequirementArgs): Promise<CourseRequirement> {
  const dropped = await ctx.db.transaction(async (tx) => {
    const course = await tx.findOneBy(Course, { id: args.courseId });
    if (!course) throw notFound("Course", args.courseId);
    const existing = await tx.findOneBy(CourseRequirement, { jobRole: args.jobRole, courseId: course.id });
    if (!existing) {
      throw userError(
        "NOT_FOUND",
        `Course ${course.code} is not mandatory for ${args.jobRole}; there is no requirement to drop.`,
        {
          jobRole: args.jobRole,
          courseId: course.id,
        },
      );
    }
    await tx.delete(CourseRequirement, { id: existing.id });
    return existing;
  });
  ctx.loaders.requirementsByJobRole.clear(dropped.jobRole);
  ctx.loaders.requirementsByCourseId.clear(dropped.courseId);
  return dropped;
}
