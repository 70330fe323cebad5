import { isExpiringWithinWarning, isValidAt } from "../certification/certification.policy";

/**
 * Compares the required courses with the official's certificates. For each course only the
 * certificate that lasts longest counts: a renewal replaces an expiring one.
 */
export function assessCompliance<C extends { id: string }>(
  required: readonly C[],
  certifications: readonly { courseId: string; expiresAt: Date }[],
  now: Date,
): { compliant: boolean; required: C[]; missing: C[]; expiringWithin90Days: C[] } {
  const latestExpiry = new Map<string, Date>();
  for (const certification of certifications) {
    const known = latestExpiry.get(certification.courseId);
    if (!known || certification.expiresAt > known) latestExpiry.set(certification.courseId, certification.expiresAt);
  }
  const missing: C[] = [];
  const expiring: C[] = [];
  for (const course of required) {
    const expiresAt = latestExpiry.get(course.id);
    if (!expiresAt || !isValidAt({ expiresAt }, now)) missing.push(course);
    else if (isExpiringWithinWarning({ expiresAt }, now)) expiring.push(course);
  }
  return { compliant: missing.length === 0, required: [...required], missing, expiringWithin90Days: expiring };
}
