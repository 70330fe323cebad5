/** Clocks of the devices that record events drift a little; a time this far ahead still counts as "now". */
export const CLOCK_SKEW_MS = 5 * 60 * 1000;

export const DAY_MS = 24 * 60 * 60 * 1000;
