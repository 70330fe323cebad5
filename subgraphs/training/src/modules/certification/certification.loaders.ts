import DataLoader from "dataloader";
import { In, type DataSource } from "typeorm";
import { wellFormedIds } from "@kgraph/platform";
import { Course } from "../course/course.entity";
import { primeCourses } from "../requirement/requirement.loaders";
import { Certification } from "./certification.entity";

export function createCertificationLoaders(db: DataSource, courseById: DataLoader<string, Course | null>) {
  return {
    /** Each official's certificates, latest issued first. */
    certificationsByOfficialId: new DataLoader<string, Certification[]>(async (officialIds) => {
      const valid = wellFormedIds(officialIds);
      const rows = valid.length
        ? await db
            .getRepository(Certification)
            .createQueryBuilder("cert")
            .innerJoinAndMapOne("cert.course", Course, "c", "c.id = cert.course_id")
            .where("cert.official_id IN (:...ids)", { ids: valid })
            .orderBy("cert.issued_at", "DESC")
            .addOrderBy("cert.id", "ASC")
            .getMany()
        : [];
      primeCourses(courseById, rows);
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
