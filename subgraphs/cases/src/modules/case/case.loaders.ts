import DataLoader from "dataloader";
import type { DataSource } from "typeorm";
import { type RecordAccess, firstManyByKey, oneByKey, wellFormedIds } from "@kgraph/platform";
import { SCOPES } from "@kgraph/policy";
import { TransferCase } from "../transfer/transfer.entity";
import { MAX_CASES_PER_TRANSFER } from "../transfer/transfer.inputs";
import { CaseRecords } from "./case.records";
import { Case } from "./case.entity";

/**
 * Case loaders for one request's viewer. The viewer's record rule is part of each batch's one
 * SQL statement: a case outside it is never loaded, so `case(id)`, `_entities` and every
 * `X.case` field resolve it to null, and a transfer's cases leave it out.
 */
export function createCaseLoaders(db: DataSource, access: RecordAccess) {
  const scope = access.scope(SCOPES.CASE_READ);
  const visible = () => CaseRecords.condition(scope, "c");
  return {
    caseById: new DataLoader<string, Case | null>(async (ids) => {
      const wanted = wellFormedIds(ids);
      if (!wanted.length || scope.kind === "none") return ids.map(() => null);
      const rule = visible();
      const rows = await db
        .getRepository(Case)
        .createQueryBuilder("c")
        .where("c.id IN (:...ids)", { ids: wanted })
        .andWhere(rule.sql, rule.params)
        .getMany();
      return oneByKey(ids, rows, (row) => row.id);
    }),
    /**
     * The cases booked on each transfer (through transfer_case) that the viewer may see, by case
     * number: the first MAX_CASES_PER_TRANSFER + 1 (`Transfer.cases` states that maximum; booking
     * never exceeds it, the one more shows a cut should it ever).
     */
    casesByTransferId: new DataLoader<string, Case[]>(async (transferIds) => {
      const wanted = wellFormedIds(transferIds);
      if (!wanted.length || scope.kind === "none") return transferIds.map(() => []);
      const rule = visible();
      const query = db
        .getRepository(TransferCase)
        .createQueryBuilder("tc")
        .innerJoinAndSelect("tc.case", "c")
        .where(rule.sql, rule.params);
      const groups = await firstManyByKey(transferIds, query, {
        column: "tc.transfer_id",
        keyOf: (row) => row.transferId,
        order: [["c.case_number", "ASC"]],
        limit: MAX_CASES_PER_TRANSFER + 1,
        wanted,
        identity: ["tc.transfer_id", "tc.case_id"],
      });
      return groups.map((group) => group.map((row) => row.case as Case));
    }),
  };
}
