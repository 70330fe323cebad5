import { Classified, RecordOf } from "@kgraph/platform";
import { Directive, Field, Int, ObjectType, registerEnumType } from "type-graphql";
import { Case } from "../case/case.entity";
import { CaseRecords } from "../case/case.records";
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
 * the overdue obligations whose facts it owns, the cases.
 */
@Directive('@key(fields: "agency")')
@ObjectType({ description: "One agency's overdue ledger: what it owes that is past due, with ageing." })
export class OverdueLedger {
  @Field(() => TaskForceAgency, { description: "The agency that owes." })
  agency: TaskForceAgency;
}

/** A case whose arrival started a time limit that has passed with the obligation still unmet. */
@RecordOf(() => CaseRecords, (entry: OverdueCaseObligation) => entry.case.id)
@ObjectType({ description: "An obligation owed on a case that is past its time limit, and how late." })
export class OverdueCaseObligation {
  @Field(() => ObligationKind, { description: "Which time limit (the obligations catalogue's kind)." })
  @Classified("case")
  kind: ObligationKind;

  @Field({ description: "When it was due: arrival plus the time limit." })
  @Classified("case")
  dueAt: Date;

  @Field(() => Int, { description: "Whole days past due at the time asked about (0: less than a day)." })
  @Classified("case")
  daysOverdue: number;

  @Field(() => AgeingBand, { description: "Its ageing band." })
  @Classified("case")
  band: AgeingBand;

  @Field(() => Case, { description: "The case it is owed on." })
  @Classified("case")
  case: Case;
}
