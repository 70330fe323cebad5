import { BoundedList, Classified, PublicFigure, RecordOf, atMost } from "@kgraph/platform";
import { Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { Column, Entity, Index, PrimaryColumn } from "typeorm";
import { TaskForceAgency } from "../../agency";
import { AssessmentRecords } from "./assessment.records";
import { AssessmentScope, AssessmentStatus } from "./assessment.policy";

/** `findings` holds at most this many (the inputs refuse more). */
export const MAX_FINDINGS = 50;

registerEnumType(AssessmentStatus, {
  name: "AssessmentStatus",
  description: "Where an impact assessment stands: DRAFT → CONSULTATION → PUBLISHED.",
  valuesConfig: {
    DRAFT: { description: "Being written by the Ombudsperson; read by the task force's agencies." },
    CONSULTATION: { description: "Put to consultation: monitoring bodies (civil society) read it too." },
    PUBLISHED: { description: "Published (final): everyone reads it; its indicators are frozen." },
  },
});

registerEnumType(AssessmentScope, {
  name: "AssessmentScope",
  description: "What an impact assessment covers.",
  valuesConfig: {
    PROGRAMME: { description: "The whole programme; its publication publishes the quarter's public report." },
    FACILITY: { description: "One facility: its indicators are that facility's cells." },
    POLICY: { description: "One policy of the programme (named in `policy`)." },
  },
});

/**
 * A periodic human rights impact assessment (DESIGN §5): a quarter, a scope, a method, findings
 * and recommendations; its indicators come from the graph's public quarter figures and are
 * frozen when it is published, so a published figure never changes.
 */
@RecordOf(() => AssessmentRecords, (assessment: ImpactAssessment) => assessment.id)
@ObjectType({
  description:
    "A human rights impact assessment of one quarter: scope, method, indicators, findings and recommendations; DRAFT → CONSULTATION → PUBLISHED, its indicators frozen at publication.",
})
@Entity({ name: "impact_assessment" })
@Index("impact_assessment_by_creation", ["createdAt", "id"])
export class ImpactAssessment {
  @Field(() => ID, { description: "Stable identifier." })
  @Classified("assessment")
  @PrimaryColumn("uuid")
  id: string;

  /** The task force that follows up its recommendations (as action items, once published). */
  @Column("uuid", { name: "task_force_id" })
  taskForceId: string;

  @Field({ description: "Its title." })
  @Classified("assessment")
  @Column("varchar", { length: 200 })
  title: string;

  @Field({ description: "The quarter assessed, as YYYY-Qn." })
  @Classified("assessment")
  @Column("varchar", { length: 7 })
  quarter: string;

  @Field(() => AssessmentScope, { description: "What it covers." })
  @Classified("assessment")
  @Column("varchar", { length: 16 })
  scope: AssessmentScope;

  @Column("uuid", { name: "facility_id", nullable: true })
  facilityId: string | null;

  @Field(() => String, { nullable: true, description: "The policy assessed (POLICY scope); null otherwise." })
  @Classified("assessment")
  @Column("varchar", { length: 300, nullable: true })
  policy: string | null;

  @Field({ description: "How the assessment was made: sources, consultation, limits." })
  @Classified("assessment")
  @Column("text")
  method: string;

  @BoundedList(MAX_FINDINGS)
  @Field(() => [String], { description: "What it found, in order. " + atMost(MAX_FINDINGS) })
  @Classified("assessment")
  @Column("text", { array: true })
  findings: string[];

  @Field(() => AssessmentStatus, { description: "Where it stands." })
  @Classified("assessment")
  @Column("varchar", { length: 16 })
  status: AssessmentStatus;

  /** The indicators as published: the quarter's public figures at publication, never recomputed. */
  @Column("jsonb", { name: "frozen_indicators", nullable: true })
  frozenIndicators: PublicFigure[] | null;

  @Field({ description: "When it was drafted." })
  @Classified("assessment")
  @Column("timestamptz", { name: "created_at" })
  createdAt: Date;

  @Field(() => Date, { nullable: true, description: "When it was put to consultation; null before." })
  @Classified("assessment")
  @Column("timestamptz", { name: "consultation_at", nullable: true })
  consultationAt: Date | null;

  @Field(() => Date, { nullable: true, description: "When it was published (indicators frozen); null before." })
  @Classified("assessment")
  @Column("timestamptz", { name: "published_at", nullable: true })
  publishedAt: Date | null;
}

/** One recommendation of an assessment: to whom, by when; followed up as an action item once published. */
@RecordOf(() => AssessmentRecords, (recommendation: AssessmentRecommendation) => recommendation.assessmentId)
@ObjectType({
  description:
    "A recommendation of an impact assessment: what, to which agency, by when. Once the assessment is published it is followed up as a task-force action item owned by that agency (and shows in its overdue ledger when late).",
})
@Entity({ name: "assessment_recommendation" })
@Index("assessment_recommendation_order", ["assessmentId", "position"], { unique: true })
export class AssessmentRecommendation {
  @Field(() => ID, { description: "Stable identifier." })
  @Classified("assessment")
  @PrimaryColumn("uuid")
  id: string;

  @Column("uuid", { name: "assessment_id" })
  assessmentId: string;

  @Field(() => Int, { description: "Its place in the assessment, from 1." })
  @Classified("assessment")
  @Column("int")
  position: number;

  @Field({ description: "What is recommended." })
  @Classified("assessment")
  @Column("varchar", { length: 2000 })
  text: string;

  @Field(() => TaskForceAgency, { description: "The agency it is addressed to." })
  @Classified("assessment")
  @Column("varchar", { name: "addressee_agency", length: 24 })
  addressee: TaskForceAgency;

  @Field(() => ID, {
    nullable: true,
    description: "The facility (FACILITY_OPERATOR) or monitoring body (CIVIL_SOCIETY) addressed; null otherwise.",
  })
  @Classified("assessment")
  @Column("uuid", { name: "addressee_org_id", nullable: true })
  addresseeOrgId: string | null;

  /** The official who answers for it (the follow-up action item's owner). */
  @Column("varchar", { name: "addressee_official_name", length: 200 })
  addresseeOfficialName: string;

  @Field({ description: "When the addressee is to have acted on it." })
  @Classified("assessment")
  @Column("timestamptz", { name: "due_at" })
  dueAt: Date;

  /** The action item that follows it up; null until the assessment is published. */
  @Column("uuid", { name: "action_item_id", nullable: true })
  actionItemId: string | null;
}
