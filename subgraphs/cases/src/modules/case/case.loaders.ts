import DataLoader from "dataloader";
import { In, type DataSource } from "typeorm";
import { manyByKey, wellFormedIds } from "@kgraph/platform";
import { TransferCase } from "../transfer/transfer.entity";
import { Case } from "./case.entity";

export function createCaseLoaders(db: DataSource) {
  return {
    caseById: new DataLoader<string, Case | null>(async (ids) => {
      const rows = await db.getRepository(Case).findBy({ id: In(wellFormedIds(ids)) });
      const byId = new Map(rows.map((row) => [row.id, row]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    /** Every case booked on each transfer (through transfer_case), by case number. */
    casesByTransferId: new DataLoader<string, Case[]>(async (transferIds) => {
      const rows = await db.getRepository(TransferCase).find({
        where: { transferId: In([...transferIds]) },
        relations: { case: true },
        order: { case: { caseNumber: "ASC" } },
      });
      return manyByKey(transferIds, rows, (row) => row.transferId).map((group) => group.map((row) => row.case as Case));
    }),
  };
}
