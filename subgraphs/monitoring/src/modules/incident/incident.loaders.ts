import { type Viewer, oneByKey, wellFormedIds } from "@kgraph/platform";
import DataLoader from "dataloader";
import type { DataSource } from "typeorm";
import { whereRule } from "../../record-rules";
import { Incident } from "./incident.entity";
import { incidentReadCondition, incidentReadScope } from "./incident.policy";

/** Loaders for one request: they apply the viewer's read rule (the public: no incident). */
export function createIncidentLoaders(db: DataSource, viewer: Viewer) {
  const readable = incidentReadCondition(incidentReadScope(viewer));
  return {
    incidentById: new DataLoader<string, Incident | null>(async (ids) => {
      const wanted = wellFormedIds(ids);
      if (!wanted.length) return ids.map(() => null);
      const query = db.getRepository(Incident).createQueryBuilder("i").where("i.id IN (:...ids)", { ids: wanted });
      const rows = await whereRule(query, readable).getMany();
      return oneByKey(ids, rows, (row) => row.id);
    }),
  };
}
