import { auditTrailModule, buildFederatedSchema } from "@kgraph/platform";
import { Case } from "./modules/case/case.entity";
import { ComplaintResolver, resolveComplaintReference } from "./modules/complaint/complaint.resolver";
import { Facility } from "./modules/facility/facility.entity";
import { FacilityResolver } from "./modules/facility/facility.resolver";
import { FindingResolver } from "./modules/finding/finding.resolver";
import { IncidentResolver, resolveIncidentReference } from "./modules/incident/incident.resolver";
import { MonitoringBodyResolver } from "./modules/monitoring-body/monitoring-body.resolver";
import { RecommendationResolver } from "./modules/recommendation/recommendation.resolver";
import { VisitResolver, resolveVisitReference } from "./modules/visit/visit.resolver";

/** The monitoring subgraph schema; `npm run schema` prints it to schema/subgraphs/monitoring.graphql. */
export function buildMonitoringSchema() {
  const audit = auditTrailModule("monitoring", { rootQuery: false });
  return buildFederatedSchema(
    {
      resolvers: [
        MonitoringBodyResolver,
        VisitResolver,
        FindingResolver,
        RecommendationResolver,
        ComplaintResolver,
        IncidentResolver,
        FacilityResolver,
        ...audit.resolvers,
      ],
      orphanedTypes: [...audit.types, Facility, Case],
    },
    {
      ...audit.reference,
      MonitoringVisit: { __resolveReference: resolveVisitReference },
      Complaint: { __resolveReference: resolveComplaintReference },
      Incident: { __resolveReference: resolveIncidentReference },
    },
  );
}
