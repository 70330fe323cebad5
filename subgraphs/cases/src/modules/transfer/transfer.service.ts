import { randomUUID } from "node:crypto";
import {
  type Page,
  badUserInput,
  checkPageSize,
  conflict,
  decodeCursor,
  notFound,
  toPage,
  userError,
} from "@kgraph/platform";
import { GraphQLError } from "graphql";
import { type EntityManager, In } from "typeorm";
import type { CasesContext } from "../../context";
import { refuseBefore, refuseFuture } from "../../time-rules";
import { SCOPES } from "@kgraph/policy";
import { TransferRecords } from "../case/case.records";
import { Case } from "../case/case.entity";
import { transitionCase } from "../case/case.service";
import { CaseStatus } from "../case/case-status";
import { forgetStatisticsGrid } from "../statistics/statistics.service";
import { Transfer, TransferCase, TransferDirection, TransferStatus } from "./transfer.entity";
import type {
  CancelTransferInput,
  RecordHandoverInput,
  RecordTransferInput,
  TransferFilter,
  UpdateTransferStatusInput,
} from "./transfer.inputs";
import {
  ACTIVE_TRANSFER_STATUSES,
  NEXT_TRANSFER_STATUSES,
  bookableStatus,
  canMoveTransfer,
  enRouteStatus,
  handedOverStatus,
} from "./transfer.policy";

export function transferById(ctx: CasesContext, id: string): Promise<Transfer | null> {
  return ctx.loaders.transferById.load(id);
}

/** The case's latest transfer (inbound, then onward once booked); null before any. */
export function transferOfCase(ctx: CasesContext, root: Case): Promise<Transfer | null> | null {
  return root.transferId ? ctx.loaders.transferById.load(root.transferId) : null;
}

export function casesOnTransfer(ctx: CasesContext, transferId: string): Promise<Case[]> {
  return ctx.loaders.casesByTransferId.load(transferId);
}

/** Transfers, newest departure first, by keyset on (departure_at, id). */
export async function listTransfers(
  ctx: CasesContext,
  args: { first: number; after?: string | null; filter?: TransferFilter | null },
): Promise<Page<Transfer>> {
  const first = checkPageSize(args.first);
  // Only the transfers the viewer's record rule reaches (case.records.ts); the cases on each
  // transfer follow the viewer's case rule.
  const visible = ctx.access.where(TransferRecords, SCOPES.CASE_READ, "t");
  const query = ctx.db.getRepository(Transfer).createQueryBuilder("t").where(visible.sql, visible.params);
  const filter = args.filter ?? {};
  if (filter.direction) query.andWhere("t.direction = :direction", { direction: filter.direction });
  if (filter.status?.length) query.andWhere("t.status IN (:...status)", { status: filter.status });
  if (args.after) {
    const [departureAt, id] = decodeCursor(args.after, "time");
    query.andWhere("(t.departure_at, t.id) < (:departureAt, :id)", { departureAt, id });
  }
  const rows = await query
    .orderBy("t.departure_at", "DESC")
    .addOrderBy("t.id", "DESC")
    .limit(first + 1)
    .getMany();
  for (const row of rows) ctx.loaders.transferById.prime(row.id, row);
  return toPage(rows, first, "time", (row) => [row.departureAt.toISOString(), row.id]);
}

/**
 * Books cases on a new transfer. Every case must exist, be in the status the direction takes
 * (ACCEPTED inbound, ONWARD_RETURN_PLANNED onward) and be on no other active transfer; inbound
 * cases move to IN_TRANSIT in the same transaction.
 */
export async function recordTransfer(ctx: CasesContext, input: RecordTransferInput): Promise<Transfer> {
  if (input.arrivalAt && input.arrivalAt.getTime() <= input.departureAt.getTime()) {
    throw badUserInput(
      `arrivalAt (${input.arrivalAt.toISOString()}) must be after departureAt (${input.departureAt.toISOString()}).`,
      { argument: "input.arrivalAt" },
    );
  }
  const result = await ctx.db.transaction(async (tx) => {
    const cases = await tx.find(Case, {
      where: { id: In(input.caseIds) },
      order: { caseNumber: "ASC" },
      lock: { mode: "pessimistic_write" },
    });
    const found = new Set(cases.map((c) => c.id));
    const missing = input.caseIds.filter((id) => !found.has(id));
    if (missing.length) {
      throw userError(
        "NOT_FOUND",
        missing.length === 1 ? `Case ${missing[0]} does not exist.` : `Cases ${missing.join(", ")} do not exist.`,
        { ids: missing },
      );
    }
    const required = bookableStatus(input.direction);
    const wrong = cases.filter((c) => c.status !== required);
    if (wrong.length) {
      throw badUserInput(
        `An ${input.direction} transfer takes ${required} cases only: ` +
          `${wrong.map((c) => `${c.caseNumber} is ${c.status}`).join(", ")}.`,
        { argument: "input.caseIds", caseIds: wrong.map((c) => c.id) },
      );
    }
    await refuseCasesOnActiveTransfers(tx, cases);

    const now = new Date();
    const transfer = tx.create(Transfer, {
      id: randomUUID(),
      direction: input.direction,
      flightNumber: input.flightNumber,
      departureAt: input.departureAt,
      arrivalAt: input.arrivalAt ?? null,
      handoverAt: null,
      status: TransferStatus.PLANNED,
      cancellationReason: null,
      recordedAt: now,
    });
    await tx.insert(Transfer, transfer);
    await tx.insert(
      TransferCase,
      cases.map((c) => ({ transferId: transfer.id, caseId: c.id })),
    );
    if (input.direction === TransferDirection.INBOUND) {
      for (const c of cases) await transitionCase(tx, c.id, CaseStatus.IN_TRANSIT, null, now);
    }
    await tx.update(Case, { id: In(cases.map((c) => c.id)) }, { transferId: transfer.id });
    return { transfer, caseIds: cases.map((c) => c.id) };
  });
  forgetCases(ctx, result.caseIds);
  ctx.loaders.transferById.clear(result.transfer.id).prime(result.transfer.id, result.transfer);
  // Arrivals dated at the handover, which may fall in a month already published.
  if (result.caseIds.length) forgetStatisticsGrid(ctx.db);
  return result.transfer;
}

async function refuseCasesOnActiveTransfers(tx: EntityManager, cases: Case[]): Promise<void> {
  const busy = (await tx.query(
    `SELECT tc.case_id, t.id AS transfer_id, t.flight_number, t.status
       FROM transfer_case tc JOIN transfer t ON t.id = tc.transfer_id
      WHERE tc.case_id = ANY($1) AND t.status = ANY($2)
      ORDER BY t.departure_at, t.id`,
    [cases.map((c) => c.id), ACTIVE_TRANSFER_STATUSES],
  )) as { case_id: string; transfer_id: string; flight_number: string; status: string }[];
  if (!busy.length) return;
  const numberOf = new Map(cases.map((c) => [c.id, c.caseNumber]));
  throw conflict(
    `Cases may be on one active transfer at a time: ` +
      busy
        .map((b) => `${numberOf.get(b.case_id)} is on ${b.status} transfer ${b.flight_number} (${b.transfer_id})`)
        .join(", ") +
      ". Hand over or cancel that transfer first.",
    { caseIds: busy.map((b) => b.case_id), transferIds: [...new Set(busy.map((b) => b.transfer_id))] },
  );
}

/**
 * Hands everyone on the transfer over: inbound cases become RECEIVED (so each counts against
 * its agreement's monthly cap in the handover's month), onward cases RETURNED. One case that
 * cannot move fails the whole handover. Cases that already left the transfer on their own
 * (closed in transit, or received individually) are left as they are.
 */
export async function recordHandover(ctx: CasesContext, input: RecordHandoverInput): Promise<Transfer> {
  const result = await ctx.db.transaction(async (tx) => {
    const transfer = await lockTransfer(tx, input.transferId);
    refuseMove(transfer, TransferStatus.HANDED_OVER);
    const handoverAt = input.handoverAt ?? new Date();
    refuseFuture(handoverAt, "handoverAt");
    refuseBefore(handoverAt, "handoverAt", transfer.departureAt, `the departure of transfer ${transfer.flightNumber}`);

    const booked = await tx.find(TransferCase, {
      where: { transferId: transfer.id },
      relations: { case: true },
      order: { case: { caseNumber: "ASC" } },
    });
    const onBoard = booked.map((b) => b.case as Case).filter((c) => c.status === enRouteStatus(transfer.direction));
    const to = handedOverStatus(transfer.direction);
    // Every case on board is locked before any agreement is (in id order, as everywhere): a status
    // change of one of them racing this handover waits here instead of deadlocking with it.
    await tx.query(`SELECT id FROM "case" WHERE id = ANY($1) ORDER BY id FOR UPDATE`, [onBoard.map((c) => c.id)]);
    for (const c of onBoard) {
      try {
        await transitionCase(tx, c.id, to, null, handoverAt);
      } catch (err) {
        if (!(err instanceof GraphQLError)) throw err;
        throw new GraphQLError(`Handover of transfer ${transfer.flightNumber} refused: ${err.message}`, {
          extensions: { ...err.extensions, caseId: c.id, transferId: transfer.id },
        });
      }
    }
    transfer.status = TransferStatus.HANDED_OVER;
    transfer.handoverAt = handoverAt;
    // Nobody is handed over before landing: an arrival not recorded separately is the handover's.
    transfer.arrivalAt = transfer.arrivalAt ?? handoverAt;
    await tx.update(
      Transfer,
      { id: transfer.id },
      { status: transfer.status, handoverAt: transfer.handoverAt, arrivalAt: transfer.arrivalAt },
    );
    return { transfer, caseIds: onBoard.map((c) => c.id) };
  });
  forgetCases(ctx, result.caseIds);
  ctx.loaders.transferById.clear(result.transfer.id).prime(result.transfer.id, result.transfer);
  return result.transfer;
}

/**
 * Calls off a transfer that has not departed. Inbound cases still IN_TRANSIT on it go back to
 * ACCEPTED: the state machine has no such move for a single case, because only the transfer
 * that put them in transit can take them out again. Each case's `transfer` falls back to its
 * latest transfer that is not cancelled.
 */
export async function cancelTransfer(ctx: CasesContext, input: CancelTransferInput): Promise<Transfer> {
  const result = await ctx.db.transaction(async (tx) => {
    const transfer = await lockTransfer(tx, input.transferId);
    refuseMove(transfer, TransferStatus.CANCELLED);
    const booked = (await tx.query(`SELECT case_id FROM transfer_case WHERE transfer_id = $1`, [transfer.id])) as {
      case_id: string;
    }[];
    const caseIds = booked.map((b) => b.case_id);
    if (transfer.direction === TransferDirection.INBOUND && caseIds.length) {
      await tx.query(`SELECT id FROM "case" WHERE id = ANY($1) ORDER BY id FOR UPDATE`, [caseIds]);
      await tx.query(`UPDATE "case" SET status = $2 WHERE id = ANY($1) AND status = $3`, [
        caseIds,
        CaseStatus.ACCEPTED,
        CaseStatus.IN_TRANSIT,
      ]);
    }
    transfer.status = TransferStatus.CANCELLED;
    transfer.cancellationReason = input.reason;
    await tx.update(Transfer, { id: transfer.id }, { status: transfer.status, cancellationReason: input.reason });
    await tx.query(
      `UPDATE "case" c SET transfer_id = (
         SELECT tc.transfer_id FROM transfer_case tc JOIN transfer t ON t.id = tc.transfer_id
          WHERE tc.case_id = c.id AND t.status <> $2
          ORDER BY t.departure_at DESC, t.id DESC LIMIT 1)
        WHERE c.transfer_id = $1`,
      [transfer.id, TransferStatus.CANCELLED],
    );
    return { transfer, caseIds };
  });
  forgetCases(ctx, result.caseIds);
  ctx.loaders.transferById.clear(result.transfer.id).prime(result.transfer.id, result.transfer);
  return result.transfer;
}

/** Records a departure (IN_FLIGHT) or a landing (ARRIVED). */
export async function updateTransferStatus(ctx: CasesContext, input: UpdateTransferStatusInput): Promise<Transfer> {
  const transfer = await ctx.db.transaction(async (tx) => {
    const current = await lockTransfer(tx, input.transferId);
    refuseMove(current, input.status);
    const at = input.at ?? new Date();
    refuseFuture(at, "at");
    if (input.status === TransferStatus.IN_FLIGHT) {
      current.departureAt = at;
    } else {
      refuseBefore(at, "at", current.departureAt, `the departure of transfer ${current.flightNumber}`);
      current.arrivalAt = at;
    }
    current.status = input.status;
    await tx.update(
      Transfer,
      { id: current.id },
      { status: current.status, departureAt: current.departureAt, arrivalAt: current.arrivalAt },
    );
    return current;
  });
  ctx.loaders.transferById.clear(transfer.id).prime(transfer.id, transfer);
  return transfer;
}

async function lockTransfer(tx: EntityManager, id: string): Promise<Transfer> {
  const transfer = await tx.findOne(Transfer, { where: { id }, lock: { mode: "pessimistic_write" } });
  if (!transfer) throw notFound("Transfer", id);
  return transfer;
}

function refuseMove(transfer: Transfer, to: TransferStatus): void {
  if (canMoveTransfer(transfer.status, to)) return;
  const allowed = NEXT_TRANSFER_STATUSES[transfer.status];
  throw badUserInput(
    `Transfer ${transfer.flightNumber} cannot move from ${transfer.status} to ${to}. ` +
      (allowed.length ? `Allowed next: ${allowed.join(", ")}.` : `${transfer.status} is final.`),
    { from: transfer.status, to, allowed },
  );
}

function forgetCases(ctx: CasesContext, caseIds: string[]): void {
  for (const id of caseIds) ctx.loaders.caseById.clear(id);
  ctx.loaders.casesByTransferId.clearAll();
}
