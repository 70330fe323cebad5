/** How far ahead an expiring certificate is flagged. */
export const EXPIRY_WARNING_DAYS = 90;
const DAY_MS = 86_400_000;

/**
 * `at` plus whole calendar months, in UTC, keeping the time of day. A day past the end of the
 * target month falls on its last day (31 January + 1 month = 28 or 29 February), as
 * PostgreSQL's `timestamptz + interval 'n months'` does.
 */
export function addMonths(at: Date, months: number): Date {
  const monthIndex = at.getUTCMonth() + months;
  const year = at.getUTCFullYear() + Math.floor(monthIndex / 12);
  const month = ((monthIndex % 12) + 12) % 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return new Date(
    Date.UTC(
      year,
      month,
      Math.min(at.getUTCDate(), lastDay),
      at.getUTCHours(),
      at.getUTCMinutes(),
      at.getUTCSeconds(),
      at.getUTCMilliseconds(),
    ),
  );
}

/** A certificate from a session that ended at `issuedAt` expires `validityMonths` later. */
export function certificateExpiry(issuedAt: Date, validityMonths: number): Date {
  return addMonths(issuedAt, validityMonths);
}

/** Valid while its expiry lies ahead. */
export function isValidAt(certificate: { expiresAt: Date }, now: Date): boolean {
  return certificate.expiresAt.getTime() > now.getTime();
}

/** Valid now, but no longer in EXPIRY_WARNING_DAYS days. */
export function isExpiringWithinWarning(certificate: { expiresAt: Date }, now: Date): boolean {
  return isValidAt(certificate, now) && certificate.expiresAt.getTime() <= now.getTime() + EXPIRY_WARNING_DAYS * DAY_MS;
}
