import { RequiresScopes } from "@kgraph/platform";
import { SCOPES } from "@kgraph/policy";
import { Field, ID, ObjectType } from "type-graphql";
import { Column, Entity, Index, PrimaryColumn } from "typeorm";
import { AttendanceStatus } from "./attendance-status";

/** An official's seat in a training session, and how it went. */
@ObjectType({ description: "An official's registration for a training session, and its result." })
@Entity({ name: "attendance" })
@Index("attendance_session_official", ["sessionId", "officialId"], { unique: true })
export class Attendance {
  @Field(() => ID, { description: "Stable identifier." })
  @RequiresScopes(SCOPES.TRAINING_RECORDS_READ)
  @PrimaryColumn("uuid")
  id: string;

  @Column("uuid", { name: "session_id" })
  sessionId: string;

  @Index()
  @Column("uuid", { name: "official_id" })
  officialId: string;

  @Field(() => AttendanceStatus, { description: "Where the attendance stands." })
  @RequiresScopes(SCOPES.TRAINING_RECORDS_READ)
  @Column("varchar", { length: 16 })
  status: AttendanceStatus;

  @Field({ description: "When the official was registered for the session." })
  @RequiresScopes(SCOPES.TRAINING_RECORDS_READ)
  @Column("timestamptz", { name: "registered_at" })
  registeredAt: Date;

  @Field({ description: "When the current status was recorded (the registration time while REGISTERED)." })
  @RequiresScopes(SCOPES.TRAINING_RECORDS_READ)
  @Column("timestamptz", { name: "recorded_at" })
  recordedAt: Date;
}
