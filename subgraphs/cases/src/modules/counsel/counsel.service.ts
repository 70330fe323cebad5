import { randomUUID } from "node:crypto";
import { badUserInput, conflict, notFound, userError } from "@kgraph/platform";
import { type EntityManager, IsNull } from "typeorm";
import type { CasesContext } from "../../context";
import { refuseBefore, refuseFuture } from "../../time-rules";
import type { Case } from "../case/case.entity";
import { isFinal } from "../case/case.policy";
import { SCOPES } from "@kgraph/policy";
import { lockCase, refuseOutsideScope } from "../case/case.service";
import { CounselContactEvent, LegalRepresentation, PrivilegedNote } from "./counsel.entity";
import type {
  AddPrivilegedNoteInput,
  AssignCounselInput,
  EndRepresentationInput,
  RecordCounselContactInput,
} from "./counsel.inputs";
import { contactEventProblem } from "./counsel.policy";

export function currentRepresentationOfCase(ctx: CasesContext, caseId: string): Promise<LegalRepresentation | null> {
  return ctx.loaders.currentRepresentationByCaseId.load(caseId);
}

export function representationHistoryOfCase(ctx: CasesContext, caseId: string): Promise<LegalRepresentation[]> {
  return ctx.loaders.representationsByCaseId.load(caseId);
}

export function counselContactsOfCase(ctx: CasesContext, caseId: string): Promise<CounselContactEvent[]> {
  return ctx.loaders.counselContactsByCaseId.load(caseId);
}

export function privilegedNotesOfCase(ctx: CasesContext, caseId: string): Promise<PrivilegedNote[]> {
  return ctx.loaders.privilegedNotesByCaseId.load(caseId);
}

export function caseOf(ctx: CasesContext, record: { caseId: string }): Promise<Case | null> {
  return ctx.loaders.caseById.load(record.caseId);
}

/**
 * Makes a counsel the counsel of record of an open case from `from` (now by default). The
 * previous representation, if any, ends at that moment, in the same transaction.
 */
export async function assignCounsel(ctx: CasesContext, input: AssignCounselInput): Promise<LegalRepresentation> {
  const from = input.from ?? new Date();
  refuseFuture(from, "from");
  const created = await ctx.db.transaction(async (tx) => {
    const current = await lockCase(tx, input.caseId);
    if (isFinal(current.status)) {
      throw badUserInput(
        `Case ${current.caseNumber} is ${current.status} (final); counsel is assigned to open cases only.`,
        {
          argument: "input.caseId",
        },
      );
    }
    const previous = await currentRepresentation(tx, current.id);
    if (previous?.counselId === input.counselId) {
      throw conflict(
        `Counsel ${input.counselId} is already counsel of record of case ${current.caseNumber} (since ${previous.from.toISOString()}).`,
        { representationId: previous.id },
      );
    }
    if (previous && from.getTime() <= previous.from.getTime()) {
      throw badUserInput(
        `from (${from.toISOString()}) must be after the start of the current representation (${previous.from.toISOString()}).`,
        { argument: "input.from" },
      );
    }
    if (!previous) {
      // Representations of one case never overlap: a new one starts after the last one ended.
      const last = await tx.findOne(LegalRepresentation, { where: { caseId: current.id }, order: { to: "DESC" } });
      if (last?.to) refuseBefore(from, "from", last.to, "the end of the previous representation");
    }
    if (previous) await tx.update(LegalRepresentation, { id: previous.id }, { to: from });
    const representation = tx.create(LegalRepresentation, {
      id: randomUUID(),
      caseId: current.id,
      counselId: input.counselId,
      organisation: input.organisation.trim(),
      from,
      to: null,
    });
    await tx.insert(LegalRepresentation, representation);
    return representation;
  });
  forgetRepresentations(ctx, created.caseId);
  return created;
}

/** Ends a current representation at `to` (now by default), not before it began. */
export async function endRepresentation(
  ctx: CasesContext,
  input: EndRepresentationInput,
): Promise<LegalRepresentation> {
  const to = input.to ?? new Date();
  refuseFuture(to, "to");
  const ended = await ctx.db.transaction(async (tx) => {
    const representation = await tx.findOne(LegalRepresentation, {
      where: { id: input.representationId },
      lock: { mode: "pessimistic_write" },
    });
    if (!representation) throw notFound("LegalRepresentation", input.representationId);
    if (representation.to) {
      throw badUserInput(`Representation ${representation.id} already ended on ${representation.to.toISOString()}.`, {
        argument: "input.representationId",
      });
    }
    refuseBefore(to, "to", representation.from, "the start of the representation");
    representation.to = to;
    await tx.update(LegalRepresentation, { id: representation.id }, { to });
    return representation;
  });
  forgetRepresentations(ctx, ended.caseId);
  return ended;
}

/**
 * Records a request to contact counsel and what came of it. The event carries the counsel of
 * record at the time of the request (null when the person had none: that is worth knowing).
 */
export async function recordCounselContact(
  ctx: CasesContext,
  input: RecordCounselContactInput,
): Promise<CounselContactEvent> {
  const problem = contactEventProblem(input);
  if (problem) throw badUserInput(problem.problem, { argument: `input.${problem.field}` });
  refuseFuture(input.requestedAt, "requestedAt");
  if (input.grantedAt) refuseFuture(input.grantedAt, "grantedAt");
  if (input.heldAt) refuseFuture(input.heldAt, "heldAt");
  const event = await ctx.db.transaction(async (tx) => {
    await refuseOutsideScope(
      ctx,
      tx,
      SCOPES.COUNSEL_WRITE,
      input.caseId,
      "Counsel contact events are recorded by counsel only for their own clients and by facility staff only for " +
        "people placed in their facility; this case is neither.",
    );
    const current = await lockCase(tx, input.caseId);
    refuseBefore(input.requestedAt, "requestedAt", current.openedAt, `the opening of case ${current.caseNumber}`);
    const counsel = await tx
      .getRepository(LegalRepresentation)
      .createQueryBuilder("r")
      .where("r.case_id = :caseId", { caseId: current.id })
      .andWhere("r.valid_from <= :at", { at: input.requestedAt })
      .andWhere("(r.valid_to IS NULL OR r.valid_to > :at)", { at: input.requestedAt })
      .orderBy("r.valid_from", "DESC")
      .getOne();
    const created = tx.create(CounselContactEvent, {
      id: randomUUID(),
      caseId: current.id,
      counselId: counsel?.counselId ?? null,
      requestedAt: input.requestedAt,
      grantedAt: input.grantedAt ?? null,
      heldAt: input.heldAt ?? null,
      deniedReason: input.deniedReason?.trim() ?? null,
      recordedAt: new Date(),
    });
    await tx.insert(CounselContactEvent, created);
    return created;
  });
  ctx.loaders.counselContactsByCaseId.clear(event.caseId);
  return event;
}

/**
 * Adds a privileged note by the current counsel of record, who must be the caller: nobody else
 * writes under counsel's privilege, and a case without counsel has nobody to write it.
 */
export async function addPrivilegedNote(ctx: CasesContext, input: AddPrivilegedNoteInput): Promise<PrivilegedNote> {
  const onlyCounsel = "Privileged notes are written only by the current counsel of record of the case.";
  const note = await ctx.db.transaction(async (tx) => {
    await refuseOutsideScope(ctx, tx, SCOPES.CASE_PRIVILEGED, input.caseId, onlyCounsel);
    const current = await lockCase(tx, input.caseId);
    const representation = await currentRepresentation(tx, current.id);
    if (!representation) {
      throw badUserInput(
        `Case ${current.caseNumber} has no counsel of record; privileged notes are written by the current counsel.`,
        { argument: "input.caseId" },
      );
    }
    if (representation.counselId !== ctx.viewer.sub) throw userError("FORBIDDEN", onlyCounsel, { caseId: current.id });
    const created = tx.create(PrivilegedNote, {
      id: randomUUID(),
      caseId: current.id,
      counselId: representation.counselId,
      createdAt: new Date(),
      text: input.text,
    });
    await tx.insert(PrivilegedNote, created);
    return created;
  });
  ctx.loaders.privilegedNotesByCaseId.clear(note.caseId);
  return note;
}

function currentRepresentation(tx: EntityManager, caseId: string): Promise<LegalRepresentation | null> {
  return tx.findOneBy(LegalRepresentation, { caseId, to: IsNull() });
}

function forgetRepresentations(ctx: CasesContext, caseId: string): void {
  ctx.loaders.currentRepresentationByCaseId.clear(caseId);
  ctx.loaders.representationsByCaseId.clear(caseId);
}
