import { badUserInput, isStorableInstant } from "@kgraph/platform";
import type { MonitoringContext } from "../../context";
import { AGENCIES, ObligationKind, ageingBandOf, daysOverdue, overdueComplaintObligations } from "./overdue.policy";
import { OVERDUE_ENTRIES_PER_LEDGER } from "./overdue.loaders";
import { OverdueComplaintObligation, OverdueLedger, OverdueRecommendationResponse } from "./overdue.types";

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

const timing = (dueAt: Date, asOf: Date) => {
  const days = daysOverdue(dueAt, asOf);
  return { dueAt, daysOverdue: days, band: ageingBandOf(days) };
};

/**
 * The ledger's overdue complaint acknowledgements and decisions the caller may read, longest
 * overdue first. The loader read one complaint more than the list holds; a complaint gives one or
 * two entries, so one entry more than the list holds is kept for the cut to be seen.
 */
export async function overdueComplaints(
  ctx: MonitoringContext,
  ledger: OverdueLedger,
  asOf: Date | null | undefined,
): Promise<OverdueComplaintObligation[]> {
  const at = checkAsOf(asOf) ?? ctx.now;
  const complaints = await ctx.loaders.overdueComplaintsByLedger.load({ agency: ledger.agency, asOf: at });
  const entries = complaints.flatMap((complaint) => {
    ctx.loaders.complaintById.prime(complaint.id, complaint);
    return overdueComplaintObligations(complaint, at).map(({ kind, dueAt }) =>
      Object.assign(new OverdueComplaintObligation(), { kind, ...timing(dueAt, at), complaint }),
    );
  });
  entries.sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime() || a.complaint.id.localeCompare(b.complaint.id));
  return entries.slice(0, OVERDUE_ENTRIES_PER_LEDGER + 1);
}

/** The ledger's recommendations whose response is overdue that the caller may read, longest overdue first. */
export async function overdueRecommendations(
  ctx: MonitoringContext,
  ledger: OverdueLedger,
  asOf: Date | null | undefined,
): Promise<OverdueRecommendationResponse[]> {
  const at = checkAsOf(asOf) ?? ctx.now;
  const recommendations = await ctx.loaders.overdueRecommendationsByLedger.load({ agency: ledger.agency, asOf: at });
  return recommendations.map((recommendation) => {
    ctx.loaders.recommendationById.prime(recommendation.id, recommendation);
    return Object.assign(new OverdueRecommendationResponse(), {
      kind: ObligationKind.RECOMMENDATION_RESPONSE,
      ...timing(recommendation.dueAt, at),
      recommendation,
    });
  });
}
