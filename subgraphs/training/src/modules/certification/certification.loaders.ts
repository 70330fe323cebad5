import DataLoader from "dataloader";
import type { DataSource } from "typeorm";
import { type RecordAccess, firstManyByKey, manyByKey, oneByKey, wellFormedIds } from "@kgraph/platform";
import { SCOPES } from "@kgraph/policy";
import { Course } from "../course/course.entity";
import { CertificationRecords } from "../official/official.records";
import { primeCourses } from "../requirement/requirement.loaders";
import { Certification } from "./certification.entity";

/** The maximum `Official.certifications` states (grows over a career: comfortably above the seed). */
export const CERTIFICATIONS_PER_OFFICIAL = 500;

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
    /**
     * Each official's certificates (when the caller may see them), latest issued first: the first
     * CERTIFICATIONS_PER_OFFICIAL + 1, for `Official.certifications`. Not for judging compliance,
     * which must see an old certificate that still lasts: that is `longestCertificationsByOfficialId`.
     */
    certificationsByOfficialId: new DataLoader<string, Certification[]>(async (officialIds) => {
      const groups = await firstManyByKey(
        officialIds,
        visible().innerJoinAndMapOne("cert.course", Course, "c", "c.id = cert.course_id"),
        {
          column: "cert.official_id",
          keyOf: (row) => row.officialId,
          order: [
            ["cert.issued_at", "DESC"],
            ["cert.id", "ASC"],
          ],
          limit: CERTIFICATIONS_PER_OFFICIAL + 1,
          wanted: wellFormedIds(officialIds),
        },
      );
      primeCourses(courseById, groups.flat());
      return groups;
    }),
    /**
     * For each official (when the caller may see their certificates), the certificate of each
     * course that lasts longest: all that compliance looks at, at most one row per course however
     * many renewals an official collects.
     */
    longestCertificationsByOfficialId: new DataLoader<string, Certification[]>(async (officialIds) => {
      const valid = wellFormedIds(officialIds);
      const rows = valid.length
        ? await visible()
            .andWhere("cert.official_id IN (:...ids)", { ids: valid })
            .distinctOn(["cert.official_id", "cert.course_id"])
            .orderBy("cert.official_id")
            .addOrderBy("cert.course_id")
            .addOrderBy("cert.expires_at", "DESC")
            .addOrderBy("cert.id", "ASC")
            .getMany()
        : [];
      return manyByKey(officialIds, rows, (row) => row.officialId);
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
