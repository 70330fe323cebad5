import DataLoader from "dataloader";
import { In, type DataSource } from "typeorm";
import { MonitoringBody } from "./monitoring-body.entity";

export function createMonitoringBodyLoaders(db: DataSource) {
  return {
    monitoringBodyById: new DataLoader<string, MonitoringBody | null>(async (ids) => {
      const rows = await db.getRepository(MonitoringBody).findBy({ id: In([...ids]) });
      const byId = new Map(rows.map((row) => [row.id, row]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
  };
}
