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

/** Aggregates for the public show no count from 1 to 4 (DESIGN §3: suppress any cell below 5). */
export const SUPPRESSION_THRESHOLD = 5;

/** A count small enough to point at individuals. Zero is not: it names no one. */
export function isSmallCount(count: number): boolean {
  return count >= 1 && count < SUPPRESSION_THRESHOLD;
}

// ---------------------------------------------------------------------------------------------
// Months and quarters

/** YYYY-MM. */
export const MONTH_PATTERN = /^(\d{4})-(0[1-9]|1[0-2])$/;
/** No statistics before this month: the programme's data starts long after it. */
export const EARLIEST_MONTH = "2000-01";
/** Longest range one request may cover. */
export const MAX_MONTHS = 36;

/** A month as a number (year × 12 + month − 1), so ranges are arithmetic; null when not YYYY-MM. */
export function parseMonth(text: string): number | null {
  const match = MONTH_PATTERN.exec(text);
  return match ? Number(match[1]) * 12 + Number(match[2]) - 1 : null;
}

export function formatMonth(month: number): string {
  return `${String(Math.floor(month / 12)).padStart(4, "0")}-${String((month % 12) + 1).padStart(2, "0")}`;
}

/** The month (UTC) an instant falls in. */
export function monthOf(instant: Date): number {
  return instant.getUTCFullYear() * 12 + instant.getUTCMonth();
}

/** The first instant of a month, UTC. */
export function startOfMonth(month: number): Date {
  return new Date(Date.UTC(Math.floor(month / 12), month % 12, 1));
}

/** Calendar quarter (year × 4 + quarter − 1) of a month. */
export function quarterOf(month: number): number {
  return Math.floor(month / 3);
}

/** YYYY-Qn. */
export function formatQuarter(quarter: number): string {
  return `${String(Math.floor(quarter / 4)).padStart(4, "0")}-Q${(quarter % 4) + 1}`;
}

export function monthsOfQuarter(quarter: number): [number, number, number] {
  return [quarter * 3, quarter * 3 + 1, quarter * 3 + 2];
}

// ---------------------------------------------------------------------------------------------
// Suppression over additive relations

/** `sum(left) = sum(right)` over cell indices: a relation every reader of the grid knows. */
export interface Relation {
  left: readonly number[];
  right: readonly number[];
}

/**
 * Which cells to withhold so that no count from 1 to 4 is published or derivable, and no
 * withheld cell can be worked out exactly from the published ones through `relations`.
 * `decided[i]` fixes a cell already published (false) or withheld (true) earlier; undefined
 * leaves it to this function. Only cells above zero are ever withheld: the cells that hold
 * someone. A cell withheld only to protect others, that turns out to be determined by published
 * cells whatever else is withheld, is published after all (its value is known anyway). Throws
 * when a small count cannot be protected (never for the grid's relations, where the
 * nationality cells can always be withheld): refusing to answer beats publishing it.
 */
export function cellsToSuppress(
  values: readonly number[],
  relations: readonly Relation[],
  decided: readonly (boolean | undefined)[] = [],
): boolean[] {
  const suppressed = values.map((value, i) => decided[i] ?? isSmallCount(value));
  const fixed = values.map((_, i) => decided[i] !== undefined);
  const free = (i: number) => !fixed[i] && !suppressed[i] && values[i] > 0;
  const network = networkOf(values.length, relations);
  for (;;) {
    const added = relations.flatMap((relation) => {
      const cell = secondaryCell(relation, values, suppressed, free);
      if (cell !== null) suppressed[cell] = true;
      return cell === null ? [] : [cell];
    });
    if (added.length) continue;
    const closure = bridgeClosure(network, values, suppressed, free);
    if (!closure) return suppressed;
    if ("publish" in closure) {
      if (fixed[closure.publish] || isSmallCount(values[closure.publish])) throw cannotProtect();
      suppressed[closure.publish] = false;
      fixed[closure.publish] = true;
    } else {
      for (const cell of closure.withhold) suppressed[cell] = true;
    }
  }
}

function cannotProtect(): Error {
  return new Error("statistics grid: a withheld count cannot be protected");
}

/**
 * A cell a relation needs withheld next, or null when the relation gives nothing away (or a lone
 * withheld cell has no partner to take: then it is determined, and bridgeClosure decides).
 */
function secondaryCell(
  relation: Relation,
  values: readonly number[],
  suppressed: readonly boolean[],
  free: (i: number) => boolean,
): number | null {
  const sides = [relation.left, relation.right];
  const withheld = sides.map((side) => side.filter((i) => suppressed[i]));
  let needy = withheld[0].length + withheld[1].length === 1 ? (withheld[0].length ? 0 : 1) : -1;
  let smallSum = false;
  for (const s of [0, 1]) {
    const sum = withheld[s].reduce((total, i) => total + values[i], 0);
    if (!withheld[1 - s].length && isSmallCount(sum)) [needy, smallSum] = [s, true];
  }
  if (needy < 0) return null;
  const cell = smallestFree(sides[needy], values, free) ?? smallestFree(sides[1 - needy], values, free);
  if (cell === null && smallSum) throw cannotProtect();
  return cell;
}

function smallestFree(cells: readonly number[], values: readonly number[], free: (i: number) => boolean) {
  let best: number | null = null;
  for (const i of cells) if (free(i) && (best === null || values[i] < values[best])) best = i;
  return best;
}

/**
 * The relations as a network: each relation a vertex, each cell an edge between the (at most
 * two) relations it is in; a cell in one relation only is an edge to a free "ground" vertex.
 * Signs must let each edge leave one end and enter the other (a table with margins does), so
 * that what the relations leave undetermined is exactly the cycles of withheld edges.
 */
interface Network {
  ends: ([number, number] | null)[];
  vertices: number;
}

function networkOf(cells: number, relations: readonly Relation[]): Network {
  const ground = relations.length;
  const memberships: [vertex: number, sign: number][][] = Array.from({ length: cells }, () => []);
  relations.forEach((relation, r) => {
    for (const i of relation.left) memberships[i].push([r, 1]);
    for (const i of relation.right) memberships[i].push([r, -1]);
  });
  // Orient the relations so that every edge has opposite signs at its two ends.
  const orientation: number[] = new Array(relations.length).fill(0);
  const adjacency: [other: number, product: number][][] = relations.map(() => []);
  for (const ends of memberships) {
    if (ends.length > 2) throw new Error("statistics grid: a cell may be in at most two relations");
    if (ends.length === 2) {
      adjacency[ends[0][0]].push([ends[1][0], ends[0][1] * ends[1][1]]);
      adjacency[ends[1][0]].push([ends[0][0], ends[0][1] * ends[1][1]]);
    }
  }
  for (let start = 0; start < relations.length; start++) {
    if (orientation[start]) continue;
    orientation[start] = 1;
    const queue = [start];
    while (queue.length) {
      const v = queue.pop()!;
      for (const [w, product] of adjacency[v]) {
        const wanted = -orientation[v] * product;
        if (!orientation[w]) {
          orientation[w] = wanted;
          queue.push(w);
        } else if (orientation[w] !== wanted) {
          throw new Error("statistics grid: the relations are not those of a table with margins");
        }
      }
    }
  }
  return {
    vertices: relations.length + 1,
    ends: memberships.map((ends) =>
      ends.length === 0 ? null : ends.length === 1 ? [ends[0][0], ground] : [ends[0][0], ends[1][0]],
    ),
  };
}

/**
 * The first withheld cell that the relations determine (a bridge among the withheld edges): the
 * cheapest published cells that put it on a cycle, or, when none can, the cell itself to publish.
 * Null when no withheld cell is determined.
 */
function bridgeClosure(
  network: Network,
  values: readonly number[],
  suppressed: readonly boolean[],
  free: (i: number) => boolean,
): { withhold: number[] } | { publish: number } | null {
  for (let bridge = 0; bridge < values.length; bridge++) {
    const ends = network.ends[bridge];
    if (!suppressed[bridge] || !ends) continue;
    const path = cheapestPath(network, ends[0], ends[1], (i) =>
      i === bridge ? null : suppressed[i] ? 0 : free(i) ? values[i] : null,
    );
    if (!path) return { publish: bridge };
    const withhold = path.filter((i) => !suppressed[i]);
    if (withhold.length) return { withhold };
  }
  return null;
}

/** Dijkstra over the network's edges with `cost(i)` (null: unusable); the edges of the path. */
function cheapestPath(
  network: Network,
  from: number,
  to: number,
  cost: (edge: number) => number | null,
): number[] | null {
  const distance: number[] = new Array(network.vertices).fill(Infinity);
  const via: number[] = new Array(network.vertices).fill(-1);
  const done: boolean[] = new Array(network.vertices).fill(false);
  distance[from] = 0;
  for (;;) {
    let v = -1;
    for (let u = 0; u < network.vertices; u++) if (!done[u] && (v < 0 || distance[u] < distance[v])) v = u;
    if (v < 0 || distance[v] === Infinity) return null;
    if (v === to) break;
    done[v] = true;
    network.ends.forEach((ends, edge) => {
      if (!ends || (ends[0] !== v && ends[1] !== v)) return;
      const c = cost(edge);
      if (c === null) return;
      const w = ends[0] === v ? ends[1] : ends[0];
      if (!done[w] && distance[v] + c < distance[w]) {
        distance[w] = distance[v] + c;
        via[w] = edge;
      }
    });
  }
  const path: number[] = [];
  for (let v = to; v !== from;) {
    const edge = via[v];
    path.push(edge);
    const ends = network.ends[edge]!;
    v = ends[0] === v ? ends[1] : ends[0];
  }
  return path;
}

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
