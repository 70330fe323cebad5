import { buildFederatedSchema } from "@kgraph/platform";

/** The training subgraph schema; `npm run schema` prints it to schema/subgraphs/training.graphql. */
export function buildTrainingSchema() {
  return buildFederatedSchema({ resolvers: [] as unknown as [Function] });
}
