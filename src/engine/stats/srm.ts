import { StatsInputError } from './errors';
import { chisquareSf } from './distributions';

export interface SrmResult {
  chiSquare: number;
  df: number;
  pValue: number;
  expected: number[];
}

/**
 * Sample-ratio-mismatch check: Pearson's chi-square goodness of fit of the observed unit counts
 * against the split the allocation was configured with. A tiny p-value (the usual alarm is < 0.001)
 * means assignment or logging is broken and the comparison cannot be trusted.
 */
export function sampleRatioMismatch(observed: readonly number[], weights: readonly number[]): SrmResult {
  if (observed.length < 2) throw new StatsInputError('observed', 'needs at least two variants');
  if (weights.length !== observed.length) {
    throw new StatsInputError('expectedSplit', `must have one weight per variant (${weights.length} weights for ${observed.length} variants)`);
  }
  observed.forEach((o, i) => {
    if (!Number.isInteger(o) || o < 0) throw new StatsInputError(`observed[${i}]`, `must be a non-negative integer (got ${o})`);
  });
  weights.forEach((w, i) => {
    if (!(w > 0) || !Number.isFinite(w)) throw new StatsInputError(`expectedSplit[${i}]`, `must be a positive number (got ${w})`);
  });
  const total = observed.reduce((a, b) => a + b, 0);
  const wSum = weights.reduce((a, b) => a + b, 0);
  const expected = weights.map((w) => (total * w) / wSum);
  if (total === 0) return { chiSquare: 0, df: observed.length - 1, pValue: 1, expected };
  let chi = 0;
  for (let i = 0; i < observed.length; i++) {
    const e = expected[i]!;
    const d = observed[i]! - e;
    chi += (d * d) / e;
  }
  const df = observed.length - 1;
  return { chiSquare: chi, df, pValue: chisquareSf(chi, df), expected };
}
