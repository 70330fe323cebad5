import "reflect-metadata";

export { startTrainingSubgraph } from "./app";
export { TRAINING_SCHEMA, trainingEntities, createTrainingDataSource } from "./data-source";
export { buildTrainingSchema } from "./schema";
