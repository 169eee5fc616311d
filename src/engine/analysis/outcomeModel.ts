import { z } from 'zod';
import type { CallOutcome } from '../model';
import { SIGNAL_KINDS } from './schema';
import type { Signal } from './schema';
import { polarityOf } from './signals';

/**
 * The outcome of a call whose data carries no explicit outcome is a logistic combination of its
 * signals. The feature vector is fixed (its names travel with a fitted model, so a model fitted on a
 * different build is rejected rather than silently misread).
 */
export const FEATURE_NAMES: readonly string[] = [
  ...SIGNAL_KINDS.map((k) => `sig:${k}`),
  'late:success',
  'late:failure',
  'last-user:success',
  'last-user:failure',
  'log-turns',
];

export const OutcomeModelSchema = z.object({
  kind: z.literal('kaizen-outcome-logistic'),
  features: z.array(z.string()),
  weights: z.array(z.number()),
  bias: z.number(),
  /** How the model was fitted (examples, class balance, l2). */
  trainedOn: z.object({ examples: z.number().int(), positives: z.number().int(), l2: z.number(), note: z.string().optional() }).optional(),
});
export type OutcomeModel = z.output<typeof OutcomeModelSchema>;

/**
 * The prior model used before any labelled data has been seen: each signal kind pushes the log-odds by
 * its polarity, late signals count more. It is a starting point, not a fit; `fitOutcomeModel` replaces it.
 */
export function priorOutcomeModel(): OutcomeModel {
  const weights = FEATURE_NAMES.map((name) => {
    if (name.startsWith('sig:')) return polarityOf(name.slice(4) as Signal['kind']) === 'success' ? 1 : -1;
    if (name === 'late:success' || name === 'last-user:success') return 1;
    if (name === 'late:failure' || name === 'last-user:failure') return -1;
    return 0;
  });
  return { kind: 'kaizen-outcome-logistic', features: [...FEATURE_NAMES], weights, bias: 0 };
}

const KIND_INDEX = new Map<string, number>(SIGNAL_KINDS.map((k, i) => [k, i]));

/** Signal features for the outcome model: capped strength sums per kind, late and last-user summaries. */
export function outcomeFeatures(signals: readonly Signal[], turnCount: number, lastUserTurn: number): number[] {
  const x = new Array<number>(FEATURE_NAMES.length).fill(0);
  const base = SIGNAL_KINDS.length;
  const lateFrom = turnCount - 3;
  for (const s of signals) {
    const i = KIND_INDEX.get(s.kind)!;
    x[i] = Math.min(3, x[i]! + s.strength);
    const success = s.polarity === 'success';
    if (s.turnIndex >= lateFrom) x[base + (success ? 0 : 1)] = Math.min(3, x[base + (success ? 0 : 1)]! + s.strength);
    if (s.turnIndex === lastUserTurn && lastUserTurn >= 0) x[base + (success ? 2 : 3)] = 1;
  }
  x[base + 4] = Math.log1p(turnCount);
  return x;
}

export function predictProbability(model: OutcomeModel, x: readonly number[]): number {
  let z = model.bias;
  for (let i = 0; i < model.weights.length; i++) z += model.weights[i]! * (x[i] ?? 0);
  return 1 / (1 + Math.exp(-z));
}

/** Checks that a model (e.g. loaded from a file) matches this build's features. */
export function assertCompatible(model: OutcomeModel): void {
  if (model.features.length !== FEATURE_NAMES.length || model.features.some((f, i) => f !== FEATURE_NAMES[i])) {
    throw new Error('outcome model: its feature list differs from this build; refit it with fitOutcomeModel on your labelled calls');
  }
}

/**
 * L2-regularised logistic regression by Newton's method (IRLS). Features are few (~25), so the
 * Hessian solve is cheap; the ridge keeps weights of signal kinds absent from the labels at zero.
 */
export function fitLogistic(xs: readonly (readonly number[])[], ys: readonly boolean[], l2 = 1, iterations = 30): { weights: number[]; bias: number } {
  const d = (xs[0]?.length ?? 0) + 1;
  const beta = new Array<number>(d).fill(0);
  const row = (x: readonly number[]) => [1, ...x];
  for (let it = 0; it < iterations; it++) {
    const g = new Array<number>(d).fill(0);
    const h = Array.from({ length: d }, () => new Array<number>(d).fill(0));
    for (let n = 0; n < xs.length; n++) {
      const r = row(xs[n]!);
      let z = 0;
      for (let j = 0; j < d; j++) z += beta[j]! * r[j]!;
      const p = 1 / (1 + Math.exp(-z));
      const err = (ys[n] ? 1 : 0) - p;
      const wgt = Math.max(p * (1 - p), 1e-9);
      for (let j = 0; j < d; j++) {
        g[j]! += err * r[j]!;
        const hj = h[j]!;
        for (let k = j; k < d; k++) hj[k]! += wgt * r[j]! * r[k]!;
      }
    }
    for (let j = 0; j < d; j++) {
      for (let k = 0; k < j; k++) h[j]![k] = h[k]![j]!;
      // The intercept is not penalised.
      if (j > 0) {
        g[j]! -= l2 * beta[j]!;
        h[j]![j]! += l2;
      } else h[0]![0]! += 1e-9;
    }
    const step = solve(h, g);
    let maxStep = 0;
    for (let j = 0; j < d; j++) {
      beta[j]! += step[j]!;
      maxStep = Math.max(maxStep, Math.abs(step[j]!));
    }
    if (maxStep < 1e-8) break;
  }
  return { bias: beta[0]!, weights: beta.slice(1) };
}

function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((r, i) => [...r, b[i]!]);
  for (let c = 0; c < n; c++) {
    let piv = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r]![c]!) > Math.abs(m[piv]![c]!)) piv = r;
    [m[c], m[piv]] = [m[piv]!, m[c]!];
    const p = m[c]![c]!;
    if (Math.abs(p) < 1e-12) continue;
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = m[r]![c]! / p;
      if (f === 0) continue;
      for (let k = c; k <= n; k++) m[r]![k]! -= f * m[c]![k]!;
    }
  }
  return m.map((r, i) => (Math.abs(r[i]!) < 1e-12 ? 0 : r[n]! / r[i]!));
}

export function fitOutcomeModel(xs: readonly (readonly number[])[], ys: readonly boolean[], l2 = 1, note?: string): OutcomeModel {
  if (xs.length === 0) throw new Error('fitOutcomeModel: no labelled examples');
  const { weights, bias } = fitLogistic(xs, ys, l2);
  return {
    kind: 'kaizen-outcome-logistic',
    features: [...FEATURE_NAMES],
    weights,
    bias,
    trainedOn: { examples: xs.length, positives: ys.filter(Boolean).length, l2, note },
  };
}

/**
 * The explicit outcome, when the data has one: resolution, escalation/transfer/abandonment flags,
 * a benchmark reward, a CSAT score or an end reason. Returns undefined when nothing explicit is there.
 */
export function explicitOutcome(outcome: CallOutcome | undefined): { success: boolean; probability: number } | undefined {
  if (!outcome) return undefined;
  if (outcome.reward !== undefined) return { success: outcome.reward >= 0.5, probability: outcome.reward >= 0.5 ? 0.99 : 0.01 };
  if (outcome.escalated || outcome.transferred || outcome.endReason === 'transfer') return { success: false, probability: 0.05 };
  if (outcome.abandoned) return { success: false, probability: 0.05 };
  if (outcome.resolved !== undefined) return { success: outcome.resolved, probability: outcome.resolved ? 0.95 : 0.05 };
  if (outcome.csat !== undefined) {
    if (outcome.csat >= 4) return { success: true, probability: 0.9 };
    if (outcome.csat <= 2) return { success: false, probability: 0.1 };
  }
  return undefined;
}
