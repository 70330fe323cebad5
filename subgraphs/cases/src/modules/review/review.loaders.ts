import DataLoader from "dataloader";
import type { DataSource } from "typeorm";
import { type RecordAccess, firstManyByKey, oneByKey, wellFormedIds } from "@kgraph/platform";
import { SCOPES } from "@kgraph/policy";
import { CaseRecords } from "../case/case.records";
import { CaseReview } from "./review.entity";

/** `Case.reviews` states this maximum (about one a month over a long stay). */
export const REVIEWS_PER_CASE = 50;

export function createReviewLoaders(db: DataSource, access: RecordAccess) {
  const caseScope = access.scope(SCOPES.CASE_READ);
  return {
    /** A review by id, when the viewer reads its case (the case's rule, in the statement): `_entities`. */
    reviewById: new DataLoader<string, CaseReview | null>(async (ids) => {
      const wanted = wellFormedIds(ids);
      if (!wanted.length || caseScope.kind === "none") return ids.map(() => null);
      const rule = CaseRecords.condition(caseScope, "c");
      const rows = await db
        .getRepository(CaseReview)
        .createQueryBuilder("r")
        .where("r.id IN (:...ids)", { ids: wanted })
        .andWhere(`EXISTS (SELECT 1 FROM cases."case" c WHERE c.id = r.case_id AND ${rule.sql})`, rule.params)
        .getMany();
      return oneByKey(ids, rows, (row) => row.id);
    }),
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
