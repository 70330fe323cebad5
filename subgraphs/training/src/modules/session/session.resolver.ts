import { SCOPES } from "@kgraph/policy";
import { atMost, BoundedList, Classified, PageArgs, PagedList, RequiresScopes } from "@kgraph/platform";
import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import type { TrainingContext } from "../../context";
import { Attendance } from "../attendance/attendance.entity";
import { attendancesOfSession, seatsTaken } from "../attendance/attendance.service";
import { Course } from "../course/course.entity";
import { courseById } from "../course/course.service";
import { TrainingSessionConnection } from "./session.connection";
import { TrainingSession } from "./session.entity";
import { CancelSessionArgs, MAX_SESSION_CAPACITY, ScheduleSessionInput, SessionFilter } from "./session.inputs";
import * as sessions from "./session.service";

@Resolver(() => TrainingSession)
export class SessionResolver {
  @Query(() => TrainingSession, { nullable: true, description: "One training session by id; null when there is none." })
  @RequiresScopes(SCOPES.TRAINING_READ)
  trainingSession(
    @Arg("id", () => ID, { description: "The session's id." }) id: string,
    @Ctx() ctx: TrainingContext,
  ): Promise<TrainingSession | null> {
    return sessions.sessionById(ctx, id);
  }

  @PagedList()
  @Query(() => TrainingSessionConnection, {
    description: "Training sessions by start time, earliest first, a page at a time.",
  })
  @RequiresScopes(SCOPES.TRAINING_READ)
  trainingSessions(
    @Args() page: PageArgs,
    @Arg("filter", () => SessionFilter, { nullable: true, description: "Only sessions matching every given filter." })
    filter: SessionFilter | null,
    @Ctx() ctx: TrainingContext,
  ) {
    return sessions.listSessions(ctx, { ...page, filter });
  }

  @FieldResolver(() => Course, { description: "The course delivered." })
  @Classified("training")
  async course(@Root() root: TrainingSession, @Ctx() ctx: TrainingContext): Promise<Course> {
    return (await courseById(ctx, root.courseId)) as Course;
  }

  // At most MAX_SESSION_CAPACITY: a session seats at most that many (its capacity).
  @BoundedList(MAX_SESSION_CAPACITY)
  @FieldResolver(() => [Attendance], {
    description:
      "Who registered, in order of registration, with their results: those whose training records the caller may read." +
      " " +
      atMost(MAX_SESSION_CAPACITY),
  })
  @Classified("trainingRecord", { ruleAppliedBy: "returnedRecords" })
  attendances(@Root() root: TrainingSession, @Ctx() ctx: TrainingContext): Promise<Attendance[]> {
    return attendancesOfSession(ctx, root.id);
  }

  @FieldResolver(() => Int, { description: "Seats still free: capacity less every registration." })
  @Classified("training")
  async availableSeats(@Root() root: TrainingSession, @Ctx() ctx: TrainingContext): Promise<number> {
    return Math.max(0, root.capacity - (await seatsTaken(ctx, root.id)));
  }

  @Mutation(() => TrainingSession, {
    description: "Schedule a session of a course; endsAt must be after startsAt and capacity at least 1.",
  })
  @RequiresScopes(SCOPES.TRAINING_WRITE)
  scheduleSession(
    @Arg("input", () => ScheduleSessionInput, { description: "The session to schedule." }) input: ScheduleSessionInput,
    @Ctx() ctx: TrainingContext,
  ) {
    return sessions.scheduleSession(ctx, input);
  }

  @Mutation(() => TrainingSession, { description: "Cancel a session that has not yet ended." })
  @RequiresScopes(SCOPES.TRAINING_WRITE)
  cancelSession(@Args() args: CancelSessionArgs, @Ctx() ctx: TrainingContext) {
    return sessions.cancelSession(ctx, args);
  }
}
