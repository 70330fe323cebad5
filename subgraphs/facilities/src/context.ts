import type { RecordAccess, SubgraphContext } from "@kgraph/platform";
import type { DataSource } from "typeorm";
import { createFacilityLoaders } from "./modules/facility/facility.loaders";
import { createPlacementLoaders } from "./modules/placement/placement.loaders";

/**
 * Every loader of this subgraph, created fresh for each request (never shared between callers):
 * the placement loaders apply the viewer's record rule in their SQL (placement.records.ts).
 */
export function createLoaders(db: DataSource, access: RecordAccess) {
  return {
    ...createFacilityLoaders(db),
    ...createPlacementLoaders(db, access),
  };
}

export type FacilitiesLoaders = ReturnType<typeof createLoaders>;

/** What the facilities resolvers get: the platform's context and these loaders. */
export type FacilitiesContext = SubgraphContext<FacilitiesLoaders>;
