import { Classified, RecordOf } from "@kgraph/platform";
import { Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { Column, Entity, Index, PrimaryColumn } from "typeorm";
import { MeetingRecords } from "./meeting.records";

/** A meeting of the task force: when, who attended, what was on the agenda, what was decided. */
@RecordOf(() => MeetingRecords, (meeting: TaskForceMeeting) => meeting.id)
@ObjectType({ description: "A meeting of a task force: date, attendees, agenda items and decisions." })
@Entity({ name: "task_force_meeting" })
@Index("task_force_meeting_by_time", ["taskForceId", "heldAt"])
export class TaskForceMeeting {
  @Field(() => ID, { description: "Stable identifier." })
  @Classified("oversight")
  @PrimaryColumn("uuid")
  id: string;

  @Column("uuid", { name: "task_force_id" })
  taskForceId: string;

  @Field({ description: "When it is (or was) held." })
  @Classified("oversight")
  @Column("timestamptz", { name: "held_at" })
  heldAt: Date;

  @Field({ description: "Where it is held." })
  @Classified("oversight")
  @Column("varchar", { length: 200 })
  location: string;

  /** Ids of the members who attend, in the order recorded. */
  @Column("uuid", { name: "attendee_ids", array: true })
  attendeeIds: string[];

  @Field(() => Date, {
    nullable: true,
    description: "When its minutes were published; null while they are not (then monitors do not see it).",
  })
  @Classified("oversight")
  @Column("timestamptz", { name: "minutes_published_at", nullable: true })
  minutesPublishedAt: Date | null;

  @Field({ description: "When the meeting was recorded." })
  @Classified("oversight")
  @Column("timestamptz", { name: "created_at" })
  createdAt: Date;
}

export enum AgendaOrigin {
  MEMBER = "MEMBER",
  CASE_REVIEW_GAP = "CASE_REVIEW_GAP",
  MONITORING = "MONITORING",
  COMPLAINT = "COMPLAINT",
  OVERDUE_FOLLOW_UP = "OVERDUE_FOLLOW_UP",
}

registerEnumType(AgendaOrigin, {
  name: "AgendaOrigin",
  description: "Where an agenda item came from.",
  valuesConfig: {
    MEMBER: { description: "Raised by a member." },
    CASE_REVIEW_GAP: { description: "A procedural gap found in a joint case review (referReviewGap)." },
    MONITORING: { description: "A monitoring finding or recommendation." },
    COMPLAINT: { description: "A complaint or a pattern of complaints." },
    OVERDUE_FOLLOW_UP: { description: "An overdue obligation or action item followed up." },
  },
});

/** One item on a meeting's agenda, optionally linked to the record it is about. */
@RecordOf(() => MeetingRecords, (item: AgendaItem) => item.meetingId)
@ObjectType({ description: "An item on a task-force meeting's agenda." })
@Entity({ name: "agenda_item" })
@Index("agenda_item_by_meeting", ["meetingId", "position"], { unique: true })
export class AgendaItem {
  @Field(() => ID, { description: "Stable identifier." })
  @Classified("oversight")
  @PrimaryColumn("uuid")
  id: string;

  @Column("uuid", { name: "meeting_id" })
  meetingId: string;

  @Field(() => Int, { description: "Its place on the agenda, from 1." })
  @Classified("oversight")
  @Column("int")
  position: number;

  @Field({ description: "What is to be discussed." })
  @Classified("oversight")
  @Column("varchar", { length: 300 })
  title: string;

  @Field(() => AgendaOrigin, { description: "Where it came from." })
  @Classified("oversight")
  @Column("varchar", { length: 24 })
  origin: AgendaOrigin;

  /** The kind of record it concerns (ConcernKind), with `concernsId`; null when it concerns none. */
  @Column("varchar", { name: "concerns_kind", length: 24, nullable: true })
  concernsKind: string | null;

  @Index()
  @Column("uuid", { name: "concerns_id", nullable: true })
  concernsId: string | null;

  @Field({ description: "When it was put on the agenda." })
  @Classified("oversight")
  @Column("timestamptz", { name: "created_at" })
  createdAt: Date;
}

/** What a meeting decided. */
@RecordOf(() => MeetingRecords, (decision: Decision) => decision.meetingId)
@ObjectType({ description: "A decision of a task-force meeting." })
@Entity({ name: "decision" })
@Index("decision_by_meeting", ["meetingId", "recordedAt"])
export class Decision {
  @Field(() => ID, { description: "Stable identifier." })
  @Classified("oversight")
  @PrimaryColumn("uuid")
  id: string;

  @Column("uuid", { name: "meeting_id" })
  meetingId: string;

  @Column("uuid", { name: "agenda_item_id", nullable: true })
  agendaItemId: string | null;

  @Field({ description: "The decision, as minuted." })
  @Classified("oversight")
  @Column("text")
  text: string;

  @Field({ description: "When it was recorded." })
  @Classified("oversight")
  @Column("timestamptz", { name: "recorded_at" })
  recordedAt: Date;
}
