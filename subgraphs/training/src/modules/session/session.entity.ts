import { Classified, RecordOf } from "@kgraph/platform";
import { SessionRecords } from "../official/official.records";
import { Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { Check, Column, Entity, Index, PrimaryColumn } from "typeorm";

export enum SessionStatus {
  SCHEDULED = "SCHEDULED",
  CANCELLED = "CANCELLED",
}
registerEnumType(SessionStatus, {
  name: "SessionStatus",
  description: "Whether a training session goes ahead.",
  valuesConfig: {
    SCHEDULED: { description: "Planned, under way or held." },
    CANCELLED: { description: "Called off; no one can register or be assessed." },
  },
});

/** One delivery of a course: a time, a place, a trainer and a number of seats. */
@RecordOf(() => SessionRecords, (trainingSession: TrainingSession) => trainingSession.id)
@ObjectType({ description: "One delivery of a course at a time and place, with a limited number of seats." })
@Entity({ name: "training_session" })
@Index("training_session_start_keyset", ["startsAt", "id"])
@Check("training_session_ends_after_start", `"ends_at" > "starts_at"`)
@Check("training_session_capacity_positive", `"capacity" >= 1`)
export class TrainingSession {
  @Field(() => ID, { description: "Stable identifier." })
  @Classified("training")
  @PrimaryColumn("uuid")
  id: string;

  @Index()
  @Column("uuid", { name: "course_id" })
  courseId: string;

  @Field({ description: "When the session starts." })
  @Classified("training")
  @Column("timestamptz", { name: "starts_at" })
  startsAt: Date;

  @Field({ description: "When the session ends; certificates from it are issued at this time." })
  @Classified("training")
  @Column("timestamptz", { name: "ends_at" })
  endsAt: Date;

  @Field({ description: "Where the session is held." })
  @Classified("training")
  @Column("varchar", { length: 300 })
  location: string;

  @Field({ description: "Who delivers the session." })
  @Classified("training")
  @Column("varchar", { length: 200 })
  trainer: string;

  @Field(() => Int, { description: "How many officials can register." })
  @Classified("training")
  @Column("integer")
  capacity: number;

  @Field(() => SessionStatus, { description: "Whether the session goes ahead." })
  @Classified("training")
  @Column("varchar", { length: 16 })
  status: SessionStatus;

  @Field(() => Date, { nullable: true, description: "When the session was cancelled; null unless it was." })
  @Classified("training")
  @Column("timestamptz", { name: "cancelled_at", nullable: true })
  cancelledAt: Date | null;

  @Field(() => String, { nullable: true, description: "Why the session was cancelled, when a reason was given." })
  @Classified("training")
  @Column("varchar", { name: "cancellation_reason", length: 500, nullable: true })
  cancellationReason: string | null;
}
