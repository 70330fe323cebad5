import "reflect-metadata";
import { type SubgraphDefinition, serveSubgraph } from "@kgraph/platform";
import { createContextFactory } from "./context";
import { createMonitoringDataSource } from "./data-source";
import { buildMonitoringSchema } from "./schema";

/** The monitoring subgraph as the tools, `npm start` and the end-to-end tests see it. */
export const definition: SubgraphDefinition = {
  name: "monitoring",
  defaultPort: 4003,
  buildSchema: buildMonitoringSchema,
  createDataSource: createMonitoringDataSource,
  start: (options) => serveSubgraph(definition, (db) => createContextFactory(db, options.subjectRefKey), options),
};

export { MONITORING_SCHEMA, createMonitoringDataSource } from "./data-source";
export { buildMonitoringSchema } from "./schema";
