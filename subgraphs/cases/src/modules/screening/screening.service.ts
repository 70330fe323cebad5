import { randomUUID } from "node:crypto";
import { badUserInput } from "@kgraph/platform";
import type { CasesContext } from "../../context";
import { refuseBefore, refuseFuture } from "../../time-rules";
import type { Case } from "../case/case.entity";
import { lockCase } from "../case/case.service";
import type { Official } from "../official/official.entity";
import { ProtectionScreening } from "./screening.entity";
import type { RecordScreeningInput } from "./screening.inputs";
import { RECEIVING_COUNTRY, SCREENABLE_STATUSES, needsClaimSummary } from "./screening.policy";

export function screeningsOfCase(ctx: CasesContext, caseId: string): Promise<ProtectionScreening[]> {
  return ctx.loaders.screeningsByCaseId.load(caseId);
}

export function caseOfScreening(ctx: CasesContext, screening: ProtectionScreening): Promise<Case | null> {
  return ctx.loaders.caseById.load(screening.caseId);
}

export function screenerOf(screening: ProtectionScreening): Official {
  return { id: screening.screenedById };
}

/**
 * Records a protection screening for a case that has arrived and is still open (RECEIVED,
 * ACCOMMODATED or ONWARD_RETURN_PLANNED), held after the arrival. An outcome that rests on a
 * claim needs its summary.
 */
export async function recordScreening(ctx: CasesContext, input: RecordScreeningInput): Promise<ProtectionScreening> {
  if (input.destinationCountry === RECEIVING_COUNTRY) {
    throw badUserInput(
      "destinationCountry must be a country other than Kosovo (XK): screening assesses return elsewhere.",
      {
        argument: "input.destinationCountry",
      },
    );
  }
  if (needsClaimSummary(input.outcome) && !input.claimSummary) {
    throw badUserInput(`An outcome of ${input.outcome} needs a claimSummary of the protection claim.`, {
      argument: "input.claimSummary",
    });
  }
  const screenedAt = input.screenedAt ?? new Date();
  refuseFuture(screenedAt, "screenedAt");
  const screening = await ctx.db.transaction(async (tx) => {
    const current = await lockCase(tx, input.caseId);
    if (!SCREENABLE_STATUSES.includes(current.status) || !current.arrivedAt) {
      throw badUserInput(
        `Case ${current.caseNumber} is ${current.status}; protection screening is recorded for arrived, open cases ` +
          `(${SCREENABLE_STATUSES.join(", ")}).`,
        { argument: "input.caseId", status: current.status },
      );
    }
    refuseBefore(screenedAt, "screenedAt", current.arrivedAt, `the arrival of case ${current.caseNumber}`);
    const created = tx.create(ProtectionScreening, {
      id: randomUUID(),
      caseId: current.id,
      destinationCountry: input.destinationCountry,
      outcome: input.outcome,
      claimSummary: input.claimSummary ?? null,
      screenedAt,
      screenedById: input.screenedById,
      recordedAt: new Date(),
    });
    await tx.insert(ProtectionScreening, created);
    return created;
  });
  ctx.loaders.screeningsByCaseId.clear(screening.caseId);
  return screening;
}
