import DataLoader from "dataloader";
import { In, type DataSource } from "typeorm";
import { manyByKey } from "@kgraph/platform";
import { CaseReview } from "./review.entity";

export function createReviewLoaders(db: DataSource) {
  return {
    /** Every review of each case, oldest first. */
    reviewsByCaseId: new DataLoader<string, CaseReview[]>(async (caseIds) => {
      const rows = await db
        .getRepository(CaseReview)
        .find({ where: { caseId: In([...caseIds]) }, order: { heldAt: "ASC", id: "ASC" } });
      return manyByKey(caseIds, rows, (row) => row.caseId);
    }),
  };
}
