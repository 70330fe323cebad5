import { badUserInput } from "@kgraph/platform";

/** Clocks of callers and server differ a little; an event this far "ahead" still counts as now. */
const CLOCK_SKEW_MS = 60_000;

/** Events are recorded once they have happened: a time in the future is refused. */
export function refuseFuture(at: Date, field: string, now: Date = new Date()): void {
  if (at.getTime() > now.getTime() + CLOCK_SKEW_MS) {
    throw badUserInput(`${field} (${at.toISOString()}) is in the future; record an event once it has happened.`, {
      argument: `input.${field}`,
    });
  }
}

/** Refuses `at` when it is earlier than `earliest` (what `earliestName` names). */
export function refuseBefore(at: Date, field: string, earliest: Date, earliestName: string): void {
  if (at.getTime() < earliest.getTime()) {
    throw badUserInput(
      `${field} (${at.toISOString()}) must not be before ${earliestName} (${earliest.toISOString()}).`,
      { argument: `input.${field}` },
    );
  }
}
