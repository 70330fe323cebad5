import { BoundedList, Classified, atMost } from "@kgraph/platform";
import { Arg, Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import type { MonitoringContext } from "../../context";
import { OVERDUE_ENTRIES_PER_LEDGER } from "./overdue.loaders";
import * as overdue from "./overdue.service";
import { OverdueComplaintObligation, OverdueLedger, OverdueRecommendationResponse } from "./overdue.types";

const AS_OF = "The time to judge at; default: now.";

@Resolver(() => OverdueLedger)
export class OverdueLedgerMonitoringResolver {
  @BoundedList(OVERDUE_ENTRIES_PER_LEDGER)
  @FieldResolver(() => [OverdueComplaintObligation], {
    description:
      "Complaints not acknowledged (still RECEIVED) 72 hours after receipt, and complaints not decided by their due date, of those the caller may read, longest overdue first (the Ombudsperson's; empty for other agencies). " +
      atMost(OVERDUE_ENTRIES_PER_LEDGER),
  })
  @Classified("complaint", { ruleAppliedBy: "returnedRecords" })
  complaints(
    @Root() root: OverdueLedger,
    @Arg("asOf", () => Date, { nullable: true, description: AS_OF }) asOf: Date | null,
    @Ctx() ctx: MonitoringContext,
  ): Promise<OverdueComplaintObligation[]> {
    return overdue.overdueComplaints(ctx, root, asOf);
  }

  @BoundedList(OVERDUE_ENTRIES_PER_LEDGER)
  @FieldResolver(() => [OverdueRecommendationResponse], {
    description:
      "Recommendations addressed to this agency still awaiting its response after their due date, of those the caller may read, longest overdue first (DHS: addressed to DHS; the MIA: to the Ministry, its migration department or the police; a facility operator: to a facility's management). " +
      atMost(OVERDUE_ENTRIES_PER_LEDGER),
  })
  @Classified("monitoringReport", { ruleAppliedBy: "returnedRecords" })
  recommendationResponses(
    @Root() root: OverdueLedger,
    @Arg("asOf", () => Date, { nullable: true, description: AS_OF }) asOf: Date | null,
    @Ctx() ctx: MonitoringContext,
  ): Promise<OverdueRecommendationResponse[]> {
    return overdue.overdueRecommendations(ctx, root, asOf);
  }
}

/** `_entities` for OverdueLedger: any agency's ledger (its entries still under the caller's rule). */
export function resolveOverdueLedgerReference(reference: { agency: string }) {
  return overdue.ledgerReference(reference);
}
