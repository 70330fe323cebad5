import { randomUUID } from "node:crypto";
import { type Page, badUserInput, checkPageSize, notFound, subjectRef, toPage } from "@kgraph/platform";
import { assertNotInFuture } from "../../clock";
import type { MonitoringContext } from "../../context";
import { decodeTimeCursor } from "../../keyset";
import { Incident, IncidentStatus } from "./incident.entity";
import type { ChangeIncidentStatusInput, IncidentFilter, RecordIncidentInput } from "./incident.inputs";
import { forbidden, lockForWrite, whereRule } from "../../record-rules";
import {
  INCIDENT_WRITE_FORBIDDEN,
  NEXT_INCIDENT_STATUSES,
  canMoveIncident,
  incidentReadCondition,
  incidentReadScope,
  incidentWriteCondition,
  incidentWriteScope,
  mayRecordIncidentAt,
  requiresCases,
} from "./incident.policy";

export function incidentById(ctx: MonitoringContext, id: string): Promise<Incident | null> {
  return ctx.loaders.incidentById.load(id);
}

/** The pseudonyms of the people involved, in the order the cases were recorded. */
export function incidentSubjectRefs(ctx: MonitoringContext, incident: Incident): string[] {
  return incident.caseIds.map((caseId) => subjectRef(caseId, ctx.subjectRefKey));
}

/** Incidents most recent first, by keyset on (at, id). */
export async function listIncidents(
  ctx: MonitoringContext,
  args: { first: number; after?: string | null; filter?: IncidentFilter | null },
): Promise<Page<Incident>> {
  const first = checkPageSize(args.first);
  const query = ctx.db.getRepository(Incident).createQueryBuilder("i");
  whereRule(query, incidentReadCondition(incidentReadScope(ctx.viewer)));
  const filter = args.filter ?? {};
  if (filter.facilityId) query.andWhere("i.facility_id = :facilityId", { facilityId: filter.facilityId });
  if (filter.type?.length) query.andWhere("i.type IN (:...type)", { type: filter.type });
  if (filter.status?.length) query.andWhere("i.status IN (:...status)", { status: filter.status });
  if (args.after) {
    const { at, id } = decodeTimeCursor(args.after);
    query.andWhere("(i.at, i.id) < (:at, :id)", { at, id });
  }
  const rows = await query
    .orderBy("i.at", "DESC")
    .addOrderBy("i.id", "DESC")
    .limit(first + 1)
    .getMany();
  for (const row of rows) ctx.loaders.incidentById.prime(row.id, row);
  return toPage(rows, first, (row) => [row.at.toISOString(), row.id]);
}

export async function recordIncident(ctx: MonitoringContext, input: RecordIncidentInput): Promise<Incident> {
  assertNotInFuture(input.at, "input.at");
  if (requiresCases(input.type) && input.caseIds.length === 0) {
    throw badUserInput(`An incident of type ${input.type} must name at least one case in input.caseIds.`, {
      argument: "input.caseIds",
    });
  }
  if (!mayRecordIncidentAt(incidentWriteScope(ctx.viewer), input.facilityId)) throw forbidden(INCIDENT_WRITE_FORBIDDEN);
  const created = await ctx.db.transaction(async (tx) => {
    const now = new Date();
    const incident = tx.create(Incident, {
      id: randomUUID(),
      type: input.type,
      at: input.at,
      facilityId: input.facilityId,
      caseIds: input.caseIds,
      narrative: input.narrative.trim(),
      status: IncidentStatus.REPORTED,
      reportedAt: now,
      updatedAt: now,
    });
    await tx.insert(Incident, incident);
    return incident;
  });
  ctx.loaders.incidentById.prime(created.id, created);
  return created;
}

export async function changeIncidentStatus(
  ctx: MonitoringContext,
  input: ChangeIncidentStatusInput,
): Promise<Incident> {
  const updated = await ctx.db.transaction(async (tx) => {
    const rule = incidentWriteCondition(incidentWriteScope(ctx.viewer), "i");
    const locked = await lockForWrite(tx, Incident, "i", input.incidentId, rule);
    if (!locked) throw notFound("Incident", input.incidentId);
    if (!locked.allowed) throw forbidden(INCIDENT_WRITE_FORBIDDEN);
    const incident = locked.row;
    if (!canMoveIncident(incident.status, input.status)) {
      const allowed = NEXT_INCIDENT_STATUSES[incident.status];
      throw badUserInput(
        `Incident ${incident.id} cannot move from ${incident.status} to ${input.status}. ` +
          (allowed.length ? `Allowed next: ${allowed.join(", ")}.` : `${incident.status} is final.`),
        { from: incident.status, to: input.status, allowed },
      );
    }
    incident.status = input.status;
    incident.updatedAt = new Date();
    await tx.update(Incident, { id: incident.id }, { status: incident.status, updatedAt: incident.updatedAt });
    return incident;
  });
  ctx.loaders.incidentById.clear(updated.id).prime(updated.id, updated);
  return updated;
}
