import "reflect-metadata";
import { type SubgraphDefinition, serveSubgraph } from "@kgraph/platform";
import { createContextFactory } from "./context";
import { createTrainingDataSource } from "./data-source";
import { buildTrainingSchema } from "./schema";

/** The training subgraph as the tools, `npm start` and the end-to-end tests see it. */
export const definition: SubgraphDefinition = {
  name: "training",
  defaultPort: 4004,
  buildSchema: buildTrainingSchema,
  createDataSource: createTrainingDataSource,
  start: (options) => serveSubgraph(definition, (db) => createContextFactory(db, options.subjectRefKey), options),
};

export { TRAINING_SCHEMA, createTrainingDataSource } from "./data-source";
export { buildTrainingSchema } from "./schema";
