import "reflect-metadata";
import { defineSubgraph } from "@kgraph/platform";
import { createLoaders } from "./context";
import { migrations } from "./migrations";
import { Agreement } from "./modules/agreement/agreement.entity";
import { AgreementResolver } from "./modules/agreement/agreement.resolver";
import { Case } from "./modules/case/case.entity";
import { CaseResolver, resolveCaseReference } from "./modules/case/case.resolver";
import { CounselContactEvent, LegalRepresentation, PrivilegedNote } from "./modules/counsel/counsel.entity";
import {
  CaseCounselResolver,
  CounselContactEventResolver,
  LegalRepresentationResolver,
  PrivilegedNoteResolver,
} from "./modules/counsel/counsel.resolver";
import { Official } from "./modules/official/official.entity";
import { OverdueLedgerCasesResolver, resolveOverdueLedgerReference } from "./modules/overdue/overdue.resolver";
import { OverdueLedger } from "./modules/overdue/overdue.types";
import { Person } from "./modules/person/person.entity";
import { PersonResolver } from "./modules/person/person.resolver";
import { CaseReview } from "./modules/review/review.entity";
import { CaseReviewResolver, CaseReviewsResolver, resolveCaseReviewReference } from "./modules/review/review.resolver";
import { ProtectionScreening } from "./modules/screening/screening.entity";
import { CaseScreeningResolver, ProtectionScreeningResolver } from "./modules/screening/screening.resolver";
import {
  StatisticsQuarterCasesResolver,
  resolveStatisticsQuarterReference,
} from "./modules/statistics/quarter-figures.resolver";
import { StatisticsQuarter } from "./modules/statistics/quarter-figures.types";
import { StatisticsResolver } from "./modules/statistics/statistics.resolver";
import { Transfer, TransferCase } from "./modules/transfer/transfer.entity";
import { CaseTransferResolver, TransferResolver, resolveTransferReference } from "./modules/transfer/transfer.resolver";
import { VulnerabilityFlag } from "./modules/vulnerability/vulnerability.entity";
import { CaseVulnerabilityResolver, VulnerabilityFlagResolver } from "./modules/vulnerability/vulnerability.resolver";

/**
 * The cases subgraph as the tools, `npm start` and the tests see it; its port is in
 * subgraphs/registry.json, its schema printed to schema/subgraphs/cases.graphql.
 */
export const definition = defineSubgraph({
  name: "cases",
  entities: [
    Agreement,
    Case,
    Person,
    Transfer,
    TransferCase,
    VulnerabilityFlag,
    LegalRepresentation,
    CounselContactEvent,
    PrivilegedNote,
    ProtectionScreening,
    CaseReview,
  ],
  migrations,
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
    OverdueLedgerCasesResolver,
    StatisticsQuarterCasesResolver,
  ],
  orphanedTypes: [Official, OverdueLedger, StatisticsQuarter],
  references: {
    Case: { __resolveReference: resolveCaseReference },
    Transfer: { __resolveReference: resolveTransferReference },
    CaseReview: { __resolveReference: resolveCaseReviewReference },
    OverdueLedger: { __resolveReference: resolveOverdueLedgerReference },
    StatisticsQuarter: { __resolveReference: resolveStatisticsQuarterReference },
  },
  // The one subgraph that serves Query.auditTrail; every subgraph adds its own trail to it.
  auditTrailRoot: true,
  loaders: createLoaders,
});
