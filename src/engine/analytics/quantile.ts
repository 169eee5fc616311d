/**
 * The p-quantile (0 ≤ p ≤ 1) by linear interpolation between the closest ranks: rank h = (n − 1)·p
 * on the sorted sample, x[⌊h⌋] + (h − ⌊h⌋)·(x[⌊h⌋+1] − x[⌊h⌋]). This is Hyndman & Fan type 7, the
 * default of numpy.percentile, R quantile() and Excel PERCENTILE.INC, so figures match those tools.
 * Undefined on an empty sample.
 */
export function quantile(values: readonly number[], p: number): number | undefined {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`quantile: p must be in [0, 1] (got ${p})`);
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}
