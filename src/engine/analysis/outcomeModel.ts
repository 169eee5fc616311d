import { z } from 'zod';
import type { CallOutcome } from '../model';
import { CROSS_DOMAIN_FEATURE_NAMES } from './crossDomainFeatures';
import { fitLogisticCv } from './logisticCv';
export { fitLogistic } from './logisticRegression';
import type { LogisticCvOptions } from './logisticCv';
import { OUTCOME_PRIOR } from './outcomePrior';
import { SIGNAL_KINDS } from './schema';
import type { Signal } from './schema';
import { polarityOf } from './signals';

/**
 * The outcome of a call whose data carries no explicit outcome is a logistic combination of its
 * signals and of its domain-free conversational features (crossDomainFeatures.ts). The feature vector
 * is fixed (its names travel with a fitted model, so a model fitted on a different build is rejected
 * rather than silently misread).
 */
export const SIGNAL_FEATURE_NAMES: readonly string[] = [
  ...SIGNAL_KINDS.map((k) => `sig:${k}`),
  'late:success',
  'late:failure',
  'last-user:success',
  'last-user:failure',
  'log-turns',
];
export const FEATURE_NAMES: readonly string[] = [...SIGNAL_FEATURE_NAMES, ...CROSS_DOMAIN_FEATURE_NAMES.map((n) => `x:${n}`)];

/** Which model scored a call: the shipped prior, one fitted on the store's own labelled calls, or one the caller gave. */
export const OutcomeModelOriginSchema = z.enum(['prior', 'store-fitted', 'given']);
export type OutcomeModelOrigin = z.output<typeof OutcomeModelOriginSchema>;

export const OutcomeModelSchema = z.object({
  kind: z.literal('kaizen-outcome-logistic'),
  features: z.array(z.string()),
  weights: z.array(z.number()),
  bias: z.number(),
  /** The weights apply to (x − mean) / scale; absent: to the raw features. */
  standardise: z.object({ mean: z.array(z.number()), scale: z.array(z.number().positive()) }).optional(),
  origin: OutcomeModelOriginSchema.optional(),
  /** How the model was fitted (examples, class balance, l2, cross-validated AUC, corpus). */
  trainedOn: z
    .object({
      examples: z.number().int(),
      positives: z.number().int(),
      l2: z.number(),
      cvAuc: z.number().optional(),
      corpus: z.string().optional(),
      note: z.string().optional(),
    })
    .optional(),
  /** How many unlabelled calls of the scored domain re-estimated `standardise` (withDomainStatistics). */
  domainCalls: z.number().int().optional(),
});
export type OutcomeModel = z.output<typeof OutcomeModelSchema>;

/**
 * The rule prior: each signal kind pushes the log-odds by its polarity, late signals count more. Kept
 * as a reference point (the evaluation prints it beside the fitted prior); `priorOutcomeModel` is what
 * the analyzer starts from.
 */
export function rulePriorOutcomeModel(): OutcomeModel {
  const weights = FEATURE_NAMES.map((name) => {
    if (name.startsWith('sig:')) return polarityOf(name.slice(4) as Signal['kind']) === 'success' ? 1 : -1;
    if (name === 'late:success' || name === 'last-user:success') return 1;
    if (name === 'late:failure' || name === 'last-user:failure') return -1;
    return 0;
  });
  return { kind: 'kaizen-outcome-logistic', features: [...FEATURE_NAMES], weights, bias: 0, origin: 'prior', trainedOn: { examples: 0, positives: 0, l2: 0, note: 'rule prior: ±1 per signal polarity' } };
}

let prior: OutcomeModel | undefined;

/**
 * The model used before a store holds enough labelled calls: coefficients fitted offline on one public
 * corpus (outcomePrior.ts says which, how, and with what cross-validated AUC), over features that name no
 * domain, so it ranks a new domain's calls with no label from it. Checked against this build's features.
 */
export function priorOutcomeModel(): OutcomeModel {
  if (!prior) {
    const m = OutcomeModelSchema.parse(OUTCOME_PRIOR);
    assertCompatible(m);
    prior = m;
  }
  return { ...prior, weights: [...prior.weights] };
}

const KIND_INDEX = new Map<string, number>(SIGNAL_KINDS.map((k, i) => [k, i]));

/** Signal features for the outcome model: capped strength sums per kind, late and last-user summaries. */
export function outcomeFeatures(signals: readonly Signal[], turnCount: number, lastUserTurn: number, crossDomain?: readonly number[]): number[] {
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
  crossDomain?.forEach((v, i) => (x[SIGNAL_FEATURE_NAMES.length + i] = v));
  return x;
}

export function predictProbability(model: OutcomeModel, x: readonly number[]): number {
  let z = model.bias;
  const st = model.standardise;
  for (let i = 0; i < model.weights.length; i++) z += model.weights[i]! * (st ? ((x[i] ?? 0) - st.mean[i]!) / st.scale[i]! : (x[i] ?? 0));
  return 1 / (1 + Math.exp(-z));
}

/** Checks that a model (e.g. loaded from a file) matches this build's features. */
export function assertCompatible(model: OutcomeModel): void {
  if (model.features.length !== FEATURE_NAMES.length || model.features.some((f, i) => f !== FEATURE_NAMES[i])) {
    throw new Error('outcome model: its feature list differs from this build; refit it with fitOutcomeModel on your labelled calls');
  }
  const d = FEATURE_NAMES.length;
  if (model.weights.length !== d || (model.standardise && (model.standardise.mean.length !== d || model.standardise.scale.length !== d)))
    throw new Error(`outcome model: weights/standardise must have ${d} entries (one per feature); refit it with fitOutcomeModel`);
}

/**
 * Fits the outcome model on labelled calls: standardised logistic regression with the ridge chosen by
 * cross-validation on these calls only (logisticCv.ts; groups keep repeats of one task in one fold).
 */
export function fitOutcomeModel(xs: readonly (readonly number[])[], ys: readonly boolean[], options: LogisticCvOptions & { note?: string; corpus?: string; origin?: OutcomeModelOrigin } = {}): OutcomeModel {
  if (xs.length === 0) throw new Error('fitOutcomeModel: no labelled examples');
  const m = fitLogisticCv(xs, ys, options);
  return {
    kind: 'kaizen-outcome-logistic',
    features: [...FEATURE_NAMES],
    weights: m.weights,
    bias: m.bias,
    standardise: { mean: m.mean, scale: m.scale },
    origin: options.origin ?? 'store-fitted',
    trainedOn: { examples: xs.length, positives: ys.filter(Boolean).length, l2: m.l2, cvAuc: m.cvAuc, corpus: options.corpus, note: options.note },
  };
}

/**
 * The same model with its standardisation re-estimated on the calls it is about to score (their
 * unlabelled feature statistics): a prior fitted on one corpus then compares a call with its own
 * domain's typical call (longer, wordier or more tool-heavy domains do not shift every score).
 * No label of the domain is read. A model without standardisation is returned unchanged.
 */
export function adaptToDomain(model: OutcomeModel, domain: FeatureMoments): OutcomeModel {
  if (!model.standardise || domain.count < 2) return model;
  return { ...model, standardise: domain.statistics(), domainCalls: domain.count };
}

/** Running mean and variance per feature (Welford), so a store's statistics need no second pass. */
export class FeatureMoments {
  private n = 0;
  private readonly mean: number[];
  private readonly m2: number[];
  constructor(d: number) {
    this.mean = new Array<number>(d).fill(0);
    this.m2 = new Array<number>(d).fill(0);
  }
  get count(): number {
    return this.n;
  }
  add(x: readonly number[]): void {
    this.n++;
    for (let j = 0; j < this.mean.length; j++) {
      const v = x[j] ?? 0;
      const delta = v - this.mean[j]!;
      this.mean[j]! += delta / this.n;
      this.m2[j]! += delta * (v - this.mean[j]!);
    }
  }
  statistics(): { mean: number[]; scale: number[] } {
    return { mean: [...this.mean], scale: this.m2.map((m) => (this.n > 0 && m / this.n > 1e-12 ? Math.sqrt(m / this.n) : 1)) };
  }
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
