import type { FigureUnit } from "@kgraph/platform";

/**
 * One published figure as the report reads it: the shape of the public `PublicFigure`
 * (a `PublicFigure` from any subgraph is one), with the unit as its enum's value.
 */
export interface ReportFigure {
  indicator: string;
  label: string;
  dimension: string | null;
  dimensionLabel: string | null;
  unit: `${FigureUnit}`;
  /** Null when withheld (or, from a careless source, ignored whenever `suppressed` is true). */
  value: number | null;
  suppressed: boolean;
}

/** A published impact assessment of the report's period. */
export interface ReportAssessment {
  title: string;
  scope: string;
  method: string;
  status: string;
  publishedAt: string | null;
  findings: string[];
  recommendations: string[];
  indicators: ReportFigure[];
}

/** Everything one periodic public report shows; `renderPublicReport` turns it into one HTML file. */
export interface PublicReportInput {
  /** The report's quarter, YYYY-Qn. */
  period: string;
  /** The period and up to 7 quarters before it, oldest first; the figures of each (empty: none published). */
  quarters: { quarter: string; figures: ReportFigure[] }[];
  assessment: ReportAssessment | null;
  /** ISO instant. */
  generatedAt: string;
  /** True: rendered from the live public figures, not a published report (a banner says so). */
  draft: boolean;
}
