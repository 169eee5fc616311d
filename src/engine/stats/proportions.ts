import normalCdf from '@stdlib/stats-base-dists-normal-cdf';
import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';
import gammaln from '@stdlib/math-base-special-gammaln';
import { wilsonInterval as wilsonWithZ } from '../../shared/stats';

/** Wilson score interval for a binomial proportion (no continuity correction), as statsmodels' `wilson`. */
export function wilsonInterval(successes: number, n: number, level = 0.95): { low: number; high: number } {
  const { low, high } = wilsonWithZ(successes, n, normalQuantile(1 - (1 - level) / 2, 0, 1));
  return { low, high };
}

/** ln Γ(x), from stdlib (no hand-written special functions). */
export const logGamma: (x: number) => number = gammaln;

function logChoose(n: number, k: number): number {
  return logGamma(n + 1) - logGamma(k + 1) - logGamma(n - k + 1);
}

/**
 * Two-sided Fisher exact test on the 2×2 table [[a, b], [c, d]] (rows: groups, columns: success/failure).
 * Sums the probabilities of every table with the same margins that is no more likely than the observed
 * one, with scipy's relative tolerance so ties are not lost to rounding.
 */
export function fisherExactTwoSided(a: number, b: number, c: number, d: number): number {
  const row1 = a + b;
  const col1 = a + c;
  const n = a + b + c + d;
  const lo = Math.max(0, col1 - (n - row1));
  const hi = Math.min(row1, col1);
  const logDenom = logChoose(n, col1);
  const logP = (x: number) => logChoose(row1, x) + logChoose(n - row1, col1 - x) - logDenom;
  const observed = logP(a);
  let p = 0;
  for (let x = lo; x <= hi; x++) {
    const lp = logP(x);
    if (lp <= observed + 1e-7) p += Math.exp(lp);
  }
  return Math.min(1, p);
}

/** Pooled two-proportion z test on counts, two-sided (experiments' `twoProportionZTest` takes arm summaries and reports intervals). */
export function pooledTwoProportionZ(x1: number, n1: number, x2: number, n2: number): { z: number; p: number } {
  if (n1 === 0 || n2 === 0) return { z: 0, p: 1 };
  const pooled = (x1 + x2) / (n1 + n2);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  if (se === 0) return { z: 0, p: 1 };
  const z = (x1 / n1 - x2 / n2) / se;
  return { z, p: Math.min(1, 2 * (1 - normalCdf(Math.abs(z), 0, 1))) };
}

/**
 * Compares a group's success proportion with the rest's: Fisher exact when any expected cell count is
 * below 5 (the normal approximation is poor there), else the pooled z test.
 */
export function compareProportions(x1: number, n1: number, x2: number, n2: number): { p: number; method: 'fisher' | 'z' } {
  const n = n1 + n2;
  if (n1 === 0 || n2 === 0) return { p: 1, method: 'z' };
  const succ = x1 + x2;
  const fail = n - succ;
  const minExpected = Math.min(n1, n2) * Math.min(succ, fail) / n;
  if (minExpected < 5) return { p: fisherExactTwoSided(x1, n1 - x1, x2, n2 - x2), method: 'fisher' };
  return { p: pooledTwoProportionZ(x1, n1, x2, n2).p, method: 'z' };
}

/** Area under the ROC curve (Mann–Whitney, ties count half). */
export function rocAuc(scores: readonly number[], labels: readonly boolean[]): number {
  const items = scores.map((s, i) => ({ s, y: labels[i]! })).sort((a, b) => a.s - b.s);
  let pos = 0;
  let neg = 0;
  for (const it of items) {
    if (it.y) pos++;
    else neg++;
  }
  if (pos === 0 || neg === 0) return Number.NaN;
  let rankSum = 0;
  let i = 0;
  while (i < items.length) {
    let j = i;
    while (j < items.length && items[j]!.s === items[i]!.s) j++;
    const avgRank = (i + 1 + j) / 2;
    for (let k = i; k < j; k++) if (items[k]!.y) rankSum += avgRank;
    i = j;
  }
  return (rankSum - (pos * (pos + 1)) / 2) / (pos * neg);
}
