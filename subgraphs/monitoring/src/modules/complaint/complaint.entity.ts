import { Classified, RecordOf } from "@kgraph/platform";
import { ComplaintRecords } from "./complaint.records";
import { Directive, Field, ID, ObjectType } from "type-graphql";
import { Column, Entity, Index, PrimaryColumn } from "typeorm";
import { ComplaintCategory, ComplaintChannel, ComplaintOutcome, ComplaintStatus } from "./complaint-enums";

/**
 * A complaint to the complaints mechanism. The receipt code given to the complainant is stored
 * only as its SHA-256 hash; the complainant's identity is kept only when they gave it; the case
 * it concerns is kept as an id and shown to monitors as a pseudonym.
 */
@RecordOf(() => ComplaintRecords, (complaint: Complaint) => complaint.id)
@Directive('@key(fields: "id")')
@ObjectType({ description: "A complaint about treatment or conditions, and its handling." })
@Entity({ name: "complaint" })
@Index("complaint_received_keyset", ["receivedAt", "id"])
export class Complaint {
  @Field(() => ID, { description: "Stable identifier." })
  @PrimaryColumn("uuid")
  id: string;

  /** SHA-256 (hex) of the normalized receipt code; the code itself is never stored. */
  @Index({ unique: true })
  @Column("char", { name: "receipt_code_hash", length: 64 })
  receiptCodeHash: string;

  @Column("varchar", { name: "receipt_code_last_group", length: 8 })
  receiptCodeLastGroup: string;

  @Classified("complaint")
  @Field(() => ComplaintChannel, { description: "How the complaint was received." })
  @Column("varchar", { length: 24 })
  channel: ComplaintChannel;

  @Classified("complaint")
  @Field({ description: "True when the complainant did not give their identity." })
  @Column("boolean")
  anonymous: boolean;

  @Classified("complaint")
  @Field(() => ComplaintCategory, { description: "What the complaint is about (may be corrected at triage)." })
  @Column("varchar", { length: 32 })
  category: ComplaintCategory;

  @Classified("complaint")
  @Field({ description: "The complaint as made." })
  @Column("text")
  text: string;

  @Classified("complaint")
  @Field(() => ComplaintStatus, {
    description: "Where the complaint stands; changes follow the complaint state machine.",
  })
  @Index()
  @Column("varchar", { length: 16 })
  status: ComplaintStatus;

  @Classified("complaint")
  @Field({ description: "When the complaint was received." })
  @Column("timestamptz", { name: "received_at" })
  receivedAt: Date;

  @Classified("complaint")
  @Field({ description: "When a decision is due: receipt plus the response period." })
  @Column("timestamptz", { name: "due_at" })
  dueAt: Date;

  @Classified("complaint")
  @Field({ description: "When the complaint last changed (status, escalation or decision)." })
  @Column("timestamptz", { name: "updated_at" })
  updatedAt: Date;

  @Classified("complainant")
  @Field(() => String, {
    nullable: true,
    description: "Who complained; null for an anonymous complaint. Identity data.",
  })
  @Column("varchar", { name: "complainant_name", length: 200, nullable: true })
  complainantName: string | null;

  @Classified("complainant")
  @Field(() => String, {
    nullable: true,
    description: "How to reach the complainant; null when anonymous or not given. Identity data.",
  })
  @Column("varchar", { name: "complainant_contact", length: 200, nullable: true })
  complainantContact: string | null;

  @Index()
  @Column("uuid", { name: "facility_id", nullable: true })
  facilityId: string | null;

  @Index()
  @Column("uuid", { name: "case_id", nullable: true })
  caseId: string | null;

  @Column("varchar", { name: "decision_outcome", length: 24, nullable: true })
  decisionOutcome: ComplaintOutcome | null;

  @Column("text", { name: "decision_text", nullable: true })
  decisionText: string | null;

  @Column("timestamptz", { name: "decided_at", nullable: true })
  decidedAt: Date | null;

  /** The `sub` of a signed-in caller who filed it (null for the public); for record rules only, never shown. */
  @Index()
  @Column("varchar", { name: "filed_by", length: 200, nullable: true })
  filedBy: string | null;
}

@ObjectType({ description: "The decision on a complaint." })
export class ComplaintDecision {
  @Classified("complaint", { ruleAppliedBy: "containerField" })
  @Field(() => ComplaintOutcome, { description: "The outcome." })
  outcome: ComplaintOutcome;

  @Classified("complaint", { ruleAppliedBy: "containerField" })
  @Field({ description: "The reasons and any remedy, as given to the complainant." })
  text: string;

  @Classified("complaint", { ruleAppliedBy: "containerField" })
  @Field({ description: "When the decision was made." })
  decidedAt: Date;
}

@ObjectType({ description: "What the complainant receives on filing. The receipt code is shown only here, once." })
export class ComplaintReceipt {
  @Field({
    description: "The code that lets its holder check the complaint's status; keep it safe, it cannot be shown again.",
  })
  receiptCode: string;

  @Field(() => ComplaintStatus, { description: "The complaint's status (RECEIVED)." })
  status: ComplaintStatus;

  @Field({ description: "When a decision is due." })
  dueAt: Date;
}

@ObjectType({ description: "What a receipt code's holder may know about their complaint: its progress, nothing else." })
export class ComplaintStatusCheck {
  @Field(() => ComplaintStatus, { description: "Where the complaint stands." })
  status: ComplaintStatus;

  @Field({ description: "When a decision is due." })
  dueAt: Date;

  @Field({ description: "When the complaint last changed." })
  updatedAt: Date;

  @Field(() => ComplaintOutcome, { nullable: true, description: "The outcome once decided; null before." })
  decisionOutcome: ComplaintOutcome | null;
}
