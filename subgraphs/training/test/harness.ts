import { randomUUID } from "node:crypto";
import { type SubgraphHarness, startSubgraphHarness, unique } from "@kgraph/platform";
import type { DataSource } from "typeorm";
import { definition } from "../src";
import { AttendanceStatus } from "../src/modules/attendance/attendance-status";
import { Attendance } from "../src/modules/attendance/attendance.entity";
import { Certification } from "../src/modules/certification/certification.entity";
import { certificateExpiry } from "../src/modules/certification/certification.policy";
import { Course } from "../src/modules/course/course.entity";
import { Agency, JobRole } from "../src/modules/official/job-role";
import { Official } from "../src/modules/official/official.entity";
import { CourseRequirement } from "../src/modules/requirement/requirement.entity";
import { SessionStatus, TrainingSession } from "../src/modules/session/session.entity";

export { TEST_SUBJECT_REF_KEY } from "@kgraph/platform";
export const DAY = 86_400_000;

export type TrainingHarness = SubgraphHarness;

/** A fresh database, migrated, and the training subgraph serving it over real HTTP on a free port. */
export const startTrainingHarness = (): Promise<TrainingHarness> => startSubgraphHarness(definition);

/** Factory: a course with a unique code. */
export async function createCourseRow(db: DataSource, overrides: Partial<Course> = {}): Promise<Course> {
  const course = db.getRepository(Course).create({
    id: randomUUID(),
    code: unique("C")
      .toUpperCase()
      .replace(/[^A-Z0-9]/g, "")
      .slice(0, 24),
    title: `Course ${randomUUID().slice(0, 8)}`,
    description: null,
    topics: ["rights"],
    validityMonths: 24,
    createdAt: new Date(),
    ...overrides,
  });
  await db.getRepository(Course).insert(course);
  return course;
}

/** Factory: an active official with a unique family name. */
export async function createOfficialRow(db: DataSource, overrides: Partial<Official> = {}): Promise<Official> {
  const official = db.getRepository(Official).create({
    id: randomUUID(),
    givenNames: "Test",
    familyName: unique("Official"),
    agency: Agency.FACILITY_OPERATOR,
    jobRole: JobRole.FACILITY_STAFF,
    facilityId: null,
    active: true,
    registeredAt: new Date(),
    ...overrides,
  });
  await db.getRepository(Official).insert(official);
  return official;
}

/** Factory: a session of a course; by default it ended a month ago (results can be recorded). */
export async function createSessionRow(
  db: DataSource,
  courseId: string,
  overrides: Partial<TrainingSession> = {},
): Promise<TrainingSession> {
  const startsAt = overrides.startsAt ?? new Date(Date.now() - 30 * DAY);
  const session = db.getRepository(TrainingSession).create({
    id: randomUUID(),
    courseId,
    startsAt,
    endsAt: new Date(startsAt.getTime() + 8 * 3_600_000),
    location: "Training Centre Prishtinë",
    trainer: "Trainer Test",
    capacity: 20,
    status: SessionStatus.SCHEDULED,
    cancelledAt: null,
    cancellationReason: null,
    ...overrides,
  });
  await db.getRepository(TrainingSession).insert(session);
  return session;
}

export async function createAttendanceRow(
  db: DataSource,
  sessionId: string,
  officialId: string,
  status: AttendanceStatus = AttendanceStatus.REGISTERED,
): Promise<Attendance> {
  const attendance = db.getRepository(Attendance).create({
    id: randomUUID(),
    sessionId,
    officialId,
    status,
    registeredAt: new Date(),
    recordedAt: new Date(),
  });
  await db.getRepository(Attendance).insert(attendance);
  return attendance;
}

/** Factory: a certificate as passing a session that ended at `endedAt` would have issued it. */
export async function certify(
  db: DataSource,
  official: Official,
  course: Course,
  endedAt: Date,
): Promise<Certification> {
  const session = await createSessionRow(db, course.id, {
    startsAt: new Date(endedAt.getTime() - 8 * 3_600_000),
    endsAt: endedAt,
  });
  const attendance = await createAttendanceRow(db, session.id, official.id, AttendanceStatus.PASSED);
  const certification = db.getRepository(Certification).create({
    id: randomUUID(),
    officialId: official.id,
    courseId: course.id,
    attendanceId: attendance.id,
    issuedAt: endedAt,
    expiresAt: certificateExpiry(endedAt, course.validityMonths),
  });
  await db.getRepository(Certification).insert(certification);
  return certification;
}

/** Factory: makes a course mandatory for a job role. */
export async function requireRow(db: DataSource, jobRole: JobRole, courseId: string): Promise<void> {
  await db.getRepository(CourseRequirement).insert({ id: randomUUID(), jobRole, courseId, createdAt: new Date() });
}

/** Row counts of every table, to show that a refused mutation wrote nothing. */
export async function tableCounts(db: DataSource): Promise<Record<string, number>> {
  const [row] = (await db.query(`
    SELECT (SELECT count(*) FROM training.official)::int AS officials,
           (SELECT count(*) FROM training.course)::int AS courses,
           (SELECT count(*) FROM training.course_requirement)::int AS requirements,
           (SELECT count(*) FROM training.training_session)::int AS sessions,
           (SELECT count(*) FROM training.attendance)::int AS attendances,
           (SELECT count(*) FROM training.certification)::int AS certifications`)) as Record<string, number>[];
  return row;
}

export const UNKNOWN_ID = "00000000-0000-4000-8000-000000000000";
