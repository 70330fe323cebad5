import { type AccessContext, type BaseContext, RecordAccess, auditedDataSource } from "@kgraph/platform";
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

export interface FacilitiesContext extends AccessContext {
  db: DataSource;
  loaders: FacilitiesLoaders;
  subjectRefKey: string;
}

export function createContextFactory(db: DataSource, subjectRefKey: string) {
  return (base: BaseContext): FacilitiesContext => {
    const access = new RecordAccess(db, base.viewer);
    return {
      ...base,
      access,
      // Mutations commit their change and its audit event together.
      db: auditedDataSource(db, base.audit, base.idempotency),
      subjectRefKey,
      loaders: createLoaders(db, access),
    };
  };
}
