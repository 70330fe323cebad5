import type {
  PublicReportInput,
  ReportFigure,
} from "@kgraph/oversight/dist/modules/public-report/public-report.render";

/**
 * One quarter's public statistics, as anyone may ask for them (no token): the four figure lists
 * the subgraphs add to `StatisticsQuarter`, every field of `PublicFigure`.
 */
export const QUARTER_QUERY = `query PublicReportQuarter($quarter: String!) {
  statisticsQuarter(quarter: $quarter) {
    quarter
    complete
    caseFigures { ...PublicReportFigure }
    facilityFigures { ...PublicReportFigure }
    monitoringFigures { ...PublicReportFigure }
    trainingFigures { ...PublicReportFigure }
  }
}

fragment PublicReportFigure on PublicFigure {
  indicator
  label
  dimension
  dimensionLabel
  unit
  value
  suppressed
}`;

export interface GraphQLErrorBody {
  message: string;
  path?: readonly (string | number)[];
  extensions?: { code?: string } & Record<string, unknown>;
}

/** The gateway's answer for one quarter (the HTTP body). */
export interface QuarterResponse {
  data?: {
    statisticsQuarter: {
      quarter: string;
      complete: boolean;
      caseFigures: ReportFigure[];
      facilityFigures: ReportFigure[];
      monitoringFigures: ReportFigure[];
      trainingFigures: ReportFigure[];
    } | null;
  } | null;
  errors?: readonly GraphQLErrorBody[];
}

/** The gateway answered with errors: the report is not rendered from part of the figures. */
export class ReportQueryError extends Error {
  constructor(
    readonly quarter: string,
    readonly errors: readonly GraphQLErrorBody[],
  ) {
    super(
      `the gateway answered ${quarter} with ${errors.length === 1 ? "an error" : `${errors.length} errors`}:\n${errors
        .map((e) => `  ${e.extensions?.code ?? "ERROR"}: ${e.message}${e.path ? ` (at ${e.path.join(".")})` : ""}`)
        .join("\n")}`,
    );
  }
}

/**
 * The renderer's input from the gateway's answers, one per quarter in `quarters` (oldest
 * first): each quarter's four figure lists in one, a draft (rendered from the live figures),
 * no assessment. Throws `ReportQueryError` on any GraphQL error.
 */
export function reportInput(
  period: string,
  quarters: readonly string[],
  responses: readonly QuarterResponse[],
  generatedAt: Date,
): PublicReportInput {
  if (responses.length !== quarters.length) {
    throw new Error(`expected ${quarters.length} answers, got ${responses.length}`);
  }
  return {
    period,
    quarters: quarters.map((quarter, i) => {
      const response = responses[i];
      if (response.errors?.length) throw new ReportQueryError(quarter, response.errors);
      const statistics = response.data?.statisticsQuarter;
      if (!statistics) throw new ReportQueryError(quarter, [{ message: "no statisticsQuarter in the answer" }]);
      const figures = [
        ...statistics.caseFigures,
        ...statistics.facilityFigures,
        ...statistics.monitoringFigures,
        ...statistics.trainingFigures,
      ].map(({ indicator, label, dimension, dimensionLabel, unit, value, suppressed }) => ({
        indicator,
        label,
        dimension,
        dimensionLabel,
        unit,
        // A withheld figure carries no value, whatever arrives.
        value: suppressed ? null : value,
        suppressed,
      }));
      return { quarter, figures };
    }),
    assessment: null,
    generatedAt: generatedAt.toISOString(),
    draft: true,
  };
}
