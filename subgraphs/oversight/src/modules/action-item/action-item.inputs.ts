import { IsOptional, Length, Matches } from "class-validator";
import { Field, ID, InputType } from "type-graphql";
import { TaskForceAgency } from "../../agency";
import { ConcernInput } from "../concern/concern";
import { ActionItemStatus } from "./action-item.entity";

@InputType({ description: "Who is to own an action item." })
export class ActionItemOwnerInput {
  @Field(() => TaskForceAgency, { description: "The agency that owes it." })
  agency: TaskForceAgency;

  @Field(() => ID, { nullable: true, description: "The official's id in the training subgraph, if registered there." })
  officialId?: string | null;

  @Field({ description: "The official responsible." })
  @Length(2, 200, { message: "must be between 2 and 200 characters" })
  @Matches(/\S/, { message: "must not be blank" })
  officialName: string;

  @Field(() => ID, {
    nullable: true,
    description:
      "The facility (FACILITY_OPERATOR) or the monitoring body (CIVIL_SOCIETY): required for those, refused otherwise.",
  })
  orgId?: string | null;
}

@InputType({ description: "An action item to agree." })
export class CreateActionItemInput {
  @Field(() => ID, { nullable: true, description: "The task force; required unless a meeting is named." })
  taskForceId?: string | null;

  @Field(() => ID, { nullable: true, description: "The meeting where it was agreed, if any." })
  meetingId?: string | null;

  @Field(() => ID, { nullable: true, description: "The decision it carries out (of that meeting), if any." })
  decisionId?: string | null;

  @Field({ description: "What is to be done." })
  @Length(3, 300, { message: "must be between 3 and 300 characters" })
  @Matches(/\S/, { message: "must not be blank" })
  title: string;

  @Field(() => ActionItemOwnerInput, { description: "Who owes it." })
  owner: ActionItemOwnerInput;

  @Field({ description: "When it is due (in the future)." })
  dueAt: Date;

  @Field(() => ConcernInput, { nullable: true, description: "The record it concerns, if any." })
  concerns?: ConcernInput | null;
}

@InputType({ description: "Which action items to list; every given condition must hold." })
export class ActionItemFilterInput {
  @Field(() => ActionItemStatus, { nullable: true, description: "Only items in this status." })
  status?: ActionItemStatus | null;

  @Field(() => TaskForceAgency, { nullable: true, description: "Only items this agency owes." })
  ownerAgency?: TaskForceAgency | null;

  @Field(() => ID, { nullable: true, description: "Only items about this record (any kind)." })
  @IsOptional()
  concernsId?: string | null;
}
