import { badUserInput } from "@kgraph/platform";

/** Clocks of the devices that record events drift a little; a time this far ahead still counts as "now". */
export const CLOCK_SKEW_MS = 5 * 60 * 1000;

/** Refuses a recorded time that lies in the future: events are recorded after they happen. */
export function assertNotInFuture(value: Date, argument: string, now: Date = new Date()): void {
  if (value.getTime() > now.getTime() + CLOCK_SKEW_MS) {
    throw badUserInput(`${argument} must not be in the future; got ${value.toISOString()}.`, { argument });
  }
}
