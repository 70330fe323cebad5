import { firstManyByKey } from "@kgraph/platform";
import DataLoader from "dataloader";
import type { SelectQueryBuilder } from "typeorm";
import type { TaskForceAgency } from "../../agency";
import type { ActionItem } from "../action-item/action-item.entity";
import { PENDING_STATUSES } from "../action-item/action-item.policy";
import { AGEING_BANDS, type AgeingBand } from "./overdue.policy";

/** `OverdueLedger.actionItems` states this maximum. */
export const OVERDUE_ITEMS_PER_LEDGER = 200;

/** One ledger's question: an agency's overdue items at a time, possibly narrowed to one organisation. */
export interface LedgerKey {
  agency: TaskForceAgency;
  orgId: string | null;
  asOf: Date;
}

const keyString = (key: LedgerKey) => `${key.asOf.toISOString()}\u0000${key.orgId ?? ""}\u0000${key.agency}`;

/** Keys that share a time and an organisation are answered by one statement. */
function groupKeys(keys: readonly LedgerKey[]): Map<string, LedgerKey[]> {
  const groups = new Map<string, LedgerKey[]>();
  for (const key of keys) {
    const group = `${key.asOf.toISOString()}\u0000${key.orgId ?? ""}`;
    groups.set(group, [...(groups.get(group) ?? []), key]);
  }
  return groups;
}

/** The SQL of an item's whole days past due at `:asOf`, on alias `a`. */
const DAYS_SQL = `floor(extract(epoch FROM (CAST(:asOf AS timestamptz) - a.due_at)) / 86400)`;
const BAND_SQL = `CASE ${AGEING_BANDS.filter((b) => b.upTo !== null)
  .map((b) => `WHEN ${DAYS_SQL} <= ${b.upTo} THEN '${b.band}'`)
  .join(" ")} ELSE '${AGEING_BANDS[AGEING_BANDS.length - 1].band}' END`;

/**
 * Loaders for one request. `readable` is the caller's readable action items (the record rule in
 * SQL); the ledgers only select the pending items past due among them.
 */
export function createOverdueLoaders(readable: () => SelectQueryBuilder<ActionItem>) {
  const overdue = (asOf: Date, orgId: string | null) => {
    const query = readable()
      .andWhere("a.status IN (:...pending)", { pending: PENDING_STATUSES })
      .andWhere("a.due_at < CAST(:asOf AS timestamptz)", { asOf: asOf.toISOString() });
    if (orgId) query.andWhere("a.owner_org_id = :ledgerOrgId", { ledgerOrgId: orgId });
    return query;
  };
  return {
    /** Each ledger's first OVERDUE_ITEMS_PER_LEDGER + 1 overdue items, longest overdue first. */
    overdueItemsByLedger: new DataLoader<LedgerKey, ActionItem[], string>(
      async (keys) => {
        const found = new Map<string, ActionItem[]>();
        for (const group of groupKeys(keys).values()) {
          const { asOf, orgId } = group[0];
          const agencies = group.map((key) => key.agency);
          const lists = await firstManyByKey(agencies, overdue(asOf, orgId), {
            column: "a.owner_agency",
            keyOf: (row) => row.ownerAgency,
            order: [
              ["a.due_at", "ASC"],
              ["a.id", "ASC"],
            ],
            limit: OVERDUE_ITEMS_PER_LEDGER + 1,
          });
          group.forEach((key, i) => found.set(keyString(key), lists[i]));
        }
        return keys.map((key) => found.get(keyString(key)) ?? []);
      },
      { cacheKeyFn: keyString },
    ),
    /** Each ledger's count of overdue items per ageing band (every band, zeros included). */
    ageingByLedger: new DataLoader<LedgerKey, { band: AgeingBand; count: number }[], string>(
      async (keys) => {
        const counts = new Map<string, number>();
        for (const group of groupKeys(keys).values()) {
          const { asOf, orgId } = group[0];
          const rows = (await overdue(asOf, orgId)
            .andWhere("a.owner_agency IN (:...agencies)", { agencies: group.map((key) => key.agency) })
            .select("a.owner_agency", "agency")
            .addSelect(BAND_SQL, "band")
            .addSelect("count(*)::int", "count")
            .groupBy("a.owner_agency")
            .addGroupBy("band")
            .getRawMany()) as { agency: string; band: string; count: number }[];
          for (const row of rows)
            counts.set(
              `${keyString({ asOf, orgId, agency: row.agency as TaskForceAgency })}\u0000${row.band}`,
              row.count,
            );
        }
        return keys.map((key) =>
          AGEING_BANDS.map(({ band }) => ({ band, count: counts.get(`${keyString(key)}\u0000${band}`) ?? 0 })),
        );
      },
      { cacheKeyFn: keyString },
    ),
  };
}
