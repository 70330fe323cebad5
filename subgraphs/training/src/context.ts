import type { RecordAccess, SubgraphContext } from "@kgraph/platform";
import type { DataSource } from "typeorm";
import { createAttendanceLoaders } from "./modules/attendance/attendance.loaders";
import { createCertificationLoaders } from "./modules/certification/certification.loaders";
import { createCourseLoaders } from "./modules/course/course.loaders";
import { createFacilityLoaders } from "./modules/facility/facility.loaders";
import { createOfficialLoaders } from "./modules/official/official.loaders";
import { createRequirementLoaders } from "./modules/requirement/requirement.loaders";
import { createSessionLoaders } from "./modules/session/session.loaders";

/**
 * Every loader of this subgraph, created fresh for each request (never shared between callers):
 * the loaders of training records apply the caller's record rule in SQL (official.records.ts).
 */
export function createLoaders(db: DataSource, access: RecordAccess, now: Date) {
  const courses = createCourseLoaders(db);
  return {
    ...createOfficialLoaders(db),
    ...courses,
    ...createRequirementLoaders(db, courses.courseById),
    ...createSessionLoaders(db),
    ...createAttendanceLoaders(db, access),
    ...createCertificationLoaders(db, courses.courseById, access),
    ...createFacilityLoaders(db, now, access),
  };
}

export type TrainingLoaders = ReturnType<typeof createLoaders>;

/** What the training resolvers get: the platform's context (`now`: when the request arrived) and these loaders. */
export type TrainingContext = SubgraphContext<TrainingLoaders>;
