import { badUserInput, isStorableInstant } from "@kgraph/platform";
import type { CasesContext } from "../../context";
import { AGENCIES, type CaseObligationKind, ageingBandOf, caseObligationDueAt, daysOverdue } from "./overdue.policy";
import { OverdueCaseObligation, OverdueLedger } from "./overdue.types";

function checkAsOf(asOf: Date | null | undefined): Date | null {
  if (asOf && !isStorableInstant(asOf))
    throw badUserInput("asOf must lie between years 0001 and 9999.", { argument: "asOf" });
  return asOf ?? null;
}

/** `_entities` for OverdueLedger: the agency's ledger (null for an agency the task force has not). */
export function ledgerReference(reference: { agency: string }): OverdueLedger | null {
  const agency = AGENCIES.find((a) => a === reference.agency);
  return agency ? Object.assign(new OverdueLedger(), { agency }) : null;
}

/** The ledger's overdue obligations of one kind the caller may read, longest overdue first. */
export async function overdueCases(
  ctx: CasesContext,
  ledger: OverdueLedger,
  kind: CaseObligationKind,
  asOf: Date | null | undefined,
): Promise<OverdueCaseObligation[]> {
  const at = checkAsOf(asOf) ?? ctx.now;
  const cases = await ctx.loaders.overdueCasesByLedger.load({ agency: ledger.agency, kind, asOf: at });
  return cases.map((found) => {
    ctx.loaders.caseById.prime(found.id, found);
    // arrived_at is set on every case the loader returns (it selects on it).
    const dueAt = caseObligationDueAt(kind, found.arrivedAt as Date);
    const days = daysOverdue(dueAt, at);
    return Object.assign(new OverdueCaseObligation(), {
      kind,
      dueAt,
      daysOverdue: days,
      band: ageingBandOf(days),
      case: found,
    });
  });
}

/** How many cases the ledger has overdue for the kind that the caller may read: all, not only the list's first. */
export async function overdueCaseCount(
  ctx: CasesContext,
  ledger: OverdueLedger,
  kind: CaseObligationKind,
  asOf: Date | null | undefined,
): Promise<number> {
  const at = checkAsOf(asOf) ?? ctx.now;
  return ctx.loaders.overdueCaseCountByLedger.load({ agency: ledger.agency, kind, asOf: at });
}
