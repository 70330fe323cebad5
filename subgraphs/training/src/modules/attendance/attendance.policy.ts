import { AttendanceStatus } from "./attendance-status";

/** From each status, the results that may be recorded next. PASSED, FAILED and NO_SHOW are final. */
export const NEXT_ATTENDANCE_STATUSES: Readonly<Record<AttendanceStatus, readonly AttendanceStatus[]>> = {
  [AttendanceStatus.REGISTERED]: [
    AttendanceStatus.ATTENDED,
    AttendanceStatus.PASSED,
    AttendanceStatus.FAILED,
    AttendanceStatus.NO_SHOW,
  ],
  [AttendanceStatus.ATTENDED]: [AttendanceStatus.PASSED, AttendanceStatus.FAILED],
  [AttendanceStatus.PASSED]: [],
  [AttendanceStatus.FAILED]: [],
  [AttendanceStatus.NO_SHOW]: [],
};

/** The statuses a result can set (REGISTERED is where every attendance starts, never a result). */
export const RESULT_STATUSES: readonly AttendanceStatus[] = [
  AttendanceStatus.ATTENDED,
  AttendanceStatus.PASSED,
  AttendanceStatus.FAILED,
  AttendanceStatus.NO_SHOW,
];

export function canRecord(from: AttendanceStatus, to: AttendanceStatus): boolean {
  return NEXT_ATTENDANCE_STATUSES[from].includes(to);
}

/** Passing is the only result that issues a certificate. */
export function issuesCertificate(status: AttendanceStatus): boolean {
  return status === AttendanceStatus.PASSED;
}
