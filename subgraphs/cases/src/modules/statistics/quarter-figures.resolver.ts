import { BoundedList, PublicFigure, SUPPRESSION_THRESHOLD, atMost } from "@kgraph/platform";
import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import type { CasesContext } from "../../context";
import * as quarterFigures from "./quarter-figures.service";
import { CASE_FIGURES_MAX } from "./quarter-figures.service";
import { StatisticsQuarter } from "./quarter-figures.types";

const K = SUPPRESSION_THRESHOLD;

@Resolver(() => StatisticsQuarter)
export class StatisticsQuarterCasesResolver {
  @BoundedList(CASE_FIGURES_MAX)
  @FieldResolver(() => [PublicFigure], {
    description:
      "The cases' public figures of the quarter, in this order (empty for a quarter not over yet or malformed; open to everyone): " +
      `\`arrivals\` (COUNT) per month (dimension YYYY-MM), every agreement: exactly the cells programmeStatistics publishes, withheld where it withholds them; then \`arrivals\` for the quarter (dimension null), the sum of the three months, published only when all three are. ` +
      "`monthly_cap` (COUNT) per month: the monthly caps in force summed over the agreements (drafts excluded), public terms never withheld; a month with no cap has no figure. " +
      `\`arrival_to_counsel_hours_median\` (HOURS): over the cases that arrived in the quarter and have a counsel contact recorded, the median hours from arrival to the first contact's request (one requested before arrival counts as 0), to one decimal; withheld over fewer than ${K} cases. ` +
      `\`arrival_to_screening_hours_median\` (HOURS): the same to the first protection screening held (its screenedAt). ` +
      `\`onward_outcomes\` (COUNT): cases received in Kosovo that reached a final status in the quarter (by closedAt), in all (dimension null) and per status (ABSCONDED, CLOSED, RETURNED, TRANSFERRED: of the fixed public list of CaseStatus, only those published above zero are listed, so a withheld one is never named); counts from 1 to ${K - 1} are withheld, and another with them so none can be worked out from the total. ` +
      atMost(CASE_FIGURES_MAX),
  })
  caseFigures(@Root() root: StatisticsQuarter, @Ctx() ctx: CasesContext): Promise<PublicFigure[]> {
    return quarterFigures.caseFigures(ctx, root);
  }
}

/** `_entities` for StatisticsQuarter: the quarter (its figures are public). */
export function resolveStatisticsQuarterReference(reference: { quarter: string }) {
  return quarterFigures.quarterReference(reference);
}
