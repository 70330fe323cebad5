/** Aggregates for the public show no count from 1 to 4 (DESIGN §3: suppress any cell below 5). */
export const SUPPRESSION_THRESHOLD = 5;

/** A count small enough to point at individuals. Zero is not: it names no one. */
export function isSmallCount(count: number): boolean {
  return count >= 1 && count < SUPPRESSION_THRESHOLD;
}

/**
 * Which cells of one breakdown to withhold. First every small count; then, because the total
 * is published, withheld cells that add up to less than the threshold could be worked out by
 * subtraction (one withheld cell would be exact), so the smallest published non-zero cells are
 * withheld too until the withheld cells add up to the threshold or more.
 */
export function cellsToSuppress(counts: readonly number[]): boolean[] {
  const suppressed = counts.map(isSmallCount);
  let withheld = counts.reduce((sum, count, i) => (suppressed[i] ? sum + count : sum), 0);
  while (withheld > 0 && withheld < SUPPRESSION_THRESHOLD) {
    let smallest = -1;
    counts.forEach((count, i) => {
      if (!suppressed[i] && count > 0 && (smallest < 0 || count < counts[smallest])) smallest = i;
    });
    if (smallest < 0) break;
    suppressed[smallest] = true;
    withheld += counts[smallest];
  }
  return suppressed;
}
