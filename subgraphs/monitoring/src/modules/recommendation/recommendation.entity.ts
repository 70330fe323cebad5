import { Classified, RecordOf } from "@kgraph/platform";
import { RecommendationRecords } from "./recommendation.records";
import { Directive, Field, ID, ObjectType, registerEnumType } from "type-graphql";
import { Column, Entity, Index, PrimaryColumn } from "typeorm";

export enum RecommendationStatus {
  OPEN = "OPEN",
  ACCEPTED = "ACCEPTED",
  REJECTED = "REJECTED",
  IMPLEMENTED = "IMPLEMENTED",
  OVERDUE = "OVERDUE",
}
registerEnumType(RecommendationStatus, {
  name: "RecommendationStatus",
  description: "Where a recommendation stands with the authority it is addressed to.",
  valuesConfig: {
    OPEN: { description: "Awaiting the authority's response; the due date has not passed." },
    ACCEPTED: { description: "The authority accepted it and is to implement it." },
    REJECTED: { description: "The authority rejected it, with its reasons (final)." },
    IMPLEMENTED: { description: "Accepted and implemented (final)." },
    OVERDUE: { description: "Still awaiting the authority's response after its due date (derived: stored as OPEN)." },
  },
});

/** Statuses a recommendation is stored with; OVERDUE is derived from OPEN and the due date when read. */
export type StoredRecommendationStatus = Exclude<RecommendationStatus, RecommendationStatus.OVERDUE>;

@ObjectType({ description: "The authority's answer to a recommendation." })
export class RecommendationResponse {
  @Classified("monitoringReport", { ruleAppliedBy: "containerField" })
  @Field({ description: "True when the authority accepted the recommendation, false when it rejected it." })
  accepted: boolean;

  @Classified("monitoringReport", { ruleAppliedBy: "containerField" })
  @Field({ description: "The authority's response as given." })
  text: string;

  @Classified("monitoringReport", { ruleAppliedBy: "containerField" })
  @Field({ description: "When the response was recorded." })
  respondedAt: Date;

  @Classified("monitoring", { ruleAppliedBy: "containerField" })
  @Field(() => String, {
    nullable: true,
    description: "Who recorded the response (the caller's user id); null when recorded without an identified caller.",
  })
  respondedBy: string | null;
}

/**
 * What a monitoring body asks an authority to change, following a finding. The facility and
 * visit are copied from the finding so a facility's open recommendations are one indexed read.
 */
// An entity, so the task force (oversight) can point to a recommendation its action items follow up.
@Directive('@key(fields: "id")')
@RecordOf(() => RecommendationRecords, (recommendation: Recommendation) => recommendation.id)
@ObjectType({
  description: "What a monitoring body recommends an authority do about a finding, and the authority's response.",
})
@Entity({ name: "recommendation" })
@Index("recommendation_facility_status", ["facilityId", "status", "dueAt"])
export class Recommendation {
  @Field(() => ID, { description: "Stable identifier." })
  @PrimaryColumn("uuid")
  id: string;

  @Index()
  @Column("uuid", { name: "finding_id" })
  findingId: string;

  @Index()
  @Column("uuid", { name: "visit_id" })
  visitId: string;

  @Column("uuid", { name: "facility_id" })
  facilityId: string;

  @Classified("monitoringReport")
  @Field({
    description:
      'The authority the recommendation is addressed to, e.g. "Ministry of Internal Affairs" or "Facility management".',
  })
  @Column("varchar", { length: 200 })
  addressee: string;

  @Classified("monitoringReport")
  @Field({ description: "What is recommended." })
  @Column("text")
  text: string;

  @Classified("monitoringReport")
  @Field({ description: "When the authority is to have acted on it." })
  @Column("timestamptz", { name: "due_at" })
  dueAt: Date;

  /** Stored status: OPEN, ACCEPTED, REJECTED or IMPLEMENTED; the `status` field derives OVERDUE. */
  @Column("varchar", { length: 16 })
  status: StoredRecommendationStatus;

  @Column("boolean", { name: "response_accepted", nullable: true })
  responseAccepted: boolean | null;

  @Column("text", { name: "response_text", nullable: true })
  responseText: string | null;

  @Column("timestamptz", { name: "responded_at", nullable: true })
  respondedAt: Date | null;

  @Column("varchar", { name: "responded_by", length: 200, nullable: true })
  respondedBy: string | null;

  @Classified("monitoringReport")
  @Field(() => Date, { nullable: true, description: "When it was marked implemented; null before." })
  @Column("timestamptz", { name: "implemented_at", nullable: true })
  implementedAt: Date | null;

  @Classified("monitoringReport")
  @Field({ description: "When the recommendation was recorded." })
  @Column("timestamptz", { name: "created_at" })
  createdAt: Date;
}
