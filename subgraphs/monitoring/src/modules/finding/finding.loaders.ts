import { type RecordAccess, firstManyByKey, oneByKey, wellFormedIds } from "@kgraph/platform";
import { SCOPES } from "@kgraph/policy";
import DataLoader from "dataloader";
import type { DataSource } from "typeorm";
import { FindingRecords } from "./finding.records";
import { Finding } from "./finding.entity";

/** The maximum `MonitoringVisit.findings` states. */
export const FINDINGS_PER_VISIT = 50;

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
    /** A visit's first FINDINGS_PER_VISIT + 1 readable findings, in the order they were recorded. */
    findingsByVisitId: new DataLoader<string, Finding[]>((visitIds) =>
      firstManyByKey(visitIds, db.getRepository(Finding).createQueryBuilder("f").where(readable.sql, readable.params), {
        column: "f.visit_id",
        keyOf: (row) => row.visitId,
        order: [
          ["f.created_at", "ASC"],
          ["f.id", "ASC"],
        ],
        limit: FINDINGS_PER_VISIT + 1,
        wanted: wellFormedIds(visitIds),
      }),
    ),
  };
}
