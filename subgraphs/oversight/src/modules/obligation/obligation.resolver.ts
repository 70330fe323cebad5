import { BoundedList, RequiresScopes, atMost } from "@kgraph/platform";
import { SCOPES } from "@kgraph/policy";
import { Ctx, Query, Resolver } from "type-graphql";
import type { OversightContext } from "../../context";
import { Obligation } from "./obligation.entity";
import * as catalogue from "./obligation.service";

@Resolver(() => Obligation)
export class ObligationResolver {
  @BoundedList(catalogue.OBLIGATIONS)
  @Query(() => [Obligation], {
    description:
      "The time limits the programme lives by, each with its source, by owing agency. " + atMost(catalogue.OBLIGATIONS),
  })
  @RequiresScopes(SCOPES.OVERSIGHT_READ)
  obligations(@Ctx() ctx: OversightContext): Promise<Obligation[]> {
    return catalogue.obligations(ctx);
  }
}
