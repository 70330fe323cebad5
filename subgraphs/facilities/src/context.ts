import type { BaseContext } from "@kgraph/platform";
import type { DataSource } from "typeorm";

/** Every loader of this subgraph, created fresh for each request (never shared between callers). */
export function createLoaders(_db: DataSource) {
  return {};
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
