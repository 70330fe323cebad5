import { auditTrailModule, buildFederatedSchema } from "@kgraph/platform";
import { AgreementResolver } from "./modules/agreement/agreement.resolver";
import { CaseResolver, resolveCaseReference } from "./modules/case/case.resolver";
import {
  CaseCounselResolver,
  CounselContactEventResolver,
  LegalRepresentationResolver,
  PrivilegedNoteResolver,
} from "./modules/counsel/counsel.resolver";
import { Official } from "./modules/official/official.entity";
import { PersonResolver } from "./modules/person/person.resolver";
import { CaseReviewResolver, CaseReviewsResolver } from "./modules/review/review.resolver";
import { CaseScreeningResolver, ProtectionScreeningResolver } from "./modules/screening/screening.resolver";
import { StatisticsResolver } from "./modules/statistics/statistics.resolver";
import { CaseTransferResolver, TransferResolver, resolveTransferReference } from "./modules/transfer/transfer.resolver";
import { CaseVulnerabilityResolver, VulnerabilityFlagResolver } from "./modules/vulnerability/vulnerability.resolver";

/** The cases subgraph schema; `npm run schema` prints it to schema/subgraphs/cases.graphql. */
export function buildCasesSchema() {
  const audit = auditTrailModule("cases", { rootQuery: true });
  return buildFederatedSchema(
    {
      resolvers: [
        AgreementResolver,
        CaseResolver,
        PersonResolver,
        TransferResolver,
        CaseTransferResolver,
        VulnerabilityFlagResolver,
        CaseVulnerabilityResolver,
        LegalRepresentationResolver,
        CounselContactEventResolver,
        PrivilegedNoteResolver,
        CaseCounselResolver,
        ProtectionScreeningResolver,
        CaseScreeningResolver,
        CaseReviewResolver,
        CaseReviewsResolver,
        StatisticsResolver,
        ...audit.resolvers,
      ],
      orphanedTypes: [...audit.types, Official],
    },
    {
      ...audit.reference,
      Case: { __resolveReference: resolveCaseReference },
      Transfer: { __resolveReference: resolveTransferReference },
    },
  );
}
