import { type Logger, createDataSource } from "@kgraph/platform";
import { migrations } from "./migrations";
import { ComplaintEscalation } from "./modules/complaint/complaint-escalation.entity";
import { Complaint } from "./modules/complaint/complaint.entity";
import { Finding } from "./modules/finding/finding.entity";
import { Incident } from "./modules/incident/incident.entity";
import { MonitoringBody } from "./modules/monitoring-body/monitoring-body.entity";
import { Recommendation } from "./modules/recommendation/recommendation.entity";
import { MonitoringVisit } from "./modules/visit/visit.entity";

export const MONITORING_SCHEMA = "monitoring";
export const monitoringEntities = [
  MonitoringBody,
  MonitoringVisit,
  Finding,
  Recommendation,
  Complaint,
  ComplaintEscalation,
  Incident,
];

export function createMonitoringDataSource(url: string, logger?: Logger) {
  return createDataSource({ url, schema: MONITORING_SCHEMA, entities: monitoringEntities, migrations, logger });
}
