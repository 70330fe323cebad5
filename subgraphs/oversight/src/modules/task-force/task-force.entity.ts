import { Classified, RecordOf } from "@kgraph/platform";
import { Field, ID, ObjectType } from "type-graphql";
import { Column, Entity, Index, PrimaryColumn } from "typeorm";
import { TaskForceAgency } from "../../agency";
import { TaskForceRecords } from "./task-force.records";

/** The dedicated inter-agency task force the programme's founding text asks for. */
@RecordOf(() => TaskForceRecords, (taskForce: TaskForce) => taskForce.id)
@ObjectType({ description: "An inter-agency task force: its mandate, members and meetings." })
@Entity({ name: "task_force" })
export class TaskForce {
  @Field(() => ID, { description: "Stable identifier." })
  @Classified("oversight")
  @PrimaryColumn("uuid")
  id: string;

  @Field({ description: "Its name." })
  @Classified("oversight")
  @Column("varchar", { length: 200 })
  name: string;

  @Field({ description: "What it is for, in the words that set it up." })
  @Classified("oversight")
  @Column("text", { name: "mandate_text" })
  mandateText: string;

  @Field({ description: 'Where that text comes from, e.g. "Agreement art. 9(1)".' })
  @Classified("oversight")
  @Column("varchar", { name: "mandate_source", length: 300 })
  mandateSource: string;

  @Field({ description: "When it was set up." })
  @Classified("oversight")
  @Column("timestamptz", { name: "established_at" })
  establishedAt: Date;
}

/** A seat on the task force: an agency, and the official who holds the seat for it. */
@RecordOf(() => TaskForceRecords, (member: TaskForceMember) => member.taskForceId)
@ObjectType({ description: "A member of a task force: the agency and the official sitting for it." })
@Entity({ name: "task_force_member" })
@Index("task_force_member_by_task_force", ["taskForceId", "agency"])
export class TaskForceMember {
  @Field(() => ID, { description: "Stable identifier." })
  @Classified("oversight")
  @PrimaryColumn("uuid")
  id: string;

  @Column("uuid", { name: "task_force_id" })
  taskForceId: string;

  @Field(() => TaskForceAgency, { description: "The agency the member sits for." })
  @Classified("oversight")
  @Column("varchar", { length: 24 })
  agency: TaskForceAgency;

  @Field(() => ID, {
    nullable: true,
    description: "The official's id in the training subgraph, when registered there.",
  })
  @Classified("oversight")
  @Column("uuid", { name: "official_id", nullable: true })
  officialId: string | null;

  @Field({ description: "The official's name, as they sit on the task force." })
  @Classified("oversight")
  @Column("varchar", { name: "official_name", length: 200 })
  officialName: string;

  @Field({ description: 'Their role there, e.g. "Head of the Department for Citizenship, Asylum and Migration".' })
  @Classified("oversight")
  @Column("varchar", { name: "role_title", length: 200 })
  roleTitle: string;

  @Field(() => ID, {
    nullable: true,
    description:
      "The organisation: the monitoring body (civil society) or the facility (its operator); null otherwise.",
  })
  @Classified("oversight")
  @Column("uuid", { name: "org_id", nullable: true })
  orgId: string | null;

  @Field({ description: "When they joined." })
  @Classified("oversight")
  @Column("timestamptz", { name: "joined_at" })
  joinedAt: Date;

  @Field(() => Date, { nullable: true, description: "When they left; null while they sit." })
  @Classified("oversight")
  @Column("timestamptz", { name: "left_at", nullable: true })
  leftAt: Date | null;
}

/** One power of the task force: what it decides, and the text that grants it. */
@RecordOf(() => TaskForceRecords, (mandate: Mandate) => mandate.taskForceId)
@ObjectType({ description: "What a task force may decide, with the text that grants it." })
@Entity({ name: "mandate" })
@Index("mandate_by_task_force", ["taskForceId"])
export class Mandate {
  @Field(() => ID, { description: "Stable identifier." })
  @Classified("oversight")
  @PrimaryColumn("uuid")
  id: string;

  @Column("uuid", { name: "task_force_id" })
  taskForceId: string;

  @Field({ description: "What it decides." })
  @Classified("oversight")
  @Column("text")
  decides: string;

  @Field({ description: "The text that grants it, as written." })
  @Classified("oversight")
  @Column("text", { name: "granting_text" })
  grantingText: string;

  @Field({ description: 'Where that text comes from, e.g. "Agreement art. 9(2)".' })
  @Classified("oversight")
  @Column("varchar", { length: 300 })
  source: string;
}
