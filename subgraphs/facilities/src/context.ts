import { type BaseContext, type Viewer, auditedDataSource } from "@kgraph/platform";
import type { DataSource } from "typeorm";
import { createFacilityLoaders } from "./modules/facility/facility.loaders";
import { createPlacementLoaders } from "./modules/placement/placement.loaders";

/**
 * Every loader of this subgraph, created fresh for each request (never shared between callers):
 * the placement loaders apply the viewer's record rule in their SQL.
 */
export function createLoaders(db: DataSource, viewer: Viewer) {
  return {
    ...createFacilityLoaders(db),
    ...createPlacementLoaders(db, viewer),
  };
}

export type FacilitiesLoaders = ReturnType<typeof createLoaders>;

export interface FacilitiesContext extends BaseContext {
  db: DataSource;
  loaders: FacilitiesLoaders;
  subjectRefKey: string;
}

export function createContextFactory(db: DataSource, subjectRefKey: string) {
  return (base: BaseContext): FacilitiesContext => ({
    ...base,
    // Mutations commit their change and its audit event together.
    db: auditedDataSource(db, base.audit),
    subjectRefKey,
    loaders: createLoaders(db, base.viewer),
  });
}
