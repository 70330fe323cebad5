import { type AccessContext, type BaseContext, RecordAccess, auditedDataSource } from "@kgraph/platform";
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
export function createLoaders(db: DataSource, now: Date, access: RecordAccess) {
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

export interface TrainingContext extends AccessContext {
  db: DataSource;
  loaders: TrainingLoaders;
  subjectRefKey: string;
  /** When the request arrived: every validity and compliance judgement in one response uses it. */
  now: Date;
}

export function createContextFactory(db: DataSource, subjectRefKey: string) {
  return (base: BaseContext): TrainingContext => {
    const now = new Date();
    const access = new RecordAccess(db, base.viewer);
    // Mutations commit their change and its audit event together (db.transaction).
    return {
      ...base,
      access,
      db: auditedDataSource(db, base.audit, base.idempotency),
      subjectRefKey,
      now,
      loaders: createLoaders(db, now, access),
    };
  };
}
