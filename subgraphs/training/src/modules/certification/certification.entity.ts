import { Classified, RecordOf } from "@kgraph/platform";
import { OfficialRecords } from "../official/official.records";
import type { Course } from "../course/course.entity";
import { Field, ID, ObjectType } from "type-graphql";
import { Check, Column, Entity, Index, PrimaryColumn } from "typeorm";

/** Proof that an official passed a course; issued when a PASSED result is recorded. */
@RecordOf(() => OfficialRecords, (certification: Certification) => certification.officialId)
@ObjectType({ description: "A certificate that an official passed a course, valid until expiresAt." })
@Entity({ name: "certification" })
@Index("certification_official_course", ["officialId", "courseId", "expiresAt"])
@Check("certification_expires_after_issue", `"expires_at" > "issued_at"`)
export class Certification {
  @Field(() => ID, { description: "Stable identifier." })
  @Classified("trainingRecord")
  @PrimaryColumn("uuid")
  id: string;

  @Column("uuid", { name: "official_id" })
  officialId: string;

  @Index()
  @Column("uuid", { name: "course_id" })
  courseId: string;

  /** The course, when a loader joined it in (not a column). */
  course?: Course;

  /** The PASSED attendance that earned it; one certificate per attendance. */
  @Index({ unique: true })
  @Column("uuid", { name: "attendance_id" })
  attendanceId: string;

  @Field({ description: "When the certificate was issued: the end of the session that was passed." })
  @Classified("trainingRecord")
  @Column("timestamptz", { name: "issued_at" })
  issuedAt: Date;

  @Field({ description: "When the certificate stops being valid: issuedAt plus the course's validity in months." })
  @Classified("trainingRecord")
  @Column("timestamptz", { name: "expires_at" })
  expiresAt: Date;
}
