import { type PublicFigure, formatQuarter, parseQuarter } from "@kgraph/platform";
import type { OversightContext } from "../../context";
import { EARLIEST_QUARTER } from "./statistics-quarter.service";
import { derivedFigures } from "../public-report/public-report.derive";

/**
 * The public quarter figures, read through the graph as the public reads them (a trusted
 * document, no token): each subgraph's published cells, never its tables. The document's text
 * is exactly the trusted-documents manifest's entry for documents/quarter-figures.graphql
 * (tests/schema/trusted-reads.test.ts holds the two together).
 */
export const QUARTER_FIGURES_DOCUMENT =
  "query QuarterFigures($quarter: String!) { statisticsQuarter(quarter: $quarter) { caseFigures { dimension dimensionLabel indicator label suppressed unit value } complete facilityFigures { dimension dimensionLabel indicator label suppressed unit value } monitoringFigures { dimension dimensionLabel indicator label suppressed unit value } quarter trainingFigures { dimension dimensionLabel indicator label suppressed unit value } } }";

export interface QuarterFigures {
  quarter: string;
  complete: boolean;
  figures: PublicFigure[];
}

type FigureList = PublicFigure[] | null;
interface QuarterFiguresResponse {
  statisticsQuarter: {
    quarter: string;
    complete: boolean;
    caseFigures: FigureList;
    facilityFigures: FigureList;
    monitoringFigures: FigureList;
    trainingFigures: FigureList;
  };
}

/**
 * The figures of `count` quarters up to and including `last`, oldest first: one request per
 * quarter (each within the public's cost limit), sent together.
 */
export async function readQuarterFigures(
  ctx: OversightContext,
  last: string,
  count: number,
): Promise<QuarterFigures[]> {
  const to = parseQuarter(last)!;
  const first = Math.max(to - count + 1, EARLIEST_QUARTER);
  const quarters = Array.from({ length: to - first + 1 }, (_, i) => formatQuarter(first + i));
  const answers = await Promise.all(
    quarters.map((quarter) => ctx.publicGraph.run<QuarterFiguresResponse>(QUARTER_FIGURES_DOCUMENT, { quarter })),
  );
  return answers.map(({ statisticsQuarter: q }) => {
    const figures = [
      ...(q.caseFigures ?? []),
      ...(q.facilityFigures ?? []),
      ...(q.monitoringFigures ?? []),
      ...(q.trainingFigures ?? []),
    ];
    // With the figures derived from published ones (incidents per 1,000 resident-nights).
    return {
      quarter: q.quarter,
      complete: q.complete,
      figures: [...figures, ...(derivedFigures(figures) as PublicFigure[])],
    };
  });
}
