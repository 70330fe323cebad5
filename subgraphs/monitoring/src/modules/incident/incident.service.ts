import { randomUUID } from "node:crypto";
import { type Page, badUserInput, checkPageSize, decodeCursor, subjectRef, toPage, userError } from "@kgraph/platform";
import { SCOPES } from "@kgraph/policy";
import { assertNotInFuture } from "../../clock";
import type { MonitoringContext } from "../../context";
import { Incident, IncidentStatus } from "./incident.entity";
import type { ChangeIncidentStatusInput, IncidentFilter, RecordIncidentInput } from "./incident.inputs";
import { INCIDENT_WRITE_FORBIDDEN, NEXT_INCIDENT_STATUSES, canMoveIncident, requiresCases } from "./incident.policy";
import { IncidentRecords } from "./incident.records";

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
  const readable = ctx.access.where(IncidentRecords, SCOPES.MONITORING_READ, "i");
  query.where(readable.sql, readable.params);
  const filter = args.filter ?? {};
  if (filter.facilityId) query.andWhere("i.facility_id = :facilityId", { facilityId: filter.facilityId });
  if (filter.type?.length) query.andWhere("i.type IN (:...type)", { type: filter.type });
  if (filter.status?.length) query.andWhere("i.status IN (:...status)", { status: filter.status });
  if (args.after) {
    const [at, id] = decodeCursor(args.after, "time");
    query.andWhere("(i.at, i.id) < (:at, :id)", { at, id });
  }
  const rows = await query
    .orderBy("i.at", "DESC")
    .addOrderBy("i.id", "DESC")
    .limit(first + 1)
    .getMany();
  for (const row of rows) ctx.loaders.incidentById.prime(row.id, row);
  return toPage(rows, first, "time", (row) => [row.at.toISOString(), row.id]);
}

export async function recordIncident(ctx: MonitoringContext, input: RecordIncidentInput): Promise<Incident> {
  assertNotInFuture(input.at, "input.at");
  if (requiresCases(input.type) && input.caseIds.length === 0) {
    throw badUserInput(`An incident of type ${input.type} must name at least one case in input.caseIds.`, {
      argument: "input.caseIds",
    });
  }
  const created = await ctx.db.transaction(async (tx) => {
    const id = randomUUID();
    // Facility staff record incidents at their facility about its residents only: the rule is
    // checked on the new record before anything else, so it teaches nothing about other cases.
    const values = { id, facility_id: input.facilityId, case_ids: input.caseIds };
    if (!(await ctx.access.allowsNew(tx, IncidentRecords, SCOPES.INCIDENT_WRITE, values))) {
      throw userError("FORBIDDEN", INCIDENT_WRITE_FORBIDDEN);
    }
    const now = new Date();
    const incident = tx.create(Incident, {
      id,
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
    const incident = await ctx.access.lockForWrite(
      tx,
      Incident,
      IncidentRecords,
      SCOPES.INCIDENT_WRITE,
      input.incidentId,
      {
        what: "Incident",
        message: INCIDENT_WRITE_FORBIDDEN,
      },
    );
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
