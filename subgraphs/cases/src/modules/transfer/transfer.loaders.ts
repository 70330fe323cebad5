import DataLoader from "dataloader";
import type { DataSource } from "typeorm";
import { type RecordAccess, oneByKey, wellFormedIds } from "@kgraph/platform";
import { SCOPES } from "@kgraph/policy";
import { TransferRecords } from "../case/case.records";
import { Transfer } from "./transfer.entity";

/** Transfers by id, as the viewer's record rule allows (`TransferRecords`); null otherwise. */
export function createTransferLoaders(db: DataSource, access: RecordAccess) {
  const scope = access.scope(SCOPES.CASE_READ);
  return {
    transferById: new DataLoader<string, Transfer | null>(async (ids) => {
      const wanted = wellFormedIds(ids);
      if (scope.kind === "none" || !wanted.length) return ids.map(() => null);
      const rule = TransferRecords.condition(scope, "t");
      const rows = await db
        .getRepository(Transfer)
        .createQueryBuilder("t")
        .where("t.id IN (:...ids)", { ids: wanted })
        .andWhere(rule.sql, rule.params)
        .getMany();
      return oneByKey(ids, rows, (row) => row.id);
    }),
  };
}
