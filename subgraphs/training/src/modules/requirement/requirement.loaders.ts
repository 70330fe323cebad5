import DataLoader from "dataloader";
import { In, type DataSource } from "typeorm";
import { wellFormedIds } from "@kgraph/platform";
import { Course } from "../course/course.entity";
import type { JobRole } from "../official/job-role";
import { CourseRequirement } from "./requirement.entity";

/**
 * Requirements and certificates carry their course in the same statement and prime `courseById`,
 * so the courses they name never cost a query of their own (and the count of statements per
 * request does not depend on which loader happens to run first).
 */
export function createRequirementLoaders(db: DataSource, courseById: DataLoader<string, Course | null>) {
  return {
    /** The requirements of each job role, by course code. */
    requirementsByJobRole: new DataLoader<JobRole, CourseRequirement[]>(async (roles) => {
      const rows = await db
        .getRepository(CourseRequirement)
        .createQueryBuilder("r")
        .innerJoinAndMapOne("r.course", Course, "c", "c.id = r.course_id")
        .where("r.job_role IN (:...roles)", { roles: [...roles] })
        .orderBy("c.code", "ASC")
        .getMany();
      primeCourses(courseById, rows);
      const grouped = new Map<string, CourseRequirement[]>(roles.map((role) => [role, []]));
      for (const row of rows) grouped.get(row.jobRole)?.push(row);
      return roles.map((role) => grouped.get(role) ?? []);
    }),
    /** The requirements naming each course, by job role. */
    requirementsByCourseId: new DataLoader<string, CourseRequirement[]>(async (courseIds) => {
      const valid = wellFormedIds(courseIds);
      const rows = valid.length
        ? await db.getRepository(CourseRequirement).find({ where: { courseId: In(valid) }, order: { jobRole: "ASC" } })
        : [];
      const grouped = new Map<string, CourseRequirement[]>(courseIds.map((id) => [id, []]));
      for (const row of rows) grouped.get(row.courseId)?.push(row);
      return courseIds.map((id) => grouped.get(id) ?? []);
    }),
  };
}

export function primeCourses(courseById: DataLoader<string, Course | null>, rows: { course?: Course }[]): void {
  for (const row of rows) if (row.course) courseById.prime(row.course.id, row.course);
}
