import type { DataSource } from "typeorm";
import { parseQuarter, startOfQuarter } from "./disclosure";

/**
 * What every subgraph's quarter figures share: which quarters have figures, and a per-process
 * cache so that a request for a past quarter's figures does not rescan the tables.
 */

/** No figures before this quarter: the programme's data starts long after it. */
export const EARLIEST_QUARTER = "2000-Q1";

/** How long a quarter's computed figures serve before they are computed again. */
export const QUARTER_FIGURES_TTL_MS = 10 * 60_000;

/**
 * The quarter (year × 4 + quarter − 1) whose figures may be published at `now`: well-formed
 * (YYYY-Qn), not before EARLIEST_QUARTER, and over (its last instant before `now`). Null
 * otherwise, and the figure list is then empty: a count that grows during the quarter would tell
 * who arrived today.
 */
export function publishableQuarter(text: string, now: Date): number | null {
  const quarter = parseQuarter(String(text));
  if (quarter === null || quarter < parseQuarter(EARLIEST_QUARTER)!) return null;
  return startOfQuarter(quarter + 1).getTime() <= now.getTime() ? quarter : null;
}

/** The database a data source reads (a request's data source is a wrapper around the subgraph's). */
export function databaseKey(db: DataSource): string {
  const options = db.options as { url?: string; schema?: string };
  return `${options.url ?? ""} ${options.schema ?? ""}`;
}

/**
 * A quarter's computed figures, per database and quarter, for QUARTER_FIGURES_TTL_MS. A past
 * quarter's facts rarely change (a late or back-dated record), so they show within the TTL.
 * A failed computation is not kept: the next request tries again.
 */
export class QuarterFiguresCache<T> {
  private readonly entries = new Map<string, { computedAt: number; value: Promise<T> }>();

  constructor(private readonly ttlMs = QUARTER_FIGURES_TTL_MS) {}

  get(db: DataSource, quarter: number, now: number, compute: () => Promise<T>): Promise<T> {
    const key = `${databaseKey(db)}\u0000${quarter}`;
    const cached = this.entries.get(key);
    if (cached && now >= cached.computedAt && now - cached.computedAt < this.ttlMs) return cached.value;
    for (const [k, entry] of this.entries) if (now - entry.computedAt >= this.ttlMs) this.entries.delete(k);
    const entry = { computedAt: now, value: compute() };
    this.entries.set(key, entry);
    entry.value.catch(() => {
      if (this.entries.get(key) === entry) this.entries.delete(key);
    });
    return entry.value;
  }
}
