import { type RecordAccess, manyByKey, oneByKey, wellFormedIds } from "@kgraph/platform";
import { SCOPES } from "@kgraph/policy";
import DataLoader from "dataloader";
import type { DataSource } from "typeorm";
import { RecommendationRecords } from "./recommendation.records";
import { Recommendation, RecommendationStatus } from "./recommendation.entity";

/**
 * Loaders for one request: a recommendation is readable when its visit is (the public:
 * recommendations from published visits only).
 */
export function createRecommendationLoaders(db: DataSource, access: RecordAccess) {
  const readable = access.where(RecommendationRecords, SCOPES.MONITORING_READ, "r");
  const from = () => db.getRepository(Recommendation).createQueryBuilder("r");
  return {
    recommendationById: new DataLoader<string, Recommendation | null>(async (ids) => {
      const wanted = wellFormedIds(ids);
      if (!wanted.length) return ids.map(() => null);
      const rows = await from()
        .where("r.id IN (:...ids)", { ids: wanted })
        .andWhere(readable.sql, readable.params)
        .getMany();
      return oneByKey(ids, rows, (row) => row.id);
    }),
    /** A finding's recommendations in the order they were made. */
    recommendationsByFindingId: new DataLoader<string, Recommendation[]>(async (findingIds) => {
      const wanted = wellFormedIds(findingIds);
      if (!wanted.length) return findingIds.map(() => []);
      const query = from().where("r.finding_id IN (:...findingIds)", { findingIds: wanted });
      const rows = await query
        .andWhere(readable.sql, readable.params)
        .orderBy("r.created_at", "ASC")
        .addOrderBy("r.id", "ASC")
        .getMany();
      return manyByKey(findingIds, rows, (row) => row.findingId);
    }),
    /** A facility's unanswered recommendations (OPEN, overdue included), soonest due first. */
    openRecommendationsByFacilityId: new DataLoader<string, Recommendation[]>(async (facilityIds) => {
      const wanted = wellFormedIds(facilityIds);
      if (!wanted.length) return facilityIds.map(() => []);
      const query = from()
        .where("r.facility_id IN (:...facilityIds)", { facilityIds: wanted })
        .andWhere("r.status = :open", { open: RecommendationStatus.OPEN });
      const rows = await query
        .andWhere(readable.sql, readable.params)
        .orderBy("r.due_at", "ASC")
        .addOrderBy("r.id", "ASC")
        .getMany();
      return manyByKey(facilityIds, rows, (row) => row.facilityId);
    }),
  };
}
