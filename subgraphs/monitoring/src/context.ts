import type { BaseContext } from "@kgraph/platform";
import type { DataSource } from "typeorm";

/** Every loader of this subgraph, created fresh for each request (never shared between callers). */
export function createLoaders(_db: DataSource) {
  return {};
}

export type MonitoringLoaders = ReturnType<typeof createLoaders>;

export interface MonitoringContext extends BaseContext {
  db: DataSource;
  loaders: MonitoringLoaders;
  subjectRefKey: string;
}

export function createContextFactory(db: DataSource, subjectRefKey: string) {
  return (base: BaseContext): MonitoringContext => ({ ...base, db, subjectRefKey, loaders: createLoaders(db) });
}
