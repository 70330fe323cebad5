import { buildFederatedSchema } from "@kgraph/platform";

/** The facilities subgraph schema; `npm run schema` prints it to schema/subgraphs/facilities.graphql. */
export function buildFacilitiesSchema() {
  return buildFederatedSchema({ resolvers: [] as unknown as [Function] });
}
