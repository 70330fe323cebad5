import { atMost, BoundedList, Classified, RequiresScopes } from "@kgraph/platform";
import { SCOPES } from "@kgraph/policy";
import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from "type-graphql";
import type { CasesContext } from "../../context";
import { Case } from "../case/case.entity";
import { Official } from "../official/official.entity";
import { ProtectionScreening } from "./screening.entity";
import { RecordScreeningInput } from "./screening.inputs";
import * as screenings from "./screening.service";
import { SCREENINGS_PER_CASE } from "./screening.loaders";

@Resolver(() => ProtectionScreening)
export class ProtectionScreeningResolver {
  @FieldResolver(() => Case, { nullable: true, description: "The case screened." })
  @Classified("case")
  case(@Root() root: ProtectionScreening, @Ctx() ctx: CasesContext) {
    return screenings.caseOfScreening(ctx, root);
  }

  @FieldResolver(() => Official, { description: "The official who screened." })
  @Classified("case")
  screenedBy(@Root() root: ProtectionScreening): Official {
    return screenings.screenerOf(root);
  }

  @Mutation(() => ProtectionScreening, {
    description: "Record a protection (non-refoulement) screening for an arrived, open case.",
  })
  @RequiresScopes(SCOPES.CASE_WRITE)
  recordScreening(
    @Arg("input", () => RecordScreeningInput, { description: "The details; see the input type." })
    input: RecordScreeningInput,
    @Ctx() ctx: CasesContext,
  ) {
    return screenings.recordScreening(ctx, input);
  }
}

@Resolver(() => Case)
export class CaseScreeningResolver {
  // At most SCREENINGS_PER_CASE: protection screenings of one case.
  @BoundedList(SCREENINGS_PER_CASE)
  @FieldResolver(() => [ProtectionScreening], {
    description: "Protection screenings, oldest first." + " " + atMost(SCREENINGS_PER_CASE),
  })
  @Classified("case")
  screenings(@Root() root: Case, @Ctx() ctx: CasesContext) {
    return screenings.screeningsOfCase(ctx, root.id);
  }
}
