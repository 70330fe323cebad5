import { AuditEvent, IdempotencyKey, type Logger, createDataSource } from "@kgraph/platform";
import { migrations } from "./migrations";
import { Attendance } from "./modules/attendance/attendance.entity";
import { Certification } from "./modules/certification/certification.entity";
import { Course } from "./modules/course/course.entity";
import { Official } from "./modules/official/official.entity";
import { CourseRequirement } from "./modules/requirement/requirement.entity";
import { TrainingSession } from "./modules/session/session.entity";

export const TRAINING_SCHEMA = "training";
export const trainingEntities = [
  Official,
  Course,
  CourseRequirement,
  TrainingSession,
  Attendance,
  Certification,
  AuditEvent,
  IdempotencyKey,
];

export function createTrainingDataSource(url: string, logger?: Logger, statementTimeoutMs?: number) {
  return createDataSource({
    url,
    schema: TRAINING_SCHEMA,
    entities: trainingEntities,
    migrations,
    logger,
    statementTimeoutMs,
  });
}
