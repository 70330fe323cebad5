import { randomUUID } from "node:crypto";
import { type Page, badUserInput, checkPageSize, notFound, toPage, decodeCursor } from "@kgraph/platform";
import type { TrainingContext } from "../../context";
import { Course } from "../course/course.entity";
import { SessionStatus, TrainingSession } from "./session.entity";
import type { CancelSessionArgs, ScheduleSessionInput, SessionFilter } from "./session.inputs";
import { hasEnded, isCancelled } from "./session.policy";

export function sessionById(ctx: TrainingContext, id: string): Promise<TrainingSession | null> {
  return ctx.loaders.sessionById.load(id);
}

/** Sessions by start time, earliest first (pass `filter.from` to start at a date), by keyset. */
export async function listSessions(
  ctx: TrainingContext,
  args: { first: number; after?: string | null; filter?: SessionFilter | null },
): Promise<Page<TrainingSession>> {
  const first = checkPageSize(args.first);
  const query = ctx.db.getRepository(TrainingSession).createQueryBuilder("s");
  const filter = args.filter ?? {};
  if (filter.courseId) query.andWhere("s.course_id = :courseId", { courseId: filter.courseId });
  if (filter.from) query.andWhere("s.starts_at >= :from", { from: filter.from });
  if (filter.to) query.andWhere("s.starts_at < :to", { to: filter.to });
  if (filter.status) query.andWhere("s.status = :status", { status: filter.status });
  if (args.after) {
    const [startsAt, id] = decodeCursor(args.after, "time");
    query.andWhere("(s.starts_at, s.id) > (:startsAt, :id)", { startsAt, id });
  }
  const rows = await query
    .orderBy("s.starts_at", "ASC")
    .addOrderBy("s.id", "ASC")
    .limit(first + 1)
    .getMany();
  for (const row of rows) ctx.loaders.sessionById.prime(row.id, row);
  return toPage(rows, first, "time", (row) => [row.startsAt.toISOString(), row.id]);
}

export async function scheduleSession(ctx: TrainingContext, input: ScheduleSessionInput): Promise<TrainingSession> {
  const created = await ctx.db.transaction(async (tx) => {
    const course = await tx.findOneBy(Course, { id: input.courseId });
    if (!course) throw notFound("Course", input.courseId);
    const session = tx.create(TrainingSession, {
      id: randomUUID(),
      courseId: course.id,
      startsAt: input.startsAt,
      endsAt: input.endsAt,
      location: input.location,
      trainer: input.trainer,
      capacity: input.capacity,
      status: SessionStatus.SCHEDULED,
      cancelledAt: null,
      cancellationReason: null,
    });
    await tx.insert(TrainingSession, session);
    return session;
  });
  ctx.loaders.sessionById.prime(created.id, created);
  return created;
}

/**
 * Calls a session off. Refused once it has ended: a held session is history (results, and so
 * certificates, can only be recorded after the end). Registrations stay, showing who was booked.
 */
export async function cancelSession(ctx: TrainingContext, args: CancelSessionArgs): Promise<TrainingSession> {
  const now = new Date();
  const cancelled = await ctx.db.transaction(async (tx) => {
    const session = await tx.findOne(TrainingSession, {
      where: { id: args.sessionId },
      lock: { mode: "pessimistic_write" },
    });
    if (!session) throw notFound("Training session", args.sessionId);
    if (isCancelled(session)) throw badUserInput(`Training session ${session.id} is already cancelled.`);
    if (hasEnded(session, now)) {
      throw badUserInput(
        `Training session ${session.id} ended at ${session.endsAt.toISOString()}; a session that has taken place cannot be cancelled.`,
      );
    }
    session.status = SessionStatus.CANCELLED;
    session.cancelledAt = now;
    session.cancellationReason = args.reason ?? null;
    await tx.update(
      TrainingSession,
      { id: session.id },
      { status: session.status, cancelledAt: session.cancelledAt, cancellationReason: session.cancellationReason },
    );
    return session;
  });
  ctx.loaders.sessionById.clear(cancelled.id).prime(cancelled.id, cancelled);
  return cancelled;
}
