import { type BaseContext, type Viewer, auditedDataSource } from "@kgraph/platform";
import type { DataSource } from "typeorm";
import { createAgreementLoaders } from "./modules/agreement/agreement.loaders";
import { createCaseLoaders } from "./modules/case/case.loaders";
import { createCounselLoaders } from "./modules/counsel/counsel.loaders";
import { createPersonLoaders } from "./modules/person/person.loaders";
import { createReviewLoaders } from "./modules/review/review.loaders";
import { createScreeningLoaders } from "./modules/screening/screening.loaders";
import { createTransferLoaders } from "./modules/transfer/transfer.loaders";
import { createVulnerabilityLoaders } from "./modules/vulnerability/vulnerability.loaders";

/**
 * Every loader of this subgraph, created fresh for each request (never shared between callers).
 * Loaders that read cases, people, transfers or privileged notes close over the viewer and
 * apply its record rules in their SQL (modules/case/case-access.policy.ts).
 */
export function createLoaders(db: DataSource, viewer: Viewer) {
  return {
    ...createAgreementLoaders(db),
    ...createCaseLoaders(db, viewer),
    ...createPersonLoaders(db, viewer),
    ...createTransferLoaders(db, viewer),
    ...createVulnerabilityLoaders(db),
    ...createCounselLoaders(db, viewer),
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
  // Mutations commit their change and its audit event together (db.transaction).
  return (base: BaseContext): CasesContext => ({
    ...base,
    db: auditedDataSource(db, base.audit),
    subjectRefKey,
    loaders: createLoaders(db, base.viewer),
  });
}
