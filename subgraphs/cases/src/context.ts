import type { BaseContext } from "@kgraph/platform";
import type { DataSource } from "typeorm";
import { createAgreementLoaders } from "./modules/agreement/agreement.loaders";
import { createCaseLoaders } from "./modules/case/case.loaders";
import { createCounselLoaders } from "./modules/counsel/counsel.loaders";
import { createPersonLoaders } from "./modules/person/person.loaders";
import { createReviewLoaders } from "./modules/review/review.loaders";
import { createScreeningLoaders } from "./modules/screening/screening.loaders";
import { createTransferLoaders } from "./modules/transfer/transfer.loaders";
import { createVulnerabilityLoaders } from "./modules/vulnerability/vulnerability.loaders";

/** Every loader of this subgraph, created fresh for each request (never shared between callers). */
export function createLoaders(db: DataSource) {
  return {
    ...createAgreementLoaders(db),
    ...createCaseLoaders(db),
    ...createPersonLoaders(db),
    ...createTransferLoaders(db),
    ...createVulnerabilityLoaders(db),
    ...createCounselLoaders(db),
    ...createScreeningLoaders(db),
    ...createReviewLoaders(db),
  };
}

export type CasesLoaders = ReturnType<typeof createLoaders>;

export interface CasesContext extends BaseContext {
  db: DataSource;
  loaders: CasesLoaders;
  subjectRefKey: string;
}

export function createContextFactory(db: DataSource, subjectRefKey: string) {
  return (base: BaseContext): CasesContext => ({ ...base, db, subjectRefKey, loaders: createLoaders(db) });
}
