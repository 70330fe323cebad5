import { type BaseContext, type Viewer, auditedDataSource } from "@kgraph/platform";
import type { DataSource } from "typeorm";
import { createComplaintLoaders } from "./modules/complaint/complaint.loaders";
import { createFindingLoaders } from "./modules/finding/finding.loaders";
import { createIncidentLoaders } from "./modules/incident/incident.loaders";
import { createMonitoringBodyLoaders } from "./modules/monitoring-body/monitoring-body.loaders";
import { createRecommendationLoaders } from "./modules/recommendation/recommendation.loaders";
import { createVisitLoaders } from "./modules/visit/visit.loaders";

/**
 * Every loader of this subgraph, created fresh for each request (never shared between callers):
 * they close over the viewer and apply its record rules in their SQL.
 */
export function createLoaders(db: DataSource, viewer: Viewer) {
  return {
    ...createMonitoringBodyLoaders(db),
    ...createVisitLoaders(db, viewer),
    ...createFindingLoaders(db, viewer),
    ...createRecommendationLoaders(db, viewer),
    ...createComplaintLoaders(db, viewer),
    ...createIncidentLoaders(db, viewer),
  };
}

export type MonitoringLoaders = ReturnType<typeof createLoaders>;

export interface MonitoringContext extends BaseContext {
  db: DataSource;
  loaders: MonitoringLoaders;
  subjectRefKey: string;
}

export function createContextFactory(db: DataSource, subjectRefKey: string) {
  return (base: BaseContext): MonitoringContext => ({
    ...base,
    // Mutations commit their change and its audit event together.
    db: auditedDataSource(db, base.audit),
    subjectRefKey,
    loaders: createLoaders(db, base.viewer),
  });
}
