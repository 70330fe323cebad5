import { atMost, BoundedList, Classified, RecordOf } from "@kgraph/platform";
import { VisitRecords } from "./visit.records";
import { Directive, Field, ID, ObjectType } from "type-graphql";
import { Column, Entity, Index, PrimaryColumn } from "typeorm";
import { VisitPhase, VisitStatus } from "./visit-enums";

/**
 * A visit by a monitoring body to a facility. It moves PLANNED → IN_PROGRESS → COMPLETED →
 * REPORT_PUBLISHED; findings are recorded during and after the visit, until the report is
 * published.
 */
@RecordOf(() => VisitRecords, (monitoringVisit: MonitoringVisit) => monitoringVisit.id)
@Directive('@key(fields: "id")')
@ObjectType({ description: "A visit by a monitoring body to a facility, with what it found." })
@Entity({ name: "visit" })
@Index("visit_planned_keyset", ["plannedFor", "id"])
@Index("visit_facility_planned", ["facilityId", "plannedFor"])
export class MonitoringVisit {
  @Field(() => ID, { description: "Stable identifier." })
  @PrimaryColumn("uuid")
  id: string;

  @Index()
  @Column("uuid", { name: "body_id" })
  bodyId: string;

  @Column("uuid", { name: "facility_id" })
  facilityId: string;

  @Classified("monitoringReport")
  // At most 6: each VisitPhase at most once.
  @BoundedList(6)
  @Field(() => [VisitPhase], {
    description: "The parts the visit covers, in the order they are planned." + " " + atMost(6),
  })
  @Column("varchar", { array: true, length: 32 })
  phases: VisitPhase[];

  @Classified("monitoringReport")
  @Field({ description: "True when the facility was told in advance; false for an unannounced visit." })
  @Column("boolean")
  announced: boolean;

  @Classified("monitoringReport")
  @Field({ description: "When the visit is planned to start; visit lists are ordered by it, newest first." })
  @Column("timestamptz", { name: "planned_for" })
  plannedFor: Date;

  @Classified("monitoringReport")
  @Field(() => Date, { nullable: true, description: "When the monitors arrived; null while PLANNED." })
  @Column("timestamptz", { name: "started_at", nullable: true })
  startedAt: Date | null;

  @Classified("monitoringReport")
  @Field(() => Date, {
    nullable: true,
    description: "When the visit ended; null until COMPLETED. Never before `startedAt`.",
  })
  @Column("timestamptz", { name: "ended_at", nullable: true })
  endedAt: Date | null;

  @Classified("monitoringReport")
  @Field(() => VisitStatus, { description: "Where the visit stands; changes follow the visit state machine." })
  @Index()
  @Column("varchar", { length: 24 })
  status: VisitStatus;

  @Classified("monitoringReport")
  @Field(() => Date, { nullable: true, description: "When the visit report was published; null before." })
  @Column("timestamptz", { name: "published_at", nullable: true })
  publishedAt: Date | null;

  @Classified("monitoringReport")
  @Field(() => String, { nullable: true, description: "Summary of the published report; null before publication." })
  @Column("text", { name: "report_summary", nullable: true })
  reportSummary: string | null;

  @Classified("monitoringReport")
  @Field({ description: "When the visit was planned in this system." })
  @Column("timestamptz", { name: "created_at" })
  createdAt: Date;
}
