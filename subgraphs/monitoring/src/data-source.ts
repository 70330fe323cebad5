import { type Logger, createDataSource } from "@kgraph/platform";
import { migrations } from "./migrations";

export const MONITORING_SCHEMA = "monitoring";
export const monitoringEntities = [];

export function createMonitoringDataSource(url: string, logger?: Logger) {
  return createDataSource({ url, schema: MONITORING_SCHEMA, entities: monitoringEntities, migrations, logger });
}
