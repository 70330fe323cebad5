import { atMost, BoundedList } from "@kgraph/platform";
import { Ctx, Query, Resolver } from "type-graphql";
import type { CasesContext } from "../../context";
import { Agreement } from "./agreement.entity";
import { listAgreements } from "./agreement.service";

@Resolver(() => Agreement)
export class AgreementResolver {
  // At most 200: reference list: agreements and their renewals.
  @BoundedList(200)
  @Query(() => [Agreement], { description: "Every agreement, newest term first. Public." + " " + atMost(200) })
  agreements(@Ctx() ctx: CasesContext): Promise<Agreement[]> {
    return listAgreements(ctx);
  }
}
