import "reflect-metadata";

export { startMonitoringSubgraph } from "./app";
export { MONITORING_SCHEMA, monitoringEntities, createMonitoringDataSource } from "./data-source";
export { buildMonitoringSchema } from "./schema";
