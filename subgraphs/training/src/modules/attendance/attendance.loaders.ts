import DataLoader from "dataloader";
import { In, type DataSource } from "typeorm";
import { wellFormedIds } from "@kgraph/platform";
import { TrainingSession } from "../session/session.entity";
import { Attendance } from "./attendance.entity";

function groupBy<K extends string>(keys: readonly K[], rows: Attendance[], keyOf: (row: Attendance) => string) {
  const grouped = new Map<string, Attendance[]>(keys.map((key) => [key, []]));
  for (const row of rows) grouped.get(keyOf(row))?.push(row);
  return keys.map((key) => grouped.get(key) ?? []);
}

export function createAttendanceLoaders(db: DataSource) {
  return {
    attendanceById: new DataLoader<string, Attendance | null>(async (ids) => {
      const valid = wellFormedIds(ids);
      const rows = valid.length ? await db.getRepository(Attendance).findBy({ id: In(valid) }) : [];
      const byId = new Map(rows.map((row) => [row.id, row]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    /** Each session's attendances, in order of registration. */
    attendancesBySessionId: new DataLoader<string, Attendance[]>(async (sessionIds) => {
      const valid = wellFormedIds(sessionIds);
      const rows = valid.length
        ? await db
            .getRepository(Attendance)
            .find({ where: { sessionId: In(valid) }, order: { registeredAt: "ASC", id: "ASC" } })
        : [];
      return groupBy(sessionIds, rows, (row) => row.sessionId);
    }),
    /** Each official's attendances, latest session first. */
    attendancesByOfficialId: new DataLoader<string, Attendance[]>(async (officialIds) => {
      const valid = wellFormedIds(officialIds);
      const rows = valid.length
        ? await db
            .getRepository(Attendance)
            .createQueryBuilder("a")
            .innerJoin(TrainingSession, "s", "s.id = a.session_id")
            .where("a.official_id IN (:...ids)", { ids: valid })
            .orderBy("s.starts_at", "DESC")
            .addOrderBy("a.id", "ASC")
            .getMany()
        : [];
      return groupBy(officialIds, rows, (row) => row.officialId);
    }),
  };
}
