import { Length, Matches } from "class-validator";
import { Field, ID, InputType } from "type-graphql";
import { ActionItemOwnerInput } from "../action-item/action-item.inputs";

@InputType({ description: "A procedural gap a joint case review found, to refer to the task force." })
export class ReferReviewGapInput {
  @Field(() => ID, { description: "The joint case review that found the gap (its id in the cases subgraph)." })
  caseReviewId: string;

  @Field({ description: 'The gap, in a sentence, e.g. "Counsel was offered 60 h after arrival, not within 24 h".' })
  @Length(5, 300, { message: "must be between 5 and 300 characters" })
  @Matches(/\S/, { message: "must not be blank" })
  gap: string;

  @Field(() => ID, {
    nullable: true,
    description:
      "The meeting to put it on; by default the next meeting scheduled after now (of the task force, if named).",
  })
  meetingId?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: "The task force whose next meeting takes it (when no meeting is named).",
  })
  taskForceId?: string | null;

  @Field({ description: "What is to be done about it (the action item's title)." })
  @Length(3, 300, { message: "must be between 3 and 300 characters" })
  @Matches(/\S/, { message: "must not be blank" })
  action: string;

  @Field(() => ActionItemOwnerInput, { description: "Who is to act on it." })
  owner: ActionItemOwnerInput;

  @Field({ description: "By when (in the future)." })
  dueAt: Date;
}
