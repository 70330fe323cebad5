import DataLoader from "dataloader";
import { In, type DataSource } from "typeorm";
import { wellFormedIds } from "@kgraph/platform";
import { Official } from "./official.entity";

export function createOfficialLoaders(db: DataSource) {
  return {
    officialById: new DataLoader<string, Official | null>(async (ids) => {
      const valid = wellFormedIds(ids);
      const rows = valid.length ? await db.getRepository(Official).findBy({ id: In(valid) }) : [];
      const byId = new Map(rows.map((row) => [row.id, row]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
  };
}
