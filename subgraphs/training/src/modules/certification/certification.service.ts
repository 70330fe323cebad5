import { randomUUID } from "node:crypto";
import type { EntityManager } from "typeorm";
import type { TrainingContext } from "../../context";
import { Certification } from "./certification.entity";
import { certificateExpiry, isValidAt } from "./certification.policy";

export function certificationsOfOfficial(ctx: TrainingContext, officialId: string): Promise<Certification[]> {
  return ctx.loaders.certificationsByOfficialId.load(officialId);
}

/** The certificate of each course that lasts longest: what compliance is judged on. */
export function longestCertificationsOfOfficial(ctx: TrainingContext, officialId: string): Promise<Certification[]> {
  return ctx.loaders.longestCertificationsByOfficialId.load(officialId);
}

export function certificationOfAttendance(ctx: TrainingContext, attendanceId: string): Promise<Certification | null> {
  return ctx.loaders.certificationByAttendanceId.load(attendanceId);
}

/** Valid at the time of the request, so every certificate in one response is judged alike. */
export function isValid(ctx: TrainingContext, certification: Certification): boolean {
  return isValidAt(certification, ctx.now);
}

/** Issues the certificate for a PASSED attendance, inside the caller's transaction. */
export async function issueCertification(
  tx: EntityManager,
  pass: { officialId: string; courseId: string; attendanceId: string; sessionEndedAt: Date; validityMonths: number },
): Promise<Certification> {
  const certification = tx.create(Certification, {
    id: randomUUID(),
    officialId: pass.officialId,
    courseId: pass.courseId,
    attendanceId: pass.attendanceId,
    issuedAt: pass.sessionEndedAt,
    expiresAt: certificateExpiry(pass.sessionEndedAt, pass.validityMonths),
  });
  await tx.insert(Certification, certification);
  return certification;
}
