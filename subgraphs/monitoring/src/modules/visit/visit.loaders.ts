import DataLoader from "dataloader";
import { In, type DataSource } from "typeorm";
import { MonitoringVisit } from "./visit.entity";

export function createVisitLoaders(db: DataSource) {
  return {
    visitById: new DataLoader<string, MonitoringVisit | null>(async (ids) => {
      const rows = await db.getRepository(MonitoringVisit).findBy({ id: In([...ids]) });
      const byId = new Map(rows.map((row) => [row.id, row]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    /** A facility's visits, newest first (the same order as the `visits` list). */
    visitsByFacilityId: new DataLoader<string, MonitoringVisit[]>(async (facilityIds) => {
      const rows = await db
        .getRepository(MonitoringVisit)
        .find({ where: { facilityId: In([...facilityIds]) }, order: { plannedFor: "DESC", id: "DESC" } });
      const grouped = new Map<string, MonitoringVisit[]>(facilityIds.map((id) => [id, []]));
      for (const row of rows) grouped.get(row.facilityId)?.push(row);
      return facilityIds.map((id) => grouped.get(id) ?? []);
    }),
  };
}
