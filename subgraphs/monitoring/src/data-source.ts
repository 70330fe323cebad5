import { AuditEvent, IdempotencyKey, type Logger, createDataSource } from "@kgraph/platform";
import { MONITORING_SCHEMA } from "./tables";
import { migrations } from "./migrations";
import { ComplaintEscalation } from "./modules/complaint/complaint-escalation.entity";
import { Complaint } from "./modules/complaint/complaint.entity";
import { Finding } from "./modules/finding/finding.entity";
import { Incident } from "./modules/incident/incident.entity";
import { MonitoringBody } from "./modules/monitoring-body/monitoring-body.entity";
import { Recommendation } from "./modules/recommendation/recommendation.entity";
import { MonitoringVisit } from "./modules/visit/visit.entity";

export { MONITORING_SCHEMA } from "./tables";
export const monitoringEntities = [
  MonitoringBody,
  MonitoringVisit,
  Finding,
  Recommendation,
  Complaint,
  ComplaintEscalation,
  Incident,
  AuditEvent,
  IdempotencyKey,
];

export function createMonitoringDataSource(url: string, logger?: Logger, statementTimeoutMs?: number) {
  return createDataSource({
    url,
    schema: MONITORING_SCHEMA,
    entities: monitoringEntities,
    migrations,
    logger,
    statementTimeoutMs,
  });
}
