import { badUserInput, isStorableInstant } from "@kgraph/platform";
import { AGENCIES, type TaskForceAgency } from "../../agency";
import type { OversightContext } from "../../context";
import { primeActionItem } from "../action-item/action-item.service";
import { ageingBandOf, daysOverdue, ownLedgers } from "./overdue.policy";
import { AgeingBandCount, OverdueActionItem, OverdueLedger } from "./overdue.types";

function ledger(agency: TaskForceAgency, asOf: Date | null, orgId: string | null): OverdueLedger {
  return Object.assign(new OverdueLedger(), { agency, asOf, orgId });
}

function checkAsOf(asOf: Date | null | undefined): Date | null {
  if (asOf && !isStorableInstant(asOf))
    throw badUserInput("asOf must lie between years 0001 and 9999.", { argument: "asOf" });
  return asOf ?? null;
}

/** The caller's own agencies' ledgers (none for a role that owes the task force nothing). */
export function myOverdue(ctx: OversightContext, asOf: Date | null | undefined): OverdueLedger[] {
  const at = checkAsOf(asOf) ?? ctx.now;
  return ownLedgers(ctx.viewer).map((own) => ledger(own.agency, at, own.orgId));
}

/** Every agency's ledger, in the order of the agencies. */
export function overdueByAgency(ctx: OversightContext, asOf: Date | null | undefined): OverdueLedger[] {
  const at = checkAsOf(asOf) ?? ctx.now;
  return AGENCIES.map((agency) => ledger(agency, at, null));
}

/** `_entities` for OverdueLedger: the whole agency's ledger, as of the time its fields ask. */
export function ledgerReference(reference: { agency: string }): OverdueLedger | null {
  const agency = AGENCIES.find((a) => a === reference.agency);
  return agency ? ledger(agency, null, null) : null;
}

function keyOf(ctx: OversightContext, root: OverdueLedger, asOf: Date | null | undefined) {
  return { agency: root.agency, orgId: root.orgId, asOf: checkAsOf(asOf) ?? root.asOf ?? ctx.now };
}

export async function overdueItems(
  ctx: OversightContext,
  root: OverdueLedger,
  asOf: Date | null | undefined,
): Promise<OverdueActionItem[]> {
  const key = keyOf(ctx, root, asOf);
  const items = await ctx.loaders.overdueItemsByLedger.load(key);
  return items.map((item) => {
    primeActionItem(ctx, item);
    const days = daysOverdue(item.dueAt, key.asOf);
    return Object.assign(new OverdueActionItem(), { actionItem: item, daysOverdue: days, band: ageingBandOf(days) });
  });
}

export async function ageing(
  ctx: OversightContext,
  root: OverdueLedger,
  asOf: Date | null | undefined,
): Promise<AgeingBandCount[]> {
  const counts = await ctx.loaders.ageingByLedger.load(keyOf(ctx, root, asOf));
  return counts.map((count) => Object.assign(new AgeingBandCount(), count));
}
