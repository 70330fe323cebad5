import { randomUUID } from "node:crypto";
import { type Page, badUserInput, checkPageSize, decodeCursor, notFound, toPage, userError } from "@kgraph/platform";
import { SCOPES } from "@kgraph/policy";
import type { EntityManager } from "typeorm";
import { assertNotInFuture } from "../../clock";
import type { MonitoringContext } from "../../context";
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
import { MONITORING_WRITE_FORBIDDEN, NEXT_VISIT_STATUSES, canMoveVisit } from "./visit.policy";
import { VisitRecords } from "./visit.records";

export function visitById(ctx: MonitoringContext, id: string): Promise<MonitoringVisit | null> {
  return ctx.loaders.visitById.load(id);
}

/** The latest `first` visits (at most FACILITY_VISITS_MAX) to a facility the viewer may read, newest first. */
export function visitsOfFacility(
  ctx: MonitoringContext,
  facilityId: string,
  first: number,
): Promise<MonitoringVisit[]> {
  return ctx.loaders.latestVisitsByFacilityId(first).load(facilityId);
}

/** Visits newest first, by keyset on (planned_for, id). */
export async function listVisits(
  ctx: MonitoringContext,
  args: { first: number; after?: string | null; filter?: VisitFilter | null },
): Promise<Page<MonitoringVisit>> {
  const first = checkPageSize(args.first);
  const query = ctx.db.getRepository(MonitoringVisit).createQueryBuilder("v");
  const readable = ctx.access.where(VisitRecords, SCOPES.MONITORING_READ, "v");
  query.where(readable.sql, readable.params);
  const filter = args.filter ?? {};
  if (filter.facilityId) query.andWhere("v.facility_id = :facilityId", { facilityId: filter.facilityId });
  if (filter.bodyId) query.andWhere("v.body_id = :bodyId", { bodyId: filter.bodyId });
  if (filter.status?.length) query.andWhere("v.status IN (:...status)", { status: filter.status });
  if (args.after) {
    const [at, id] = decodeCursor(args.after, "time");
    query.andWhere("(v.planned_for, v.id) < (:at, :id)", { at, id });
  }
  const rows = await query
    .orderBy("v.planned_for", "DESC")
    .addOrderBy("v.id", "DESC")
    .limit(first + 1)
    .getMany();
  for (const row of rows) ctx.loaders.visitById.prime(row.id, row);
  return toPage(rows, first, "time", (row) => [row.plannedFor.toISOString(), row.id]);
}

export async function planVisit(ctx: MonitoringContext, input: PlanVisitInput): Promise<MonitoringVisit> {
  const created = await ctx.db.transaction(async (tx) => {
    const id = randomUUID();
    // The write rule decides before anything is looked up: a monitor plans only for their own body.
    const values = { id, body_id: input.bodyId, facility_id: input.facilityId };
    if (!(await ctx.access.allowsNew(tx, VisitRecords, SCOPES.MONITORING_WRITE, values))) {
      throw userError("FORBIDDEN", MONITORING_WRITE_FORBIDDEN);
    }
    const body = await tx.findOneBy(MonitoringBody, { id: input.bodyId });
    if (!body) throw notFound("MonitoringBody", input.bodyId);
    const visit = tx.create(MonitoringVisit, {
      id,
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

/** How long after a visit starts its start may still be recorded. */
export const START_RECORDED_WITHIN_MS = 24 * 3_600_000;

/**
 * A start is recorded when it happens, within a day. Starting a visit opens the facility's
 * complaints to the visiting body (visitedByOwnBody, grown by startVisit), and a start dated years
 * back (probe 2, F1: 2020-01-01, before the programme and the visit's planning) made "has
 * actually visited" a date to type in.
 */
function assertRecentStart(startedAt: Date, now: Date): void {
  if (startedAt.getTime() < now.getTime() - START_RECORDED_WITHIN_MS) {
    throw badUserInput(
      `input.startedAt must be within the last 24 hours: a visit's start is recorded when it starts; got ${startedAt.toISOString()}.`,
      { argument: "input.startedAt" },
    );
  }
}

export async function startVisit(ctx: MonitoringContext, input: StartVisitInput): Promise<MonitoringVisit> {
  const startedAt = input.startedAt ?? new Date();
  assertNotInFuture(startedAt, "input.startedAt");
  assertRecentStart(startedAt, ctx.now);
  const updated = await ctx.db.transaction(async (tx) => {
    const visit = await lockVisit(ctx, tx, input.visitId);
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
    const visit = await lockVisit(ctx, tx, input.visitId);
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
    const visit = await lockVisit(ctx, tx, input.visitId);
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
 * viewer may not write for the visit's body (a monitor: only their own body's visits), whether
 * or not the visit exists.
 */
export function lockVisit(ctx: MonitoringContext, tx: EntityManager, visitId: string): Promise<MonitoringVisit> {
  return ctx.access.lockForWrite(tx, MonitoringVisit, VisitRecords, SCOPES.MONITORING_WRITE, visitId, {
    what: "MonitoringVisit",
    message: MONITORING_WRITE_FORBIDDEN,
  });
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
  ctx.loaders.forgetFacilityVisits(visit.facilityId);
}
