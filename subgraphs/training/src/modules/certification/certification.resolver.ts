import { Classified } from "@kgraph/platform";
import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import type { TrainingContext } from "../../context";
import { Attendance } from "../attendance/attendance.entity";
import { attendanceById } from "../attendance/attendance.service";
import { Course } from "../course/course.entity";
import { courseById } from "../course/course.service";
import { Official } from "../official/official.entity";
import { officialById } from "../official/official.service";
import { Certification } from "./certification.entity";
import { isValid } from "./certification.service";

@Resolver(() => Certification)
export class CertificationResolver {
  @FieldResolver(() => Official, { description: "Who holds the certificate." })
  @Classified("trainingRecord")
  async official(@Root() root: Certification, @Ctx() ctx: TrainingContext): Promise<Official> {
    return (await officialById(ctx, root.officialId)) as Official;
  }

  @FieldResolver(() => Course, { description: "The course passed." })
  @Classified("trainingRecord")
  async course(@Root() root: Certification, @Ctx() ctx: TrainingContext): Promise<Course> {
    return (await courseById(ctx, root.courseId)) as Course;
  }

  @FieldResolver(() => Attendance, { description: "The PASSED attendance that earned the certificate." })
  @Classified("trainingRecord")
  async attendance(@Root() root: Certification, @Ctx() ctx: TrainingContext): Promise<Attendance> {
    return (await attendanceById(ctx, root.attendanceId)) as Attendance;
  }

  @FieldResolver(() => Boolean, {
    description: "Whether the certificate is valid now: true while expiresAt lies ahead.",
  })
  @Classified("trainingRecord")
  valid(@Root() root: Certification, @Ctx() ctx: TrainingContext): boolean {
    return isValid(ctx, root);
  }
}
