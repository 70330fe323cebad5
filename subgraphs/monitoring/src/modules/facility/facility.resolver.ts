import { Classified } from "@kgraph/platform";
import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import type { MonitoringContext } from "../../context";
import { Recommendation } from "../recommendation/recommendation.entity";
import { openRecommendationsOfFacility } from "../recommendation/recommendation.service";
import { MonitoringVisit } from "../visit/visit.entity";
import { visitsOfFacility } from "../visit/visit.service";
import { Facility } from "./facility.entity";

/** The monitoring record this subgraph adds to the facilities subgraph's `Facility`. */
@Resolver(() => Facility)
export class FacilityResolver {
  @Classified("monitoringReport", { ruleAppliedBy: "returnedRecords" })
  @FieldResolver(() => [MonitoringVisit], {
    description: "Monitoring visits to the facility, newest first (by planned start).",
  })
  visits(@Root() root: Facility, @Ctx() ctx: MonitoringContext): Promise<MonitoringVisit[]> {
    return visitsOfFacility(ctx, root.id);
  }

  @Classified("monitoringReport", { ruleAppliedBy: "returnedRecords" })
  @FieldResolver(() => [Recommendation], {
    description:
      "Recommendations from visits to the facility still awaiting the authority's response (OPEN or OVERDUE), soonest due first.",
  })
  openRecommendations(@Root() root: Facility, @Ctx() ctx: MonitoringContext): Promise<Recommendation[]> {
    return openRecommendationsOfFacility(ctx, root.id);
  }
}
