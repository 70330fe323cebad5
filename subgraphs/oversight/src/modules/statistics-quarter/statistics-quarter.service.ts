import { badUserInput, parseQuarter, quarterOfInstant, startOfQuarter } from "@kgraph/platform";
import type { StatisticsQuarter } from "./statistics-quarter.types";

/** No statistics before this quarter: the programme's data starts long after it. */
const EARLIEST_QUARTER = parseQuarter("2000-Q1")!;

/** The quarter asked for, or a BAD_USER_INPUT naming the argument. */
export function statisticsQuarter(text: string): StatisticsQuarter {
  const quarter = parseQuarter(text);
  if (quarter === null || quarter < EARLIEST_QUARTER) {
    throw badUserInput(`quarter must be YYYY-Qn from 2000-Q1 on (for example 2026-Q3), not ${JSON.stringify(text)}.`, {
      argument: "quarter",
    });
  }
  return { quarter: text };
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
