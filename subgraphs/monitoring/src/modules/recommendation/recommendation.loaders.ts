import DataLoader from "dataloader";
import { In, type DataSource } from "typeorm";
import { Recommendation, RecommendationStatus } from "./recommendation.entity";

export function createRecommendationLoaders(db: DataSource) {
  return {
    recommendationById: new DataLoader<string, Recommendation | null>(async (ids) => {
      const rows = await db.getRepository(Recommendation).findBy({ id: In([...ids]) });
      const byId = new Map(rows.map((row) => [row.id, row]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    /** A finding's recommendations in the order they were made. */
    recommendationsByFindingId: new DataLoader<string, Recommendation[]>(async (findingIds) => {
      const rows = await db
        .getRepository(Recommendation)
        .find({ where: { findingId: In([...findingIds]) }, order: { createdAt: "ASC", id: "ASC" } });
      const grouped = new Map<string, Recommendation[]>(findingIds.map((id) => [id, []]));
      for (const row of rows) grouped.get(row.findingId)?.push(row);
      return findingIds.map((id) => grouped.get(id) ?? []);
    }),
    /** A facility's unanswered recommendations (OPEN, overdue included), soonest due first. */
    openRecommendationsByFacilityId: new DataLoader<string, Recommendation[]>(async (facilityIds) => {
      const rows = await db.getRepository(Recommendation).find({
        where: { facilityId: In([...facilityIds]), status: RecommendationStatus.OPEN },
        order: { dueAt: "ASC", id: "ASC" },
      });
      const grouped = new Map<string, Recommendation[]>(facilityIds.map((id) => [id, []]));
      for (const row of rows) grouped.get(row.facilityId)?.push(row);
      return facilityIds.map((id) => grouped.get(id) ?? []);
    }),
  };
}
