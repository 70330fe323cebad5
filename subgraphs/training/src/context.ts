import { type BaseContext, auditedDataSource } from "@kgraph/platform";
import type { DataSource } from "typeorm";
import { createAttendanceLoaders } from "./modules/attendance/attendance.loaders";
import { createCertificationLoaders } from "./modules/certification/certification.loaders";
import { createCourseLoaders } from "./modules/course/course.loaders";
import { createFacilityLoaders } from "./modules/facility/facility.loaders";
import { createOfficialLoaders } from "./modules/official/official.loaders";
import { type TrainingRecordScope, trainingRecordScope } from "./modules/official/official.policy";
import { createRequirementLoaders } from "./modules/requirement/requirement.loaders";
import { createSessionLoaders } from "./modules/session/session.loaders";

/**
 * Every loader of this subgraph, created fresh for each request (never shared between callers):
 * the loaders of training records close over the caller's record rule and apply it in SQL.
 */
export function createLoaders(db: DataSource, now: Date, records: TrainingRecordScope) {
  const courses = createCourseLoaders(db);
  return {
    ...createOfficialLoaders(db),
    ...courses,
    ...createRequirementLoaders(db, courses.courseById),
    ...createSessionLoaders(db),
    ...createAttendanceLoaders(db, records),
    ...createCertificationLoaders(db, courses.courseById, records),
    ...createFacilityLoaders(db, now, records),
  };
}

export type TrainingLoaders = ReturnType<typeof createLoaders>;

export interface TrainingContext extends BaseContext {
  db: DataSource;
  loaders: TrainingLoaders;
  subjectRefKey: string;
  /** Whose training records the caller may read (and write), from the verified token. */
  records: TrainingRecordScope;
  /** When the request arrived: every validity and compliance judgement in one response uses it. */
  now: Date;
}

export function createContextFactory(db: DataSource, subjectRefKey: string) {
  return (base: BaseContext): TrainingContext => {
    const now = new Date();
    const records = trainingRecordScope(base.viewer);
    // Mutations commit their change and its audit event together (db.transaction).
    return {
      ...base,
      db: auditedDataSource(db, base.audit),
      subjectRefKey,
      now,
      records,
      loaders: createLoaders(db, now, records),
    };
  };
}
