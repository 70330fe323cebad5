import "reflect-metadata";
import { defineSubgraph } from "@kgraph/platform";
import { createLoaders } from "./context";
import { migrations } from "./migrations";
import { Case } from "./modules/case/case.entity";
import { ComplaintEscalation } from "./modules/complaint/complaint-escalation.entity";
import { Complaint } from "./modules/complaint/complaint.entity";
import { ComplaintResolver, resolveComplaintReference } from "./modules/complaint/complaint.resolver";
import { Facility } from "./modules/facility/facility.entity";
import { FacilityResolver } from "./modules/facility/facility.resolver";
import { Finding } from "./modules/finding/finding.entity";
import { FindingResolver, resolveFindingReference } from "./modules/finding/finding.resolver";
import { Incident } from "./modules/incident/incident.entity";
import { IncidentResolver, resolveIncidentReference } from "./modules/incident/incident.resolver";
import { MonitoringBody } from "./modules/monitoring-body/monitoring-body.entity";
import { MonitoringBodyResolver } from "./modules/monitoring-body/monitoring-body.resolver";
import { Recommendation } from "./modules/recommendation/recommendation.entity";
import {
  RecommendationResolver,
  resolveRecommendationReference,
} from "./modules/recommendation/recommendation.resolver";
import { OverdueLedgerMonitoringResolver, resolveOverdueLedgerReference } from "./modules/overdue/overdue.resolver";
import { OverdueLedger } from "./modules/overdue/overdue.types";
import {
  StatisticsQuarterMonitoringResolver,
  resolveStatisticsQuarterReference,
} from "./modules/statistics/statistics.resolver";
import { StatisticsQuarter } from "./modules/statistics/statistics.types";
import { MonitoringVisit } from "./modules/visit/visit.entity";
import { VisitResolver, resolveVisitReference } from "./modules/visit/visit.resolver";

/**
 * The monitoring subgraph as the tools, `npm start` and the tests see it; its port is in
 * subgraphs/registry.json, its schema printed to schema/subgraphs/monitoring.graphql.
 */
export const definition = defineSubgraph({
  name: "monitoring",
  entities: [MonitoringBody, MonitoringVisit, Finding, Recommendation, Complaint, ComplaintEscalation, Incident],
  migrations,
  resolvers: [
    MonitoringBodyResolver,
    VisitResolver,
    FindingResolver,
    RecommendationResolver,
    ComplaintResolver,
    IncidentResolver,
    FacilityResolver,
    OverdueLedgerMonitoringResolver,
    StatisticsQuarterMonitoringResolver,
  ],
  orphanedTypes: [Facility, Case, OverdueLedger, StatisticsQuarter],
  references: {
    MonitoringVisit: { __resolveReference: resolveVisitReference },
    Complaint: { __resolveReference: resolveComplaintReference },
    Incident: { __resolveReference: resolveIncidentReference },
    Finding: { __resolveReference: resolveFindingReference },
    Recommendation: { __resolveReference: resolveRecommendationReference },
    OverdueLedger: { __resolveReference: resolveOverdueLedgerReference },
    StatisticsQuarter: { __resolveReference: resolveStatisticsQuarterReference },
  },
  loaders: createLoaders,
});
