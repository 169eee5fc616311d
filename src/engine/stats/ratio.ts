import { mean, sampleCovariance, sampleVariance } from 'simple-statistics';
import { StatsInputError, requireAlpha } from './errors';
import type { Comparison } from './fixedHorizon';
import { relativeLiftCi } from './fixedHorizon';
import { normalQuantile, normalSf } from './distributions';

/**
 * A ratio metric Σnumerator / Σdenominator over randomisation units (e.g. escalations per call when
 * callers are randomised, or handle seconds per turn). Units, not calls, are independent, so the
 * variance comes from the delta method on unit-level sums.
 */
export interface RatioSummary {
  n: number;
  meanNumerator: number;
  meanDenominator: number;
  varNumerator: number;
  varDenominator: number;
  covariance: number;
}

export function summarizeRatio(numerator: readonly number[], denominator: readonly number[]): RatioSummary {
  if (numerator.length !== denominator.length) {
    throw new StatsInputError('denominator', `must have one value per unit (${denominator.length} for ${numerator.length} numerators)`);
  }
  if (numerator.length < 2) throw new StatsInputError('numerator', 'needs at least two units');
  return {
    n: numerator.length,
    meanNumerator: mean(numerator as number[]),
    meanDenominator: mean(denominator as number[]),
    varNumerator: sampleVariance(numerator as number[]),
    varDenominator: sampleVariance(denominator as number[]),
    covariance: sampleCovariance(numerator as number[], denominator as number[]),
  };
}

/** R = Ȳ/X̄ and Var(R̂) ≈ (Var Y − 2R·Cov(Y, X) + R²·Var X) / (n·X̄²). */
export function ratioEstimate(s: RatioSummary): { ratio: number; variance: number } {
  if (s.meanDenominator === 0) throw new StatsInputError('meanDenominator', 'is 0: the ratio is undefined');
  const r = s.meanNumerator / s.meanDenominator;
  const v = (s.varNumerator - 2 * r * s.covariance + r * r * s.varDenominator) / (s.n * s.meanDenominator ** 2);
  return { ratio: r, variance: Math.max(0, v) };
}

/** Two-sided z-test on the difference of two ratio metrics, with absolute and relative intervals. */
export function ratioTest(control: RatioSummary, treatment: RatioSummary, alpha = 0.05): Comparison {
  requireAlpha(alpha);
  const c = ratioEstimate(control);
  const t = ratioEstimate(treatment);
  const diff = t.ratio - c.ratio;
  const se = Math.sqrt(c.variance + t.variance);
  const z = se === 0 ? 0 : diff / se;
  const crit = normalQuantile(1 - alpha / 2);
  const rel = relativeLiftCi(c.ratio, t.ratio, c.variance, t.variance, crit);
  return {
    control: c.ratio,
    treatment: t.ratio,
    absoluteLift: diff,
    absoluteCi: [diff - crit * se, diff + crit * se],
    relativeLift: rel.lift,
    relativeCi: rel.ci,
    statistic: z,
    df: Number.POSITIVE_INFINITY,
    pValue: se === 0 ? (diff === 0 ? 1 : 0) : Math.min(1, 2 * normalSf(Math.abs(z))),
    standardError: se,
  };
}
