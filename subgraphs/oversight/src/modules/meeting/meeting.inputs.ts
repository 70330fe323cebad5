import { ArrayMaxSize, ArrayUnique, Length, Matches } from "class-validator";
import { Field, ID, InputType } from "type-graphql";
import { ConcernInput } from "../concern/concern";
import { AgendaOrigin } from "./meeting.entity";

/** `TaskForceMeeting.attendees` states this maximum: a task force's seats. */
export const MAX_ATTENDEES = 60;

@InputType({ description: "A task-force meeting to record (scheduled, or already held)." })
export class CreateMeetingInput {
  @Field(() => ID, { description: "The task force that meets." })
  taskForceId: string;

  @Field({ description: "When it is (or was) held." })
  heldAt: Date;

  @Field({ description: "Where." })
  @Length(2, 200, { message: "must be between 2 and 200 characters" })
  @Matches(/\S/, { message: "must not be blank" })
  location: string;

  @Field(() => [ID], { description: `The members who attend (members of that task force). At most ${MAX_ATTENDEES}.` })
  @ArrayMaxSize(MAX_ATTENDEES, { message: `must have at most ${MAX_ATTENDEES} attendees` })
  @ArrayUnique({ message: "must not name a member twice" })
  attendeeIds: string[];
}

@InputType({ description: "An item to add at the end of a meeting's agenda." })
export class AddAgendaItemInput {
  @Field(() => ID, { description: "The meeting; its minutes must not be published yet." })
  meetingId: string;

  @Field({ description: "What is to be discussed." })
  @Length(3, 300, { message: "must be between 3 and 300 characters" })
  @Matches(/\S/, { message: "must not be blank" })
  title: string;

  @Field(() => AgendaOrigin, { description: "Where it came from." })
  origin: AgendaOrigin;

  @Field(() => ConcernInput, { nullable: true, description: "The record it is about, if any." })
  concerns?: ConcernInput | null;
}

@InputType({ description: "A decision of a meeting, optionally on one of its agenda items." })
export class RecordDecisionInput {
  @Field(() => ID, { description: "The meeting; its minutes must not be published yet." })
  meetingId: string;

  @Field(() => ID, { nullable: true, description: "The agenda item decided on (of that meeting)." })
  agendaItemId?: string | null;

  @Field({ description: "The decision, as minuted." })
  @Length(3, 10000, { message: "must be between 3 and 10000 characters" })
  @Matches(/\S/, { message: "must not be blank" })
  text: string;
}

@InputType({ description: "Which meetings to list; every given condition must hold." })
export class MeetingFilterInput {
  @Field(() => ID, { nullable: true, description: "Only this task force's meetings." })
  taskForceId?: string | null;

  @Field(() => Date, { nullable: true, description: "Only meetings held at or after this time." })
  from?: Date | null;

  @Field(() => Date, { nullable: true, description: "Only meetings held before this time." })
  to?: Date | null;
}
