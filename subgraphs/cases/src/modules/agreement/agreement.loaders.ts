import { wellFormedIds } from "@kgraph/platform";
import DataLoader from "dataloader";
import { In, type DataSource } from "typeorm";
import { Agreement } from "./agreement.entity";

export function createAgreementLoaders(db: DataSource) {
  return {
    agreementById: new DataLoader<string, Agreement | null>(async (ids) => {
      const rows = await db.getRepository(Agreement).findBy({ id: In(wellFormedIds(ids)) });
      const byId = new Map(rows.map((row) => [row.id, row]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
  };
}
