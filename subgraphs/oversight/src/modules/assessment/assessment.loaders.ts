import { type RecordAccess, firstManyByKey, oneByKey, wellFormedIds } from "@kgraph/platform";
import { SCOPES } from "@kgraph/policy";
import DataLoader from "dataloader";
import type { DataSource } from "typeorm";
import { ActionItem, type ActionItemStatus } from "../action-item/action-item.entity";
import { AssessmentRecommendation, ImpactAssessment } from "./assessment.entity";
import { MAX_RECOMMENDATIONS } from "./assessment.inputs";
import { AssessmentRecords } from "./assessment.records";

/**
 * Loaders for one request: assessments are read under the caller's rule in SQL (published ones
 * by everyone); recommendations only through an assessment the caller reads.
 */
export function createAssessmentLoaders(db: DataSource, access: RecordAccess) {
  const readable = access.where(AssessmentRecords, SCOPES.OVERSIGHT_READ, "a");
  return {
    assessmentById: new DataLoader<string, ImpactAssessment | null>(async (ids) => {
      const wanted = wellFormedIds(ids);
      if (!wanted.length) return ids.map(() => null);
      const rows = await db
        .getRepository(ImpactAssessment)
        .createQueryBuilder("a")
        .where("a.id IN (:...ids)", { ids: wanted })
        .andWhere(readable.sql, readable.params)
        .getMany();
      return oneByKey(ids, rows, (row) => row.id);
    }),
    /** A query over the assessments the caller reads (alias `a`), for lists. */
    readableAssessments: () =>
      db.getRepository(ImpactAssessment).createQueryBuilder("a").where(readable.sql, readable.params),
    recommendationsByAssessmentId: new DataLoader<string, AssessmentRecommendation[]>((assessmentIds) =>
      firstManyByKey(assessmentIds, db.getRepository(AssessmentRecommendation).createQueryBuilder("r"), {
        column: "r.assessment_id",
        keyOf: (row) => row.assessmentId,
        order: [["r.position", "ASC"]],
        limit: MAX_RECOMMENDATIONS + 1,
        wanted: wellFormedIds(assessmentIds),
      }),
    ),
    /**
     * The status of the action items that follow up published recommendations: public, as the
     * recommendation is (the item itself stays under its own rules).
     */
    followUpStatusByActionItemId: new DataLoader<string, ActionItemStatus | null>(async (ids) => {
      const wanted = wellFormedIds(ids);
      if (!wanted.length) return ids.map(() => null);
      const rows = await db
        .getRepository(ActionItem)
        .createQueryBuilder("i")
        .select(["i.id", "i.status"])
        .where("i.id IN (:...ids)", { ids: wanted })
        .getMany();
      return oneByKey(ids, rows, (row) => row.id).map((row) => row?.status ?? null);
    }),
  };
}
