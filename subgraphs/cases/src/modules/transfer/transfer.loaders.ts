import DataLoader from "dataloader";
import { In, type DataSource } from "typeorm";
import { oneByKey, wellFormedIds } from "@kgraph/platform";
import { Transfer } from "./transfer.entity";

export function createTransferLoaders(db: DataSource) {
  return {
    transferById: new DataLoader<string, Transfer | null>(async (ids) => {
      const rows = await db.getRepository(Transfer).findBy({ id: In(wellFormedIds(ids)) });
      return oneByKey(ids, rows, (row) => row.id);
    }),
  };
}
