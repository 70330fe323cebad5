import { BoundedList, Classified, atMost } from "@kgraph/platform";
import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from "type-graphql";
import type { CasesContext } from "../../context";
import { OVERDUE_CASES_PER_LEDGER } from "./overdue.loaders";
import { ObligationKind } from "./overdue.policy";
import * as overdue from "./overdue.service";
import { OverdueCaseObligation, OverdueLedger } from "./overdue.types";

const AS_OF = "The time to judge at; default: now.";

@Resolver(() => OverdueLedger)
export class OverdueLedgerCasesResolver {
  @BoundedList(OVERDUE_CASES_PER_LEDGER)
  @FieldResolver(() => [OverdueCaseObligation], {
    description:
      "Cases that arrived more than 24 hours before asOf, still open, with no counsel contact requested by then (counsel is to be offered within 24 h of arrival; the MIA's; empty for other agencies), of those the caller may read, longest overdue first. " +
      atMost(OVERDUE_CASES_PER_LEDGER),
  })
  @Classified("case", { ruleAppliedBy: "returnedRecords" })
  counselOffers(
    @Root() root: OverdueLedger,
    @Arg("asOf", () => Date, { nullable: true, description: AS_OF }) asOf: Date | null,
    @Ctx() ctx: CasesContext,
  ): Promise<OverdueCaseObligation[]> {
    return overdue.overdueCases(ctx, root, ObligationKind.COUNSEL_OFFER, asOf);
  }

  @BoundedList(OVERDUE_CASES_PER_LEDGER)
  @FieldResolver(() => [OverdueCaseObligation], {
    description:
      "Cases that arrived more than 72 hours before asOf, still open, with no protection screening held by then (the MIA's; empty for other agencies), of those the caller may read, longest overdue first. " +
      atMost(OVERDUE_CASES_PER_LEDGER),
  })
  @Classified("case", { ruleAppliedBy: "returnedRecords" })
  protectionScreenings(
    @Root() root: OverdueLedger,
    @Arg("asOf", () => Date, { nullable: true, description: AS_OF }) asOf: Date | null,
    @Ctx() ctx: CasesContext,
  ): Promise<OverdueCaseObligation[]> {
    return overdue.overdueCases(ctx, root, ObligationKind.PROTECTION_SCREENING, asOf);
  }

  @FieldResolver(() => Int, {
    description:
      "How many cases are overdue for counsel offers at asOf, of those the caller may read: all of them, where counselOffers lists the longest overdue first up to its bound.",
  })
  @Classified("case", { ruleAppliedBy: "returnedRecords" })
  counselOffersCount(
    @Root() root: OverdueLedger,
    @Arg("asOf", () => Date, { nullable: true, description: AS_OF }) asOf: Date | null,
    @Ctx() ctx: CasesContext,
  ): Promise<number> {
    return overdue.overdueCaseCount(ctx, root, ObligationKind.COUNSEL_OFFER, asOf);
  }

  @FieldResolver(() => Int, {
    description:
      "How many cases are overdue for protection screening at asOf, of those the caller may read: all of them, where protectionScreenings lists the longest overdue first up to its bound.",
  })
  @Classified("case", { ruleAppliedBy: "returnedRecords" })
  protectionScreeningsCount(
    @Root() root: OverdueLedger,
    @Arg("asOf", () => Date, { nullable: true, description: AS_OF }) asOf: Date | null,
    @Ctx() ctx: CasesContext,
  ): Promise<number> {
    return overdue.overdueCaseCount(ctx, root, ObligationKind.PROTECTION_SCREENING, asOf);
  }
}

/** `_entities` for OverdueLedger: any agency's ledger (its entries still under the caller's rule). */
export function resolveOverdueLedgerReference(reference: { agency: string }) {
  return overdue.ledgerReference(reference);
}
