import { SCOPES } from "@kgraph/policy";
import { Classified, RequiresScopes } from "@kgraph/platform";
import { Args, Ctx, FieldResolver, Mutation, Resolver, Root } from "type-graphql";
import type { TrainingContext } from "../../context";
import { Certification } from "../certification/certification.entity";
import { certificationOfAttendance } from "../certification/certification.service";
import { Official } from "../official/official.entity";
import { officialById } from "../official/official.service";
import { TrainingSession } from "../session/session.entity";
import { sessionById } from "../session/session.service";
import { Attendance } from "./attendance.entity";
import { RecordAttendanceResultArgs, RegisterAttendanceArgs } from "./attendance.inputs";
import * as attendances from "./attendance.service";

@Resolver(() => Attendance)
export class AttendanceResolver {
  @FieldResolver(() => TrainingSession, { description: "The session." })
  @Classified("trainingRecord")
  async session(@Root() root: Attendance, @Ctx() ctx: TrainingContext): Promise<TrainingSession> {
    return (await sessionById(ctx, root.sessionId)) as TrainingSession;
  }

  @FieldResolver(() => Official, { description: "The official registered." })
  @Classified("trainingRecord")
  async official(@Root() root: Attendance, @Ctx() ctx: TrainingContext): Promise<Official> {
    return (await officialById(ctx, root.officialId)) as Official;
  }

  @FieldResolver(() => Certification, {
    nullable: true,
    description: "The certificate issued for passing; null unless PASSED.",
  })
  @Classified("trainingRecord")
  certification(@Root() root: Attendance, @Ctx() ctx: TrainingContext): Promise<Certification | null> {
    return certificationOfAttendance(ctx, root.id);
  }

  @Mutation(() => Attendance, {
    description:
      "Register an active official for a session: refused when it is full, cancelled, or they are already registered.",
  })
  @RequiresScopes(SCOPES.TRAINING_WRITE)
  registerAttendance(@Args() args: RegisterAttendanceArgs, @Ctx() ctx: TrainingContext) {
    return attendances.registerAttendance(ctx, args);
  }

  @Mutation(() => Attendance, {
    description: "Record the result of an attendance once its session has ended; PASSED issues the certificate.",
  })
  @RequiresScopes(SCOPES.TRAINING_WRITE)
  recordAttendanceResult(@Args() args: RecordAttendanceResultArgs, @Ctx() ctx: TrainingContext) {
    return attendances.recordAttendanceResult(ctx, args);
  }
}
