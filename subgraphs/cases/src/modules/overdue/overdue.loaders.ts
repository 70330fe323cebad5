import { type RecordAccess } from "@kgraph/platform";
import { SCOPES } from "@kgraph/policy";
import DataLoader from "dataloader";
import type { DataSource } from "typeorm";
import { Case } from "../case/case.entity";
import { CaseRecords } from "../case/case.records";
import { CASE_OBLIGATIONS, type CaseObligationKind, ObligationKind, type TaskForceAgency } from "./overdue.policy";

/** `OverdueLedger.counselOffers` and `.protectionScreenings` state this maximum. */
export const OVERDUE_CASES_PER_LEDGER = 40;

/** One ledger field's question: an agency's overdue obligations of one kind at a time. */
export interface CaseLedgerKey {
  agency: TaskForceAgency;
  kind: CaseObligationKind;
  asOf: Date;
}

const keyString = (key: CaseLedgerKey) => `${key.kind}\u0000${key.asOf.toISOString()}\u0000${key.agency}`;

/**
 * What meets each obligation, as SQL on the case `c`, judged at `:asOf`: a counsel contact
 * requested (the person asked, or was offered and took it up: every `counsel_contact` row, granted,
 * held or denied) by then; a protection screening held by then. An obligation met late leaves the
 * ledger once met, as a task-force action item does once DONE.
 */
const MET_BY: Record<CaseObligationKind, string> = {
  [ObligationKind.COUNSEL_OFFER]:
    "EXISTS (SELECT 1 FROM cases.counsel_contact cc WHERE cc.case_id = c.id AND cc.requested_at <= CAST(:asOf AS timestamptz))",
  [ObligationKind.PROTECTION_SCREENING]:
    "EXISTS (SELECT 1 FROM cases.protection_screening ps WHERE ps.case_id = c.id AND ps.screened_at <= CAST(:asOf AS timestamptz))",
};

/**
 * Loaders for one request. Only the agency that owes an obligation has entries for it (the MIA);
 * the rest are empty without a statement. The viewer's case:read rule is part of the one SQL
 * statement per kind and time asked about, so a case outside it is never loaded.
 */
export function createOverdueLoaders(db: DataSource, access: RecordAccess) {
  const scope = access.scope(SCOPES.CASE_READ);
  /** The cases overdue for `kind` at `asOf` that the caller's case:read rule reaches, as one query. */
  const overdueQuery = (kind: CaseObligationKind, asOf: Date) => {
    const rule = CaseRecords.condition(scope, "c");
    const cutoff = new Date(asOf.getTime() - CASE_OBLIGATIONS[kind].hours * 3_600_000);
    return db
      .getRepository(Case)
      .createQueryBuilder("c")
      .where("c.arrived_at < CAST(:cutoff AS timestamptz)", { cutoff: cutoff.toISOString() })
      .andWhere("(c.closed_at IS NULL OR c.closed_at > CAST(:asOf AS timestamptz))")
      .andWhere(`NOT ${MET_BY[kind]}`)
      .andWhere(rule.sql, rule.params)
      .setParameter("asOf", asOf.toISOString());
  };
  /** One statement per kind and time asked about, shared by every ledger key that asks it. */
  const perQuestion = <T>(empty: T, ask: (kind: CaseObligationKind, asOf: Date) => Promise<T>) =>
    new DataLoader<CaseLedgerKey, T, string>(
      async (keys) => {
        const found = new Map<string, T>();
        const owed = keys.filter((key) => CASE_OBLIGATIONS[key.kind].owedBy === key.agency);
        if (scope.kind !== "none") {
          const questions = new Map(owed.map((key) => [`${key.kind}\u0000${key.asOf.toISOString()}`, key]));
          for (const { kind, asOf } of questions.values()) {
            const answer = await ask(kind, asOf);
            for (const key of owed)
              if (key.kind === kind && key.asOf.getTime() === asOf.getTime()) found.set(keyString(key), answer);
          }
        }
        return keys.map((key) => (found.has(keyString(key)) ? (found.get(keyString(key)) as T) : empty));
      },
      { cacheKeyFn: keyString },
    );
  return {
    /** Each ledger's first OVERDUE_CASES_PER_LEDGER + 1 cases overdue for the kind, longest overdue first. */
    overdueCasesByLedger: perQuestion<Case[]>([], (kind, asOf) =>
      overdueQuery(kind, asOf)
        .orderBy("c.arrived_at", "ASC")
        .addOrderBy("c.id", "ASC")
        .limit(OVERDUE_CASES_PER_LEDGER + 1)
        .getMany(),
    ),
    /** How many cases each ledger has overdue for the kind, all of them (the list stops at its bound). */
    overdueCaseCountByLedger: perQuestion<number>(0, (kind, asOf) => overdueQuery(kind, asOf).getCount()),
  };
}
