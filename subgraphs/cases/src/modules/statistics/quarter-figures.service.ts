import {
  type FigureCell,
  FigureUnit,
  type PublicFigure,
  QuarterFiguresCache,
  countBreakdown,
  figureOverBase,
  formatMonth,
  monthsOfQuarter,
  publicFigure,
  publishableQuarter,
  startOfQuarter,
  withheldFigure,
} from "@kgraph/platform";
import type { DataSource } from "typeorm";
import type { CasesContext } from "../../context";
import { AgreementStatus } from "../agreement/agreement.entity";
import { CaseStatus } from "../case/case-status";
import { ALL_AGREEMENTS, figuresForRange, monthlyCapIn } from "./statistics.policy";
import { statisticsGrid } from "./statistics.service";
import { StatisticsQuarter } from "./quarter-figures.types";

/**
 * The final statuses of a case that was received in Kosovo: how its stay ended. A fixed list,
 * public in the schema's CaseStatus; countBreakdown lists those published above zero, so a withheld
 * one is never named. In alphabetical order, as the figures list them.
 */
export const ONWARD_OUTCOMES = [
  { status: CaseStatus.ABSCONDED, label: "Left without notice" },
  { status: CaseStatus.CLOSED, label: "Closed for another reason" },
  { status: CaseStatus.RETURNED, label: "Returned onward" },
  { status: CaseStatus.TRANSFERRED, label: "Transferred to another procedure or state" },
] as const;

/** At most this many figures: 3 months and the total of arrivals, 3 caps, 2 medians, 4 outcomes and their total. */
export const CASE_FIGURES_MAX = 14;

const MONTH_NAMES = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

const ARRIVALS = { indicator: "arrivals", label: "Arrivals", unit: FigureUnit.COUNT };
const MONTHLY_CAP = { indicator: "monthly_cap", label: "Monthly cap on arrivals", unit: FigureUnit.COUNT };
const COUNSEL_MEDIAN = {
  indicator: "arrival_to_counsel_hours_median",
  label: "Median hours from arrival to the first request for counsel",
  unit: FigureUnit.HOURS,
};
const SCREENING_MEDIAN = {
  indicator: "arrival_to_screening_hours_median",
  label: "Median hours from arrival to the first protection screening",
  unit: FigureUnit.HOURS,
};
const ONWARD = { indicator: "onward_outcomes", label: "Cases closed", unit: FigureUnit.COUNT };

/** What the quarter's two aggregate statements return. */
interface QuarterFacts {
  counselBase: number;
  counselMedian: number | null;
  screeningBase: number;
  screeningMedian: number | null;
  outcomes: Map<string, number>;
}

const facts = new QuarterFiguresCache<QuarterFacts>();

/** `_entities` for StatisticsQuarter: any quarter (a malformed one simply has no figures). */
export function quarterReference(reference: { quarter: string }): StatisticsQuarter {
  return Object.assign(new StatisticsQuarter(), { quarter: String(reference.quarter) });
}

/**
 * The public figures of a quarter that is over (none for one that is not, or a malformed one).
 * Arrivals come from the statistics grid as programmeStatistics publishes them; the rest from
 * two aggregate statements, cached per quarter.
 */
export async function caseFigures(ctx: CasesContext, root: StatisticsQuarter): Promise<PublicFigure[]> {
  const quarter = publishableQuarter(root.quarter, ctx.now);
  if (quarter === null) return [];
  const [{ grid, agreements }, quarterFacts] = await Promise.all([
    statisticsGrid(ctx.db),
    facts.get(ctx.db, quarter, ctx.now.getTime(), () => computeFacts(ctx.db, quarter)),
  ]);
  const months = monthsOfQuarter(quarter);
  const monthCell = (cell: FigureCell, month: number): FigureCell => ({
    ...cell,
    dimension: formatMonth(month),
    dimensionLabel: `${MONTH_NAMES[month % 12]} ${Math.floor(month / 12)}`,
  });

  // Exactly the cells of the grid (all agreements) that programmeStatistics publishes, and its total.
  const range = figuresForRange(grid, months[0], months[2], ALL_AGREEMENTS);
  const arrivals = [
    ...range.months.map((m) =>
      m.arrivals === null
        ? withheldFigure(monthCell(ARRIVALS, m.month))
        : publicFigure(monthCell(ARRIVALS, m.month), m.arrivals),
    ),
    range.total === null ? withheldFigure(ARRIVALS) : publicFigure(ARRIVALS, range.total),
  ];

  // Agreement terms: public, never withheld; a month with no cap in force has no figure.
  const caps = months.flatMap((month) => {
    const cap = monthlyCapIn(agreements, month, AgreementStatus.DRAFT);
    return cap === null ? [] : [publicFigure(monthCell(MONTHLY_CAP, month), cap)];
  });

  const outcomes = countBreakdown(
    { ...ONWARD, count: ONWARD_OUTCOMES.reduce((total, o) => total + (quarterFacts.outcomes.get(o.status) ?? 0), 0) },
    ONWARD_OUTCOMES.map((o) => ({
      ...ONWARD,
      dimension: o.status,
      dimensionLabel: o.label,
      count: quarterFacts.outcomes.get(o.status) ?? 0,
    })),
  );

  return [
    ...arrivals,
    ...caps,
    figureOverBase(COUNSEL_MEDIAN, oneDecimal(quarterFacts.counselMedian), quarterFacts.counselBase),
    figureOverBase(SCREENING_MEDIAN, oneDecimal(quarterFacts.screeningMedian), quarterFacts.screeningBase),
    ...outcomes,
  ];
}

function oneDecimal(value: number | null): number | null {
  return value === null ? null : Math.round(value * 10) / 10;
}

/**
 * The quarter's medians and outcomes, in two aggregate statements. Medians are over the cases
 * that arrived in the quarter and have a counsel contact (a screening) recorded, from arrival to
 * the first one; one before arrival counts as 0 hours. Outcomes count received cases that
 * reached one of ONWARD_OUTCOMES in the quarter (closed_at is set when a case reaches a final
 * status).
 */
async function computeFacts(db: DataSource, quarter: number): Promise<QuarterFacts> {
  const from = startOfQuarter(quarter).toISOString();
  const to = startOfQuarter(quarter + 1).toISOString();
  // greatest() ignores nulls: the FILTER keeps cases without a first contact out of the median.
  const median = (first: string) =>
    `percentile_cont(0.5) WITHIN GROUP (ORDER BY greatest(0, extract(epoch FROM ${first} - c.arrived_at))::float8 / 3600) FILTER (WHERE ${first} IS NOT NULL)`;
  const [medians, outcomes] = await Promise.all([
    db.query(
      `SELECT count(counsel.first)::int AS "counselBase",
              ${median("counsel.first")} AS "counselMedian",
              count(screening.first)::int AS "screeningBase",
              ${median("screening.first")} AS "screeningMedian"
         FROM cases."case" c
         LEFT JOIN LATERAL (SELECT min(cc.requested_at) AS first FROM cases.counsel_contact cc WHERE cc.case_id = c.id) counsel ON true
         LEFT JOIN LATERAL (SELECT min(ps.screened_at) AS first FROM cases.protection_screening ps WHERE ps.case_id = c.id) screening ON true
        WHERE c.arrived_at >= $1 AND c.arrived_at < $2`,
      [from, to],
    ) as Promise<
      { counselBase: number; counselMedian: number | null; screeningBase: number; screeningMedian: number | null }[]
    >,
    db.query(
      `SELECT status, count(*)::int AS count
         FROM cases."case"
        WHERE closed_at >= $1 AND closed_at < $2 AND arrived_at IS NOT NULL AND status = ANY($3)
        GROUP BY status`,
      [from, to, ONWARD_OUTCOMES.map((o) => o.status)],
    ) as Promise<{ status: string; count: number }[]>,
  ]);
  const [row] = medians;
  return {
    counselBase: row.counselBase,
    counselMedian: row.counselMedian === null ? null : Number(row.counselMedian),
    screeningBase: row.screeningBase,
    screeningMedian: row.screeningMedian === null ? null : Number(row.screeningMedian),
    outcomes: new Map(outcomes.map((o) => [o.status, o.count])),
  };
}
