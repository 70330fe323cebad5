import { randomUUID } from "node:crypto";
import { badUserInput } from "@kgraph/platform";
import type { MonitoringContext } from "../../context";
import type { MonitoringVisit } from "../visit/visit.entity";
import { VisitStatus } from "../visit/visit-enums";
import { RECORDING_STATUSES, acceptsFindings } from "../visit/visit.policy";
import { lockVisit } from "../visit/visit.service";
import { Finding } from "./finding.entity";
import type { AddFindingInput } from "./finding.inputs";

export function findingById(ctx: MonitoringContext, id: string): Promise<Finding | null> {
  return ctx.loaders.findingById.load(id);
}

export function findingsOfVisit(ctx: MonitoringContext, visitId: string): Promise<Finding[]> {
  return ctx.loaders.findingsByVisitId.load(visitId);
}

/** Refuses to record on a visit that has not started or whose report is already public. */
export function assertVisitAcceptsFindings(visit: MonitoringVisit, what: string): void {
  if (acceptsFindings(visit.status)) return;
  const why =
    visit.status === VisitStatus.REPORT_PUBLISHED
      ? "its report is published and its findings are final"
      : "it has not started";
  throw badUserInput(
    `${what} can be added only to a visit that is ${RECORDING_STATUSES.join(" or ")}; visit ${visit.id} is ${visit.status} (${why}).`,
    { status: visit.status, allowed: RECORDING_STATUSES },
  );
}

export async function addFinding(ctx: MonitoringContext, input: AddFindingInput): Promise<Finding> {
  const created = await ctx.db.transaction(async (tx) => {
    // The visit row is locked so publication cannot slip in between the check and the insert.
    const visit = await lockVisit(ctx, tx, input.visitId);
    assertVisitAcceptsFindings(visit, "Findings");
    const finding = tx.create(Finding, {
      id: randomUUID(),
      visitId: visit.id,
      severity: input.severity,
      standardRef: input.standardRef.trim(),
      description: input.description.trim(),
      createdAt: new Date(),
    });
    await tx.insert(Finding, finding);
    return finding;
  });
  ctx.loaders.findingById.prime(created.id, created);
  ctx.loaders.findingsByVisitId.clear(created.visitId);
  return created;
}
