import "reflect-metadata";
import { type SubgraphDefinition, serveSubgraph } from "@kgraph/platform";
import { createContextFactory } from "./context";
import { createFacilitiesDataSource } from "./data-source";
import { buildFacilitiesSchema } from "./schema";

/** The facilities subgraph as the tools, `npm start` and the end-to-end tests see it. */
export const definition: SubgraphDefinition = {
  name: "facilities",
  defaultPort: 4002,
  buildSchema: buildFacilitiesSchema,
  createDataSource: createFacilitiesDataSource,
  start: (options) => serveSubgraph(definition, (db) => createContextFactory(db, options.subjectRefKey), options),
};

export { FACILITIES_SCHEMA, createFacilitiesDataSource } from "./data-source";
export { buildFacilitiesSchema } from "./schema";
