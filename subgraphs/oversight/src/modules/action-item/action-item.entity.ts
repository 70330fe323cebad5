import { Classified, RecordOf } from "@kgraph/platform";
import { Directive, Field, ID, ObjectType, registerEnumType } from "type-graphql";
import { Column, Entity, Index, PrimaryColumn } from "typeorm";
import { TaskForceAgency } from "../../agency";
import { ActionItemRecords } from "./action-item.records";

export enum ActionItemStatus {
  OPEN = "OPEN",
  IN_PROGRESS = "IN_PROGRESS",
  DONE = "DONE",
  DROPPED = "DROPPED",
}

registerEnumType(ActionItemStatus, {
  name: "ActionItemStatus",
  description: "Where an action item stands: OPEN → IN_PROGRESS → DONE, or DROPPED (from OPEN or IN_PROGRESS).",
  valuesConfig: {
    OPEN: { description: "Agreed, not started." },
    IN_PROGRESS: { description: "Its owner is working on it." },
    DONE: { description: "Done (final)." },
    DROPPED: { description: "No longer pursued, with the reason why (final)." },
  },
});

/** Who owes an action item: the agency, the official, and for some agencies the organisation. */
@ObjectType({ description: "Who owns an action item." })
export class ActionItemOwner {
  @Field(() => TaskForceAgency, { description: "The agency that owes it." })
  @Classified("oversight", { ruleAppliedBy: "containerField" })
  agency: TaskForceAgency;

  @Field(() => ID, {
    nullable: true,
    description: "The official's id in the training subgraph, when registered there.",
  })
  @Classified("oversight", { ruleAppliedBy: "containerField" })
  officialId: string | null;

  @Field({ description: "The official responsible." })
  @Classified("oversight", { ruleAppliedBy: "containerField" })
  officialName: string;

  @Field(() => ID, {
    nullable: true,
    description:
      "The organisation: the facility (FACILITY_OPERATOR) or the monitoring body (CIVIL_SOCIETY); null otherwise.",
  })
  @Classified("oversight", { ruleAppliedBy: "containerField" })
  orgId: string | null;
}

/** Something the task force agreed an agency will do, by a date; other subgraphs may point to it. */
@Directive('@key(fields: "id")')
@RecordOf(() => ActionItemRecords, (item: ActionItem) => item.id)
@ObjectType({ description: "A task-force action item: who owes what by when, and what it concerns." })
@Entity({ name: "action_item" })
@Index("action_item_overdue", ["ownerAgency", "status", "dueAt"])
export class ActionItem {
  @Field(() => ID, { description: "Stable identifier." })
  @PrimaryColumn("uuid")
  id: string;

  @Column("uuid", { name: "task_force_id" })
  taskForceId: string;

  @Index()
  @Column("uuid", { name: "meeting_id", nullable: true })
  meetingId: string | null;

  @Column("uuid", { name: "decision_id", nullable: true })
  decisionId: string | null;

  @Column("uuid", { name: "agenda_item_id", nullable: true })
  agendaItemId: string | null;

  @Field({ description: "What is to be done." })
  @Classified("oversight")
  @Column("varchar", { length: 300 })
  title: string;

  @Column("varchar", { name: "owner_agency", length: 24 })
  ownerAgency: TaskForceAgency;

  @Column("uuid", { name: "owner_official_id", nullable: true })
  ownerOfficialId: string | null;

  @Column("varchar", { name: "owner_official_name", length: 200 })
  ownerOfficialName: string;

  @Index()
  @Column("uuid", { name: "owner_org_id", nullable: true })
  ownerOrgId: string | null;

  @Field({ description: "When it is due." })
  @Classified("oversight")
  @Column("timestamptz", { name: "due_at" })
  dueAt: Date;

  @Field(() => ActionItemStatus, { description: "Where it stands." })
  @Classified("oversight")
  @Column("varchar", { length: 16 })
  status: ActionItemStatus;

  /** The kind of record it concerns (ConcernKind), with `concernsId`; null when it concerns none. */
  @Column("varchar", { name: "concerns_kind", length: 24, nullable: true })
  concernsKind: string | null;

  @Index()
  @Column("uuid", { name: "concerns_id", nullable: true })
  concernsId: string | null;

  @Field({ description: "When it was agreed." })
  @Classified("oversight")
  @Column("timestamptz", { name: "created_at" })
  createdAt: Date;

  @Field({ description: "When it last changed." })
  @Classified("oversight")
  @Column("timestamptz", { name: "updated_at" })
  updatedAt: Date;
}

/** One step of an action item's life: from what status to what, why, when and by whom. */
@RecordOf(() => ActionItemRecords, (transition: ActionItemTransition) => transition.actionItemId)
@ObjectType({ description: "One change of an action item's status, with its reason." })
@Entity({ name: "action_item_transition" })
@Index("action_item_transition_by_item", ["actionItemId", "at"])
export class ActionItemTransition {
  @Field(() => ID, { description: "Stable identifier." })
  @Classified("oversight")
  @PrimaryColumn("uuid")
  id: string;

  @Column("uuid", { name: "action_item_id" })
  actionItemId: string;

  @Field(() => ActionItemStatus, { nullable: true, description: "The status before; null when the item was created." })
  @Classified("oversight")
  @Column("varchar", { name: "from_status", length: 16, nullable: true })
  from: ActionItemStatus | null;

  @Field(() => ActionItemStatus, { description: "The status after." })
  @Classified("oversight")
  @Column("varchar", { name: "to_status", length: 16 })
  to: ActionItemStatus;

  @Field({ description: "Why, as given." })
  @Classified("oversight")
  @Column("text")
  reason: string;

  @Field({ description: "When." })
  @Classified("oversight")
  @Column("timestamptz")
  at: Date;

  @Field(() => String, { nullable: true, description: "Who (the caller's user id); null when not identified." })
  @Classified("oversight")
  @Column("varchar", { name: "actor_sub", length: 200, nullable: true })
  by: string | null;
}
