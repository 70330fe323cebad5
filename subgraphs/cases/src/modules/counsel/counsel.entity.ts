import { Classified, RecordOf } from "@kgraph/platform";
import { CaseRecords, PrivilegedNoteRecords } from "../case/case.records";
import { Field, ID, ObjectType } from "type-graphql";
import { Column, Entity, Index, PrimaryColumn } from "typeorm";

/** Who represents the person in a case, and for how long. At most one is current per case. */
@RecordOf(() => CaseRecords, (legalRepresentation: LegalRepresentation) => legalRepresentation.caseId)
@ObjectType({ description: "Legal counsel representing the person in a case, for a period." })
@Entity({ name: "legal_representation" })
@Index("legal_representation_by_case", ["caseId", "from"])
@Index("legal_representation_one_current", ["caseId"], { unique: true, where: `"valid_to" IS NULL` })
export class LegalRepresentation {
  @Field(() => ID, { description: "Stable identifier." })
  @Classified("case")
  @PrimaryColumn("uuid")
  id: string;

  @Column("uuid", { name: "case_id" })
  caseId: string;

  @Field(() => ID, { description: "The counsel (their user id: the `sub` of their token)." })
  @Classified("case")
  @Index()
  @Column("uuid", { name: "counsel_id" })
  counselId: string;

  @Field({ description: "The law firm or legal aid organisation the counsel acts for." })
  @Classified("case")
  @Column("varchar", { length: 200 })
  organisation: string;

  @Field({ description: "When the representation began." })
  @Classified("case")
  @Column("timestamptz", { name: "valid_from" })
  from: Date;

  @Field(() => Date, { nullable: true, description: "When it ended; null while it is current." })
  @Classified("case")
  @Column("timestamptz", { name: "valid_to", nullable: true })
  to: Date | null;
}

/** A request by the person to speak with counsel, and what came of it. */
@RecordOf(() => CaseRecords, (event: CounselContactEvent) => event.caseId)
@ObjectType({
  description: "A request by the person to contact counsel, and whether and when it was granted and held.",
})
@Entity({ name: "counsel_contact" })
@Index("counsel_contact_by_case", ["caseId", "requestedAt"])
export class CounselContactEvent {
  @Field(() => ID, { description: "Stable identifier." })
  @Classified("case")
  @PrimaryColumn("uuid")
  id: string;

  @Column("uuid", { name: "case_id" })
  caseId: string;

  @Field(() => ID, {
    nullable: true,
    description: "Counsel of record when the request was made; null when there was none.",
  })
  @Classified("case")
  @Column("uuid", { name: "counsel_id", nullable: true })
  counselId: string | null;

  @Field({ description: "When the person asked to contact counsel." })
  @Classified("case")
  @Column("timestamptz", { name: "requested_at" })
  requestedAt: Date;

  @Field(() => Date, { nullable: true, description: "When the contact was granted; null when not (yet) granted." })
  @Classified("case")
  @Column("timestamptz", { name: "granted_at", nullable: true })
  grantedAt: Date | null;

  @Field(() => Date, { nullable: true, description: "When the contact took place; null when it has not." })
  @Classified("case")
  @Column("timestamptz", { name: "held_at", nullable: true })
  heldAt: Date | null;

  @Field(() => String, { nullable: true, description: "Why the request was denied; null unless it was." })
  @Classified("sensitive")
  @Column("varchar", { name: "denied_reason", length: 1000, nullable: true })
  deniedReason: string | null;

  @Field({ description: "When the event was recorded." })
  @Classified("case")
  @Column("timestamptz", { name: "recorded_at" })
  recordedAt: Date;
}

/** A note written by counsel under legal privilege. */
@RecordOf(() => CaseRecords, (note: PrivilegedNote) => note.caseId)
@ObjectType({ description: "A note by the counsel of record, under legal privilege." })
@Entity({ name: "privileged_note" })
@Index("privileged_note_by_case", ["caseId", "createdAt"])
export class PrivilegedNote {
  @Field(() => ID, { description: "Stable identifier." })
  @Classified("case")
  @PrimaryColumn("uuid")
  id: string;

  @Column("uuid", { name: "case_id" })
  caseId: string;

  @Field(() => ID, { description: "The counsel who wrote it." })
  @Classified("case")
  @Column("uuid", { name: "counsel_id" })
  counselId: string;

  @Field({ description: "When it was written." })
  @Classified("case")
  @Column("timestamptz", { name: "created_at" })
  createdAt: Date;

  @Field(() => String, {
    nullable: true,
    description: "The note. Privileged: only its author (the counsel who wrote it) reads it; null for anyone else.",
  })
  @Classified("privileged", { subject: (note: PrivilegedNote) => ({ kind: PrivilegedNoteRecords, id: note.id }) })
  @Column("text")
  text: string | null;
}
