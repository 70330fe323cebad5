import { IsIn } from "class-validator";
import { ArgsType, Field, ID } from "type-graphql";
import { AttendanceStatus } from "./attendance-status";
import { RESULT_STATUSES } from "./attendance.policy";

@ArgsType()
export class RegisterAttendanceArgs {
  @Field(() => ID, { description: "The training session." })
  sessionId: string;

  @Field(() => ID, { description: "The official to register." })
  officialId: string;
}

@ArgsType()
export class RecordAttendanceResultArgs {
  @Field(() => ID, { description: "The attendance." })
  attendanceId: string;

  @Field(() => AttendanceStatus, { description: "The result: ATTENDED, PASSED, FAILED or NO_SHOW." })
  @IsIn(RESULT_STATUSES, { message: `must be a result: ${RESULT_STATUSES.join(", ")}` })
  status: AttendanceStatus;
}
