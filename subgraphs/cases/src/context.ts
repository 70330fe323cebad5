import type { RecordAccess, SubgraphContext } from "@kgraph/platform";
import type { DataSource } from "typeorm";
import { createAgreementLoaders } from "./modules/agreement/agreement.loaders";
import { createCaseLoaders } from "./modules/case/case.loaders";
import { createCounselLoaders } from "./modules/counsel/counsel.loaders";
import { createOverdueLoaders } from "./modules/overdue/overdue.loaders";
import { createPersonLoaders } from "./modules/person/person.loaders";
import { createReviewLoaders } from "./modules/review/review.loaders";
import { createScreeningLoaders } from "./modules/screening/screening.loaders";
import { createTransferLoaders } from "./modules/transfer/transfer.loaders";
import { createVulnerabilityLoaders } from "./modules/vulnerability/vulnerability.loaders";

/**
 * Every loader of this subgraph, created fresh for each request (never shared between callers).
 * Loaders that read cases, people, transfers or privileged notes apply the viewer's record rules
 * in their SQL (`modules/case/case.records.ts`, through the request's `RecordAccess`).
 */
export function createLoaders(db: DataSource, access: RecordAccess) {
  return {
    ...createAgreementLoaders(db),
    ...createCaseLoaders(db, access),
    ...createPersonLoaders(db, access),
    ...createTransferLoaders(db, access),
    ...createVulnerabilityLoaders(db),
    ...createCounselLoaders(db, access.viewer),
    ...createScreeningLoaders(db),
    ...createReviewLoaders(db, access),
    ...createOverdueLoaders(db, access),
  };
}

export type CasesLoaders = ReturnType<typeof createLoaders>;

/** What the cases resolvers get: the platform's context and these loaders. */
export type CasesContext = SubgraphContext<CasesLoaders>;
