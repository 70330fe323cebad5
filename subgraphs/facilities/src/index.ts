import "reflect-metadata";
import { defineSubgraph } from "@kgraph/platform";
import { createLoaders } from "./context";
import { migrations } from "./migrations";
import { CasePlacementsResolver, resolveCaseReference } from "./modules/case/case.resolver";
import { Facility } from "./modules/facility/facility.entity";
import { FacilityResolver, resolveFacilityReference } from "./modules/facility/facility.resolver";
import { Placement } from "./modules/placement/placement.entity";
import { PlacementResolver, resolvePlacementReference } from "./modules/placement/placement.resolver";
import {
  StatisticsQuarterFacilitiesResolver,
  resolveStatisticsQuarterReference,
} from "./modules/statistics/quarter-figures.resolver";
import { StatisticsQuarter } from "./modules/statistics/quarter-figures.types";

/**
 * The facilities subgraph as the tools, `npm start` and the tests see it; its port is in
 * subgraphs/registry.json, its schema printed to schema/subgraphs/facilities.graphql.
 */
export const definition = defineSubgraph({
  name: "facilities",
  entities: [Facility, Placement],
  migrations,
  resolvers: [FacilityResolver, PlacementResolver, CasePlacementsResolver, StatisticsQuarterFacilitiesResolver],
  orphanedTypes: [StatisticsQuarter],
  references: {
    Facility: { __resolveReference: resolveFacilityReference },
    Placement: { __resolveReference: resolvePlacementReference },
    Case: { __resolveReference: resolveCaseReference },
    StatisticsQuarter: { __resolveReference: resolveStatisticsQuarterReference },
  },
  loaders: createLoaders,
});
