import { randomUUID } from "node:crypto";
import { badUserInput } from "@kgraph/platform";
import type { CasesContext } from "../../context";
import { refuseBefore, refuseFuture } from "../../time-rules";
import type { Case } from "../case/case.entity";
import { lockCase } from "../case/case.service";
import { CaseReview } from "./review.entity";
import type { RecordCaseReviewInput } from "./review.inputs";

export function reviewById(ctx: CasesContext, id: string): Promise<CaseReview | null> {
  return ctx.loaders.reviewById.load(id);
}

export function reviewsOfCase(ctx: CasesContext, caseId: string): Promise<CaseReview[]> {
  return ctx.loaders.reviewsByCaseId.load(caseId);
}

export function caseOfReview(ctx: CasesContext, review: CaseReview): Promise<Case | null> {
  return ctx.loaders.caseById.load(review.caseId);
}

/** Records a joint review of a case that has arrived, held after the arrival. */
export async function recordCaseReview(ctx: CasesContext, input: RecordCaseReviewInput): Promise<CaseReview> {
  const heldAt = input.heldAt ?? new Date();
  refuseFuture(heldAt, "heldAt");
  const review = await ctx.db.transaction(async (tx) => {
    const current = await lockCase(tx, input.caseId);
    if (!current.arrivedAt) {
      throw badUserInput(
        `Case ${current.caseNumber} has not arrived (it is ${current.status}); a joint review is held after arrival.`,
        { argument: "input.caseId", status: current.status },
      );
    }
    refuseBefore(heldAt, "heldAt", current.arrivedAt, `the arrival of case ${current.caseNumber}`);
    const created = tx.create(CaseReview, {
      id: randomUUID(),
      caseId: current.id,
      heldAt,
      panel: input.panel.map((member) => member.trim()),
      decisions: input.decisions.map((d) => ({ code: d.code, text: d.text.trim() })),
      recordedAt: new Date(),
    });
    await tx.insert(CaseReview, created);
    return created;
  });
  ctx.loaders.reviewsByCaseId.clear(review.caseId);
  return review;
}
