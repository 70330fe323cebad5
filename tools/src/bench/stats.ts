/** The statistics `npm run bench` reports: pure functions over plain numbers. */

/** The median of some numbers (the mean of the middle two for an even count); NaN for none. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/**
 * The q-th percentile (0 < q ≤ 1) of numbers sorted ascending, by nearest rank: the smallest
 * value with at least q of all values at or below it. NaN for none.
 */
export function percentile(sorted: readonly number[], q: number): number {
  if (!(q > 0 && q <= 1)) throw new RangeError(`a percentile is in (0, 1]; got ${q}`);
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)];
}

/** a ÷ b, or NaN when either is not a finite number or b is 0. */
export function ratio(a: number, b: number): number {
  return Number.isFinite(a) && Number.isFinite(b) && b !== 0 ? a / b : Number.NaN;
}

/** A number with `digits` decimals, or "–" for NaN. */
export function fixed(value: number, digits: number): string {
  return Number.isFinite(value) ? value.toFixed(digits) : "–";
}
