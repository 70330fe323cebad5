import { randomUUID } from "node:crypto";
import { type Page, type Viewer, badUserInput, checkPageSize, notFound, toPage } from "@kgraph/platform";
import type { EntityManager } from "typeorm";
import { assertNotInFuture } from "../../clock";
import type { MonitoringContext } from "../../context";
import { decodeTimeCursor } from "../../keyset";
import { MonitoringBody } from "../monitoring-body/monitoring-body.entity";
import { MonitoringVisit } from "./visit.entity";
import { VisitStatus } from "./visit-enums";
import type {
  CompleteVisitInput,
  PlanVisitInput,
  PublishVisitReportInput,
  StartVisitInput,
  VisitFilter,
} from "./visit.inputs";
import { forbidden, lockForWrite, whereRule } from "../../record-rules";
import {
  MONITORING_WRITE_FORBIDDEN,
  NEXT_VISIT_STATUSES,
  canMoveVisit,
  mayWriteForBody,
  monitoringWriteCondition,
  monitoringWriteScope,
  visitReadCondition,
  visitReadScope,
} from "./visit.policy";

export function visitById(ctx: MonitoringContext, id: string): Promise<MonitoringVisit | null> {
  return ctx.loaders.visitById.load(id);
}

export function visitsOfFacility(ctx: MonitoringContext, facilityId: string): Promise<MonitoringVisit[]> {
  return ctx.loaders.visitsByFacilityId.load(facilityId);
}

/** Visits newest first, by keyset on (planned_for, id). */
export async function listVisits(
  ctx: MonitoringContext,
  args: { first: number; after?: string | null; filter?: VisitFilter | null },
): Promise<Page<MonitoringVisit>> {
  const first = checkPageSize(args.first);
  const query = ctx.db.getRepository(MonitoringVisit).createQueryBuilder("v");
  whereRule(query, visitReadCondition(visitReadScope(ctx.viewer), "v", "id"));
  const filter = args.filter ?? {};
  if (filter.facilityId) query.andWhere("v.facility_id = :facilityId", { facilityId: filter.facilityId });
  if (filter.bodyId) query.andWhere("v.body_id = :bodyId", { bodyId: filter.bodyId });
  if (filter.status?.length) query.andWhere("v.status IN (:...status)", { status: filter.status });
  if (args.after) {
    const { at, id } = decodeTimeCursor(args.after);
    query.andWhere("(v.planned_for, v.id) < (:at, :id)", { at, id });
  }
  const rows = await query
    .orderBy("v.planned_for", "DESC")
    .addOrderBy("v.id", "DESC")
    .limit(first + 1)
    .getMany();
  for (const row of rows) ctx.loaders.visitById.prime(row.id, row);
  return toPage(rows, first, (row) => [row.plannedFor.toISOString(), row.id]);
}

export async function planVisit(ctx: MonitoringContext, input: PlanVisitInput): Promise<MonitoringVisit> {
  const created = await ctx.db.transaction(async (tx) => {
    const body = await tx.findOneBy(MonitoringBody, { id: input.bodyId });
    if (!body) throw notFound("MonitoringBody", input.bodyId);
    if (!mayWriteForBody(monitoringWriteScope(ctx.viewer), body.id)) throw forbidden(MONITORING_WRITE_FORBIDDEN);
    const visit = tx.create(MonitoringVisit, {
      id: randomUUID(),
      bodyId: body.id,
      facilityId: input.facilityId,
      phases: input.phases,
      announced: input.announced,
      plannedFor: input.plannedFor,
      startedAt: null,
      endedAt: null,
      status: VisitStatus.PLANNED,
      publishedAt: null,
      reportSummary: null,
      createdAt: new Date(),
    });
    await tx.insert(MonitoringVisit, visit);
    return visit;
  });
  primeVisit(ctx, created);
  return created;
}

export async function startVisit(ctx: MonitoringContext, input: StartVisitInput): Promise<MonitoringVisit> {
  const startedAt = input.startedAt ?? new Date();
  assertNotInFuture(startedAt, "input.startedAt");
  const updated = await ctx.db.transaction(async (tx) => {
    const visit = await lockVisit(tx, ctx.viewer, input.visitId);
    assertMove(visit, VisitStatus.IN_PROGRESS);
    visit.status = VisitStatus.IN_PROGRESS;
    visit.startedAt = startedAt;
    await tx.update(MonitoringVisit, { id: visit.id }, { status: visit.status, startedAt });
    return visit;
  });
  primeVisit(ctx, updated);
  return updated;
}

export async function completeVisit(ctx: MonitoringContext, input: CompleteVisitInput): Promise<MonitoringVisit> {
  const endedAt = input.endedAt ?? new Date();
  assertNotInFuture(endedAt, "input.endedAt");
  const updated = await ctx.db.transaction(async (tx) => {
    const visit = await lockVisit(tx, ctx.viewer, input.visitId);
    assertMove(visit, VisitStatus.COMPLETED);
    const startedAt = visit.startedAt as Date;
    if (endedAt.getTime() < startedAt.getTime()) {
      throw badUserInput(
        `input.endedAt must not be before the visit started (${startedAt.toISOString()}); got ${endedAt.toISOString()}.`,
        { argument: "input.endedAt" },
      );
    }
    visit.status = VisitStatus.COMPLETED;
    visit.endedAt = endedAt;
    await tx.update(MonitoringVisit, { id: visit.id }, { status: visit.status, endedAt });
    return visit;
  });
  primeVisit(ctx, updated);
  return updated;
}

export async function publishVisitReport(
  ctx: MonitoringContext,
  input: PublishVisitReportInput,
): Promise<MonitoringVisit> {
  const updated = await ctx.db.transaction(async (tx) => {
    const visit = await lockVisit(tx, ctx.viewer, input.visitId);
    assertMove(visit, VisitStatus.REPORT_PUBLISHED);
    visit.status = VisitStatus.REPORT_PUBLISHED;
    visit.publishedAt = new Date();
    visit.reportSummary = input.summary.trim();
    await tx.update(
      MonitoringVisit,
      { id: visit.id },
      { status: visit.status, publishedAt: visit.publishedAt, reportSummary: visit.reportSummary },
    );
    return visit;
  });
  primeVisit(ctx, updated);
  return updated;
}

/**
 * Reads a visit for a change, holding its row until the transaction ends; FORBIDDEN when the
 * viewer may not write for the visit's body (a monitor: only their own body's visits).
 */
export async function lockVisit(tx: EntityManager, viewer: Viewer, visitId: string): Promise<MonitoringVisit> {
  const rule = monitoringWriteCondition(monitoringWriteScope(viewer), "v");
  const locked = await lockForWrite(tx, MonitoringVisit, "v", visitId, rule);
  if (!locked) throw notFound("MonitoringVisit", visitId);
  if (!locked.allowed) throw forbidden(MONITORING_WRITE_FORBIDDEN);
  return locked.row;
}

function assertMove(visit: MonitoringVisit, to: VisitStatus): void {
  if (canMoveVisit(visit.status, to)) return;
  const allowed = NEXT_VISIT_STATUSES[visit.status];
  throw badUserInput(
    `Visit ${visit.id} cannot move from ${visit.status} to ${to}. ` +
      (allowed.length ? `Allowed next: ${allowed.join(", ")}.` : `${visit.status} is final.`),
    { from: visit.status, to, allowed },
  );
}

function primeVisit(ctx: MonitoringContext, visit: MonitoringVisit): void {
  ctx.loaders.visitById.clear(visit.id).prime(visit.id, visit);
  ctx.loaders.visitsByFacilityId.clear(visit.facilityId);
}
