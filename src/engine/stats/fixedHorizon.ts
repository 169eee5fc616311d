import { StatsInputError, requireAlpha, requireFinite, requirePositiveInt } from './errors';
import { normalQuantile, normalSf, tQuantile, tSf } from './distributions';

/** A two-arm comparison: treatment minus control. Intervals are two-sided at level 1 − alpha. */
export interface Comparison {
  control: number;
  treatment: number;
  /** treatment − control */
  absoluteLift: number;
  absoluteCi: [number, number];
  /** treatment / control − 1; NaN when the control estimate is 0 */
  relativeLift: number;
  relativeCi: [number, number];
  /** The test statistic (z or t). */
  statistic: number;
  /** Degrees of freedom for a t statistic; Infinity for a z statistic. */
  df: number;
  pValue: number;
  /** Standard error of the absolute difference used for the interval. */
  standardError: number;
}

export interface BinarySummary {
  users: number;
  conversions: number;
}

export interface ContinuousSummary {
  n: number;
  mean: number;
  sd: number;
}

/**
 * Relative lift r = t/c − 1 with the first-order delta method:
 * Var(t̂/ĉ) ≈ Var(t̂)/c² + t²·Var(ĉ)/c⁴ (arms independent). The interval is symmetric around r.
 */
export function relativeLiftCi(c: number, t: number, varC: number, varT: number, crit: number): { lift: number; ci: [number, number] } {
  if (c === 0) return { lift: Number.NaN, ci: [Number.NaN, Number.NaN] };
  const lift = t / c - 1;
  const se = Math.sqrt(varT / (c * c) + (t * t * varC) / (c * c * c * c));
  return { lift, ci: [lift - crit * se, lift + crit * se] };
}

/**
 * Pooled two-proportion z-test (two-sided). The test statistic uses the pooled rate under H0
 * (p̂ = (x₁+x₂)/(n₁+n₂)); the interval for the difference uses the unpooled (Wald) standard error,
 * because the interval is not computed under H0.
 */
export function twoProportionZTest(control: BinarySummary, treatment: BinarySummary, alpha = 0.05): Comparison {
  validateBinary('control', control);
  validateBinary('treatment', treatment);
  requireAlpha(alpha);
  const p1 = control.conversions / control.users;
  const p2 = treatment.conversions / treatment.users;
  const pooled = (control.conversions + treatment.conversions) / (control.users + treatment.users);
  const se0 = Math.sqrt(pooled * (1 - pooled) * (1 / control.users + 1 / treatment.users));
  const diff = p2 - p1;
  const z = se0 === 0 ? 0 : diff / se0;
  const pValue = se0 === 0 ? 1 : Math.min(1, 2 * normalSf(Math.abs(z)));
  const var1 = (p1 * (1 - p1)) / control.users;
  const var2 = (p2 * (1 - p2)) / treatment.users;
  const se = Math.sqrt(var1 + var2);
  const crit = normalQuantile(1 - alpha / 2);
  const rel = relativeLiftCi(p1, p2, var1, var2, crit);
  return {
    control: p1,
    treatment: p2,
    absoluteLift: diff,
    absoluteCi: [diff - crit * se, diff + crit * se],
    relativeLift: rel.lift,
    relativeCi: rel.ci,
    statistic: z,
    df: Number.POSITIVE_INFINITY,
    pValue,
    standardError: se,
  };
}

/** Welch–Satterthwaite degrees of freedom for two independent means with unequal variances. */
export function welchDf(v1: number, n1: number, v2: number, n2: number): number {
  const a = v1 / n1;
  const b = v2 / n2;
  return (a + b) ** 2 / ((a * a) / (n1 - 1) + (b * b) / (n2 - 1));
}

/**
 * Welch's unequal-variance t-test (two-sided) from summary statistics (sd is the sample sd, n − 1).
 * Both the p-value and the absolute interval use Student's t with the Welch–Satterthwaite df; the
 * relative interval uses the same critical value with the delta-method standard error.
 */
export function welchTTest(control: ContinuousSummary, treatment: ContinuousSummary, alpha = 0.05): Comparison {
  validateContinuous('control', control);
  validateContinuous('treatment', treatment);
  requireAlpha(alpha);
  const v1 = control.sd ** 2 / control.n;
  const v2 = treatment.sd ** 2 / treatment.n;
  const se = Math.sqrt(v1 + v2);
  const diff = treatment.mean - control.mean;
  if (se === 0) {
    // Both arms constant: no evidence either way unless the means differ, which a t-test cannot grade.
    return {
      control: control.mean,
      treatment: treatment.mean,
      absoluteLift: diff,
      absoluteCi: [diff, diff],
      relativeLift: control.mean === 0 ? Number.NaN : treatment.mean / control.mean - 1,
      relativeCi: [Number.NaN, Number.NaN],
      statistic: diff === 0 ? 0 : Math.sign(diff) * Number.POSITIVE_INFINITY,
      df: control.n + treatment.n - 2,
      pValue: diff === 0 ? 1 : 0,
      standardError: 0,
    };
  }
  const df = welchDf(control.sd ** 2, control.n, treatment.sd ** 2, treatment.n);
  const t = diff / se;
  const pValue = Math.min(1, 2 * tSf(Math.abs(t), df));
  const crit = tQuantile(1 - alpha / 2, df);
  const rel = relativeLiftCi(control.mean, treatment.mean, v1, v2, crit);
  return {
    control: control.mean,
    treatment: treatment.mean,
    absoluteLift: diff,
    absoluteCi: [diff - crit * se, diff + crit * se],
    relativeLift: rel.lift,
    relativeCi: rel.ci,
    statistic: t,
    df,
    pValue,
    standardError: se,
  };
}

function validateBinary(field: string, s: BinarySummary): void {
  requirePositiveInt(`${field}.users`, s.users);
  if (!Number.isInteger(s.conversions) || s.conversions < 0) {
    throw new StatsInputError(`${field}.conversions`, `must be a non-negative integer (got ${s.conversions})`);
  }
  if (s.conversions > s.users) {
    throw new StatsInputError(`${field}.conversions`, `cannot exceed users (${s.conversions} > ${s.users})`);
  }
}

function validateContinuous(field: string, s: ContinuousSummary): void {
  if (!Number.isInteger(s.n) || s.n < 2) throw new StatsInputError(`${field}.n`, `must be an integer ≥ 2 (got ${s.n})`);
  requireFinite(`${field}.mean`, s.mean);
  requireFinite(`${field}.sd`, s.sd);
  if (s.sd < 0) throw new StatsInputError(`${field}.sd`, `must be ≥ 0 (got ${s.sd})`);
}
