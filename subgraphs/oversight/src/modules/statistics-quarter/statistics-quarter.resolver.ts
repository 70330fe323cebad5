import { Arg, FieldResolver, Query, Resolver, Root } from "type-graphql";
import * as quarters from "./statistics-quarter.service";
import { StatisticsQuarter } from "./statistics-quarter.types";

@Resolver(() => StatisticsQuarter)
export class StatisticsQuarterResolver {
  @Query(() => StatisticsQuarter, {
    description:
      "Public statistics of one calendar quarter: each subgraph's published figures (caseFigures, facilityFigures, monitoringFigures, trainingFigures). Open to everyone, the public included.",
  })
  statisticsQuarter(
    @Arg("quarter", { description: "The quarter, as YYYY-Qn (2000-Q1 or later)." }) quarter: string,
  ): StatisticsQuarter {
    return quarters.statisticsQuarter(quarter);
  }

  @FieldResolver(() => Date, { description: "The quarter's first instant (UTC)." })
  startsAt(@Root() root: StatisticsQuarter): Date {
    return quarters.startsAt(root);
  }

  @FieldResolver(() => Date, { description: "The first instant after the quarter (UTC)." })
  endsAt(@Root() root: StatisticsQuarter): Date {
    return quarters.endsAt(root);
  }

  @FieldResolver(() => Boolean, {
    description: "True when the quarter is over; a quarter not over yet has no figures (every figure list is empty).",
  })
  complete(@Root() root: StatisticsQuarter): boolean {
    return quarters.isComplete(root);
  }
}

/** `_entities` for StatisticsQuarter. */
export function resolveStatisticsQuarterReference(reference: { quarter: string }) {
  return quarters.statisticsQuarterReference(reference);
}
