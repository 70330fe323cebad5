import { type Viewer, manyByKey, oneByKey, wellFormedIds } from "@kgraph/platform";
import DataLoader from "dataloader";
import type { DataSource } from "typeorm";
import { whereRule } from "../../record-rules";
import { MonitoringVisit } from "./visit.entity";
import { visitReadCondition, visitReadScope } from "./visit.policy";

/** Loaders for one request: they apply the viewer's read rule (the public: published visits only). */
export function createVisitLoaders(db: DataSource, viewer: Viewer) {
  const readable = visitReadCondition(visitReadScope(viewer), "v", "id");
  return {
    visitById: new DataLoader<string, MonitoringVisit | null>(async (ids) => {
      const wanted = wellFormedIds(ids);
      if (!wanted.length) return ids.map(() => null);
      const query = db
        .getRepository(MonitoringVisit)
        .createQueryBuilder("v")
        .where("v.id IN (:...ids)", { ids: wanted });
      const rows = await whereRule(query, readable).getMany();
      return oneByKey(ids, rows, (row) => row.id);
    }),
    /** A facility's visits, newest first (the same order as the `visits` list). */
    visitsByFacilityId: new DataLoader<string, MonitoringVisit[]>(async (facilityIds) => {
      const wanted = wellFormedIds(facilityIds);
      if (!wanted.length) return facilityIds.map(() => []);
      const query = db
        .getRepository(MonitoringVisit)
        .createQueryBuilder("v")
        .where("v.facility_id IN (:...facilityIds)", { facilityIds: wanted });
      const rows = await whereRule(query, readable)
        .orderBy("v.planned_for", "DESC")
        .addOrderBy("v.id", "DESC")
        .getMany();
      return manyByKey(facilityIds, rows, (row) => row.facilityId);
    }),
  };
}
