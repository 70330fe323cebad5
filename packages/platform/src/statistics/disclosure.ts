/**
 * Statistical disclosure control shared by every subgraph that publishes aggregates (DESIGN §3):
 * no count from 1 to 4 is published, and none can be worked out from the additive relations a
 * reader knows (a breakdown sums to its total). Pure functions; the cases subgraph's grid
 * (statistics.policy.ts there) and each subgraph's quarterly figures feed them.
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

/** YYYY-Qn. */
export const QUARTER_PATTERN = /^(\d{4})-Q([1-4])$/;

/** A quarter as a number (year × 4 + quarter − 1); null when not YYYY-Qn. */
export function parseQuarter(text: string): number | null {
  const match = QUARTER_PATTERN.exec(text);
  return match ? Number(match[1]) * 4 + Number(match[2]) - 1 : null;
}

/** The first instant of a quarter, UTC. */
export function startOfQuarter(quarter: number): Date {
  return startOfMonth(quarter * 3);
}

/** The quarter (UTC) an instant falls in. */
export function quarterOfInstant(instant: Date): number {
  return quarterOf(monthOf(instant));
}
