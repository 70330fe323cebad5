import DataLoader from "dataloader";
import type { DataSource } from "typeorm";
import { type RecordAccess, oneByKey, wellFormedIds } from "@kgraph/platform";
import { SCOPES } from "@kgraph/policy";
import { CaseRecords } from "../case/case.records";
import { Case } from "../case/case.entity";
import { Person } from "./person.entity";

/**
 * The person (identity) of each case, for one request's viewer: only for cases it may read at
 * all (case:read rule) AND whose identity it may read (person:read rule: a DHS liaison only
 * until the handover). Both rules are in the batch's one SQL statement; otherwise null.
 */
export function createPersonLoaders(db: DataSource, access: RecordAccess) {
  const cases = access.scope(SCOPES.CASE_READ);
  const identity = access.scope(SCOPES.PERSON_READ);
  return {
    personByCaseId: new DataLoader<string, Person | null>(async (caseIds) => {
      const wanted = wellFormedIds(caseIds);
      if (!wanted.length || cases.kind === "none" || identity.kind === "none") return caseIds.map(() => null);
      const readable = CaseRecords.condition(cases, "c");
      const identifiable = CaseRecords.condition(identity, "c");
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
