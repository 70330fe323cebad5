import DataLoader from "dataloader";
import { In, type DataSource } from "typeorm";
import { wellFormedIds } from "../../ids";
import { Course } from "../course/course.entity";
import type { JobRole } from "../official/job-role";
import { CourseRequirement } from "./requirement.entity";

export function createRequirementLoaders(db: DataSource) {
  return {
    /** The requirements of each job role, by course code. */
    requirementsByJobRole: new DataLoader<JobRole, CourseRequirement[]>(async (roles) => {
      const rows = await db
        .getRepository(CourseRequirement)
        .createQueryBuilder("r")
        .innerJoin(Course, "c", "c.id = r.course_id")
        .where("r.job_role IN (:...roles)", { roles: [...roles] })
        .orderBy("c.code", "ASC")
        .getMany();
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
