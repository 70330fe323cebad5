import DataLoader from "dataloader";
import { In, type DataSource } from "typeorm";
import { wellFormedIds } from "@kgraph/platform";
import { TrainingSession } from "./session.entity";

export function createSessionLoaders(db: DataSource) {
  return {
    sessionById: new DataLoader<string, TrainingSession | null>(async (ids) => {
      const valid = wellFormedIds(ids);
      const rows = valid.length ? await db.getRepository(TrainingSession).findBy({ id: In(valid) }) : [];
      const byId = new Map(rows.map((row) => [row.id, row]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
  };
}
