import { Classified, RecordOf } from "@kgraph/platform";
import { Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { Column, Entity, PrimaryColumn } from "typeorm";
import { TaskForceAgency } from "../../agency";
import { ObligationRecords } from "./obligation.records";

export enum ObligationKind {
  RIGHTS_INFORMATION = "RIGHTS_INFORMATION",
  COUNSEL_OFFER = "COUNSEL_OFFER",
  PROTECTION_SCREENING = "PROTECTION_SCREENING",
  COMPLAINT_ACKNOWLEDGEMENT = "COMPLAINT_ACKNOWLEDGEMENT",
  COMPLAINT_DECISION = "COMPLAINT_DECISION",
  RECOMMENDATION_RESPONSE = "RECOMMENDATION_RESPONSE",
  ACTION_ITEM = "ACTION_ITEM",
}

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

/** One time limit, as data with its source: what is owed, by whom, within how long of what. */
@RecordOf(() => ObligationRecords, (obligation: Obligation) => obligation.id)
@ObjectType({
  description: "An obligation of the programme: what is owed, by whom, within what time, on what authority.",
})
@Entity({ name: "obligation" })
export class Obligation {
  @Field(() => ID, { description: "Stable identifier." })
  @Classified("oversight")
  @PrimaryColumn("uuid")
  id: string;

  @Field(() => ObligationKind, { description: "Which time limit it is." })
  @Classified("oversight")
  @Column("varchar", { length: 40, unique: true })
  kind: ObligationKind;

  @Field({ description: "What is owed, in a line." })
  @Classified("oversight")
  @Column("varchar", { length: 300 })
  title: string;

  @Field({ description: 'The text it comes from, e.g. "Agreement art. 7(2)".' })
  @Classified("oversight")
  @Column("varchar", { name: "source_text", length: 300 })
  sourceText: string;

  @Field(() => Int, {
    nullable: true,
    description: "The time limit in hours from `runsFrom`; null when each instance carries its own due date.",
  })
  @Classified("oversight")
  @Column("int", { name: "deadline_hours", nullable: true })
  deadlineHours: number | null;

  @Field({ description: 'The event the time limit runs from, e.g. "arrival in Kosovo".' })
  @Classified("oversight")
  @Column("varchar", { name: "runs_from", length: 200 })
  runsFrom: string;

  @Field(() => TaskForceAgency, { description: "The agency that owes it." })
  @Classified("oversight")
  @Column("varchar", { name: "owing_agency", length: 24 })
  owingAgency: TaskForceAgency;
}
