import { randomUUID } from "node:crypto";
import { badUserInput } from "@kgraph/platform";
import { SCOPES, type Scope } from "@kgraph/policy";
import type { EntityManager } from "typeorm";
import type { MonitoringContext } from "../../context";
import { Finding } from "../finding/finding.entity";
import { FindingRecords } from "../finding/finding.records";
import { assertVisitAcceptsFindings } from "../finding/finding.service";
import { MONITORING_WRITE_FORBIDDEN, visitReference } from "../visit/visit.policy";
import { lockVisit } from "../visit/visit.service";
import { Recommendation, RecommendationResponse, RecommendationStatus } from "./recommendation.entity";
import type { AddRecommendationInput, RespondToRecommendationInput } from "./recommendation.inputs";
import {
  RESPOND_FORBIDDEN,
  canMarkImplemented,
  canRespond,
  visibleRecommendationStatus,
} from "./recommendation.policy";
import { RecommendationRecords } from "./recommendation.records";

export function recommendationById(ctx: MonitoringContext, id: string): Promise<Recommendation | null> {
  return ctx.loaders.recommendationById.load(id);
}

export function recommendationsOfFinding(ctx: MonitoringContext, findingId: string): Promise<Recommendation[]> {
  return ctx.loaders.recommendationsByFindingId.load(findingId);
}

export function openRecommendationsOfFacility(ctx: MonitoringContext, facilityId: string): Promise<Recommendation[]> {
  return ctx.loaders.openRecommendationsByFacilityId.load(facilityId);
}

/** The response as one object; null until the authority has responded. */
export function responseOf(recommendation: Recommendation): RecommendationResponse | null {
  if (recommendation.respondedAt === null || recommendation.responseText === null) return null;
  return {
    accepted: recommendation.responseAccepted === true,
    text: recommendation.responseText,
    respondedAt: recommendation.respondedAt,
    respondedBy: recommendation.respondedBy,
  };
}

export async function addRecommendation(
  ctx: MonitoringContext,
  input: AddRecommendationInput,
): Promise<Recommendation> {
  const created = await ctx.db.transaction(async (tx) => {
    // The finding is read under the write rule, so a restricted writer learns nothing of
    // findings outside it: an unknown id and another body's finding are refused alike.
    const finding = await ctx.access.lockForWrite(
      tx,
      Finding,
      FindingRecords,
      SCOPES.MONITORING_WRITE,
      input.findingId,
      { what: "Finding", message: MONITORING_WRITE_FORBIDDEN },
    );
    const visit = await lockVisit(ctx, tx, finding.visitId);
    assertVisitAcceptsFindings(visit, "Recommendations");
    // A visit that accepts findings has started, so it has a reference time.
    const reference = visitReference(visit) as Date;
    if (input.dueAt.getTime() <= reference.getTime()) {
      const when = visit.endedAt ? "ended" : "started";
      throw badUserInput(
        `input.dueAt must be after the visit ${when} (${reference.toISOString()}); got ${input.dueAt.toISOString()}.`,
        { argument: "input.dueAt" },
      );
    }
    const recommendation = tx.create(Recommendation, {
      id: randomUUID(),
      findingId: finding.id,
      visitId: visit.id,
      facilityId: visit.facilityId,
      addressee: input.addressee.trim(),
      text: input.text.trim(),
      dueAt: input.dueAt,
      status: RecommendationStatus.OPEN,
      responseAccepted: null,
      responseText: null,
      respondedAt: null,
      respondedBy: null,
      implementedAt: null,
      createdAt: new Date(),
    });
    await tx.insert(Recommendation, recommendation);
    return recommendation;
  });
  primeRecommendation(ctx, created);
  return created;
}

export async function respondToRecommendation(
  ctx: MonitoringContext,
  input: RespondToRecommendationInput,
): Promise<Recommendation> {
  const updated = await ctx.db.transaction(async (tx) => {
    const recommendation = await lockRecommendation(
      ctx,
      tx,
      input.recommendationId,
      SCOPES.RECOMMENDATION_RESPOND,
      RESPOND_FORBIDDEN,
    );
    if (!canRespond(recommendation.status)) {
      throw badUserInput(
        `Recommendation ${recommendation.id} is ${recommendation.status} and has been responded to; ` +
          `only an OPEN (or OVERDUE) recommendation can be responded to.`,
        { status: recommendation.status },
      );
    }
    recommendation.status = input.accepted ? RecommendationStatus.ACCEPTED : RecommendationStatus.REJECTED;
    recommendation.responseAccepted = input.accepted;
    recommendation.responseText = input.text.trim();
    recommendation.respondedAt = new Date();
    recommendation.respondedBy = ctx.viewer.sub ?? null;
    await tx.update(
      Recommendation,
      { id: recommendation.id },
      {
        status: recommendation.status,
        responseAccepted: recommendation.responseAccepted,
        responseText: recommendation.responseText,
        respondedAt: recommendation.respondedAt,
        respondedBy: recommendation.respondedBy,
      },
    );
    return recommendation;
  });
  primeRecommendation(ctx, updated);
  return updated;
}

export async function markRecommendationImplemented(
  ctx: MonitoringContext,
  recommendationId: string,
): Promise<Recommendation> {
  const updated = await ctx.db.transaction(async (tx) => {
    const recommendation = await lockRecommendation(
      ctx,
      tx,
      recommendationId,
      SCOPES.MONITORING_WRITE,
      MONITORING_WRITE_FORBIDDEN,
    );
    if (!canMarkImplemented(recommendation.status)) {
      throw badUserInput(
        `Recommendation ${recommendation.id} is ${visibleRecommendationStatus(recommendation)}; ` +
          `only an ACCEPTED recommendation can be marked implemented.`,
        { status: visibleRecommendationStatus(recommendation) },
      );
    }
    recommendation.status = RecommendationStatus.IMPLEMENTED;
    recommendation.implementedAt = new Date();
    await tx.update(
      Recommendation,
      { id: recommendation.id },
      { status: recommendation.status, implementedAt: recommendation.implementedAt },
    );
    return recommendation;
  });
  primeRecommendation(ctx, updated);
  return updated;
}

/** Reads a recommendation for a change, holding its row; FORBIDDEN when it lies outside the write rule. */
function lockRecommendation(
  ctx: MonitoringContext,
  tx: EntityManager,
  id: string,
  scope: Scope,
  refusal: string,
): Promise<Recommendation> {
  return ctx.access.lockForWrite(tx, Recommendation, RecommendationRecords, scope, id, {
    what: "Recommendation",
    message: refusal,
  });
}

function primeRecommendation(ctx: MonitoringContext, recommendation: Recommendation): void {
  ctx.loaders.recommendationById.clear(recommendation.id).prime(recommendation.id, recommendation);
  ctx.loaders.recommendationsByFindingId.clear(recommendation.findingId);
  ctx.loaders.openRecommendationsByFacilityId.clear(recommendation.facilityId);
}
