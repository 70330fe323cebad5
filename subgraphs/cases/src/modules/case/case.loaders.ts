import DataLoader from "dataloader";
import { In, type DataSource } from "typeorm";
import { Case } from "./case.entity";

export function createCaseLoaders(db: DataSource) {
  return {
    caseById: new DataLoader<string, Case | null>(async (ids) => {
      const rows = await db.getRepository(Case).findBy({ id: In([...ids]) });
      const byId = new Map(rows.map((row) => [row.id, row]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    casesByTransferId: new DataLoader<string, Case[]>(async (transferIds) => {
      const rows = await db
        .getRepository(Case)
        .find({ where: { transferId: In([...transferIds]) }, order: { caseNumber: "ASC" } });
      const grouped = new Map<string, Case[]>(transferIds.map((id) => [id, []]));
      for (const row of rows) grouped.get(row.transferId as string)?.push(row);
      return transferIds.map((id) => grouped.get(id) ?? []);
    }),
  };
}
