import DataLoader from "dataloader";
import { In, type DataSource } from "typeorm";
import { type Viewer, oneByKey, wellFormedIds } from "@kgraph/platform";
import { transfersVisible } from "../case/case-access.policy";
import { Transfer } from "./transfer.entity";

/** Transfers by id: every one for a case:read holder, none otherwise (see `transfersVisible`). */
export function createTransferLoaders(db: DataSource, viewer: Viewer) {
  const visible = transfersVisible(viewer);
  return {
    transferById: new DataLoader<string, Transfer | null>(async (ids) => {
      const wanted = wellFormedIds(ids);
      if (!visible || !wanted.length) return ids.map(() => null);
      const rows = await db.getRepository(Transfer).findBy({ id: In(wanted) });
      return oneByKey(ids, rows, (row) => row.id);
    }),
  };
}
