import { atMost, BoundedList } from "@kgraph/platform";
import { Ctx, Query, Resolver } from "type-graphql";
import type { CasesContext } from "../../context";
import { Agreement } from "./agreement.entity";
import { AGREEMENTS_LISTED, listAgreements } from "./agreement.service";

@Resolver(() => Agreement)
export class AgreementResolver {
  // At most AGREEMENTS_LISTED: reference list: agreements and their renewals.
  @BoundedList(AGREEMENTS_LISTED)
  @Query(() => [Agreement], {
    description: "Every agreement, newest term first. Public." + " " + atMost(AGREEMENTS_LISTED),
  })
  agreements(@Ctx() ctx: CasesContext): Promise<Agreement[]> {
    return listAgreements(ctx);
  }
}
