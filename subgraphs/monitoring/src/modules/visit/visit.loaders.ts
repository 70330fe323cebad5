import { type RecordAccess, manyByKey, oneByKey, wellFormedIds } from "@kgraph/platform";
import { SCOPES } from "@kgraph/policy";
import DataLoader from "dataloader";
import type { DataSource } from "typeorm";
import { MonitoringVisit } from "./visit.entity";
import { VisitRecords } from "./visit.records";
import { FACILITY_VISITS_MAX } from "./visit.limits";

/** Loaders for one request: they apply the viewer's read rule (visit.records.ts; the public: published visits only). */
export function createVisitLoaders(db: DataSource, access: RecordAccess) {
  const readable = access.where(VisitRecords, SCOPES.MONITORING_READ, "v");
  const latestByFirst = new Map<number, DataLoader<string, MonitoringVisit[]>>();
  /**
   * A facility's latest `first` readable visits (1 to FACILITY_VISITS_MAX), newest first (the
   * same order as the `visits` list): chosen in SQL, so neither a long history nor more than the
   * caller asked for is read. One loader, one statement, per `first` asked for in the request.
   */
  const latestVisitsByFacilityId = (first: number): DataLoader<string, MonitoringVisit[]> => {
    const perFacility = Math.min(Math.max(Math.trunc(first), 1), FACILITY_VISITS_MAX);
    let loader = latestByFirst.get(perFacility);
    if (!loader) {
      loader = new DataLoader<string, MonitoringVisit[]>(async (facilityIds) => {
        const wanted = wellFormedIds(facilityIds);
        if (!wanted.length) return facilityIds.map(() => []);
        // Per facility, the index on (facility_id, planned_for) read newest first and stopped
        // after `perFacility` readable rows: the same work whether it has 20 visits or 20,000
        // (ranking them with row_number() read and sorted every one).
        const latest = `SELECT latest.id FROM unnest(ARRAY[:...facilityIds]::uuid[]) AS f(facility_id)
          CROSS JOIN LATERAL (
            SELECT v.id FROM monitoring.visit v
            WHERE v.facility_id = f.facility_id AND ${readable.sql}
            ORDER BY v.planned_for DESC, v.id DESC LIMIT :perFacility
          ) latest`;
        const query = db
          .getRepository(MonitoringVisit)
          .createQueryBuilder("v")
          .where(`v.id IN (${latest})`, { ...readable.params, facilityIds: wanted, perFacility });
        const rows = await query.orderBy("v.planned_for", "DESC").addOrderBy("v.id", "DESC").getMany();
        return manyByKey(facilityIds, rows, (row) => row.facilityId);
      });
      latestByFirst.set(perFacility, loader);
    }
    return loader;
  };
  return {
    visitById: new DataLoader<string, MonitoringVisit | null>(async (ids) => {
      const wanted = wellFormedIds(ids);
      if (!wanted.length) return ids.map(() => null);
      const query = db
        .getRepository(MonitoringVisit)
        .createQueryBuilder("v")
        .where("v.id IN (:...ids)", { ids: wanted });
      const rows = await query.andWhere(readable.sql, readable.params).getMany();
      return oneByKey(ids, rows, (row) => row.id);
    }),
    latestVisitsByFacilityId,
    /** After a write to a facility's visits: every `first` forgets that facility. */
    forgetFacilityVisits(facilityId: string): void {
      for (const loader of latestByFirst.values()) loader.clear(facilityId);
    },
  };
}
