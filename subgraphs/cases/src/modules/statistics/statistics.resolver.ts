import { Args, Ctx, Query, Resolver } from "type-graphql";
import type { CasesContext } from "../../context";
import { ProgrammeStatisticsArgs } from "./statistics.inputs";
import { programmeStatistics } from "./statistics.service";
import { ProgrammeStatistics } from "./statistics.types";

@Resolver(() => ProgrammeStatistics)
export class StatisticsResolver {
  @Query(() => ProgrammeStatistics, {
    description:
      "Public aggregate statistics over a range of months (at most 36): arrivals per month against the cap, and by nationality per quarter, from one fixed grid; only completed periods are counted and small counts are withheld so that no combination of answers reveals them.",
  })
  programmeStatistics(@Args() args: ProgrammeStatisticsArgs, @Ctx() ctx: CasesContext) {
    return programmeStatistics(ctx, args);
  }
}
