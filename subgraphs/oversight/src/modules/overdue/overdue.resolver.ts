import { BoundedList, Classified, RequiresScopes, atMost } from "@kgraph/platform";
import { SCOPES } from "@kgraph/policy";
import { Arg, Ctx, FieldResolver, Query, Resolver, Root } from "type-graphql";
import type { OversightContext } from "../../context";
import { AGENCIES } from "../../agency";
import { OVERDUE_ITEMS_PER_LEDGER } from "./overdue.loaders";
import { AGEING_BANDS } from "./overdue.policy";
import * as overdue from "./overdue.service";
import { AgeingBandCount, OverdueActionItem, OverdueLedger } from "./overdue.types";

const AS_OF = "The time to judge at; default: the ledger's query's asOf, else now.";

@Resolver(() => OverdueLedger)
export class OverdueResolver {
  @BoundedList(AGENCIES.length)
  @Query(() => [OverdueLedger], {
    description:
      "What the caller's own agency owes that is past due: an MIA officer the MIA's, the DHS liaison DHS's, the Ombudsperson that office's, facility staff their facility operator's, a monitor their own body's. Empty for roles that owe the task force nothing. " +
      atMost(AGENCIES.length),
  })
  @RequiresScopes(SCOPES.OVERSIGHT_READ)
  myOverdue(
    @Arg("asOf", () => Date, { nullable: true, description: "The time to judge at; default: now." }) asOf: Date | null,
    @Ctx() ctx: OversightContext,
  ): OverdueLedger[] {
    return overdue.myOverdue(ctx, asOf);
  }

  @BoundedList(AGENCIES.length)
  @Query(() => [OverdueLedger], {
    description: "Every agency's overdue ledger, with ageing: the task force's view. " + atMost(AGENCIES.length),
  })
  @RequiresScopes(SCOPES.OVERSIGHT_LEDGER_READ)
  overdueByAgency(
    @Arg("asOf", () => Date, { nullable: true, description: "The time to judge at; default: now." }) asOf: Date | null,
    @Ctx() ctx: OversightContext,
  ): OverdueLedger[] {
    return overdue.overdueByAgency(ctx, asOf);
  }

  @BoundedList(OVERDUE_ITEMS_PER_LEDGER)
  @FieldResolver(() => [OverdueActionItem], {
    description:
      "Its action items past due and not DONE or DROPPED that the caller may read, longest overdue first. " +
      atMost(OVERDUE_ITEMS_PER_LEDGER),
  })
  @Classified("oversight", { ruleAppliedBy: "returnedRecords" })
  actionItems(
    @Root() root: OverdueLedger,
    @Arg("asOf", () => Date, { nullable: true, description: AS_OF }) asOf: Date | null,
    @Ctx() ctx: OversightContext,
  ): Promise<OverdueActionItem[]> {
    return overdue.overdueItems(ctx, root, asOf);
  }

  @BoundedList(AGEING_BANDS.length)
  @FieldResolver(() => [AgeingBandCount], {
    description:
      "How many of those fall in each ageing band (every band, in order; all of them, not only the first page). " +
      atMost(AGEING_BANDS.length),
  })
  @Classified("oversight", { ruleAppliedBy: "returnedRecords" })
  ageing(
    @Root() root: OverdueLedger,
    @Arg("asOf", () => Date, { nullable: true, description: AS_OF }) asOf: Date | null,
    @Ctx() ctx: OversightContext,
  ): Promise<AgeingBandCount[]> {
    return overdue.ageing(ctx, root, asOf);
  }
}

/** `_entities` for OverdueLedger: any agency's ledger (its items still under the caller's rule). */
export function resolveOverdueLedgerReference(reference: { agency: string }) {
  return overdue.ledgerReference(reference);
}
