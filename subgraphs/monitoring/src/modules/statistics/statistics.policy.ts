import {
  type FigureCell,
  FigureUnit,
  type PublicFigure,
  countBreakdown,
  figureOverBase,
  isSmallCount,
  publicFigure,
  withheldFigure,
} from "@kgraph/platform";
import { ComplaintCategory } from "../complaint/complaint-enums";

/**
 * THE MONITORING FIGURES of a quarter, as pure functions of the quarter's aggregate counts
 * (statistics.service.ts reads them in SQL). Complaints and incidents are records about people:
 * counts from 1 to 4 are withheld, the category breakdown goes through countBreakdown, the median
 * through figureOverBase. Recommendations concern facilities and authorities, not people, and
 * come only from published visit reports, which are public anyway: their counts are published as
 * they are.
 */

/** The indicators, in the order they are published. */
export const MONITORING_INDICATORS = {
  complaints: { indicator: "complaints", label: "Complaints received", unit: FigureUnit.COUNT },
  complaintResolutionDaysMedian: {
    indicator: "complaint_resolution_days_median",
    label: "Median days from receipt to decision, complaints decided",
    unit: FigureUnit.DAYS,
  },
  complaintsOverdue: {
    indicator: "complaints_overdue",
    label: "Complaints undecided past their due date at the end of the quarter",
    unit: FigureUnit.COUNT,
  },
  recommendationsDue: {
    indicator: "recommendations_due",
    label: "Recommendations due (published visit reports)",
    unit: FigureUnit.COUNT,
  },
  recommendationsImplemented: {
    indicator: "recommendations_implemented",
    label: "Recommendations due that were implemented by their due date",
    unit: FigureUnit.COUNT,
  },
  recommendationImplementationRate: {
    indicator: "recommendation_implementation_rate",
    label: "Share of recommendations due that were implemented by their due date",
    unit: FigureUnit.RATE,
  },
  incidents: { indicator: "incidents", label: "Incidents", unit: FigureUnit.COUNT },
} as const satisfies Record<string, FigureCell>;

/** Each complaint category's name for people; the categories are the fixed, public enum. */
export const COMPLAINT_CATEGORY_LABELS: Readonly<Record<ComplaintCategory, string>> = {
  [ComplaintCategory.LIVING_CONDITIONS]: "Living conditions",
  [ComplaintCategory.TREATMENT_BY_STAFF]: "Treatment by staff",
  [ComplaintCategory.HEALTH_CARE]: "Health care",
  [ComplaintCategory.ACCESS_TO_LAWYER]: "Access to a lawyer",
  [ComplaintCategory.FAMILY_CONTACT]: "Contact with family",
  [ComplaintCategory.PROCEDURE]: "Procedure",
  [ComplaintCategory.DISCRIMINATION]: "Discrimination",
  [ComplaintCategory.OTHER]: "Other",
};

/** Every category, alphabetically by its value: countBreakdown lists those published above zero. */
export const COMPLAINT_CATEGORIES_IN_ORDER: readonly ComplaintCategory[] = Object.values(ComplaintCategory).sort();

/** What one quarter's aggregate statements give. */
export interface MonitoringQuarterCounts {
  /** Complaints received in the quarter, per category (a category absent counts 0). */
  complaintsByCategory: Partial<Record<string, number>>;
  /** Complaints decided in the quarter. */
  complaintsDecided: number;
  /** The median, in days, from receipt to decision of those; null when none. */
  resolutionDaysMedian: number | null;
  /** Complaints undecided past their due date at the quarter's end. */
  complaintsOverdue: number;
  /** Recommendations of published visits due in the quarter. */
  recommendationsDue: number;
  /** Of those, implemented by their due date. */
  recommendationsImplemented: number;
  /** Incidents that happened in the quarter. */
  incidents: number;
}

export const roundTo = (value: number, decimals: number) => {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
};

/** A count of records about people: withheld from 1 to 4. */
function peopleCount(cell: FigureCell, count: number): PublicFigure {
  return isSmallCount(count) ? withheldFigure(cell) : publicFigure(cell, count);
}

/** The quarter's figures, in the published order. */
export function monitoringFigures(counts: MonitoringQuarterCounts): PublicFigure[] {
  const I = MONITORING_INDICATORS;
  const byCategory = COMPLAINT_CATEGORIES_IN_ORDER.map((category) => ({
    ...I.complaints,
    dimension: category,
    dimensionLabel: COMPLAINT_CATEGORY_LABELS[category],
    count: counts.complaintsByCategory[category] ?? 0,
  }));
  const received = byCategory.reduce((total, part) => total + part.count, 0);
  const { recommendationsDue: due, recommendationsImplemented: implemented } = counts;
  return [
    ...countBreakdown({ ...I.complaints, count: received }, byCategory),
    figureOverBase(
      I.complaintResolutionDaysMedian,
      counts.resolutionDaysMedian === null ? null : roundTo(counts.resolutionDaysMedian, 1),
      counts.complaintsDecided,
    ),
    peopleCount(I.complaintsOverdue, counts.complaintsOverdue),
    publicFigure(I.recommendationsDue, due),
    publicFigure(I.recommendationsImplemented, implemented),
    figureOverBase(I.recommendationImplementationRate, due ? roundTo(implemented / due, 3) : null, due),
    peopleCount(I.incidents, counts.incidents),
  ];
}
