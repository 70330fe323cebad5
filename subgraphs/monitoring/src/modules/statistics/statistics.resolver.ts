import { BoundedList, Classified, PublicFigure, SUPPRESSION_THRESHOLD, atMost } from "@kgraph/platform";
import { ComplaintCategory } from "../complaint/complaint-enums";
import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import type { MonitoringContext } from "../../context";
import * as statistics from "./statistics.service";
import { StatisticsQuarter } from "./statistics.types";

/** The total and every category of complaints, then six single figures. */
const MONITORING_FIGURES_MAX = 1 + Object.keys(ComplaintCategory).length + 6;

const SMALL = `1 to ${SUPPRESSION_THRESHOLD - 1}`;

const MONITORING_FIGURES = [
  "The quarter's public monitoring figures, in this order (empty while the quarter is not over).",
  `\`complaints\` (COUNT): complaints received in the quarter, first in all (dimension null), then by category (dimension: the ComplaintCategory value, alphabetically), listing only the categories published above zero: a withheld category is never named, nor one of zero, whose absence would name the withheld ones, so a category not listed had none or a withheld count; counts from ${SMALL} are withheld, and so is any figure from which one could be worked out (the categories add up to the total).`,
  `\`complaint_resolution_days_median\` (DAYS): over the complaints decided in the quarter, the median of days from receipt to decision, to one decimal; withheld when fewer than ${SUPPRESSION_THRESHOLD} were decided.`,
  `\`complaints_overdue\` (COUNT): complaints received before the quarter's end, due before its end and not decided before its end; withheld from ${SMALL}.`,
  "`recommendations_due` (COUNT): recommendations of published visit reports (the public sees published monitoring only) whose due date falls in the quarter; published as they are (they concern facilities and authorities, not people).",
  "`recommendations_implemented` (COUNT): of those, the ones marked implemented (status IMPLEMENTED) no later than their due date; published as they are.",
  `\`recommendation_implementation_rate\` (RATE): recommendations_implemented ÷ recommendations_due, to three decimals; withheld when fewer than ${SUPPRESSION_THRESHOLD} were due.`,
  `\`incidents\` (COUNT): incidents that happened in the quarter, at every facility; withheld from ${SMALL}.`,
  "Only aggregate counts: nothing here names or points to a person.",
  atMost(MONITORING_FIGURES_MAX),
].join(" ");

@Resolver(() => StatisticsQuarter)
export class StatisticsQuarterMonitoringResolver {
  @BoundedList(MONITORING_FIGURES_MAX)
  @FieldResolver(() => [PublicFigure], { description: MONITORING_FIGURES })
  @Classified("public")
  monitoringFigures(@Root() root: StatisticsQuarter, @Ctx() ctx: MonitoringContext): Promise<PublicFigure[]> {
    return statistics.monitoringFiguresOf(ctx, root);
  }
}

/** `_entities` for StatisticsQuarter: open to everyone, the public included. */
export function resolveStatisticsQuarterReference(reference: { quarter: string }) {
  return statistics.statisticsQuarterReference(reference);
}
