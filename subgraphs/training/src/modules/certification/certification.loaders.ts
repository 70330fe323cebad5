import DataLoader from "dataloader";
import { In, type DataSource } from "typeorm";
import { wellFormedIds } from "../../ids";
import { Certification } from "./certification.entity";

export function createCertificationLoaders(db: DataSource) {
  return {
    /** Each official's certificates, latest issued first. */
    certificationsByOfficialId: new DataLoader<string, Certification[]>(async (officialIds) => {
      const valid = wellFormedIds(officialIds);
      const rows = valid.length
        ? await db
            .getRepository(Certification)
            .find({ where: { officialId: In(valid) }, order: { issuedAt: "DESC", id: "ASC" } })
        : [];
      const grouped = new Map<string, Certification[]>(officialIds.map((id) => [id, []]));
      for (const row of rows) grouped.get(row.officialId)?.push(row);
      return officialIds.map((id) => grouped.get(id) ?? []);
    }),
    certificationByAttendanceId: new DataLoader<string, Certification | null>(async (attendanceIds) => {
      const valid = wellFormedIds(attendanceIds);
      const rows = valid.length ? await db.getRepository(Certification).findBy({ attendanceId: In(valid) }) : [];
      const byAttendance = new Map(rows.map((row) => [row.attendanceId, row]));
      return attendanceIds.map((id) => byAttendance.get(id) ?? null);
    }),
  };
}
