import { StatsInputError, requireAlpha } from './errors';

/**
 * Always-valid inference by the mixture sequential probability ratio test (mSPRT) with a normal
 * mixture (Robbins 1970; Johari, Koomen, Pekelis & Walsh, "Always valid inference", 2017/2022;
 * the same normal-mixture boundary as Howard, Ramdas, McAuliffe & Sekhon, 2021, eq. (14)).
 *
 * At every look we have an estimate θ̂ of the difference (treatment − control) whose variance is V
 * (V = σ₁²/n₁ + σ₂²/n₂, plug-in). Mixing the likelihood ratio of N(θ, V) against N(θ₀, V) over
 * θ ~ N(θ₀, τ²) gives
 *
 *   Λ = sqrt(V / (V + τ²)) · exp( τ²·(θ̂ − θ₀)² / (2·V·(V + τ²)) ).
 *
 * Λ is a nonnegative martingale under H₀ with mean 1, so by Ville's inequality P(sup Λ ≥ 1/α) ≤ α:
 * the always-valid p-value is p = min over looks of min(1, 1/Λ), and rejecting when p ≤ α keeps the
 * false-positive rate ≤ α however often one looks. Inverting the test gives the confidence sequence
 *
 *   θ̂ ± sqrt( V·(V + τ²)/τ² · ( ln((V + τ²)/V) + 2·ln(1/α) ) ),
 *
 * intersected over looks. τ² (the mixing variance) is on the scale of the difference itself: it says
 * which effect sizes the test is most sensitive to (power is best for |θ| around τ). Pick it at design
 * time, e.g. τ = the minimum effect worth detecting; never tune it on the data being tested.
 */
export interface MsprtLook {
  estimate: number;
  variance: number;
  /** ln Λ at this look. */
  logLikelihoodRatio: number;
  /** min(1, 1/Λ) at this look alone (not yet the running minimum). */
  pValueThisLook: number;
  /** The confidence interval from this look alone, before intersecting with earlier looks. */
  ci: [number, number];
}

export interface MsprtOptions {
  /** Mixing variance τ² (> 0), on the scale of the difference. */
  tau2: number;
  alpha?: number;
  /** Null value of the difference (default 0). */
  theta0?: number;
}

export function msprtLook(estimate: number, variance: number, options: MsprtOptions): MsprtLook {
  const { tau2, alpha = 0.05, theta0 = 0 } = options;
  if (!(tau2 > 0) || !Number.isFinite(tau2)) throw new StatsInputError('tau2', `must be a positive number (got ${tau2})`);
  requireAlpha(alpha);
  if (!(variance >= 0) || !Number.isFinite(variance)) throw new StatsInputError('variance', `must be a non-negative number (got ${variance})`);
  if (variance === 0) {
    // No information yet (e.g. no conversions in either arm): Λ = 1 and the interval is unbounded.
    return {
      estimate,
      variance,
      logLikelihoodRatio: 0,
      pValueThisLook: 1,
      ci: [Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY],
    };
  }
  const d = estimate - theta0;
  const logL = 0.5 * Math.log(variance / (variance + tau2)) + (tau2 * d * d) / (2 * variance * (variance + tau2));
  const half = Math.sqrt(((variance * (variance + tau2)) / tau2) * (Math.log((variance + tau2) / variance) + 2 * Math.log(1 / alpha)));
  return {
    estimate,
    variance,
    logLikelihoodRatio: logL,
    pValueThisLook: Math.min(1, Math.exp(-logL)),
    ci: [estimate - half, estimate + half],
  };
}

export interface SequentialState {
  looks: number;
  /** Always-valid p-value: the running minimum of min(1, 1/Λ). */
  pValue: number;
  /** Confidence sequence: the running intersection of the per-look intervals. */
  ci: [number, number];
  last?: MsprtLook;
}

export const initialSequentialState = (): SequentialState => ({
  looks: 0,
  pValue: 1,
  ci: [Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY],
});

/** Folds one more look into the running always-valid p-value and confidence sequence. */
export function updateSequential(state: SequentialState, estimate: number, variance: number, options: MsprtOptions): SequentialState {
  const look = msprtLook(estimate, variance, options);
  return {
    looks: state.looks + 1,
    pValue: Math.min(state.pValue, look.pValueThisLook),
    ci: [Math.max(state.ci[0], look.ci[0]), Math.min(state.ci[1], look.ci[1])],
    last: look,
  };
}

/** Difference of two proportions and its plug-in (unpooled) variance, for feeding the mSPRT. */
export function binaryDifference(c: { users: number; conversions: number }, t: { users: number; conversions: number }): { estimate: number; variance: number } {
  const p1 = c.users > 0 ? c.conversions / c.users : 0;
  const p2 = t.users > 0 ? t.conversions / t.users : 0;
  const variance = (c.users > 0 ? (p1 * (1 - p1)) / c.users : 0) + (t.users > 0 ? (p2 * (1 - p2)) / t.users : 0);
  return { estimate: p2 - p1, variance };
}

/** Difference of two means and its variance, for feeding the mSPRT. */
export function meanDifference(c: { n: number; mean: number; sd: number }, t: { n: number; mean: number; sd: number }): { estimate: number; variance: number } {
  return { estimate: t.mean - c.mean, variance: (c.sd * c.sd) / c.n + (t.sd * t.sd) / t.n };
}
