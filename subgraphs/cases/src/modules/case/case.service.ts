import { randomUUID } from "node:crypto";
import {
  type Page,
  badUserInput,
  isUuid,
  subjectRef,
  checkPageSize,
  decodeCursor,
  notFound,
  toPage,
  userError,
} from "@kgraph/platform";
import type { EntityManager } from "typeorm";
import type { CasesContext } from "../../context";
import { Agreement, AgreementStatus } from "../agreement/agreement.entity";
import { Person } from "../person/person.entity";
import { forgetStatisticsGrid } from "../statistics/statistics.service";
import { Case } from "./case.entity";
import type { AssignOfficerInput, CaseFilter, ChangeCaseStatusInput, NominateCaseInput } from "./case.inputs";
import { CaseStatus } from "./case-status";
import { NEXT_STATUSES, canTransition, isArrival, isFinal } from "./case.policy";
import { SCOPES, type Scope } from "@kgraph/policy";
import { CaseRecords } from "./case.records";

/** The case's pseudonym: an HMAC of its id under the shared key. */
export function subjectRefOf(ctx: CasesContext, caseId: string): string {
  return subjectRef(caseId, ctx.subjectRefKey);
}

export function caseById(ctx: CasesContext, id: string): Promise<Case | null> {
  return ctx.loaders.caseById.load(id);
}

/**
 * Cases newest first, by keyset on (opened_at, id): stable and fast at any depth. Only the
 * cases the viewer's record rule allows, filtered in the same statement.
 */
export async function listCases(
  ctx: CasesContext,
  args: { first: number; after?: string | null; filter?: CaseFilter | null },
): Promise<Page<Case>> {
  const first = checkPageSize(args.first);
  const visible = ctx.access.where(CaseRecords, SCOPES.CASE_READ, "c");
  const query = ctx.db.getRepository(Case).createQueryBuilder("c").where(visible.sql, visible.params);
  const filter = args.filter ?? {};
  if (filter.status?.length) query.andWhere("c.status IN (:...status)", { status: filter.status });
  if (filter.nationality) query.andWhere("c.nationality = :nationality", { nationality: filter.nationality });
  if (filter.agreementId) query.andWhere("c.agreement_id = :agreementId", { agreementId: filter.agreementId });
  if (filter.transferId) {
    query.andWhere("EXISTS (SELECT 1 FROM transfer_case tc WHERE tc.case_id = c.id AND tc.transfer_id = :transferId)", {
      transferId: filter.transferId,
    });
  }
  if (args.after) {
    const [openedAt, id] = decodeCursor(args.after, "time");
    query.andWhere("(c.opened_at, c.id) < (:openedAt, :id)", { openedAt, id });
  }
  const rows = await query
    .orderBy("c.opened_at", "DESC")
    .addOrderBy("c.id", "DESC")
    .limit(first + 1)
    .getMany();
  for (const row of rows) ctx.loaders.caseById.prime(row.id, row);
  return toPage(rows, first, "time", (row) => [row.openedAt.toISOString(), row.id]);
}

export async function nominateCase(ctx: CasesContext, input: NominateCaseInput): Promise<Case> {
  return ctx.db.transaction(async (tx) => {
    const agreement = await tx.findOneBy(Agreement, { id: input.agreementId });
    if (!agreement) throw notFound("Agreement", input.agreementId);
    if (agreement.status !== AgreementStatus.ACTIVE) {
      throw badUserInput(`Agreement ${agreement.id} is ${agreement.status}; nominations need an ACTIVE agreement.`, {
        argument: "input.agreementId",
      });
    }
    const [{ seq }] = (await tx.query(`SELECT nextval('case_number_seq') AS seq`)) as { seq: string }[];
    const now = new Date();
    const created = tx.create(Case, {
      id: randomUUID(),
      caseNumber: `RKS-${now.getUTCFullYear()}-${seq.padStart(6, "0")}`,
      status: CaseStatus.NOMINATED,
      agreementId: agreement.id,
      nationality: input.nationality,
      ageBand: input.ageBand,
      openedAt: now,
      arrivedAt: null,
      closedAt: null,
      statusReason: null,
      transferId: null,
      assignedOfficerId: null,
    });
    await tx.insert(Case, created);
    await tx.insert(Person, {
      caseId: created.id,
      givenNames: input.person.givenNames,
      familyName: input.person.familyName,
      dateOfBirth: input.person.dateOfBirth ?? null,
      sex: input.person.sex,
      languages: input.person.languages,
      identityDocuments: input.person.identityDocuments.map((doc) => ({ ...doc, expiresOn: doc.expiresOn ?? null })),
    });
    return created;
  });
}

/**
 * Moves a case through the state machine. Refuses an illegal move naming the allowed ones,
 * enforces the agreement's caps, and stamps arrival and closing times.
 */
export async function changeCaseStatus(ctx: CasesContext, input: ChangeCaseStatusInput): Promise<Case> {
  const updated = await ctx.db.transaction((tx) =>
    transitionCase(tx, input.caseId, input.status, input.reason ?? null),
  );
  ctx.loaders.caseById.clear(updated.id).prime(updated.id, updated);
  if (updated.status === CaseStatus.RECEIVED) forgetStatisticsGrid(ctx.db);
  return updated;
}

/** The transition itself, inside the caller's transaction (transfers hand over many cases at once). */
export async function transitionCase(
  tx: EntityManager,
  caseId: string,
  to: CaseStatus,
  reason: string | null,
  at: Date = new Date(),
): Promise<Case> {
  const current = await lockCase(tx, caseId);
  if (reason !== null && (reason.trim().length < 3 || reason.length > 500)) {
    throw badUserInput(`A reason must be 3 to 500 characters; got ${reason.length}.`, { argument: "reason" });
  }
  if (!canTransition(current.status, to)) {
    const allowed = NEXT_STATUSES[current.status];
    throw badUserInput(
      `Case ${current.caseNumber} cannot move from ${current.status} to ${to}. ` +
        (allowed.length ? `Allowed next: ${allowed.join(", ")}.` : `${current.status} is final.`),
      { from: current.status, to, allowed },
    );
  }
  if ((to === CaseStatus.DECLINED || to === CaseStatus.CLOSED) && !reason) {
    throw badUserInput(`A reason is required to move a case to ${to}.`, { argument: "input.reason" });
  }
  // A cap counts the agreement's other cases, which this transaction has not locked: the
  // agreement's row is, so two moves cannot both see room for one more. Always after the case's
  // lock (never before), and NO KEY so nominations (a foreign key to it) do not wait on it.
  const capped = to === CaseStatus.ACCEPTED || isArrival(current.status, to);
  const agreement = await tx.findOneOrFail(Agreement, {
    where: { id: current.agreementId },
    ...(capped ? { lock: { mode: "for_no_key_update" as const } } : {}),
  });
  if (to === CaseStatus.ACCEPTED && agreement.totalCap !== null) {
    const accepted = await countAccepted(tx, agreement.id);
    if (accepted >= agreement.totalCap) {
      throw badUserInput(
        `Agreement "${agreement.title}" allows ${agreement.totalCap} cases in all and ${accepted} are already accepted.`,
        { totalCap: agreement.totalCap, accepted },
      );
    }
  }
  if (isArrival(current.status, to) && agreement.monthlyCap !== null) {
    const arrivals = await countArrivalsInMonth(tx, agreement.id, at);
    if (arrivals >= agreement.monthlyCap) {
      throw badUserInput(
        `Agreement "${agreement.title}" allows ${agreement.monthlyCap} arrivals a month and ` +
          `${arrivals} have arrived in ${at.toISOString().slice(0, 7)}.`,
        { monthlyCap: agreement.monthlyCap, arrivals },
      );
    }
  }
  current.status = to;
  if (to === CaseStatus.RECEIVED) current.arrivedAt = at;
  if (isFinal(to)) current.closedAt = at;
  if (reason) current.statusReason = reason;
  await tx.update(
    Case,
    { id: current.id },
    {
      status: current.status,
      arrivedAt: current.arrivedAt,
      closedAt: current.closedAt,
      statusReason: current.statusReason,
    },
  );
  return current;
}

/** The case, locked for this transaction; NOT_FOUND for an unknown or malformed id. */
export async function lockCase(tx: EntityManager, caseId: string): Promise<Case> {
  const found = isUuid(caseId)
    ? await tx.findOne(Case, { where: { id: caseId }, lock: { mode: "pessimistic_write" } })
    : null;
  if (!found) throw notFound("Case", caseId);
  return found;
}

/**
 * Refuses a write on a case outside the writer's record rule for `scope` (FORBIDDEN with
 * `message`), inside the write's transaction. An unknown id is refused the same way, so a
 * restricted writer cannot tell a case it may not touch from one that does not exist.
 * Writers the policy gives the scope for every case pass.
 */
export async function refuseOutsideScope(
  ctx: CasesContext,
  tx: EntityManager,
  scope: Scope,
  caseId: string,
  message: string,
): Promise<void> {
  const granted = ctx.access.scope(scope);
  if (granted.kind === "all") return;
  let inScope = false;
  if (granted.kind === "some" && isUuid(caseId)) {
    const rule = CaseRecords.condition(granted, "c");
    inScope = await tx
      .getRepository(Case)
      .createQueryBuilder("c")
      .where("c.id = :caseId", { caseId })
      .andWhere(rule.sql, rule.params)
      .getExists();
  }
  if (!inScope) throw userError("FORBIDDEN", message, { caseId });
}

export async function assignOfficer(ctx: CasesContext, input: AssignOfficerInput): Promise<Case> {
  const updated = await ctx.db.transaction(async (tx) => {
    const current = await tx.findOneBy(Case, { id: input.caseId });
    if (!current) throw notFound("Case", input.caseId);
    if (isFinal(current.status))
      throw badUserInput(`Case ${current.caseNumber} is ${current.status}; it cannot be reassigned.`);
    current.assignedOfficerId = input.officialId;
    await tx.update(Case, { id: current.id }, { assignedOfficerId: input.officialId });
    return current;
  });
  ctx.loaders.caseById.clear(updated.id).prime(updated.id, updated);
  return updated;
}

const NOT_ACCEPTED = [CaseStatus.NOMINATED, CaseStatus.DECLINED];

async function countAccepted(tx: EntityManager, agreementId: string): Promise<number> {
  const [{ count }] = (await tx.query(
    `SELECT count(*)::int AS count FROM "case" WHERE agreement_id = $1 AND status <> ALL($2)`,
    [agreementId, NOT_ACCEPTED],
  )) as { count: number }[];
  return count;
}

async function countArrivalsInMonth(tx: EntityManager, agreementId: string, at: Date): Promise<number> {
  const [{ count }] = (await tx.query(
    `SELECT count(*)::int AS count FROM "case"
      WHERE agreement_id = $1 AND arrived_at >= date_trunc('month', $2::timestamptz)
        AND arrived_at < date_trunc('month', $2::timestamptz) + interval '1 month'`,
    [agreementId, at.toISOString()],
  )) as { count: number }[];
  return count;
}
