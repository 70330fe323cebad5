import { SessionStatus, type TrainingSession } from "./session.entity";

/** Longest a single session may run: longer programmes are scheduled as several sessions. */
export const MAX_SESSION_DAYS = 31;

/** Whether a seat is left, counting every attendance (all hold a seat once registered). */
export function hasSeat(session: Pick<TrainingSession, "capacity">, taken: number): boolean {
  return taken < session.capacity;
}

export function isCancelled(session: Pick<TrainingSession, "status">): boolean {
  return session.status === SessionStatus.CANCELLED;
}

/** Results can be recorded once the session is over: no one is assessed on a course not yet held. */
export function hasEnded(session: Pick<TrainingSession, "endsAt">, now: Date): boolean {
  return session.endsAt.getTime() <= now.getTime();
}
