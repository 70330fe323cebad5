import { BoundedList, PublicFigure, SUPPRESSION_THRESHOLD, atMost } from "@kgraph/platform";
import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import type { TrainingContext } from "../../context";
import * as statistics from "./statistics.service";
import { StatisticsQuarter } from "./statistics.types";

/** All staff, then one per facility: as many facilities as the facilities subgraph's figures allow for. */
const TRAINING_FIGURES_MAX = 1 + 150;

const TRAINING_FIGURES = [
  "The quarter's public training figures (empty while the quarter is not over).",
  "`staff_training_compliance` (RATE): the share of facility staff who, at the quarter's last instant, held a valid certificate for every course their job role requires — the rule of Facility.staffCompliance (active officials working at the facility and registered before the quarter's end; the requirements recorded before the end; a certificate issued before the end and not yet expired), to three decimals;",
  "first over all facilities' staff (dimension null), then per facility (dimension: the facility's id, in order of id; dimensionLabel null: this subgraph knows a facility by its id only).",
  `Each share is published only over a base of ${SUPPRESSION_THRESHOLD} or more officials.`,
  "Open to everyone, while Facility.staffCompliance needs training:records:read: the officials are public servants and the figure is a share over at least five of them, never anyone's record.",
  atMost(TRAINING_FIGURES_MAX),
].join(" ");

@Resolver(() => StatisticsQuarter)
export class StatisticsQuarterTrainingResolver {
  @BoundedList(TRAINING_FIGURES_MAX)
  @FieldResolver(() => [PublicFigure], { description: TRAINING_FIGURES })
  trainingFigures(@Root() root: StatisticsQuarter, @Ctx() ctx: TrainingContext): Promise<PublicFigure[]> {
    return statistics.trainingFiguresOf(ctx, root);
  }
}

/** `_entities` for StatisticsQuarter: open to everyone, the public included. */
export function resolveStatisticsQuarterReference(reference: { quarter: string }) {
  return statistics.statisticsQuarterReference(reference);
}
