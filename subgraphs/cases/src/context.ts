import type { BaseContext } from "@kgraph/platform";
import type { DataSource } from "typeorm";
import { createAgreementLoaders } from "./modules/agreement/agreement.loaders";
import { createCaseLoaders } from "./modules/case/case.loaders";
import { createPersonLoaders } from "./modules/person/person.loaders";

/** Every loader of this subgraph, created fresh for each request (never shared between callers). */
export function createLoaders(db: DataSource) {
  return {
    ...createAgreementLoaders(db),
    ...createCaseLoaders(db),
    ...createPersonLoaders(db),
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
