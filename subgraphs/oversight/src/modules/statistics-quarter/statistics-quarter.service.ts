import {
  EARLIEST_QUARTER as EARLIEST,
  badUserInput,
  parseQuarter,
  quarterOfInstant,
  startOfQuarter,
} from "@kgraph/platform";
import type { StatisticsQuarter } from "./statistics-quarter.types";

/** No statistics before this quarter: the programme's data starts long after it. */
export const EARLIEST_QUARTER = parseQuarter(EARLIEST)!;

/** A quarter argument (YYYY-Qn, from EARLIEST_QUARTER on), or a BAD_USER_INPUT naming it. */
export function quarterArgument(text: string, argument = "quarter"): string {
  const quarter = parseQuarter(text);
  if (quarter === null || quarter < EARLIEST_QUARTER) {
    throw badUserInput(
      `${argument} must be YYYY-Qn from ${EARLIEST} on (for example 2026-Q3), not ${JSON.stringify(text)}.`,
      { argument },
    );
  }
  return text;
}

/** The quarter asked for, or a BAD_USER_INPUT naming the argument. */
export function statisticsQuarter(text: string): StatisticsQuarter {
  return { quarter: quarterArgument(text) };
}

/** `_entities`: a well-formed quarter, or null. */
export function statisticsQuarterReference(reference: { quarter: string }): StatisticsQuarter | null {
  const quarter = parseQuarter(String(reference.quarter));
  return quarter === null || quarter < EARLIEST_QUARTER ? null : { quarter: reference.quarter };
}

export function startsAt(root: StatisticsQuarter): Date {
  return startOfQuarter(parseQuarter(root.quarter)!);
}

export function endsAt(root: StatisticsQuarter): Date {
  return startOfQuarter(parseQuarter(root.quarter)! + 1);
}

/** Over: the quarter ended before now. */
export function isComplete(root: StatisticsQuarter, now = new Date()): boolean {
  return parseQuarter(root.quarter)! < quarterOfInstant(now);
}
