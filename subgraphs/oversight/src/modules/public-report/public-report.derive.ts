import { FigureUnit, publicFigure, withheldFigure } from "@kgraph/platform";
import type { ReportFigure } from "./public-report.types";

/** incidents per 1,000 resident-nights: the cell every derived figure of a quarter fills. */
export const INCIDENTS_PER_THOUSAND_CELL = {
  indicator: "incidents_per_thousand_resident_nights",
  label: "Incidents per 1,000 resident-nights",
  unit: FigureUnit.PER_THOUSAND,
  dimension: null,
  dimensionLabel: null,
};

/** A published value, or null when the figure is withheld or absent. */
function published(figure: ReportFigure | undefined): number | null | undefined {
  if (!figure) return undefined;
  return figure.suppressed || figure.value === null ? null : figure.value;
}

/**
 * The quarter's total resident-nights: its whole-quarter figure, or else the sum of its parts
 * (per municipality) when every part is published (the parts cover every night). Null when
 * withheld, undefined when there is none.
 */
function residentNightsTotal(figures: readonly ReportFigure[]): number | null | undefined {
  const nights = figures.filter((f) => f.indicator === "resident_nights");
  const total = nights.find((f) => f.dimension === null);
  if (total) return published(total);
  if (!nights.length) return undefined;
  const parts = nights.map(published);
  return parts.some((p) => p === null) ? null : parts.reduce((sum: number, p) => sum + (p ?? 0), 0);
}

/**
 * Figures worked out from one quarter's published figures, in the shape of `PublicFigure`:
 * `incidents_per_thousand_resident_nights` = incidents (the quarter's total) ÷ resident-nights
 * (the quarter's total) × 1,000, rounded to two decimals. Only published cells go in, so it
 * discloses nothing they do not; withheld whenever either input is withheld or missing. No
 * figure when the quarter had no resident-nights at all (there is no rate to state).
 */
export function derivedFigures(figures: readonly ReportFigure[]): ReportFigure[] {
  const incidents = published(figures.find((f) => f.indicator === "incidents" && f.dimension === null));
  const nights = residentNightsTotal(figures);
  if (nights === 0) return [];
  if (incidents === null || incidents === undefined || nights === null || nights === undefined) {
    return [withheldFigure(INCIDENTS_PER_THOUSAND_CELL)];
  }
  return [publicFigure(INCIDENTS_PER_THOUSAND_CELL, Math.round((incidents / nights) * 1000 * 100) / 100)];
}
