import { Field, ObjectType } from "type-graphql";
import { ActionItem } from "../action-item/action-item.entity";
import { AgendaItem } from "../meeting/meeting.entity";

@ObjectType({ description: "What referring a review gap made: the agenda item and the OPEN action item." })
export class ReviewGapReferral {
  @Field(() => AgendaItem, {
    description: "The agenda item, on the meeting that takes it, concerning the case review.",
  })
  agendaItem: AgendaItem;

  @Field(() => ActionItem, { description: "The OPEN action item, concerning the case review." })
  actionItem: ActionItem;
}
