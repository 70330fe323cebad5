import { randomUUID } from "node:crypto";
import { badUserInput, conflict, notFound, isUniqueViolation, userError } from "@kgraph/platform";
import type { TrainingContext } from "../../context";
import { issueCertification } from "../certification/certification.service";
import { Course } from "../course/course.entity";
import { Official } from "../official/official.entity";
import { SCOPES } from "@kgraph/policy";
import { OfficialRecords } from "../official/official.records";
import { displayName } from "../official/official.service";
import { TrainingSession } from "../session/session.entity";
import { hasEnded, hasSeat, isCancelled } from "../session/session.policy";
import { AttendanceStatus } from "./attendance-status";
import { Attendance } from "./attendance.entity";
import type { RecordAttendanceResultArgs, RegisterAttendanceArgs } from "./attendance.inputs";
import { NEXT_ATTENDANCE_STATUSES, canRecord, issuesCertificate } from "./attendance.policy";

export function attendanceById(ctx: TrainingContext, id: string): Promise<Attendance | null> {
  return ctx.loaders.attendanceById.load(id);
}

export function attendancesOfSession(ctx: TrainingContext, sessionId: string): Promise<Attendance[]> {
  return ctx.loaders.attendancesBySessionId.load(sessionId);
}

export function attendancesOfOfficial(ctx: TrainingContext, officialId: string): Promise<Attendance[]> {
  return ctx.loaders.attendancesByOfficialId.load(officialId);
}

/** How many seats of a session are taken: every registration, whoever may read it. */
export function seatsTaken(ctx: TrainingContext, sessionId: string): Promise<number> {
  return ctx.loaders.seatsTakenBySessionId.load(sessionId);
}

/** A write to a record outside the caller's record rule is refused, and nothing is written. */
async function refuseOutsideRecordRule(ctx: TrainingContext, official: Official): Promise<void> {
  if (!(await ctx.access.allows(OfficialRecords, SCOPES.TRAINING_RECORDS_READ, official.id))) {
    throw userError(
      "FORBIDDEN",
      `You may write training records only of officials whose records you may read; ${official.id} is not one of them.`,
      { officialId: official.id },
    );
  }
}

/** How a session is named in messages: its course and start date, e.g. "the HRD-101 session of 2026-03-02 (<id>)". */
function describeSession(session: TrainingSession, course: Course | null): string {
  return `the ${course?.code ?? "training"} session of ${session.startsAt.toISOString().slice(0, 10)} (${session.id})`;
}

function sentence(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * Gives an official a seat in a session. The session row is locked for the transaction, so two
 * registrations for the last seat cannot both succeed.
 */
export async function registerAttendance(ctx: TrainingContext, args: RegisterAttendanceArgs): Promise<Attendance> {
  const alreadyRegistered = (official: Official, sessionName: string) =>
    conflict(`${displayName(official)} is already registered for ${sessionName}.`, {
      officialId: official.id,
      sessionId: args.sessionId,
    });
  let refusal: (() => Error) | undefined;
  const created = await ctx.db
    .transaction(async (tx) => {
      const session = await tx.findOne(TrainingSession, {
        where: { id: args.sessionId },
        lock: { mode: "pessimistic_write" },
      });
      if (!session) throw notFound("Training session", args.sessionId);
      const course = await tx.findOneBy(Course, { id: session.courseId });
      const sessionName = describeSession(session, course);
      if (isCancelled(session))
        throw badUserInput(`${sentence(sessionName)} was cancelled; no one can register for it.`);
      const official = await tx.findOneBy(Official, { id: args.officialId });
      if (!official) throw notFound("Official", args.officialId);
      await refuseOutsideRecordRule(ctx, official);
      if (!official.active) {
        throw badUserInput(
          `${displayName(official)} (${official.id}) is not active; only active officials can register for training.`,
        );
      }
      refusal = () => alreadyRegistered(official, sessionName);
      const existing = await tx.findOneBy(Attendance, { sessionId: session.id, officialId: official.id });
      if (existing) throw alreadyRegistered(official, sessionName);
      const taken = await tx.countBy(Attendance, { sessionId: session.id });
      if (!hasSeat(session, taken)) {
        throw badUserInput(`${sentence(sessionName)} is full: all ${session.capacity} seats are taken.`, {
          capacity: session.capacity,
          taken,
        });
      }
      const now = new Date();
      const attendance = tx.create(Attendance, {
        id: randomUUID(),
        sessionId: session.id,
        officialId: official.id,
        status: AttendanceStatus.REGISTERED,
        registeredAt: now,
        recordedAt: now,
      });
      await tx.insert(Attendance, attendance);
      return attendance;
    })
    .catch((err: unknown) => {
      if (refusal && isUniqueViolation(err)) throw refusal();
      throw err;
    });
  ctx.loaders.attendanceById.prime(created.id, created);
  ctx.loaders.attendancesBySessionId.clear(created.sessionId);
  ctx.loaders.attendancesByOfficialId.clear(created.officialId);
  ctx.loaders.seatsTakenBySessionId.clear(created.sessionId);
  return created;
}

/**
 * Records how an attendance went, once the session is over. PASSED issues the certificate in
 * the same transaction: issued at the session's end, expiring the course's validity later.
 */
export async function recordAttendanceResult(
  ctx: TrainingContext,
  args: RecordAttendanceResultArgs,
): Promise<Attendance> {
  const now = new Date();
  const recorded = await ctx.db.transaction(async (tx) => {
    const attendance = await tx.findOne(Attendance, {
      where: { id: args.attendanceId },
      lock: { mode: "pessimistic_write" },
    });
    if (!attendance) throw notFound("Attendance", args.attendanceId);
    await refuseOutsideRecordRule(ctx, await tx.findOneByOrFail(Official, { id: attendance.officialId }));
    const session = await tx.findOneByOrFail(TrainingSession, { id: attendance.sessionId });
    const course = await tx.findOneByOrFail(Course, { id: session.courseId });
    const sessionName = describeSession(session, course);
    if (isCancelled(session)) throw badUserInput(`${sentence(sessionName)} was cancelled; it has no results.`);
    if (!hasEnded(session, now)) {
      throw badUserInput(
        `${sentence(sessionName)} ends at ${session.endsAt.toISOString()}; results can be recorded once it has ended.`,
        {
          endsAt: session.endsAt.toISOString(),
        },
      );
    }
    if (!canRecord(attendance.status, args.status)) {
      const allowed = NEXT_ATTENDANCE_STATUSES[attendance.status];
      throw badUserInput(
        `Attendance ${attendance.id} is ${attendance.status} and cannot become ${args.status}. ` +
          (allowed.length ? `Allowed next: ${allowed.join(", ")}.` : `${attendance.status} is final.`),
        { from: attendance.status, to: args.status, allowed },
      );
    }
    attendance.status = args.status;
    attendance.recordedAt = now;
    await tx.update(
      Attendance,
      { id: attendance.id },
      { status: attendance.status, recordedAt: attendance.recordedAt },
    );
    if (issuesCertificate(args.status)) {
      await issueCertification(tx, {
        officialId: attendance.officialId,
        courseId: course.id,
        attendanceId: attendance.id,
        sessionEndedAt: session.endsAt,
        validityMonths: course.validityMonths,
      });
    }
    return attendance;
  });
  ctx.loaders.attendanceById.clear(recorded.id).prime(recorded.id, recorded);
  ctx.loaders.attendancesBySessionId.clear(recorded.sessionId);
  ctx.loaders.attendancesByOfficialId.clear(recorded.officialId);
  ctx.loaders.certificationByAttendanceId.clear(recorded.id);
  ctx.loaders.certificationsByOfficialId.clear(recorded.officialId);
  ctx.loaders.longestCertificationsByOfficialId.clear(recorded.officialId);
  return recorded;
}
