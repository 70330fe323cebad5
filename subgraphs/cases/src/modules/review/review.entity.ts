import { atMost, BoundedList, Classified, RecordOf } from "@kgraph/platform";
import { CaseRecords } from "../case/case.records";
import { Directive, Field, ID, ObjectType, registerEnumType } from "type-graphql";
import { Column, Entity, Index, PrimaryColumn } from "typeorm";

export enum ReviewDecisionCode {
  CONTINUE_PLACEMENT = "CONTINUE_PLACEMENT",
  CHANGE_PLACEMENT = "CHANGE_PLACEMENT",
  RELEASE_FROM_DETENTION = "RELEASE_FROM_DETENTION",
  MEDICAL_REFERRAL = "MEDICAL_REFERRAL",
  PSYCHOSOCIAL_REFERRAL = "PSYCHOSOCIAL_REFERRAL",
  LEGAL_AID_REFERRAL = "LEGAL_AID_REFERRAL",
  REFER_FOR_ASYLUM = "REFER_FOR_ASYLUM",
  FAMILY_TRACING = "FAMILY_TRACING",
  PLAN_ONWARD_RETURN = "PLAN_ONWARD_RETURN",
  SUSPEND_ONWARD_RETURN = "SUSPEND_ONWARD_RETURN",
  OTHER = "OTHER",
}
registerEnumType(ReviewDecisionCode, {
  name: "ReviewDecisionCode",
  description: "The kind of decision a joint case review takes.",
  valuesConfig: {
    CONTINUE_PLACEMENT: { description: "Keep the current placement." },
    CHANGE_PLACEMENT: { description: "Move the person to another facility or regime." },
    RELEASE_FROM_DETENTION: { description: "End a detained regime." },
    MEDICAL_REFERRAL: { description: "Refer for medical care." },
    PSYCHOSOCIAL_REFERRAL: { description: "Refer for psychosocial support." },
    LEGAL_AID_REFERRAL: { description: "Refer for legal aid." },
    REFER_FOR_ASYLUM: { description: "Refer to the asylum procedure." },
    FAMILY_TRACING: { description: "Start or continue family tracing." },
    PLAN_ONWARD_RETURN: { description: "Start planning onward return." },
    SUSPEND_ONWARD_RETURN: { description: "Hold onward return (e.g. pending screening or appeal)." },
    OTHER: { description: "Another decision; the text says which." },
  },
});

/**
 * One decision of a review; stored inside the review (jsonb). What a review decides (a medical
 * referral, a referral to asylum, a suspended return) reveals protection and medical outcomes:
 * sensitive, like the screening outcome.
 */
@RecordOf(() => CaseRecords, (decision: ReviewDecision) => decision.caseId)
@ObjectType({ description: "One decision taken at a joint case review. Sensitive." })
export class ReviewDecision {
  /** The reviewed case (set when served; never stored in the decision). */
  declare caseId?: string;

  @Field(() => ReviewDecisionCode, { description: "The kind of decision." })
  @Classified("sensitive")
  code: ReviewDecisionCode;

  @Field({ description: "The decision in words: what, by whom, by when." })
  @Classified("sensitive")
  text: string;
}

/**
 * A joint inter-agency review of a case after arrival: who sat on the panel, what it decided.
 * An entity, so the task force (oversight) can point to the review whose gap it takes up.
 */
@Directive('@key(fields: "id")')
@RecordOf(() => CaseRecords, (review: CaseReview) => review.caseId)
@ObjectType({ description: "A joint inter-agency review of a case, with its panel and decisions." })
@Entity({ name: "case_review" })
@Index("case_review_by_case", ["caseId", "heldAt"])
export class CaseReview {
  @Field(() => ID, { description: "Stable identifier." })
  @Classified("case")
  @PrimaryColumn("uuid")
  id: string;

  @Column("uuid", { name: "case_id" })
  caseId: string;

  @Field({ description: "When the review was held." })
  @Classified("case")
  @Column("timestamptz", { name: "held_at" })
  heldAt: Date;

  // At most 30: as many as `recordCaseReview` accepts.
  @BoundedList(30)
  @Field(() => [String], {
    description: 'Who sat on the panel, e.g. "MIA case officer", "Centre for Social Work".' + " " + atMost(30),
  })
  @Classified("case")
  @Column("text", { array: true })
  panel: string[];

  @Column("jsonb")
  decisions: ReviewDecision[];

  @Field({ description: "When the review was recorded." })
  @Classified("case")
  @Column("timestamptz", { name: "recorded_at" })
  recordedAt: Date;
}
