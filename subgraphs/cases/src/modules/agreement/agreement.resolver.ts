import { Ctx, Query, Resolver } from "type-graphql";
import type { CasesContext } from "../../context";
import { Agreement } from "./agreement.entity";
import { listAgreements } from "./agreement.service";

@Resolver(() => Agreement)
export class AgreementResolver {
  @Query(() => [Agreement], { description: "Every agreement, newest term first. Public." })
  agreements(@Ctx() ctx: CasesContext): Promise<Agreement[]> {
    return listAgreements(ctx);
  }
}
