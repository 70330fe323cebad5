import "reflect-metadata";
import { type SubgraphDefinition, serveSubgraph } from "@kgraph/platform";
import { createContextFactory } from "./context";
import { createCasesDataSource } from "./data-source";
import { buildCasesSchema } from "./schema";

/** The cases subgraph as the tools, `npm start` and the end-to-end tests see it. */
export const definition: SubgraphDefinition = {
  name: "cases",
  defaultPort: 4001,
  buildSchema: buildCasesSchema,
  createDataSource: createCasesDataSource,
  start: (options) => serveSubgraph(definition, (db) => createContextFactory(db, options.subjectRefKey), options),
};

export { CASES_SCHEMA, createCasesDataSource } from "./data-source";
export { buildCasesSchema } from "./schema";
