import DataLoader from "dataloader";
import type { DataSource } from "typeorm";
import { type RecordAccess, oneByKey, wellFormedIds } from "@kgraph/platform";
import { SCOPES } from "@kgraph/policy";
import { Course } from "../course/course.entity";
import { CertificationRecords } from "../official/official.records";
import { primeCourses } from "../requirement/requirement.loaders";
import { Certification } from "./certification.entity";

/**
 * Certificates are training records: every loader here reads only those the caller's record
 * rule allows, in the same statement.
 */
export function createCertificationLoaders(
  db: DataSource,
  courseById: DataLoader<string, Course | null>,
  access: RecordAccess,
) {
  const rule = access.where(CertificationRecords, SCOPES.TRAINING_RECORDS_READ, "cert");
  const visible = () => db.getRepository(Certification).createQueryBuilder("cert").where(rule.sql, rule.params);
  return {
    /** Each official's certificates (when the caller may see them), latest issued first. */
    certificationsByOfficialId: new DataLoader<string, Certification[]>(async (officialIds) => {
      const valid = wellFormedIds(officialIds);
      const rows = valid.length
        ? await visible()
            .innerJoinAndMapOne("cert.course", Course, "c", "c.id = cert.course_id")
            .andWhere("cert.official_id IN (:...ids)", { ids: valid })
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
      const rows = valid.length
        ? await visible().andWhere("cert.attendance_id IN (:...ids)", { ids: valid }).getMany()
        : [];
      return oneByKey(attendanceIds, rows, (row) => row.attendanceId);
    }),
  };
}
