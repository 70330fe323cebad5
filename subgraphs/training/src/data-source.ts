import { type Logger, createDataSource } from "@kgraph/platform";
import { migrations } from "./migrations";

export const TRAINING_SCHEMA = "training";
export const trainingEntities = [];

export function createTrainingDataSource(url: string, logger?: Logger) {
  return createDataSource({ url, schema: TRAINING_SCHEMA, entities: trainingEntities, migrations, logger });
}
