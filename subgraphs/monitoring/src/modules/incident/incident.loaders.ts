import { type RecordAccess, oneByKey, wellFormedIds } from "@kgraph/platform";
import { SCOPES } from "@kgraph/policy";
import DataLoader from "dataloader";
import type { DataSource } from "typeorm";
import { Incident } from "./incident.entity";
import { IncidentRecords } from "./incident.records";

/** Loaders for one request: they apply the viewer's read rule (incident.records.ts; the public: none). */
export function createIncidentLoaders(db: DataSource, access: RecordAccess) {
  const readable = access.where(IncidentRecords, SCOPES.MONITORING_READ, "i");
  return {
    incidentById: new DataLoader<string, Incident | null>(async (ids) => {
      const wanted = wellFormedIds(ids);
      if (!wanted.length) return ids.map(() => null);
      const query = db.getRepository(Incident).createQueryBuilder("i").where("i.id IN (:...ids)", { ids: wanted });
      const rows = await query.andWhere(readable.sql, readable.params).getMany();
      return oneByKey(ids, rows, (row) => row.id);
    }),
  };
}
