import { buildFederatedSchema } from "@kgraph/platform";
import { AgreementResolver } from "./modules/agreement/agreement.resolver";
import { CaseResolver, resolveCaseReference } from "./modules/case/case.resolver";
import { Official } from "./modules/official/official.entity";

/** The cases subgraph schema; `npm run schema` prints it to schema/subgraphs/cases.graphql. */
export function buildCasesSchema() {
  return buildFederatedSchema(
    {
      resolvers: [AgreementResolver, CaseResolver],
      orphanedTypes: [Official],
    },
    {
      Case: { __resolveReference: resolveCaseReference },
    },
  );
}
