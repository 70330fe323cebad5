import { atMost, BoundedList } from "../bounded-list";
import { Directive, Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { Column, Entity, Index, PrimaryGeneratedColumn } from "typeorm";
import { MAX_SUBJECT_LENGTH } from "../auth/verifier";

/** The longest client operation name an event keeps (a GraphQL name the gateway vouches for is no longer). */
export const MAX_OPERATION_NAME_LENGTH = 100;

export enum AuditKind {
  READ = "READ",
  WRITE = "WRITE",
}
registerEnumType(AuditKind, {
  name: "AuditKind",
  description: "Whether an audit event records a read of protected data or a write.",
  valuesConfig: {
    READ: { description: "Identity, sensitive, privileged or complainant data was read." },
    WRITE: { description: "Data was changed." },
  },
});

@Directive("@shareable")
@ObjectType({ description: "One record touched by an audited operation, and which of its fields." })
export class AuditEntry {
  @Field({ description: "The GraphQL type of the record, e.g. Person or Case." })
  type: string;

  @Field(() => String, { nullable: true, description: "The record's id (for a person's data: the case id)." })
  id: string | null;

  // At most 200: fields of one type.
  @BoundedList(200)
  @Field(() => [String], { description: "The fields read or written." + " " + atMost(200) })
  fields: string[];
}

/**
 * One link of a subgraph's append-only, hash-chained audit trail. Each event's hash covers its
 * content and the previous event's hash, so changing or removing any event breaks every link
 * after it (`npm run audit:verify` names the first broken one).
 */
@Directive("@shareable")
@ObjectType({ description: "An entry of the audit trail: who did what to which records, and when." })
@Entity({ name: "audit_event" })
// A GIN index on record_ids (for "every event touching record X") is created by hand in the
// migration; TypeORM cannot declare GIN indexes, and synchronize: false keeps it out of drift checks.
@Index("audit_event_record_ids", { synchronize: false })
export class AuditEvent {
  @Field({ name: "sequence", description: "Position in this subgraph's chain (1, 2, …)." })
  @PrimaryGeneratedColumn("increment", { type: "bigint" })
  seq: string;

  @Field(() => ID, { description: "Stable identifier." })
  @Column("uuid", { unique: true })
  id: string;

  @Field({ description: "The subgraph whose trail this event belongs to." })
  @Column("varchar", { length: 32 })
  subgraph: string;

  @Field({ description: "When it happened." })
  @Index()
  @Column("timestamptz")
  at: Date;

  @Field(() => String, {
    nullable: true,
    description: "Who: the caller's subject (user id); null for a public caller.",
  })
  @Index()
  @Column("varchar", { name: "actor_sub", length: MAX_SUBJECT_LENGTH, nullable: true })
  actorSub: string | null;

  // At most 20: the platform has 8 roles.
  @BoundedList(20)
  @Field(() => [String], { description: "The caller's roles at the time." + " " + atMost(20) })
  @Column("text", { name: "actor_roles", array: true })
  actorRoles: string[];

  @Field(() => AuditKind, { description: "READ of protected data, or WRITE." })
  @Column("varchar", { length: 8 })
  kind: AuditKind;

  @Field({
    description:
      "What executed, as the subgraph saw it: `mutation <field>` for a write, `query { <root fields> }` for a read. Never the client's name for it (see clientOperationName).",
  })
  @Column("varchar", { length: 300 })
  operation: string;

  @Field(() => String, {
    nullable: true,
    description:
      "CLIENT-SUPPLIED, unverified: the name the client gave its operation (`LooksHarmless` for `query LooksHarmless { … }`). It may say anything; what actually ran is `operation`.",
  })
  @Column("varchar", { name: "client_operation_name", length: MAX_OPERATION_NAME_LENGTH, nullable: true })
  clientOperationName: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      "The request id the platform itself assigned: the gateway's own (the same in every subgraph and in the logs), or, for a request that did not provably come from the gateway, the subgraph's own. Never an id the client chose.",
  })
  @Index()
  @Column("varchar", { name: "request_id", length: 128, nullable: true })
  requestId: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      "CLIENT-SUPPLIED, unverified: the request id the client sent (its `x-request-id`), kept beside requestId to match the client's own logs.",
  })
  @Column("varchar", { name: "client_request_id", length: 128, nullable: true })
  clientRequestId: string | null;

  // At most 1000: records one request reads or writes.
  @BoundedList(1000)
  @Field(() => [String], { description: "Every record id touched." + " " + atMost(1000) })
  @Column("text", { name: "record_ids", array: true })
  recordIds: string[];

  // At most 1000: fields one request reads or writes.
  @BoundedList(1000)
  @Field(() => [String], { description: "Every field touched, as Type.field." + " " + atMost(1000) })
  @Column("text", { array: true })
  fields: string[];

  // At most 1000: records one request reads or writes.
  @BoundedList(1000)
  @Field(() => [AuditEntry], { description: "Records and fields, record by record." + " " + atMost(1000) })
  @Column("jsonb")
  entries: AuditEntry[];

  @Field({ description: "SHA-256 of the previous event's hash and this event's content." })
  @Column("char", { length: 64 })
  hash: string;

  @Field({ description: "The previous event's hash (64 zeros for the first event)." })
  @Column("char", { name: "previous_hash", length: 64 })
  previousHash: string;

  @Field(() => Int, {
    description:
      "Which canonical form `hash` covers: 1 for events written before the client-supplied fields were recorded apart, 2 since (it also covers those fields).",
  })
  @Column("smallint", { name: "hash_version", default: 1 })
  hashVersion: number;
}
