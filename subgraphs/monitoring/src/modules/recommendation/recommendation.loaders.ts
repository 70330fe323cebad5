import { type Viewer, manyByKey, oneByKey, wellFormedIds } from "@kgraph/platform";
import DataLoader from "dataloader";
import type { DataSource } from "typeorm";
import { whereRule } from "../../record-rules";
import { visitReadCondition, visitReadScope } from "../visit/visit.policy";
import { Recommendation, RecommendationStatus } from "./recommendation.entity";

/**
 * Loaders for one request: a recommendation is readable when its visit is (the public:
 * recommendations from published visits only).
 */
export function createRecommendationLoaders(db: DataSource, viewer: Viewer) {
  const readable = visitReadCondition(visitReadScope(viewer), "r");
  const from = () => db.getRepository(Recommendation).createQueryBuilder("r");
  return {
    recommendationById: new DataLoader<string, Recommendation | null>(async (ids) => {
      const wanted = wellFormedIds(ids);
      if (!wanted.length) return ids.map(() => null);
      const rows = await whereRule(from().where("r.id IN (:...ids)", { ids: wanted }), readable).getMany();
      return oneByKey(ids, rows, (row) => row.id);
    }),
    /** A finding's recommendations in the order they were made. */
    recommendationsByFindingId: new DataLoader<string, Recommendation[]>(async (findingIds) => {
      const wanted = wellFormedIds(findingIds);
      if (!wanted.length) return findingIds.map(() => []);
      const query = from().where("r.finding_id IN (:...findingIds)", { findingIds: wanted });
      const rows = await whereRule(query, readable).orderBy("r.created_at", "ASC").addOrderBy("r.id", "ASC").getMany();
      return manyByKey(findingIds, rows, (row) => row.findingId);
    }),
    /** A facility's unanswered recommendations (OPEN, overdue included), soonest due first. */
    openRecommendationsByFacilityId: new DataLoader<string, Recommendation[]>(async (facilityIds) => {
      const wanted = wellFormedIds(facilityIds);
      if (!wanted.length) return facilityIds.map(() => []);
      const query = from()
        .where("r.facility_id IN (:...facilityIds)", { facilityIds: wanted })
        .andWhere("r.status = :open", { open: RecommendationStatus.OPEN });
      const rows = await whereRule(query, readable).orderBy("r.due_at", "ASC").addOrderBy("r.id", "ASC").getMany();
      return manyByKey(facilityIds, rows, (row) => row.facilityId);
    }),
  };
}
