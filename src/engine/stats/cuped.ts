import { mean, sampleCovariance, sampleVariance } from 'simple-statistics';
import { StatsInputError } from './errors';
import type { Comparison, ContinuousSummary } from './fixedHorizon';
import { welchTTest } from './fixedHorizon';

export interface CupedArm {
  /** The metric in the experiment period, one value per unit. */
  y: readonly number[];
  /** The same metric (or a correlated one) for the same unit before the experiment. */
  x: readonly number[];
}

export interface CupedResult {
  /** θ = Cov(X, Y) / Var(X), estimated on both arms pooled so it is the same for each. */
  theta: number;
  /** 1 − Var(Y_adj)/Var(Y) on the pooled data: the share of variance removed. */
  varianceReduction: number;
  control: ContinuousSummary;
  treatment: ContinuousSummary;
  /** Welch's t-test on the adjusted values Y − θ(X − X̄). */
  comparison: Comparison;
}

/**
 * CUPED (Deng, Xu, Kohavi & Walker 2013): subtract the part of the metric a pre-period covariate
 * predicts. Randomisation makes X independent of assignment, so the adjusted means estimate the same
 * effect with variance multiplied by (1 − ρ²).
 */
export function cuped(control: CupedArm, treatment: CupedArm, alpha = 0.05): CupedResult {
  for (const [name, arm] of [['control', control], ['treatment', treatment]] as const) {
    if (arm.y.length !== arm.x.length) throw new StatsInputError(`${name}.x`, `must have one covariate per unit (${arm.x.length} x for ${arm.y.length} y)`);
    if (arm.y.length < 2) throw new StatsInputError(`${name}.y`, 'needs at least two units');
  }
  const xs = [...control.x, ...treatment.x];
  const ys = [...control.y, ...treatment.y];
  const vx = sampleVariance(xs);
  const theta = vx === 0 ? 0 : sampleCovariance(xs, ys) / vx;
  const xbar = mean(xs);
  const adjust = (arm: CupedArm): number[] => arm.y.map((y, i) => y - theta * (arm.x[i]! - xbar));
  const ac = adjust(control);
  const at = adjust(treatment);
  const summary = (v: number[]): ContinuousSummary => ({ n: v.length, mean: mean(v), sd: Math.sqrt(sampleVariance(v)) });
  const sc = summary(ac);
  const st = summary(at);
  const vy = sampleVariance(ys);
  return {
    theta,
    varianceReduction: vy === 0 ? 0 : 1 - sampleVariance([...ac, ...at]) / vy,
    control: sc,
    treatment: st,
    comparison: welchTTest(sc, st, alpha),
  };
}
