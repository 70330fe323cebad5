import { badUserInput } from "@kgraph/platform";
import type { OversightContext } from "../../context";
import { insertActionItem, primeActionItem } from "../action-item/action-item.service";
import { ConcernKind } from "../concern/concern";
import { AgendaOrigin } from "../meeting/meeting.entity";
import { appendAgendaItem, meetingForReferral } from "../meeting/meeting.service";
import type { ReferReviewGapInput } from "./review-gap.inputs";
import type { ReviewGapReferral } from "./review-gap.types";

/**
 * A gap a joint case review found becomes task-force business in one step: an agenda item on
 * the named (or next) meeting and an OPEN action item, both pointing at the review by its
 * federation key, written in one transaction with one audit event naming both.
 */
export async function referReviewGap(ctx: OversightContext, input: ReferReviewGapInput): Promise<ReviewGapReferral> {
  const concerns = { kind: ConcernKind.CASE_REVIEW, id: input.caseReviewId };
  const [agendaItem, actionItem] = await ctx.db.transaction(async (tx) => {
    const meeting = await meetingForReferral(ctx, tx, input.meetingId, input.taskForceId);
    if (input.taskForceId && input.taskForceId !== meeting.taskForceId) {
      throw badUserInput("input.taskForceId is not the task force of input.meetingId.", {
        argument: "input.taskForceId",
      });
    }
    const item = await appendAgendaItem(tx, meeting, {
      title: `Review gap: ${input.gap.trim()}`,
      origin: AgendaOrigin.CASE_REVIEW_GAP,
      concernsKind: concerns.kind,
      concernsId: concerns.id,
    });
    const action = await insertActionItem(
      ctx,
      tx,
      {
        taskForceId: meeting.taskForceId,
        meetingId: meeting.id,
        decisionId: null,
        agendaItemId: item.id,
        title: input.action,
        owner: input.owner,
        dueAt: input.dueAt,
        concerns,
        reason: `Referred from joint case review ${input.caseReviewId}: ${input.gap.trim()}`,
      },
      "input",
    );
    // Both records go into the mutation's audit event.
    return [item, action] as const;
  });
  ctx.loaders.agendaItemsByMeetingId.clear(agendaItem.meetingId);
  ctx.loaders.agendaItemById.prime(agendaItem.id, agendaItem);
  primeActionItem(ctx, actionItem);
  return { agendaItem, actionItem };
}
