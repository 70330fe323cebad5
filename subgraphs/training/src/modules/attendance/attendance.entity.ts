import { Classified, RecordOf } from "@kgraph/platform";
import { OfficialRecords } from "../official/official.records";
import { Field, ID, ObjectType } from "type-graphql";
import { Column, Entity, Index, PrimaryColumn } from "typeorm";
import { AttendanceStatus } from "./attendance-status";

/** An official's seat in a training session, and how it went. */
@RecordOf(() => OfficialRecords, (attendance: Attendance) => attendance.officialId)
@ObjectType({ description: "An official's registration for a training session, and its result." })
@Entity({ name: "attendance" })
@Index("attendance_session_official", ["sessionId", "officialId"], { unique: true })
export class Attendance {
  @Field(() => ID, { description: "Stable identifier." })
  @Classified("trainingRecord")
  @PrimaryColumn("uuid")
  id: string;

  @Column("uuid", { name: "session_id" })
  sessionId: string;

  @Index()
  @Column("uuid", { name: "official_id" })
  officialId: string;

  @Field(() => AttendanceStatus, { description: "Where the attendance stands." })
  @Classified("trainingRecord")
  @Column("varchar", { length: 16 })
  status: AttendanceStatus;

  @Field({ description: "When the official was registered for the session." })
  @Classified("trainingRecord")
  @Column("timestamptz", { name: "registered_at" })
  registeredAt: Date;

  @Field({ description: "When the current status was recorded (the registration time while REGISTERED)." })
  @Classified("trainingRecord")
  @Column("timestamptz", { name: "recorded_at" })
  recordedAt: Date;
}
