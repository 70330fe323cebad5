import { type AccessContext, type BaseContext, RecordAccess, auditedDataSource } from "@kgraph/platform";
import type { DataSource } from "typeorm";
import { createComplaintLoaders } from "./modules/complaint/complaint.loaders";
import { createFindingLoaders } from "./modules/finding/finding.loaders";
import { createIncidentLoaders } from "./modules/incident/incident.loaders";
import { createMonitoringBodyLoaders } from "./modules/monitoring-body/monitoring-body.loaders";
import { createRecommendationLoaders } from "./modules/recommendation/recommendation.loaders";
import { createVisitLoaders } from "./modules/visit/visit.loaders";

/**
 * Every loader of this subgraph, created fresh for each request (never shared between callers):
 * they apply the viewer's record rules in their SQL (the `*.records.ts` of each feature).
 */
export function createLoaders(db: DataSource, access: RecordAccess) {
  return {
    ...createMonitoringBodyLoaders(db),
    ...createVisitLoaders(db, access),
    ...createFindingLoaders(db, access),
    ...createRecommendationLoaders(db, access),
    ...createComplaintLoaders(db, access),
    ...createIncidentLoaders(db, access),
  };
}

export type MonitoringLoaders = ReturnType<typeof createLoaders>;

export interface MonitoringContext extends AccessContext {
  db: DataSource;
  loaders: MonitoringLoaders;
  subjectRefKey: string;
}

export function createContextFactory(db: DataSource, subjectRefKey: string) {
  return (base: BaseContext): MonitoringContext => {
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
