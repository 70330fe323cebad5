import type { RecordAccess, SubgraphContext } from "@kgraph/platform";
import type { DataSource } from "typeorm";
import { createComplaintLoaders } from "./modules/complaint/complaint.loaders";
import { createFindingLoaders } from "./modules/finding/finding.loaders";
import { createIncidentLoaders } from "./modules/incident/incident.loaders";
import { createMonitoringBodyLoaders } from "./modules/monitoring-body/monitoring-body.loaders";
import { createOverdueLoaders } from "./modules/overdue/overdue.loaders";
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
    ...createOverdueLoaders(db, access),
  };
}

export type MonitoringLoaders = ReturnType<typeof createLoaders>;

/** What the monitoring resolvers get: the platform's context and these loaders. */
export type MonitoringContext = SubgraphContext<MonitoringLoaders>;
