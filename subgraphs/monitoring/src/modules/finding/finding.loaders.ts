import { type RecordAccess, manyByKey, oneByKey, wellFormedIds } from "@kgraph/platform";
import { SCOPES } from "@kgraph/policy";
import DataLoader from "dataloader";
import type { DataSource } from "typeorm";
import { FindingRecords } from "./finding.records";
import { Finding } from "./finding.entity";

/** Loaders for one request: a finding is readable when its visit is (the public: published visits only). */
export function createFindingLoaders(db: DataSource, access: RecordAccess) {
  const readable = access.where(FindingRecords, SCOPES.MONITORING_READ, "f");
  return {
    findingById: new DataLoader<string, Finding | null>(async (ids) => {
      const wanted = wellFormedIds(ids);
      if (!wanted.length) return ids.map(() => null);
      const query = db.getRepository(Finding).createQueryBuilder("f").where("f.id IN (:...ids)", { ids: wanted });
      const rows = await query.andWhere(readable.sql, readable.params).getMany();
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
      const rows = await query
        .andWhere(readable.sql, readable.params)
        .orderBy("f.created_at", "ASC")
        .addOrderBy("f.id", "ASC")
        .getMany();
      return manyByKey(visitIds, rows, (row) => row.visitId);
    }),
  };
}
