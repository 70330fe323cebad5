import { BoundedList, Classified, PageArgs, PagedList, RequiresScopes, atMost } from "@kgraph/platform";
import { SCOPES } from "@kgraph/policy";
import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import type { OversightContext } from "../../context";
import { Concern } from "../concern/concern";
import { Decision, TaskForceMeeting } from "../meeting/meeting.entity";
import { ActionItemConnection } from "./action-item.connection";
import { ActionItem, ActionItemOwner, ActionItemStatus, ActionItemTransition } from "./action-item.entity";
import { ActionItemFilterInput, CreateActionItemInput } from "./action-item.inputs";
import { ACTION_ITEMS_PER_MEETING, TRANSITIONS_PER_ACTION_ITEM } from "./action-item.loaders";
import * as actionItems from "./action-item.service";

@Resolver(() => ActionItem)
export class ActionItemResolver {
  @Query(() => ActionItem, { nullable: true, description: "One action item by id; null when there is none to read." })
  @RequiresScopes(SCOPES.OVERSIGHT_READ)
  actionItem(
    @Arg("id", () => ID, { description: "The action item's id." }) id: string,
    @Ctx() ctx: OversightContext,
  ): Promise<ActionItem | null> {
    return actionItems.actionItemById(ctx, id);
  }

  @PagedList()
  @Query(() => ActionItemConnection, {
    description: "Action items the caller may read, soonest due first, a page at a time.",
  })
  @RequiresScopes(SCOPES.OVERSIGHT_READ)
  actionItems(
    @Args() page: PageArgs,
    @Arg("filter", () => ActionItemFilterInput, { nullable: true, description: "Only items matching every condition." })
    filter: ActionItemFilterInput | null,
    @Ctx() ctx: OversightContext,
  ) {
    return actionItems.listActionItems(ctx, { ...page, filter });
  }

  @FieldResolver(() => ActionItemOwner, { description: "Who owes it." })
  @Classified("oversight")
  owner(@Root() root: ActionItem): ActionItemOwner {
    return actionItems.ownerOf(root);
  }

  @FieldResolver(() => Concern, { nullable: true, description: "The record it concerns; null when none." })
  @Classified("oversight")
  concerns(@Root() root: ActionItem) {
    return actionItems.concernOfActionItem(root);
  }

  @FieldResolver(() => TaskForceMeeting, {
    nullable: true,
    description: "The meeting where it was agreed; null when none, or when the caller may not read that meeting.",
  })
  @Classified("oversight")
  meeting(@Root() root: ActionItem, @Ctx() ctx: OversightContext): Promise<TaskForceMeeting | null> {
    return actionItems.meetingOfActionItem(ctx, root);
  }

  @FieldResolver(() => Decision, {
    nullable: true,
    description: "The decision it carries out; null when none, or when the caller may not read that meeting.",
  })
  @Classified("oversight")
  decision(@Root() root: ActionItem, @Ctx() ctx: OversightContext): Promise<Decision | null> {
    return actionItems.decisionOfActionItem(ctx, root);
  }

  @BoundedList(TRANSITIONS_PER_ACTION_ITEM)
  @FieldResolver(() => [ActionItemTransition], {
    description: "Every change of its status, oldest first, from its creation. " + atMost(TRANSITIONS_PER_ACTION_ITEM),
  })
  @Classified("oversight")
  history(@Root() root: ActionItem, @Ctx() ctx: OversightContext): Promise<ActionItemTransition[]> {
    return actionItems.historyOf(ctx, root.id);
  }

  @Mutation(() => ActionItem, { description: "Agree an action item (OPEN): its owner, due date and what it concerns." })
  @RequiresScopes(SCOPES.OVERSIGHT_WRITE)
  createActionItem(
    @Arg("input", () => CreateActionItemInput, { description: "The item; see the input type." })
    input: CreateActionItemInput,
    @Ctx() ctx: OversightContext,
  ) {
    return actionItems.createActionItem(ctx, input);
  }

  @Mutation(() => ActionItem, {
    description:
      "Move an action item on: OPEN → IN_PROGRESS → DONE, or DROPPED from OPEN or IN_PROGRESS; any other move is BAD_USER_INPUT. The step is kept in its history with the reason.",
  })
  @RequiresScopes(SCOPES.OVERSIGHT_WRITE)
  moveActionItem(
    @Arg("id", () => ID, { description: "The action item." }) id: string,
    @Arg("status", () => ActionItemStatus, { description: "The status to move it to." }) status: ActionItemStatus,
    @Arg("reason", { description: "Why (3 to 2000 characters): kept in its history." }) reason: string,
    @Ctx() ctx: OversightContext,
  ) {
    return actionItems.moveActionItem(ctx, id, status, reason);
  }
}

@Resolver(() => TaskForceMeeting)
export class MeetingActionItemsResolver {
  @BoundedList(ACTION_ITEMS_PER_MEETING)
  @FieldResolver(() => [ActionItem], {
    description:
      "The action items agreed there that the caller may read, soonest due first. " + atMost(ACTION_ITEMS_PER_MEETING),
  })
  @Classified("oversight")
  actionItems(@Root() root: TaskForceMeeting, @Ctx() ctx: OversightContext): Promise<ActionItem[]> {
    return actionItems.actionItemsOfMeeting(ctx, root.id);
  }
}

/** `_entities` for ActionItem: the same loader and rule as `actionItem(id)`. */
export function resolveActionItemReference(reference: { id: string }, ctx: OversightContext) {
  return actionItems.actionItemById(ctx, reference.id);
}
