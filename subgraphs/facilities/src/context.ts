import type { BaseContext } from "@kgraph/platform";
import type { DataSource } from "typeorm";
import { createFacilityLoaders } from "./modules/facility/facility.loaders";
import { createPlacementLoaders } from "./modules/placement/placement.loaders";

/** Every loader of this subgraph, created fresh for each request (never shared between callers). */
export function createLoaders(db: DataSource) {
  return {
    ...createFacilityLoaders(db),
    ...createPlacementLoaders(db),
  };
}

export type FacilitiesLoaders = ReturnType<typeof createLoaders>;

export interface FacilitiesContext extends BaseContext {
  db: DataSource;
  loaders: FacilitiesLoaders;
  subjectRefKey: string;
}

export function createContextFactory(db: DataSource, subjectRefKey: string) {
  return (base: BaseContext): FacilitiesContext => ({ ...base, db, subjectRefKey, loaders: createLoaders(db) });
}
