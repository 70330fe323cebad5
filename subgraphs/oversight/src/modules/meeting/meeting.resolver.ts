import { BoundedList, Classified, PageArgs, PagedList, RequiresScopes, atMost } from "@kgraph/platform";
import { SCOPES } from "@kgraph/policy";
import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import type { OversightContext } from "../../context";
import { Concern } from "../concern/concern";
import { TaskForce, TaskForceMember } from "../task-force/task-force.entity";
import { membersByIds, taskForceById } from "../task-force/task-force.service";
import { AgendaItem, Decision, TaskForceMeeting } from "./meeting.entity";
import { TaskForceMeetingConnection } from "./meeting.connection";
import {
  AddAgendaItemInput,
  CreateMeetingInput,
  MAX_ATTENDEES,
  MeetingFilterInput,
  RecordDecisionInput,
} from "./meeting.inputs";
import { AGENDA_ITEMS_PER_MEETING, DECISIONS_PER_MEETING } from "./meeting.loaders";
import * as meetings from "./meeting.service";

@Resolver(() => TaskForceMeeting)
export class MeetingResolver {
  @Query(() => TaskForceMeeting, { nullable: true, description: "One meeting by id; null when there is none to read." })
  @RequiresScopes(SCOPES.OVERSIGHT_READ)
  taskForceMeeting(
    @Arg("id", () => ID, { description: "The meeting's id." }) id: string,
    @Ctx() ctx: OversightContext,
  ): Promise<TaskForceMeeting | null> {
    return meetings.meetingById(ctx, id);
  }

  @PagedList()
  @Query(() => TaskForceMeetingConnection, {
    description: "Task-force meetings the caller may read, earliest first, a page at a time.",
  })
  @RequiresScopes(SCOPES.OVERSIGHT_READ)
  taskForceMeetings(
    @Args() page: PageArgs,
    @Arg("filter", () => MeetingFilterInput, { nullable: true, description: "Only meetings matching every condition." })
    filter: MeetingFilterInput | null,
    @Ctx() ctx: OversightContext,
  ) {
    return meetings.listMeetings(ctx, { ...page, filter });
  }

  @FieldResolver(() => TaskForce, { nullable: true, description: "The task force that meets." })
  @Classified("oversight")
  taskForce(@Root() root: TaskForceMeeting, @Ctx() ctx: OversightContext): Promise<TaskForce | null> {
    return taskForceById(ctx, root.taskForceId);
  }

  @BoundedList(MAX_ATTENDEES)
  @FieldResolver(() => [TaskForceMember], { description: "Who attends, as recorded. " + atMost(MAX_ATTENDEES) })
  @Classified("oversight")
  attendees(@Root() root: TaskForceMeeting, @Ctx() ctx: OversightContext): Promise<TaskForceMember[]> {
    return membersByIds(ctx, root.attendeeIds);
  }

  @BoundedList(AGENDA_ITEMS_PER_MEETING)
  @FieldResolver(() => [AgendaItem], { description: "The agenda, in order. " + atMost(AGENDA_ITEMS_PER_MEETING) })
  @Classified("oversight")
  agendaItems(@Root() root: TaskForceMeeting, @Ctx() ctx: OversightContext): Promise<AgendaItem[]> {
    return meetings.agendaOf(ctx, root.id);
  }

  @BoundedList(DECISIONS_PER_MEETING)
  @FieldResolver(() => [Decision], { description: "What it decided, in order. " + atMost(DECISIONS_PER_MEETING) })
  @Classified("oversight")
  decisions(@Root() root: TaskForceMeeting, @Ctx() ctx: OversightContext): Promise<Decision[]> {
    return meetings.decisionsOf(ctx, root.id);
  }

  @Mutation(() => TaskForceMeeting, { description: "Record a task-force meeting (scheduled, or held)." })
  @RequiresScopes(SCOPES.OVERSIGHT_WRITE)
  createMeeting(
    @Arg("input", () => CreateMeetingInput, { description: "The task force, when, where and who attends." })
    input: CreateMeetingInput,
    @Ctx() ctx: OversightContext,
  ) {
    return meetings.createMeeting(ctx, input);
  }

  @Mutation(() => AgendaItem, {
    description: "Add an item at the end of a meeting's agenda (minutes not yet published).",
  })
  @RequiresScopes(SCOPES.OVERSIGHT_WRITE)
  addAgendaItem(
    @Arg("input", () => AddAgendaItemInput, { description: "The meeting, the item and what it concerns." })
    input: AddAgendaItemInput,
    @Ctx() ctx: OversightContext,
  ) {
    return meetings.addAgendaItem(ctx, input);
  }

  @Mutation(() => Decision, { description: "Record a decision of a meeting (minutes not yet published)." })
  @RequiresScopes(SCOPES.OVERSIGHT_WRITE)
  recordDecision(
    @Arg("input", () => RecordDecisionInput, { description: "The meeting, the agenda item if any, the decision." })
    input: RecordDecisionInput,
    @Ctx() ctx: OversightContext,
  ) {
    return meetings.recordDecision(ctx, input);
  }

  @Mutation(() => TaskForceMeeting, {
    description:
      "Publish a held meeting's minutes: its agenda, decisions and the action items agreed there become visible to monitors; the minutes are final.",
  })
  @RequiresScopes(SCOPES.OVERSIGHT_WRITE)
  publishMeetingMinutes(
    @Arg("meetingId", () => ID, { description: "The meeting; it must have been held." }) meetingId: string,
    @Ctx() ctx: OversightContext,
  ) {
    return meetings.publishMeetingMinutes(ctx, meetingId);
  }
}

@Resolver(() => AgendaItem)
export class AgendaItemResolver {
  @FieldResolver(() => Concern, { nullable: true, description: "The record it is about; null when none." })
  @Classified("oversight")
  concerns(@Root() root: AgendaItem) {
    return meetings.concernOfAgendaItem(root);
  }

  @FieldResolver(() => TaskForceMeeting, { nullable: true, description: "The meeting whose agenda it is on." })
  @Classified("oversight")
  meeting(@Root() root: AgendaItem, @Ctx() ctx: OversightContext): Promise<TaskForceMeeting | null> {
    return meetings.meetingById(ctx, root.meetingId);
  }
}

@Resolver(() => Decision)
export class DecisionResolver {
  @FieldResolver(() => TaskForceMeeting, { nullable: true, description: "The meeting that decided it." })
  @Classified("oversight")
  meeting(@Root() root: Decision, @Ctx() ctx: OversightContext): Promise<TaskForceMeeting | null> {
    return meetings.meetingById(ctx, root.meetingId);
  }

  @FieldResolver(() => AgendaItem, { nullable: true, description: "The agenda item it decides on; null when none." })
  @Classified("oversight")
  agendaItem(@Root() root: Decision, @Ctx() ctx: OversightContext): Promise<AgendaItem | null> {
    return meetings.agendaItemOfDecision(ctx, root);
  }
}
