import { StatsInputError, requireAlpha } from './errors';
import { normalCdf, normalQuantile } from './distributions';

/**
 * Power, sample size and minimum detectable effect for the two-sided fixed-horizon tests used here.
 * `ratio` k = n_treatment / n_control (1 for an even split); n is the control group size.
 *
 * Binary (pooled z-test): with p̄ = (p₁ + k·p₂)/(1 + k),
 *   σ₀ = sqrt(p̄(1 − p̄)(1 + 1/k))       (sd of √n·(p̂₂ − p̂₁) under H₀, pooled as the test is)
 *   σ₁ = sqrt(p₁(1 − p₁) + p₂(1 − p₂)/k) (under H₁)
 *   power = Φ((|δ|√n − z·σ₀)/σ₁) + Φ((−|δ|√n − z·σ₀)/σ₁),  z = Φ⁻¹(1 − α/2)
 *   n = ((z·σ₀ + z_β·σ₁)/δ)²  (far tail ignored, rounded up)
 * Continuous (normal approximation to Welch): σ² = sd₁² + sd₂²/k,
 *   power = Φ(|δ|√n/σ − z) + Φ(−|δ|√n/σ − z),  n = ((z + z_β)·σ/δ)²,  MDE = (z + z_β)·σ/√n.
 */
export interface BinaryPowerInput {
  baseline: number;
  /** Absolute difference p₂ − p₁. */
  effect: number;
  nControl: number;
  ratio?: number;
  alpha?: number;
}

function binarySigmas(p1: number, p2: number, k: number): { s0: number; s1: number } {
  const pbar = (p1 + k * p2) / (1 + k);
  return { s0: Math.sqrt(pbar * (1 - pbar) * (1 + 1 / k)), s1: Math.sqrt(p1 * (1 - p1) + (p2 * (1 - p2)) / k) };
}

function checkBaseline(p: number): void {
  if (!(p > 0 && p < 1)) throw new StatsInputError('baseline', `must be a rate strictly between 0 and 1 (got ${p})`);
}

function checkRatio(k: number): void {
  if (!(k > 0) || !Number.isFinite(k)) throw new StatsInputError('ratio', `must be a positive number (got ${k})`);
}

function checkPower(p: number): void {
  if (!(p > 0 && p < 1)) throw new StatsInputError('power', `must be strictly between 0 and 1 (got ${p})`);
}

export function binaryPower({ baseline, effect, nControl, ratio = 1, alpha = 0.05 }: BinaryPowerInput): number {
  checkBaseline(baseline);
  checkRatio(ratio);
  requireAlpha(alpha);
  const p2 = baseline + effect;
  if (!(p2 > 0 && p2 < 1)) throw new StatsInputError('effect', `baseline + effect must stay inside (0, 1) (got ${p2})`);
  const { s0, s1 } = binarySigmas(baseline, p2, ratio);
  const z = normalQuantile(1 - alpha / 2);
  const d = Math.abs(effect) * Math.sqrt(nControl);
  return normalCdf((d - z * s0) / s1) + normalCdf((-d - z * s0) / s1);
}

export interface SampleSize {
  control: number;
  treatment: number;
  total: number;
}

export function binarySampleSize({
  baseline,
  effect,
  power = 0.8,
  ratio = 1,
  alpha = 0.05,
}: {
  baseline: number;
  effect: number;
  power?: number;
  ratio?: number;
  alpha?: number;
}): SampleSize {
  checkBaseline(baseline);
  checkRatio(ratio);
  checkPower(power);
  requireAlpha(alpha);
  if (effect === 0) throw new StatsInputError('effect', 'must be non-zero');
  const p2 = baseline + effect;
  if (!(p2 > 0 && p2 < 1)) throw new StatsInputError('effect', `baseline + effect must stay inside (0, 1) (got ${p2})`);
  const { s0, s1 } = binarySigmas(baseline, p2, ratio);
  const n = ((normalQuantile(1 - alpha / 2) * s0 + normalQuantile(power) * s1) / effect) ** 2;
  const control = Math.ceil(n);
  const treatment = Math.ceil(control * ratio);
  return { control, treatment, total: control + treatment };
}

/** The smallest positive absolute lift detected with the given power (bisection on binaryPower). */
export function binaryMde({
  baseline,
  nControl,
  power = 0.8,
  ratio = 1,
  alpha = 0.05,
}: {
  baseline: number;
  nControl: number;
  power?: number;
  ratio?: number;
  alpha?: number;
}): number {
  checkPower(power);
  let lo = 0;
  let hi = (1 - baseline) * (1 - 1e-12);
  if (binaryPower({ baseline, effect: hi, nControl, ratio, alpha }) < power) return Number.NaN;
  for (let i = 0; i < 200 && hi - lo > 1e-13; i++) {
    const mid = (lo + hi) / 2;
    if (binaryPower({ baseline, effect: mid, nControl, ratio, alpha }) >= power) hi = mid;
    else lo = mid;
  }
  return hi;
}

export interface ContinuousPowerInput {
  sd: number;
  /** sd of the treatment arm (defaults to `sd`). */
  sdTreatment?: number;
  effect: number;
  nControl: number;
  ratio?: number;
  alpha?: number;
}

function contSigma(sd: number, sdT: number, k: number): number {
  if (!(sd > 0)) throw new StatsInputError('sd', `must be positive (got ${sd})`);
  if (!(sdT > 0)) throw new StatsInputError('sdTreatment', `must be positive (got ${sdT})`);
  checkRatio(k);
  return Math.sqrt(sd * sd + (sdT * sdT) / k);
}

export function continuousPower({ sd, sdTreatment = sd, effect, nControl, ratio = 1, alpha = 0.05 }: ContinuousPowerInput): number {
  requireAlpha(alpha);
  const s = contSigma(sd, sdTreatment, ratio);
  const z = normalQuantile(1 - alpha / 2);
  const d = (Math.abs(effect) * Math.sqrt(nControl)) / s;
  return normalCdf(d - z) + normalCdf(-d - z);
}

export function continuousSampleSize({
  sd,
  sdTreatment = sd,
  effect,
  power = 0.8,
  ratio = 1,
  alpha = 0.05,
}: {
  sd: number;
  sdTreatment?: number;
  effect: number;
  power?: number;
  ratio?: number;
  alpha?: number;
}): SampleSize {
  requireAlpha(alpha);
  checkPower(power);
  if (effect === 0) throw new StatsInputError('effect', 'must be non-zero');
  const s = contSigma(sd, sdTreatment, ratio);
  const n = (((normalQuantile(1 - alpha / 2) + normalQuantile(power)) * s) / effect) ** 2;
  const control = Math.ceil(n);
  const treatment = Math.ceil(control * ratio);
  return { control, treatment, total: control + treatment };
}

export function continuousMde({
  sd,
  sdTreatment = sd,
  nControl,
  power = 0.8,
  ratio = 1,
  alpha = 0.05,
}: {
  sd: number;
  sdTreatment?: number;
  nControl: number;
  power?: number;
  ratio?: number;
  alpha?: number;
}): number {
  requireAlpha(alpha);
  checkPower(power);
  const s = contSigma(sd, sdTreatment, ratio);
  return ((normalQuantile(1 - alpha / 2) + normalQuantile(power)) * s) / Math.sqrt(nControl);
}
