import DataLoader from "dataloader";
import { In, type DataSource } from "typeorm";
import { Finding } from "./finding.entity";

export function createFindingLoaders(db: DataSource) {
  return {
    findingById: new DataLoader<string, Finding | null>(async (ids) => {
      const rows = await db.getRepository(Finding).findBy({ id: In([...ids]) });
      const byId = new Map(rows.map((row) => [row.id, row]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    /** A visit's findings in the order they were recorded. */
    findingsByVisitId: new DataLoader<string, Finding[]>(async (visitIds) => {
      const rows = await db
        .getRepository(Finding)
        .find({ where: { visitId: In([...visitIds]) }, order: { createdAt: "ASC", id: "ASC" } });
      const grouped = new Map<string, Finding[]>(visitIds.map((id) => [id, []]));
      for (const row of rows) grouped.get(row.visitId)?.push(row);
      return visitIds.map((id) => grouped.get(id) ?? []);
    }),
  };
}
