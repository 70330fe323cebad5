import DataLoader from "dataloader";
import type { DataSource } from "typeorm";
import { firstManyByKey } from "@kgraph/platform";
import { CaseReview } from "./review.entity";

/** `Case.reviews` states this maximum (about one a month over a long stay). */
export const REVIEWS_PER_CASE = 50;

export function createReviewLoaders(db: DataSource) {
  return {
    /** The first REVIEWS_PER_CASE + 1 reviews of each case, oldest first (one more shows a cut). */
    reviewsByCaseId: new DataLoader<string, CaseReview[]>((caseIds) =>
      firstManyByKey(caseIds, db.getRepository(CaseReview).createQueryBuilder("r"), {
        column: "r.case_id",
        keyOf: (row) => row.caseId,
        order: [
          ["r.held_at", "ASC"],
          ["r.id", "ASC"],
        ],
        limit: REVIEWS_PER_CASE + 1,
      }),
    ),
  };
}
