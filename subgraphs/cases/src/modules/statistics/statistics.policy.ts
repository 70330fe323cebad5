/**
 * Statistical disclosure control for the public statistics (DESIGN §3): one fixed grid of cells,
 * decided once for every caller, with no count from 1 to 4 published and none derivable from
 * any combination of what is published. Pure functions; statistics.service.ts feeds them.
 *
 * The grid:
 * - arrivals per calendar month (UTC), for all agreements and for each agreement;
 * - arrivals per calendar quarter × nationality, for all agreements and for each agreement.
 * Only completed periods are published: a live cell that ticks from 5 to 6 would tell that one
 * person arrived today.
 *
 * Every reader knows the grid's additive relations: a month's agreements add up to its
 * all-agreements cell; a quarter's nationalities add up to its three months (per agreement, and
 * for all); a nationality's agreements add up to its all-agreements cell. Suppression is
 * therefore decided over those relations, not per cell:
 * 1. primary: every count from 1 to 4 (0 is published: it names no one);
 * 2. secondary, to a fixpoint: in every relation, no withheld cell alone (it would be the
 *    difference of the others), and no side whose withheld cells are the only unknowns with a
 *    sum from 1 to 4 (that sum would be derivable);
 * 3. no withheld cell determined by the relations together: the relations of a grid block are
 *    those of a network (each cell in at most two, with opposite signs), where a cell is
 *    determined exactly when it is a bridge among the withheld cells; a bridge is closed into a
 *    cycle by withholding the cheapest published cells that connect its two ends (and a cell
 *    withheld only for others' sake that no cycle can reach is known anyway: it is published).
 * Months are decided when they complete, from their own relation, and stay as published; a
 * quarter's nationality breakdown is decided when the quarter completes, with its months fixed.
 */
export {
  SUPPRESSION_THRESHOLD,
  isSmallCount,
  MONTH_PATTERN,
  EARLIEST_MONTH,
  MAX_MONTHS,
  parseMonth,
  formatMonth,
  monthOf,
  startOfMonth,
  quarterOf,
  formatQuarter,
  monthsOfQuarter,
  type Relation,
  cellsToSuppress,
} from "@kgraph/platform";
import { cellsToSuppress, formatMonth, monthOf, monthsOfQuarter, quarterOf, type Relation } from "@kgraph/platform";

// ---------------------------------------------------------------------------------------------
// The grid

/** The column of the grid that counts every agreement. */
export const ALL_AGREEMENTS = "*";

/** Arrivals of one nationality under one agreement in one month: a row of the grid's one aggregate. */
export interface ArrivalCount {
  month: number;
  agreementId: string;
  nationality: string;
  arrivals: number;
}

export interface GridCell {
  arrivals: number;
  suppressed: boolean;
}

export interface StatisticsGrid {
  /** The first month not complete when the grid was built: nothing from it on is published. */
  openMonth: number;
  /** Completed month → column (agreement id, or ALL_AGREEMENTS) → cell; no entry: no arrivals. */
  months: Map<number, Map<string, GridCell>>;
  /** Completed quarter → column → nationality → cell, for nationalities with arrivals there. */
  quarters: Map<number, Map<string, Map<string, GridCell>>>;
}

/** The whole grid, decided once from the counts of every completed month. */
export function buildGrid(counts: readonly ArrivalCount[], openMonth: number): StatisticsGrid {
  const complete = counts.filter((c) => c.month < openMonth && c.arrivals > 0);
  const months = new Map<number, Map<string, GridCell>>();
  for (const month of unique(complete.map((c) => c.month))) {
    const inMonth = complete.filter((c) => c.month === month);
    const byAgreement = sumBy(inMonth, (c) => c.agreementId);
    const columns = [...byAgreement.keys()];
    const values = [...byAgreement.values(), sum(inMonth)];
    const all = columns.length;
    const suppressed = cellsToSuppress(values, [{ left: columns.map((_, i) => i), right: [all] }]);
    months.set(month, new Map([...columns, ALL_AGREEMENTS].map((column, i) => [column, cell(values, suppressed, i)])));
  }

  const quarters = new Map<number, Map<string, Map<string, GridCell>>>();
  const lastCompleteQuarter = quarterOf(openMonth) - 1;
  for (const quarter of unique(complete.map((c) => quarterOf(c.month)))) {
    if (quarter > lastCompleteQuarter) continue;
    quarters.set(quarter, protectQuarter(quarter, complete, months));
  }
  return { openMonth, months, quarters };
}

/**
 * One completed quarter as a table: rows are its three months and its nationalities, columns
 * its agreements and the all-agreements total; months come fixed as they were published.
 */
function protectQuarter(
  quarter: number,
  counts: readonly ArrivalCount[],
  months: Map<number, Map<string, GridCell>>,
): Map<string, Map<string, GridCell>> {
  const inQuarter = counts.filter((c) => quarterOf(c.month) === quarter);
  const columns = [...unique(inQuarter.map((c) => c.agreementId)), ALL_AGREEMENTS];
  const nationalities = unique(inQuarter.map((c) => c.nationality));
  const values: number[] = [];
  const decided: (boolean | undefined)[] = [];
  const rows: { key: string; cells: number[] }[] = [];
  for (const month of monthsOfQuarter(quarter)) {
    const published = months.get(month);
    rows.push({
      key: `month ${month}`,
      cells: columns.map((column) => {
        values.push(published?.get(column)?.arrivals ?? 0);
        decided.push(published?.get(column)?.suppressed ?? false);
        return values.length - 1;
      }),
    });
  }
  const monthRows = rows.length;
  for (const nationality of nationalities) {
    const ofNationality = inQuarter.filter((c) => c.nationality === nationality);
    rows.push({
      key: nationality,
      cells: columns.map((column) => {
        values.push(sum(ofNationality.filter((c) => column === ALL_AGREEMENTS || c.agreementId === column)));
        decided.push(undefined);
        return values.length - 1;
      }),
    });
  }
  const all = columns.length - 1;
  const relations: Relation[] = [
    // Each row: its agreements add up to its all-agreements cell.
    ...rows.map((row) => ({ left: row.cells.slice(0, all), right: [row.cells[all]] })),
    // Each column: the quarter's nationalities add up to its three months.
    ...columns.map((_, c) => ({
      left: rows.slice(0, monthRows).map((row) => row.cells[c]),
      right: rows.slice(monthRows).map((row) => row.cells[c]),
    })),
  ];
  const suppressed = cellsToSuppress(values, relations, decided);
  return new Map(
    columns.map((column, c) => [
      column,
      new Map(
        rows
          .slice(monthRows)
          .filter((row) => values[row.cells[c]] > 0)
          .map((row) => [row.key, cell(values, suppressed, row.cells[c])]),
      ),
    ]),
  );
}

function cell(values: readonly number[], suppressed: readonly boolean[], i: number): GridCell {
  return { arrivals: values[i], suppressed: suppressed[i] };
}

function unique<T extends string | number>(items: readonly T[]): T[] {
  return [...new Set(items)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

function sum(counts: readonly ArrivalCount[]): number {
  return counts.reduce((total, c) => total + c.arrivals, 0);
}

function sumBy(counts: readonly ArrivalCount[], key: (c: ArrivalCount) => string): Map<string, number> {
  const totals = new Map<string, number>();
  for (const c of [...counts].sort((a, b) => key(a).localeCompare(key(b)))) {
    totals.set(key(c), (totals.get(key(c)) ?? 0) + c.arrivals);
  }
  return totals;
}

// ---------------------------------------------------------------------------------------------
// What a range shows: only what the grid publishes

export interface MonthFigure {
  month: number;
  complete: boolean;
  /** Null when withheld or not complete. */
  arrivals: number | null;
  suppressed: boolean;
}

export interface QuarterFigure {
  quarter: number;
  complete: boolean;
  /** Published nationalities with arrivals, largest first, then by code. Withheld ones are not named. */
  nationalities: { nationality: string; arrivals: number }[];
  /** Whether some arrivals of the quarter are under nationalities not listed (withheld). */
  nationalitiesWithheld: boolean;
}

export interface RangeFigures {
  months: MonthFigure[];
  /** The sum of the range's months when every one is complete and published; null otherwise. */
  total: number | null;
  /** Every quarter that overlaps the range, each whole. */
  quarters: QuarterFigure[];
}

/** The published figures for a range of months and a column (an agreement id or ALL_AGREEMENTS). */
export function figuresForRange(grid: StatisticsGrid, from: number, to: number, column: string): RangeFigures {
  const months: MonthFigure[] = [];
  for (let month = from; month <= to; month++) {
    const complete = month < grid.openMonth;
    const found = grid.months.get(month)?.get(column) ?? { arrivals: 0, suppressed: false };
    months.push({
      month,
      complete,
      arrivals: complete && !found.suppressed ? found.arrivals : null,
      suppressed: complete && found.suppressed,
    });
  }
  const quarters: QuarterFigure[] = [];
  for (let quarter = quarterOf(from); quarter <= quarterOf(to); quarter++) {
    const complete = quarterOf(grid.openMonth) > quarter;
    const cells = [...(grid.quarters.get(quarter)?.get(column) ?? new Map<string, GridCell>())];
    quarters.push({
      quarter,
      complete,
      nationalities: cells
        .filter(([, c]) => !c.suppressed)
        .map(([nationality, c]) => ({ nationality, arrivals: c.arrivals }))
        .sort((a, b) => b.arrivals - a.arrivals || a.nationality.localeCompare(b.nationality)),
      nationalitiesWithheld: cells.some(([, c]) => c.suppressed),
    });
  }
  const total = months.every((m) => m.arrivals !== null)
    ? months.reduce((t, m) => t + (m.arrivals as number), 0)
    : null;
  return { months, total, quarters };
}

// ---------------------------------------------------------------------------------------------
// Monthly caps and the cache's freshness

export interface AgreementTerms {
  status: string;
  termStart: string;
  termEnd: string | null;
  monthlyCap: number | null;
}

/** The monthly caps in force in a month, summed over the agreements (drafts excluded); null when none is set. */
export function monthlyCapIn(agreements: readonly AgreementTerms[], month: number, draft: string): number | null {
  const first = formatMonth(month) + "-01";
  const next = formatMonth(month + 1) + "-01";
  const caps = agreements
    .filter((a) => a.status !== draft && a.termStart < next && (a.termEnd === null || a.termEnd >= first))
    .map((a) => a.monthlyCap)
    .filter((cap): cap is number => cap !== null);
  return caps.length ? caps.reduce((t, c) => t + c, 0) : null;
}

/** How long a computed grid serves before it is computed again (writes in this process clear it at once). */
export const GRID_TTL_MS = 10 * 60_000;

/** Whether a grid computed at `computedAt` for `openMonth` may still serve at `now`. */
export function isGridFresh(grid: { computedAt: number; openMonth: number }, now: number): boolean {
  return now - grid.computedAt < GRID_TTL_MS && now >= grid.computedAt && monthOf(new Date(now)) === grid.openMonth;
}
