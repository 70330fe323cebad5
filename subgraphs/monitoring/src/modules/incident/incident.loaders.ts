import DataLoader from "dataloader";
import { In, type DataSource } from "typeorm";
import { Incident } from "./incident.entity";

export function createIncidentLoaders(db: DataSource) {
  return {
    incidentById: new DataLoader<string, Incident | null>(async (ids) => {
      const rows = await db.getRepository(Incident).findBy({ id: In([...ids]) });
      const byId = new Map(rows.map((row) => [row.id, row]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
  };
}
