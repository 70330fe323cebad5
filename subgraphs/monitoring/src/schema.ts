import { buildFederatedSchema } from "@kgraph/platform";

/** The monitoring subgraph schema; `npm run schema` prints it to schema/subgraphs/monitoring.graphql. */
export function buildMonitoringSchema() {
  return buildFederatedSchema({ resolvers: [] as unknown as [Function] });
}
