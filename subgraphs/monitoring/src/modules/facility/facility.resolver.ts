import { atMost, badUserInput, BoundedList, Classified } from "@kgraph/platform";
import { Arg, Ctx, Directive, FieldResolver, Int, Resolver, Root } from "type-graphql";
import type { MonitoringContext } from "../../context";
import { Recommendation } from "../recommendation/recommendation.entity";
import { openRecommendationsOfFacility } from "../recommendation/recommendation.service";
import { MonitoringVisit } from "../visit/visit.entity";
import { FACILITY_VISITS_DEFAULT, FACILITY_VISITS_MAX } from "../visit/visit.limits";
import { visitsOfFacility } from "../visit/visit.service";
import { Facility } from "./facility.entity";
import { OPEN_RECOMMENDATIONS_PER_FACILITY } from "../recommendation/recommendation.loaders";

/** The monitoring record this subgraph adds to the facilities subgraph's `Facility`. */
@Resolver(() => Facility)
export class FacilityResolver {
  // Bounded so that `facilities { visits { facility { visits … } } } }` cannot fan out without
  // limit: demand control prices the list at `first`, and the loader never reads more than the maximum.
  @Classified("monitoringReport", { ruleAppliedBy: "returnedRecords" })
  @Directive(`@listSize(slicingArguments: ["first"])`)
  @FieldResolver(() => [MonitoringVisit], {
    description: `Monitoring visits to the facility, newest first (by planned start): the latest \`first\` (at most ${FACILITY_VISITS_MAX}); the full history is in \`visits(filter: { facilityId })\`, a page at a time.`,
  })
  async visits(
    @Root() root: Facility,
    @Ctx() ctx: MonitoringContext,
    @Arg("first", () => Int, {
      defaultValue: FACILITY_VISITS_DEFAULT,
      description: `How many of the latest visits, 1 to ${FACILITY_VISITS_MAX}.`,
    })
    first: number,
  ): Promise<MonitoringVisit[]> {
    if (!Number.isInteger(first) || first < 1 || first > FACILITY_VISITS_MAX) {
      throw badUserInput(`\`first\` must be between 1 and ${FACILITY_VISITS_MAX}; got ${first}.`, {
        argument: "first",
      });
    }
    return visitsOfFacility(ctx, root.id, first);
  }

  @Classified("monitoringReport", { ruleAppliedBy: "returnedRecords" })
  // At most OPEN_RECOMMENDATIONS_PER_FACILITY (40): grows while the authority does not answer
  // (the seed has at most 12 per facility); 20 facilities × (3 visits + 40) keeps the public FacilityConditions document within its budget.
  @BoundedList(OPEN_RECOMMENDATIONS_PER_FACILITY)
  @FieldResolver(() => [Recommendation], {
    description:
      "Recommendations from visits to the facility still awaiting the authority's response (OPEN or OVERDUE), soonest due first." +
      " " +
      atMost(OPEN_RECOMMENDATIONS_PER_FACILITY),
  })
  openRecommendations(@Root() root: Facility, @Ctx() ctx: MonitoringContext): Promise<Recommendation[]> {
    return openRecommendationsOfFacility(ctx, root.id);
  }
}
