import type { BaseContext } from "@kgraph/platform";
import type { DataSource } from "typeorm";
import { createComplaintLoaders } from "./modules/complaint/complaint.loaders";
import { createFindingLoaders } from "./modules/finding/finding.loaders";
import { createIncidentLoaders } from "./modules/incident/incident.loaders";
import { createMonitoringBodyLoaders } from "./modules/monitoring-body/monitoring-body.loaders";
import { createRecommendationLoaders } from "./modules/recommendation/recommendation.loaders";
import { createVisitLoaders } from "./modules/visit/visit.loaders";

/** Every loader of this subgraph, created fresh for each request (never shared between callers). */
export function createLoaders(db: DataSource) {
  return {
    ...createMonitoringBodyLoaders(db),
    ...createVisitLoaders(db),
    ...createFindingLoaders(db),
    ...createRecommendationLoaders(db),
    ...createComplaintLoaders(db),
    ...createIncidentLoaders(db),
  };
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
