import { IsInt, IsOptional, Length, Max, Min, ValidateBy, type ValidationOptions } from "class-validator";
import { ArgsType, Field, ID, InputType, Int } from "type-graphql";
import { MAX_SESSION_DAYS } from "./session.policy";
import { SessionStatus } from "./session.entity";

/** The most seats a session may have: `TrainingSession.attendances` states it as its maximum. */
export const MAX_SESSION_CAPACITY = 500;

/** The decorated date must be later than another date field of the same input. */
function IsAfterField(property: string, options?: ValidationOptions) {
  return ValidateBy(
    {
      name: "isAfterField",
      constraints: [property],
      validator: {
        validate: (value, args) => {
          const other = (args?.object as Record<string, unknown>)[property];
          return value instanceof Date && other instanceof Date && value.getTime() > other.getTime();
        },
      },
    },
    options,
  );
}

/** The decorated date must be at most `days` days after another date field of the same input. */
function IsWithinDaysOf(property: string, days: number, options?: ValidationOptions) {
  return ValidateBy(
    {
      name: "isWithinDaysOf",
      constraints: [property, days],
      validator: {
        validate: (value, args) => {
          const other = (args?.object as Record<string, unknown>)[property];
          if (!(value instanceof Date) || !(other instanceof Date)) return true;
          return value.getTime() - other.getTime() <= days * 86_400_000;
        },
      },
    },
    options,
  );
}

@InputType({ description: "A session of a course to schedule." })
export class ScheduleSessionInput {
  @Field(() => ID, { description: "The course delivered." })
  courseId: string;

  @Field({ description: "When the session starts. Past sessions may be recorded after the fact." })
  startsAt: Date;

  @Field({ description: "When the session ends; after startsAt, at most 31 days later." })
  @IsAfterField("startsAt", { message: "must be after startsAt" })
  @IsWithinDaysOf("startsAt", MAX_SESSION_DAYS, { message: `must be at most ${MAX_SESSION_DAYS} days after startsAt` })
  endsAt: Date;

  @Field({ description: "Where the session is held." })
  @Length(2, 300, { message: "must be 2 to 300 characters" })
  location: string;

  @Field({ description: "Who delivers the session." })
  @Length(2, 200, { message: "must be 2 to 200 characters" })
  trainer: string;

  @Field(() => Int, { description: `How many officials can register (1 to ${MAX_SESSION_CAPACITY}).` })
  @IsInt({ message: "must be a whole number" })
  @Min(1, { message: "must be at least 1" })
  @Max(MAX_SESSION_CAPACITY, { message: `must be at most ${MAX_SESSION_CAPACITY}` })
  capacity: number;
}

@ArgsType()
export class CancelSessionArgs {
  @Field(() => ID, { description: "The session to cancel." })
  sessionId: string;

  @Field(() => String, { nullable: true, description: "Why it is cancelled." })
  @IsOptional()
  @Length(3, 500, { message: "must be 3 to 500 characters" })
  reason?: string | null;
}

@InputType({ description: "Filters for the training sessions list; all given filters must match." })
export class SessionFilter {
  @Field(() => ID, { nullable: true, description: "Only sessions of this course." })
  @IsOptional()
  courseId?: string | null;

  @Field(() => Date, { nullable: true, description: "Only sessions starting at or after this time." })
  @IsOptional()
  from?: Date | null;

  @Field(() => Date, { nullable: true, description: "Only sessions starting before this time." })
  @IsOptional()
  to?: Date | null;

  @Field(() => SessionStatus, { nullable: true, description: "Only sessions in this status." })
  @IsOptional()
  status?: SessionStatus | null;
}
