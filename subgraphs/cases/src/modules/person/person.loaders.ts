import DataLoader from "dataloader";
import type { DataSource } from "typeorm";
import { type Viewer, oneByKey, wellFormedIds } from "@kgraph/platform";
import { caseScope, caseScopeSql, identityScope } from "../case/case-access.policy";
import { Case } from "../case/case.entity";
import { Person } from "./person.entity";

/**
 * The person (identity) of each case, for one request's viewer: only for cases it may read at
 * all (case:read rule) AND whose identity it may read (person:read rule: a DHS liaison only
 * until the handover). Both rules are in the batch's one SQL statement; otherwise null.
 */
export function createPersonLoaders(db: DataSource, viewer: Viewer) {
  const cases = caseScope(viewer);
  const identity = identityScope(viewer);
  const readable = caseScopeSql(cases, "c", "cases");
  const identifiable = caseScopeSql(identity, "c", "identity");
  return {
    personByCaseId: new DataLoader<string, Person | null>(async (caseIds) => {
      const wanted = wellFormedIds(caseIds);
      if (!wanted.length || cases.kind === "none" || identity.kind === "none") return caseIds.map(() => null);
      const rows = await db
        .getRepository(Person)
        .createQueryBuilder("p")
        .innerJoin(Case, "c", "c.id = p.case_id")
        .where("p.case_id IN (:...ids)", { ids: wanted })
        .andWhere(readable.sql, readable.params)
        .andWhere(identifiable.sql, identifiable.params)
        .getMany();
      return oneByKey(caseIds, rows, (row) => row.caseId);
    }),
  };
}
