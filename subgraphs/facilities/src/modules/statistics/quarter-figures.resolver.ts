import { BoundedList, PublicFigure, SUPPRESSION_THRESHOLD, atMost } from "@kgraph/platform";
import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import type { FacilitiesContext } from "../../context";
import { MIN_BANDED_CAPACITY } from "../facility/facility.policy";
import * as quarterFigures from "./quarter-figures.service";
import { FACILITY_FIGURES_MAX } from "./quarter-figures.service";
import { StatisticsQuarter } from "./quarter-figures.types";

const K = SUPPRESSION_THRESHOLD;

@Resolver(() => StatisticsQuarter)
export class StatisticsQuarterFacilitiesResolver {
  @BoundedList(FACILITY_FIGURES_MAX)
  @FieldResolver(() => [PublicFigure], {
    description:
      "The facilities' public figures of the quarter, in this order (empty for a quarter not over yet or malformed; open to everyone). Nights are UTC calendar nights: a stay checked in on day d and out on day e covers the nights d to e − 1 (one still open, to the quarter's end); only placements checked in (CHECKED_IN, CHECKED_OUT) count, never planned or cancelled ones. " +
      "`official_capacity` (COUNT) per facility (dimension its id, dimensionLabel its name, by id): its official capacity now, public and never withheld. " +
      `\`occupancy_rate_mean\` (RATE) per facility: resident-nights in the quarter ÷ (nights of the quarter × official capacity), rounded to the nearest 0.05; withheld for a facility with fewer than ${MIN_BANDED_CAPACITY} places (as its occupancyBand), for one with fewer than ${K} residents in the quarter, and for every facility of a municipality whose resident_nights are withheld (the rate would give those nights back). ` +
      `\`resident_nights\` (COUNT): nights spent in the facilities in the quarter, in all (dimension null) and per municipality (alphabetically; of the municipalities with a facility, only those published above zero are listed, so a withheld one is never named). Resident-nights are not people: a municipality whose nights come from 1 to ${K - 1} residents is withheld however many nights they are, with another so that the total does not give it away, and the withheld ones together never come from 1 to ${K - 1} residents. ` +
      atMost(FACILITY_FIGURES_MAX),
  })
  facilityFigures(@Root() root: StatisticsQuarter, @Ctx() ctx: FacilitiesContext): Promise<PublicFigure[]> {
    return quarterFigures.facilityFigures(ctx, root);
  }
}

/** `_entities` for StatisticsQuarter: the quarter (its figures are public). */
export function resolveStatisticsQuarterReference(reference: { quarter: string }) {
  return quarterFigures.quarterReference(reference);
}
