import DataLoader from "dataloader";
import { In, type DataSource } from "typeorm";
import { Person } from "./person.entity";

export function createPersonLoaders(db: DataSource) {
  return {
    personByCaseId: new DataLoader<string, Person | null>(async (caseIds) => {
      const rows = await db.getRepository(Person).findBy({ caseId: In([...caseIds]) });
      const byCase = new Map(rows.map((row) => [row.caseId, row]));
      return caseIds.map((id) => byCase.get(id) ?? null);
    }),
  };
}
