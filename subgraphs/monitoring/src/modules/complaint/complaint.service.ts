import { randomUUID } from "node:crypto";
import { type Page, badUserInput, checkPageSize, decodeCursor, subjectRef, toPage, userError } from "@kgraph/platform";
import { SCOPES } from "@kgraph/policy";
import type { EntityManager } from "typeorm";
import type { MonitoringContext } from "../../context";
import { ComplaintStatus } from "./complaint-enums";
import { ComplaintEscalation } from "./complaint-escalation.entity";
import {
  Complaint,
  type ComplaintDecision,
  type ComplaintReceipt,
  type ComplaintStatusCheck,
} from "./complaint.entity";
import type {
  ComplaintFilter,
  DecideComplaintInput,
  EscalateComplaintInput,
  FileComplaintInput,
  TriageComplaintInput,
} from "./complaint.inputs";
import { NEXT_COMPLAINT_STATUSES, canMoveComplaint, complaintDueAt, isDecided } from "./complaint.policy";
import { ComplaintRecords } from "./complaint.records";
import { hashReceiptCode, maskedReceiptCode, newReceiptCode, receiptCodeLastGroup } from "./receipt-code";

export function complaintById(ctx: MonitoringContext, id: string): Promise<Complaint | null> {
  return ctx.loaders.complaintById.load(id);
}

export function escalationsOf(ctx: MonitoringContext, complaintId: string): Promise<ComplaintEscalation[]> {
  return ctx.loaders.escalationsByComplaintId.load(complaintId);
}

/** The pseudonym of the person the complaint concerns; null when it concerns no case. */
export function complaintSubjectRef(ctx: MonitoringContext, complaint: Complaint): string | null {
  return complaint.caseId ? subjectRef(complaint.caseId, ctx.subjectRefKey) : null;
}

export function decisionOf(complaint: Complaint): ComplaintDecision | null {
  if (!complaint.decidedAt || !complaint.decisionOutcome || complaint.decisionText === null) return null;
  return { outcome: complaint.decisionOutcome, text: complaint.decisionText, decidedAt: complaint.decidedAt };
}

export function maskedReceiptCodeOf(complaint: Complaint): string {
  return maskedReceiptCode(complaint.receiptCodeLastGroup);
}

/** Complaints newest first, by keyset on (received_at, id). */
export async function listComplaints(
  ctx: MonitoringContext,
  args: { first: number; after?: string | null; filter?: ComplaintFilter | null },
): Promise<Page<Complaint>> {
  const first = checkPageSize(args.first);
  const query = ctx.db.getRepository(Complaint).createQueryBuilder("c");
  const readable = ctx.access.where(ComplaintRecords, SCOPES.COMPLAINT_READ, "c");
  query.where(readable.sql, readable.params);
  const filter = args.filter ?? {};
  if (filter.status?.length) query.andWhere("c.status IN (:...status)", { status: filter.status });
  if (filter.facilityId) query.andWhere("c.facility_id = :facilityId", { facilityId: filter.facilityId });
  if (args.after) {
    const [at, id] = decodeCursor(args.after, "time");
    query.andWhere("(c.received_at, c.id) < (:at, :id)", { at, id });
  }
  const rows = await query
    .orderBy("c.received_at", "DESC")
    .addOrderBy("c.id", "DESC")
    .limit(first + 1)
    .getMany();
  for (const row of rows) ctx.loaders.complaintById.prime(row.id, row);
  return toPage(rows, first, "time", (row) => [row.receivedAt.toISOString(), row.id]);
}

export async function fileComplaint(ctx: MonitoringContext, input: FileComplaintInput): Promise<ComplaintReceipt> {
  const name = input.complainantName?.trim() || null;
  const contact = input.complainantContact?.trim() || null;
  if (input.anonymous && (name || contact)) {
    throw badUserInput(
      "An anonymous complaint carries no identity: leave out input.complainantName and input.complainantContact, or set input.anonymous to false.",
      { argument: name ? "input.complainantName" : "input.complainantContact" },
    );
  }
  if (!input.anonymous && !name) {
    throw badUserInput("input.complainantName is required unless the complaint is anonymous.", {
      argument: "input.complainantName",
    });
  }
  // Nor does the audit trail name who filed an anonymous complaint.
  if (input.anonymous) ctx.audit.withholdActor();
  const receiptCode = newReceiptCode();
  const receivedAt = new Date();
  const complaint = await ctx.db.transaction(async (tx) => {
    const created = tx.create(Complaint, {
      id: randomUUID(),
      receiptCodeHash: hashReceiptCode(receiptCode),
      receiptCodeLastGroup: receiptCodeLastGroup(receiptCode),
      channel: input.channel,
      anonymous: input.anonymous,
      category: input.category,
      text: input.text.trim(),
      status: ComplaintStatus.RECEIVED,
      receivedAt,
      dueAt: complaintDueAt(receivedAt),
      updatedAt: receivedAt,
      complainantName: name,
      complainantContact: contact,
      facilityId: input.facilityId ?? null,
      caseId: input.caseId ?? null,
      // Who filed it, when signed in (a monitor follows the complaints they filed); never shown.
      // An anonymous complaint stays anonymous: its filer is not stored, not even for their own rule.
      filedBy: ctx.viewer.public || input.anonymous ? null : (ctx.viewer.sub ?? null),
      decisionOutcome: null,
      decisionText: null,
      decidedAt: null,
    });
    await tx.insert(Complaint, created);
    return created;
  });
  ctx.loaders.complaintById.prime(complaint.id, complaint);
  return { receiptCode, status: complaint.status, dueAt: complaint.dueAt };
}

/**
 * What the holder of a receipt code may know. Every code, well-formed or not, is hashed and
 * looked up the same way, and every miss gets the same answer, so wrong codes teach nothing.
 */
export async function complaintStatusByReceiptCode(
  ctx: MonitoringContext,
  receiptCode: string,
): Promise<ComplaintStatusCheck> {
  const found = await ctx.db.getRepository(Complaint).findOne({
    select: { id: true, status: true, dueAt: true, updatedAt: true, decisionOutcome: true },
    where: { receiptCodeHash: hashReceiptCode(receiptCode) },
  });
  if (!found) throw userError("NOT_FOUND", "No complaint matches this receipt code.");
  return {
    status: found.status,
    dueAt: found.dueAt,
    updatedAt: found.updatedAt,
    decisionOutcome: isDecided(found.status) ? found.decisionOutcome : null,
  };
}

export async function triageComplaint(ctx: MonitoringContext, input: TriageComplaintInput): Promise<Complaint> {
  return changeComplaint(ctx, input.complaintId, ComplaintStatus.UNDER_REVIEW, async (tx, complaint, now) => {
    if (input.category) complaint.category = input.category;
    await tx.update(
      Complaint,
      { id: complaint.id },
      { status: complaint.status, category: complaint.category, updatedAt: now },
    );
  });
}

export async function escalateComplaint(ctx: MonitoringContext, input: EscalateComplaintInput): Promise<Complaint> {
  return changeComplaint(ctx, input.complaintId, ComplaintStatus.ESCALATED, async (tx, complaint, now) => {
    await tx.insert(ComplaintEscalation, {
      id: randomUUID(),
      complaintId: complaint.id,
      to: input.to.trim(),
      at: now,
      reason: input.reason.trim(),
    });
    await tx.update(Complaint, { id: complaint.id }, { status: complaint.status, updatedAt: now });
  });
}

export async function decideComplaint(ctx: MonitoringContext, input: DecideComplaintInput): Promise<Complaint> {
  return changeComplaint(ctx, input.complaintId, ComplaintStatus.DECIDED, async (tx, complaint, now) => {
    complaint.decisionOutcome = input.outcome;
    complaint.decisionText = input.text.trim();
    complaint.decidedAt = now;
    await tx.update(
      Complaint,
      { id: complaint.id },
      {
        status: complaint.status,
        decisionOutcome: complaint.decisionOutcome,
        decisionText: complaint.decisionText,
        decidedAt: now,
        updatedAt: now,
      },
    );
  });
}

export async function closeComplaint(ctx: MonitoringContext, complaintId: string): Promise<Complaint> {
  return changeComplaint(ctx, complaintId, ComplaintStatus.CLOSED, async (tx, complaint, now) => {
    await tx.update(Complaint, { id: complaint.id }, { status: complaint.status, updatedAt: now });
  });
}

/** One state-machine step in one transaction: lock, check the move, apply, stamp `updatedAt`. */
async function changeComplaint(
  ctx: MonitoringContext,
  complaintId: string,
  to: ComplaintStatus,
  apply: (tx: EntityManager, complaint: Complaint, now: Date) => Promise<void>,
): Promise<Complaint> {
  const updated = await ctx.db.transaction(async (tx) => {
    const complaint = await ctx.access.lockForWrite(
      tx,
      Complaint,
      ComplaintRecords,
      SCOPES.COMPLAINT_HANDLE,
      complaintId,
      {
        what: "Complaint",
        message: "Complaints are handled by the complaints mechanism (the Ombudsperson) only.",
      },
    );
    if (!canMoveComplaint(complaint.status, to)) {
      const allowed = NEXT_COMPLAINT_STATUSES[complaint.status];
      throw badUserInput(
        `Complaint ${complaint.id} cannot move from ${complaint.status} to ${to}. ` +
          (allowed.length ? `Allowed next: ${allowed.join(", ")}.` : `${complaint.status} is final.`),
        { from: complaint.status, to, allowed },
      );
    }
    const now = new Date();
    complaint.status = to;
    complaint.updatedAt = now;
    await apply(tx, complaint, now);
    return complaint;
  });
  ctx.loaders.complaintById.clear(updated.id).prime(updated.id, updated);
  ctx.loaders.escalationsByComplaintId.clear(updated.id);
  return updated;
}
