import { type Viewer, manyByKey, oneByKey, wellFormedIds } from "@kgraph/platform";
import DataLoader from "dataloader";
import type { DataSource } from "typeorm";
import { whereRule } from "../../record-rules";
import { visitReadCondition, visitReadScope } from "../visit/visit.policy";
import { Finding } from "./finding.entity";

/** Loaders for one request: a finding is readable when its visit is (the public: published visits only). */
export function createFindingLoaders(db: DataSource, viewer: Viewer) {
  const readable = visitReadCondition(visitReadScope(viewer), "f");
  return {
    findingById: new DataLoader<string, Finding | null>(async (ids) => {
      const wanted = wellFormedIds(ids);
      if (!wanted.length) return ids.map(() => null);
      const query = db.getRepository(Finding).createQueryBuilder("f").where("f.id IN (:...ids)", { ids: wanted });
      const rows = await whereRule(query, readable).getMany();
      return oneByKey(ids, rows, (row) => row.id);
    }),
    /** A visit's findings in the order they were recorded. */
    findingsByVisitId: new DataLoader<string, Finding[]>(async (visitIds) => {
      const wanted = wellFormedIds(visitIds);
      if (!wanted.length) return visitIds.map(() => []);
      const query = db
        .getRepository(Finding)
        .createQueryBuilder("f")
        .where("f.visit_id IN (:...visitIds)", { visitIds: wanted });
      const rows = await whereRule(query, readable).orderBy("f.created_at", "ASC").addOrderBy("f.id", "ASC").getMany();
      return manyByKey(visitIds, rows, (row) => row.visitId);
    }),
  };
}
