import { Classified, RecordOf } from "@kgraph/platform";
import { Directive, Field, Int, ObjectType, registerEnumType } from "type-graphql";
import { Complaint } from "../complaint/complaint.entity";
import { ComplaintRecords } from "../complaint/complaint.records";
import { Recommendation } from "../recommendation/recommendation.entity";
import { RecommendationRecords } from "../recommendation/recommendation.records";
import { AgeingBand, ObligationKind, TaskForceAgency } from "./overdue.policy";

// Descriptions exactly as the oversight subgraph registers these enums (composition merges them).
registerEnumType(TaskForceAgency, {
  name: "TaskForceAgency",
  description: "An agency of the inter-agency task force.",
  valuesConfig: {
    MIA: { description: "Kosovo Ministry of Internal Affairs." },
    DHS: { description: "US Department of Homeland Security (its liaison)." },
    OMBUDSPERSON: { description: "The Ombudsperson Institution (national preventive mechanism)." },
    FACILITY_OPERATOR: { description: "The operator of a facility (the facility's id is its organisation id)." },
    CIVIL_SOCIETY: { description: "A civil-society monitoring body (its id is its organisation id)." },
  },
});

registerEnumType(AgeingBand, {
  name: "AgeingBand",
  description: "How long something has been overdue.",
  valuesConfig: {
    DAYS_0_TO_7: { description: "0 to 7 whole days past due." },
    DAYS_8_TO_30: { description: "8 to 30 days." },
    DAYS_31_TO_90: { description: "31 to 90 days." },
    OVER_90_DAYS: { description: "More than 90 days." },
  },
});

registerEnumType(ObligationKind, {
  name: "ObligationKind",
  description: "A time limit the programme lives by.",
  valuesConfig: {
    RIGHTS_INFORMATION: { description: "Information on rights, in a language the person understands, after arrival." },
    COUNSEL_OFFER: { description: "An offer of legal counsel after arrival." },
    PROTECTION_SCREENING: { description: "Protection screening after arrival." },
    COMPLAINT_ACKNOWLEDGEMENT: { description: "Acknowledging a complaint after it is filed." },
    COMPLAINT_DECISION: { description: "Deciding a complaint after it is filed." },
    RECOMMENDATION_RESPONSE: { description: "The authority's response to a monitoring recommendation." },
    ACTION_ITEM: { description: "A task-force action item, by the due date the task force set." },
  },
});

/**
 * The task force's ledger of one agency (owned by the oversight subgraph): this subgraph adds
 * the overdue obligations whose facts it owns, complaints and recommendations.
 */
@Directive('@key(fields: "agency")')
@ObjectType({ description: "One agency's overdue ledger: what it owes that is past due, with ageing." })
export class OverdueLedger {
  @Field(() => TaskForceAgency, { description: "The agency that owes." })
  agency: TaskForceAgency;
}

/** A complaint's acknowledgement or decision past its time limit. */
@RecordOf(() => ComplaintRecords, (entry: OverdueComplaintObligation) => entry.complaint.id)
@ObjectType({ description: "A complaint's acknowledgement or decision that is past its time limit, and how late." })
export class OverdueComplaintObligation {
  @Field(() => ObligationKind, { description: "COMPLAINT_ACKNOWLEDGEMENT or COMPLAINT_DECISION." })
  @Classified("complaint")
  kind: ObligationKind;

  @Field({ description: "When it was due: receipt plus 72 hours, or the complaint's decision due date." })
  @Classified("complaint")
  dueAt: Date;

  @Field(() => Int, { description: "Whole days past due at the time asked about (0: less than a day)." })
  @Classified("complaint")
  daysOverdue: number;

  @Field(() => AgeingBand, { description: "Its ageing band." })
  @Classified("complaint")
  band: AgeingBand;

  @Field(() => Complaint, { description: "The complaint." })
  @Classified("complaint")
  complaint: Complaint;
}

/** A recommendation still awaiting its addressee's response after its due date. */
@RecordOf(() => RecommendationRecords, (entry: OverdueRecommendationResponse) => entry.recommendation.id)
@ObjectType({ description: "A recommendation whose response is past due, and how late." })
export class OverdueRecommendationResponse {
  @Field(() => ObligationKind, { description: "RECOMMENDATION_RESPONSE." })
  @Classified("monitoringReport")
  kind: ObligationKind;

  @Field({ description: "When the response was due (the recommendation's due date)." })
  @Classified("monitoringReport")
  dueAt: Date;

  @Field(() => Int, { description: "Whole days past due at the time asked about (0: less than a day)." })
  @Classified("monitoringReport")
  daysOverdue: number;

  @Field(() => AgeingBand, { description: "Its ageing band." })
  @Classified("monitoringReport")
  band: AgeingBand;

  @Field(() => Recommendation, { description: "The recommendation." })
  @Classified("monitoringReport")
  recommendation: Recommendation;
}
