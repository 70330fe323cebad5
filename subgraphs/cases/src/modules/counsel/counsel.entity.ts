import { RequiresScopes } from "@kgraph/platform";
import { SCOPES } from "@kgraph/policy";
import { Field, ID, ObjectType } from "type-graphql";
import { Column, Entity, Index, PrimaryColumn } from "typeorm";

/** Who represents the person in a case, and for how long. At most one is current per case. */
@ObjectType({ description: "Legal counsel representing the person in a case, for a period." })
@Entity({ name: "legal_representation" })
@Index("legal_representation_by_case", ["caseId", "from"])
@Index("legal_representation_one_current", ["caseId"], { unique: true, where: `"valid_to" IS NULL` })
export class LegalRepresentation {
  @Field(() => ID, { description: "Stable identifier." })
  @RequiresScopes(SCOPES.CASE_READ)
  @PrimaryColumn("uuid")
  id: string;

  @Column("uuid", { name: "case_id" })
  caseId: string;

  @Field(() => ID, { description: "The counsel (their user id: the `sub` of their token)." })
  @RequiresScopes(SCOPES.CASE_READ)
  @Index()
  @Column("uuid", { name: "counsel_id" })
  counselId: string;

  @Field({ description: "The law firm or legal aid organisation the counsel acts for." })
  @RequiresScopes(SCOPES.CASE_READ)
  @Column("varchar", { length: 200 })
  organisation: string;

  @Field({ description: "When the representation began." })
  @RequiresScopes(SCOPES.CASE_READ)
  @Column("timestamptz", { name: "valid_from" })
  from: Date;

  @Field(() => Date, { nullable: true, description: "When it ended; null while it is current." })
  @RequiresScopes(SCOPES.CASE_READ)
  @Column("timestamptz", { name: "valid_to", nullable: true })
  to: Date | null;
}

/** A request by the person to speak with counsel, and what came of it. */
@ObjectType({
  description: "A request by the person to contact counsel, and whether and when it was granted and held.",
})
@Entity({ name: "counsel_contact" })
@Index("counsel_contact_by_case", ["caseId", "requestedAt"])
export class CounselContactEvent {
  @Field(() => ID, { description: "Stable identifier." })
  @RequiresScopes(SCOPES.CASE_READ)
  @PrimaryColumn("uuid")
  id: string;

  @Column("uuid", { name: "case_id" })
  caseId: string;

  @Field(() => ID, {
    nullable: true,
    description: "Counsel of record when the request was made; null when there was none.",
  })
  @RequiresScopes(SCOPES.CASE_READ)
  @Column("uuid", { name: "counsel_id", nullable: true })
  counselId: string | null;

  @Field({ description: "When the person asked to contact counsel." })
  @RequiresScopes(SCOPES.CASE_READ)
  @Column("timestamptz", { name: "requested_at" })
  requestedAt: Date;

  @Field(() => Date, { nullable: true, description: "When the contact was granted; null when not (yet) granted." })
  @RequiresScopes(SCOPES.CASE_READ)
  @Column("timestamptz", { name: "granted_at", nullable: true })
  grantedAt: Date | null;

  @Field(() => Date, { nullable: true, description: "When the contact took place; null when it has not." })
  @RequiresScopes(SCOPES.CASE_READ)
  @Column("timestamptz", { name: "held_at", nullable: true })
  heldAt: Date | null;

  @Field(() => String, { nullable: true, description: "Why the request was denied; null unless it was." })
  @RequiresScopes(SCOPES.CASE_READ)
  @Column("varchar", { name: "denied_reason", length: 1000, nullable: true })
  deniedReason: string | null;

  @Field({ description: "When the event was recorded." })
  @RequiresScopes(SCOPES.CASE_READ)
  @Column("timestamptz", { name: "recorded_at" })
  recordedAt: Date;
}

/** A note written by counsel under legal privilege. */
@ObjectType({ description: "A note by the counsel of record, under legal privilege." })
@Entity({ name: "privileged_note" })
@Index("privileged_note_by_case", ["caseId", "createdAt"])
export class PrivilegedNote {
  @Field(() => ID, { description: "Stable identifier." })
  @RequiresScopes(SCOPES.CASE_READ)
  @PrimaryColumn("uuid")
  id: string;

  @Column("uuid", { name: "case_id" })
  caseId: string;

  @Field(() => ID, { description: "The counsel who wrote it." })
  @RequiresScopes(SCOPES.CASE_READ)
  @Column("uuid", { name: "counsel_id" })
  counselId: string;

  @Field({ description: "When it was written." })
  @RequiresScopes(SCOPES.CASE_READ)
  @Column("timestamptz", { name: "created_at" })
  createdAt: Date;

  @Field(() => String, {
    nullable: true,
    description: "The note. Privileged: only its author (the counsel who wrote it) reads it; null for anyone else.",
  })
  @RequiresScopes(SCOPES.CASE_PRIVILEGED)
  @Column("text")
  text: string | null;
}
