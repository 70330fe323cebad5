import { type RecordAccess, firstManyByKey, oneByKey, wellFormedIds } from "@kgraph/platform";
import { SCOPES } from "@kgraph/policy";
import DataLoader from "dataloader";
import type { DataSource } from "typeorm";
import { RecommendationRecords } from "./recommendation.records";
import { Recommendation, RecommendationStatus } from "./recommendation.entity";

/** The maximums `Finding.recommendations` and `Facility.openRecommendations` state. */
export const RECOMMENDATIONS_PER_FINDING = 10;
export const OPEN_RECOMMENDATIONS_PER_FACILITY = 40;

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
    /** A finding's first RECOMMENDATIONS_PER_FINDING + 1 readable recommendations, in the order they were made. */
    recommendationsByFindingId: new DataLoader<string, Recommendation[]>((findingIds) =>
      firstManyByKey(findingIds, from().where(readable.sql, readable.params), {
        column: "r.finding_id",
        keyOf: (row) => row.findingId,
        order: [
          ["r.created_at", "ASC"],
          ["r.id", "ASC"],
        ],
        limit: RECOMMENDATIONS_PER_FINDING + 1,
        wanted: wellFormedIds(findingIds),
      }),
    ),
    /**
     * A facility's unanswered recommendations (OPEN, overdue included) that the viewer may read,
     * soonest due first: the first OPEN_RECOMMENDATIONS_PER_FACILITY + 1.
     */
    openRecommendationsByFacilityId: new DataLoader<string, Recommendation[]>((facilityIds) =>
      firstManyByKey(
        facilityIds,
        from().where("r.status = :open", { open: RecommendationStatus.OPEN }).andWhere(readable.sql, readable.params),
        {
          column: "r.facility_id",
          keyOf: (row) => row.facilityId,
          order: [
            ["r.due_at", "ASC"],
            ["r.id", "ASC"],
          ],
          limit: OPEN_RECOMMENDATIONS_PER_FACILITY + 1,
          wanted: wellFormedIds(facilityIds),
        },
      ),
    ),
  };
}
