import { auditTrailModule, buildFederatedSchema } from "@kgraph/platform";
import { CasePlacementsResolver, resolveCaseReference } from "./modules/case/case.resolver";
import { FacilityResolver, resolveFacilityReference } from "./modules/facility/facility.resolver";
import { PlacementResolver, resolvePlacementReference } from "./modules/placement/placement.resolver";

/** The facilities subgraph schema; `npm run schema` prints it to schema/subgraphs/facilities.graphql. */
export function buildFacilitiesSchema() {
  const audit = auditTrailModule("facilities", { rootQuery: false });
  return buildFederatedSchema(
    {
      resolvers: [FacilityResolver, PlacementResolver, CasePlacementsResolver, ...audit.resolvers],
      orphanedTypes: [...audit.types],
    },
    {
      ...audit.reference,
      Facility: { __resolveReference: resolveFacilityReference },
      Placement: { __resolveReference: resolvePlacementReference },
      Case: { __resolveReference: resolveCaseReference },
    },
  );
}
