import DataLoader from "dataloader";
import type { DataSource } from "typeorm";
import { type RecordAccess, firstManyByKey, oneByKey, wellFormedIds } from "@kgraph/platform";
import { SCOPES } from "@kgraph/policy";
import { AttendanceRecords } from "../official/official.records";
import { TrainingSession } from "../session/session.entity";
import { MAX_SESSION_CAPACITY } from "../session/session.inputs";
import { Attendance } from "./attendance.entity";

/** The maximum `Official.attendances` states (grows over a career: comfortably above the seed). */
export const ATTENDANCES_PER_OFFICIAL = 500;

/**
 * Attendances are training records: every loader here reads only those the caller's record rule
 * allows, in the same statement (an attendance outside the rule is absent, never filtered later).
 */
export function createAttendanceLoaders(db: DataSource, access: RecordAccess) {
  const rule = access.where(AttendanceRecords, SCOPES.TRAINING_RECORDS_READ, "a");
  const visible = () => db.getRepository(Attendance).createQueryBuilder("a").where(rule.sql, rule.params);
  return {
    attendanceById: new DataLoader<string, Attendance | null>(async (ids) => {
      const valid = wellFormedIds(ids);
      const rows = valid.length ? await visible().andWhere("a.id IN (:...ids)", { ids: valid }).getMany() : [];
      return oneByKey(ids, rows, (row) => row.id);
    }),
    /**
     * Each session's attendances the caller may see, in order of registration: the first
     * MAX_SESSION_CAPACITY + 1 (a session never seats more; the one more would show a cut).
     */
    attendancesBySessionId: new DataLoader<string, Attendance[]>((sessionIds) =>
      firstManyByKey(sessionIds, visible(), {
        column: "a.session_id",
        keyOf: (row) => row.sessionId,
        order: [
          ["a.registered_at", "ASC"],
          ["a.id", "ASC"],
        ],
        limit: MAX_SESSION_CAPACITY + 1,
        wanted: wellFormedIds(sessionIds),
      }),
    ),
    /** Each official's attendances (when the caller may see them), latest session first: the first ATTENDANCES_PER_OFFICIAL + 1. */
    attendancesByOfficialId: new DataLoader<string, Attendance[]>((officialIds) =>
      firstManyByKey(officialIds, visible().innerJoin(TrainingSession, "s", "s.id = a.session_id"), {
        column: "a.official_id",
        keyOf: (row) => row.officialId,
        order: [
          ["s.starts_at", "DESC"],
          ["a.id", "ASC"],
        ],
        limit: ATTENDANCES_PER_OFFICIAL + 1,
        wanted: wellFormedIds(officialIds),
      }),
    ),
    /**
     * Seats taken in each session: every registration counts, whoever may read it. A count, not
     * a record: `availableSeats` is part of the catalogue every training:read caller sees.
     */
    seatsTakenBySessionId: new DataLoader<string, number>(async (sessionIds) => {
      const valid = wellFormedIds(sessionIds);
      const rows: { session_id: string; taken: number }[] = valid.length
        ? await db.query(
            "SELECT session_id, count(*)::int AS taken FROM attendance WHERE session_id = ANY($1::uuid[]) GROUP BY session_id",
            [valid],
          )
        : [];
      const taken = new Map(rows.map((row) => [row.session_id, row.taken]));
      return sessionIds.map((id) => taken.get(id) ?? 0);
    }),
  };
}
