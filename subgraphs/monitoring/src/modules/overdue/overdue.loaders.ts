import { type RecordAccess, firstManyByKey } from "@kgraph/platform";
import { SCOPES } from "@kgraph/policy";
import DataLoader from "dataloader";
import type { DataSource } from "typeorm";
import { ComplaintStatus } from "../complaint/complaint-enums";
import { Complaint } from "../complaint/complaint.entity";
import { ComplaintRecords } from "../complaint/complaint.records";
import { Recommendation, RecommendationStatus } from "../recommendation/recommendation.entity";
import { RecommendationRecords } from "../recommendation/recommendation.records";
import {
  ADDRESSEE_AGENCIES,
  COMPLAINT_ACKNOWLEDGEMENT_HOURS,
  TaskForceAgency,
  addresseeAgency,
} from "./overdue.policy";

/** `OverdueLedger.complaints` and `.recommendationResponses` state this maximum. */
export const OVERDUE_ENTRIES_PER_LEDGER = 40;

/** One ledger field's question: an agency's overdue entries at a time. */
export interface LedgerKey {
  agency: TaskForceAgency;
  asOf: Date;
}

const keyString = (key: LedgerKey) => `${key.asOf.toISOString()}\u0000${key.agency}`;

/** The agency a recommendation's addressee names, in SQL on `r` (ADDRESSEE_AGENCIES, first match wins). */
const ADDRESSEE_AGENCY_SQL = `CASE ${ADDRESSEE_AGENCIES.map(
  ({ agency }, i) => `WHEN r.addressee ~* :addressee${i} THEN '${agency}'`,
).join(" ")} END`;
const ADDRESSEE_PARAMS = Object.fromEntries(ADDRESSEE_AGENCIES.map(({ pattern }, i) => [`addressee${i}`, pattern]));

/** Complaints owing an acknowledgement or a decision at `:asOf` (overdueComplaintObligations, in SQL). */
const COMPLAINT_OWES = `(
  (c.status = :received AND c.received_at < CAST(:acknowledgeCutoff AS timestamptz))
  OR (c.due_at < CAST(:asOf AS timestamptz) AND (c.decided_at IS NULL OR c.decided_at > CAST(:asOf AS timestamptz)))
)`;
/** A complaint's earliest overdue obligation: its acknowledgement (72 h) while RECEIVED, else its decision. */
const COMPLAINT_FIRST_DUE = `CASE WHEN c.status = :received AND c.received_at < CAST(:acknowledgeCutoff AS timestamptz) THEN c.received_at ELSE c.due_at END`;

/** Distinct times asked about among the keys, each with the keys that asked it. */
function byTime(keys: readonly LedgerKey[]): LedgerKey[][] {
  const groups = new Map<number, LedgerKey[]>();
  for (const key of keys) groups.set(key.asOf.getTime(), [...(groups.get(key.asOf.getTime()) ?? []), key]);
  return [...groups.values()];
}

/**
 * Loaders for one request: one SQL statement per field and time asked about, with the viewer's
 * record rule for complaints (complaint:read) or recommendations (monitoring:read) in it.
 */
export function createOverdueLoaders(db: DataSource, access: RecordAccess) {
  return {
    /**
     * The Ombudsperson's complaints owing an acknowledgement or a decision, by earliest overdue
     * obligation: the first OVERDUE_ENTRIES_PER_LEDGER + 1 (each gives one or two entries, so
     * the entries' first OVERDUE_ENTRIES_PER_LEDGER are among them). Other agencies owe none.
     */
    overdueComplaintsByLedger: new DataLoader<LedgerKey, Complaint[], string>(
      async (keys) => {
        const found = new Map<string, Complaint[]>();
        const readable = access.where(ComplaintRecords, SCOPES.COMPLAINT_READ, "c");
        for (const group of byTime(keys.filter((key) => key.agency === TaskForceAgency.OMBUDSPERSON))) {
          const { asOf } = group[0];
          const acknowledgeCutoff = new Date(asOf.getTime() - COMPLAINT_ACKNOWLEDGEMENT_HOURS * 3_600_000);
          const rows = await db
            .getRepository(Complaint)
            .createQueryBuilder("c")
            .where(COMPLAINT_OWES)
            .andWhere(readable.sql, readable.params)
            .setParameters({
              received: ComplaintStatus.RECEIVED,
              acknowledgeCutoff: acknowledgeCutoff.toISOString(),
              asOf: asOf.toISOString(),
            })
            .orderBy(COMPLAINT_FIRST_DUE, "ASC")
            .addOrderBy("c.id", "ASC")
            .limit(OVERDUE_ENTRIES_PER_LEDGER + 1)
            .getMany();
          for (const key of group) found.set(keyString(key), rows);
        }
        return keys.map((key) => found.get(keyString(key)) ?? []);
      },
      { cacheKeyFn: keyString },
    ),
    /**
     * Each ledger's recommendations still OPEN (no response) after their due date, addressed to
     * the agency: the first OVERDUE_ENTRIES_PER_LEDGER + 1, longest overdue first.
     */
    overdueRecommendationsByLedger: new DataLoader<LedgerKey, Recommendation[], string>(
      async (keys) => {
        const found = new Map<string, Recommendation[]>();
        const readable = access.where(RecommendationRecords, SCOPES.MONITORING_READ, "r");
        for (const group of byTime(keys)) {
          const { asOf } = group[0];
          const query = db
            .getRepository(Recommendation)
            .createQueryBuilder("r")
            .where("r.status = :open AND r.due_at < CAST(:asOf AS timestamptz)", {
              open: RecommendationStatus.OPEN,
              asOf: asOf.toISOString(),
            })
            .andWhere(readable.sql, readable.params)
            .setParameters(ADDRESSEE_PARAMS);
          const lists = await firstManyByKey(
            group.map((key) => key.agency),
            query,
            {
              column: ADDRESSEE_AGENCY_SQL,
              keyOf: (row) => addresseeAgency(row.addressee) as TaskForceAgency,
              order: [
                ["r.due_at", "ASC"],
                ["r.id", "ASC"],
              ],
              limit: OVERDUE_ENTRIES_PER_LEDGER + 1,
            },
          );
          group.forEach((key, i) => found.set(keyString(key), lists[i]));
        }
        return keys.map((key) => found.get(keyString(key)) ?? []);
      },
      { cacheKeyFn: keyString },
    ),
  };
}
