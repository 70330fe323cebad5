import { Classified, RecordOf } from "@kgraph/platform";
import { Directive, Field, Int, ObjectType, registerEnumType } from "type-graphql";
import { TaskForceAgency } from "../../agency";
import { ActionItem } from "../action-item/action-item.entity";
import { ActionItemRecords } from "../action-item/action-item.records";
import { AgeingBand } from "./overdue.policy";

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

/**
 * What one agency owes and has not delivered on time. Keyed by agency so that each subgraph can
 * add the overdue facts it owns (recommendations unanswered, complaints undecided, …) as fields
 * of its own: the loop reads them through the graph, never through another subgraph's tables.
 */
@Directive('@key(fields: "agency")')
@ObjectType({ description: "One agency's overdue ledger: what it owes that is past due, with ageing." })
export class OverdueLedger {
  @Field(() => TaskForceAgency, { description: "The agency that owes." })
  agency: TaskForceAgency;

  /** The time the listing query asked about (null through `_entities`: then now). */
  asOf: Date | null;

  /** The organisation a caller's own view is narrowed to (their facility or body); null for the whole agency. */
  orgId: string | null;
}

/** An overdue action item and how late it is at the time asked about. */
@RecordOf(() => ActionItemRecords, (entry: OverdueActionItem) => entry.actionItem.id)
@ObjectType({ description: "An action item past its due date, and how late." })
export class OverdueActionItem {
  @Field(() => ActionItem, { description: "The action item." })
  @Classified("oversight")
  actionItem: ActionItem;

  @Field(() => Int, { description: "Whole days past due (0: less than a day)." })
  @Classified("oversight")
  daysOverdue: number;

  @Field(() => AgeingBand, { description: "Its ageing band." })
  @Classified("oversight")
  band: AgeingBand;
}

@ObjectType({ description: "How many overdue items fall in one ageing band." })
export class AgeingBandCount {
  @Field(() => AgeingBand, { description: "The band." })
  @Classified("oversight", { ruleAppliedBy: "containerField" })
  band: AgeingBand;

  @Field(() => Int, { description: "How many items the caller may read fall in it." })
  @Classified("oversight", { ruleAppliedBy: "containerField" })
  count: number;
}
