import { Directive, Field, Float, ObjectType, registerEnumType } from "type-graphql";
import { SUPPRESSION_THRESHOLD, cellsToSuppress, isSmallCount } from "./disclosure";

/** What a figure's value measures (how a report prints and charts it). */
export enum FigureUnit {
  COUNT = "COUNT",
  RATE = "RATE",
  HOURS = "HOURS",
  DAYS = "DAYS",
  PER_THOUSAND = "PER_THOUSAND",
}

registerEnumType(FigureUnit, {
  name: "FigureUnit",
  description: "What a published figure's value measures.",
  valuesConfig: {
    COUNT: { description: "A count." },
    RATE: { description: "A share from 0 to 1 (0.875 = 87.5 %)." },
    HOURS: { description: "A duration in hours (a median)." },
    DAYS: { description: "A duration in days (a median)." },
    PER_THOUSAND: { description: "Events per 1,000 of the base the indicator names." },
  },
});

/**
 * One published cell of a quarter's public statistics. Declared once here so that every
 * subgraph that adds figures to `StatisticsQuarter` declares it identically (it is @shareable).
 * A subgraph builds figures only through `publicFigure` / `withheldFigure` below, so that a
 * withheld figure never carries its value.
 */
@Directive("@shareable")
@ObjectType({
  description: `One published figure of a calendar quarter's public statistics: a cell of a fixed grid, decided once for every caller. Counts from 1 to ${SUPPRESSION_THRESHOLD - 1} are withheld, and so is any figure from which one could be worked out; a rate or median is published only over a base of ${SUPPRESSION_THRESHOLD} or more.`,
})
export class PublicFigure {
  @Field({
    description:
      "Which indicator, a stable key (for example `arrivals`, `complaints`, `staff_training_compliance`); docs/statistics.md lists them with their definitions.",
  })
  indicator: string;

  @Field({ description: "The indicator's name, for people." })
  label: string;

  @Field(() => String, {
    nullable: true,
    description:
      "Which part of the quarter the cell counts: a month (YYYY-MM), a facility id, a category, a municipality or an outcome, as the indicator says; null for the whole quarter.",
  })
  dimension: string | null;

  @Field(() => String, {
    nullable: true,
    description: "The dimension's name for people (a facility's name, a category's); null when dimension is.",
  })
  dimensionLabel: string | null;

  @Field(() => FigureUnit, { description: "What the value measures." })
  unit: FigureUnit;

  @Field(() => Float, { nullable: true, description: "The figure; null when withheld." })
  value: number | null;

  @Field({ description: "True when the figure is withheld (value null) under the disclosure rules." })
  suppressed: boolean;
}

export interface FigureCell {
  indicator: string;
  label: string;
  unit: FigureUnit;
  dimension?: string | null;
  dimensionLabel?: string | null;
}

/** A published figure. */
export function publicFigure(cell: FigureCell, value: number): PublicFigure {
  return {
    indicator: cell.indicator,
    label: cell.label,
    unit: cell.unit,
    dimension: cell.dimension ?? null,
    dimensionLabel: cell.dimensionLabel ?? null,
    value,
    suppressed: false,
  };
}

/** A withheld figure: its value is never part of it. */
export function withheldFigure(cell: FigureCell): PublicFigure {
  return { ...publicFigure(cell, 0), value: null, suppressed: true };
}

/**
 * A breakdown and its total as published figures: `cellsToSuppress` over the one relation
 * total = sum(parts), so no count from 1 to 4 is published or derivable from the others; the
 * total is published when its count is (it is a cell like the others). Parts are given in
 * the order they are to appear; only those published with a count above zero are listed
 * (`listedParts`).
 */
export function countBreakdown(
  total: FigureCell & { count: number },
  parts: readonly (FigureCell & { count: number })[],
): PublicFigure[] {
  const values = [total.count, ...parts.map((p) => p.count)];
  const withheld = cellsToSuppress(values, [{ left: [0], right: parts.map((_, i) => i + 1) }]);
  return listedParts(
    [total, ...parts].map((cell, i) => (withheld[i] ? withheldFigure(cell) : publicFigure(cell, cell.count))),
  );
}

/**
 * The total (first) and the parts of a breakdown as listed: a withheld part is not named (DESIGN
 * §3: suppressed categories are not named; probe 3 read "at least one discrimination complaint"
 * off a category marked withheld), and neither is a part of zero, else the categories left out of
 * a fixed list would name the withheld ones. A category not listed had a count the rules did not
 * let through: from 0 to 4, or one from which such a count could be worked out.
 */
function listedParts(figures: PublicFigure[]): PublicFigure[] {
  const [total, ...parts] = figures;
  return [total, ...parts.filter((figure) => !figure.suppressed && figure.value !== 0)];
}

/** `people` distinct persons whose records fall in exactly the breakdown's parts `parts` (indices). */
export interface PeopleGroup {
  parts: readonly number[];
  people: number;
}

/**
 * A breakdown of a count that is not a count of people (resident-nights, hours, events), with
 * its total: a cell is small when it comes from 1 to 4 distinct people, however large its count
 * (200 nights of 2 residents tell about those 2). `groups` say how many people are behind which
 * parts, so that a person in two parts counts once wherever parts are taken together.
 * Suppression is decided on the people (`cellsToSuppress` over total = sum(parts)); then, while
 * the total is published, the withheld parts, whose sum the total less the published parts
 * gives away, must together come from 0 or at least 5 people, else the part with the fewest
 * people published so far is withheld too (or, with none left, the total).
 */
export function countBreakdownOverPeople(
  total: FigureCell & { count: number },
  parts: readonly (FigureCell & { count: number })[],
  groups: readonly PeopleGroup[],
): PublicFigure[] {
  const partPeople = parts.map((_, i) => groups.reduce((n, g) => n + (g.parts.includes(i) ? g.people : 0), 0));
  const values = [groups.reduce((n, g) => n + g.people, 0), ...partPeople];
  const relation = [{ left: [0], right: parts.map((_, i) => i + 1) }];
  const decided: (boolean | undefined)[] = [];
  for (;;) {
    const withheld = cellsToSuppress(values, relation, decided);
    const hidden = new Set(parts.map((_, i) => i).filter((i) => withheld[i + 1]));
    const peopleHidden = groups.reduce((n, g) => n + (g.parts.some((i) => hidden.has(i)) ? g.people : 0), 0);
    if (withheld[0] || !isSmallCount(peopleHidden)) {
      return listedParts(
        [total, ...parts].map((cell, i) => (withheld[i] ? withheldFigure(cell) : publicFigure(cell, cell.count))),
      );
    }
    let next = 0;
    partPeople.forEach((people, i) => {
      if (!hidden.has(i) && people > 0 && (next === 0 || people < values[next])) next = i + 1;
    });
    decided[next] = true;
  }
}

/**
 * A rate or median over a base of `base` people or records: published only when the base is
 * at least the threshold (a median of two durations tells each of them).
 */
export function figureOverBase(cell: FigureCell, value: number | null, base: number): PublicFigure {
  return value === null || base < SUPPRESSION_THRESHOLD ? withheldFigure(cell) : publicFigure(cell, value);
}
