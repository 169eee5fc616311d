import { rocAuc } from '../stats';
import { designMatrix, fitDesign, fitDesignPath, type RidgePathPoint } from './logisticRegression';

/**
 * Logistic regression on standardised features with the ridge strength chosen by cross-validation on
 * the training data only (pooled out-of-fold ROC AUC, one-standard-error rule towards the stronger ridge). Standardising first
 * makes one l2 mean the same for every feature, so the choice carries over when the features change.
 * With `groups` (e.g. the task a run belongs to), a group never straddles folds, so repeated runs of
 * one task cannot leak between the fitted and the scored fold.
 */
export interface StandardisedLogistic {
  mean: number[];
  scale: number[];
  weights: number[];
  bias: number;
  l2: number;
  /** Pooled out-of-fold AUC of the chosen l2 on the training data. */
  cvAuc: number;
}

export interface LogisticCvOptions {
  l2Grid?: readonly number[];
  folds?: number;
  groups?: readonly (string | number)[];
  seed?: number;
  /** 'one-se' (default): the strongest l2 within one standard error of the best AUC; 'best': the best AUC. */
  rule?: 'one-se' | 'best';
}

/** Standard error of an AUC estimate from its value and class sizes (Hanley & McNeil 1982). */
export function aucStandardError(auc: number, positives: number, negatives: number): number {
  const q1 = auc / (2 - auc);
  const q2 = (2 * auc * auc) / (1 + auc);
  const v = (auc * (1 - auc) + (positives - 1) * (q1 - auc * auc) + (negatives - 1) * (q2 - auc * auc)) / (positives * negatives);
  return Math.sqrt(Math.max(0, v));
}

export const DEFAULT_L2_GRID: readonly number[] = [0.03, 0.1, 0.3, 1, 3, 10, 30, 100, 300];

function standardiser(xs: readonly (readonly number[])[]): { mean: number[]; scale: number[] } {
  const d = xs[0]?.length ?? 0;
  const mean = new Array<number>(d).fill(0);
  const scale = new Array<number>(d).fill(0);
  for (const x of xs) for (let j = 0; j < d; j++) mean[j]! += x[j]! / xs.length;
  for (const x of xs) for (let j = 0; j < d; j++) scale[j]! += (x[j]! - mean[j]!) ** 2 / xs.length;
  // A constant feature keeps scale 1 and ends up with weight 0 under the ridge.
  return { mean, scale: scale.map((v) => (v > 1e-12 ? Math.sqrt(v) : 1)) };
}

function standardise(x: readonly number[], mean: readonly number[], scale: readonly number[]): number[] {
  return x.map((v, j) => (v - mean[j]!) / scale[j]!);
}

export function predictStandardised(m: Pick<StandardisedLogistic, 'mean' | 'scale' | 'weights' | 'bias'>, x: readonly number[]): number {
  let z = m.bias;
  for (let j = 0; j < m.weights.length; j++) z += m.weights[j]! * (((x[j] ?? 0) - m.mean[j]!) / m.scale[j]!);
  return 1 / (1 + Math.exp(-z));
}

function fitStandardised(xs: readonly (readonly number[])[], ys: readonly boolean[], l2: number): Omit<StandardisedLogistic, 'cvAuc'> {
  const { mean, scale } = standardiser(xs);
  const { weights, bias } = fitDesign(
    designMatrix(
      xs.map((x) => standardise(x, mean, scale)),
      ys,
    ),
    l2,
  );
  return { mean, scale, weights, bias, l2 };
}

/**
 * One fold's fits for every l2, from the strongest ridge down, each started from the previous
 * solution and its Hessian (a warm-started ridge path): the same optima, a fraction of the Newton passes.
 */
function ridgePath(xs: readonly (readonly number[])[], ys: readonly boolean[], grid: readonly number[]): Map<number, Omit<StandardisedLogistic, 'cvAuc'>> {
  const { mean, scale } = standardiser(xs);
  const m = designMatrix(
    xs.map((x) => standardise(x, mean, scale)),
    ys,
  );
  const fits = new Map<number, Omit<StandardisedLogistic, 'cvAuc'>>();
  let previous: RidgePathPoint | undefined;
  for (const l2 of [...grid].sort((a, b) => b - a)) {
    previous = fitDesignPath(m, l2, 30, previous);
    fits.set(l2, { mean, scale, ...previous.fit, l2 });
  }
  return fits;
}

/** A deterministic permutation (mulberry32), so a re-run picks the same folds. */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  let a = seed >>> 0;
  const rand = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** Fold of each example: stratified by label, or whole groups dealt round-robin when groups are given. */
export function assignFolds(ys: readonly boolean[], folds: number, seed: number, groups?: readonly (string | number)[]): number[] {
  const fold = new Array<number>(ys.length).fill(0);
  if (groups) {
    const keys = shuffled([...new Set(groups)], seed);
    const of = new Map(keys.map((k, i) => [k, i % folds]));
    groups.forEach((g, i) => (fold[i] = of.get(g)!));
    return fold;
  }
  for (const label of [true, false]) {
    const idx = shuffled(
      ys.flatMap((y, i) => (y === label ? [i] : [])),
      seed + (label ? 1 : 0),
    );
    idx.forEach((i, k) => (fold[i] = k % folds));
  }
  return fold;
}

export function fitLogisticCv(xs: readonly (readonly number[])[], ys: readonly boolean[], options: LogisticCvOptions = {}): StandardisedLogistic {
  if (xs.length === 0) throw new Error('fitLogisticCv: no labelled examples');
  const positives = ys.filter(Boolean).length;
  if (positives === 0 || positives === ys.length) throw new Error(`fitLogisticCv: the labels are all ${positives ? 'positive' : 'negative'}; cross-validation needs both classes`);
  if (options.groups && new Set(options.groups).size < 2) throw new Error('fitLogisticCv: cross-validation by group needs at least 2 distinct groups');
  const grid = options.l2Grid ?? DEFAULT_L2_GRID;
  const folds = Math.max(2, Math.min(options.folds ?? 5, options.groups ? new Set(options.groups).size : Math.min(positives, ys.length - positives)));
  const fold = assignFolds(ys, folds, options.seed ?? 17, options.groups);
  const oof = new Map(grid.map((l2) => [l2, new Array<number>(ys.length).fill(0)]));
  for (let f = 0; f < folds; f++) {
    const train = ys.flatMap((_, i) => (fold[i] !== f ? [i] : []));
    const fits = ridgePath(
      train.map((i) => xs[i]!),
      train.map((i) => ys[i]!),
      grid,
    );
    for (const [l2, m] of fits) {
      const scores = oof.get(l2)!;
      ys.forEach((_, i) => {
        if (fold[i] === f) scores[i] = predictStandardised(m, xs[i]!);
      });
    }
  }
  const scored = grid.map((l2) => ({ l2, auc: rocAuc(oof.get(l2)!, ys) }));
  const top = scored.reduce((a, b) => (b.auc > a.auc ? b : a));
  // The one-standard-error rule (as glmnet's lambda.1se): the strongest ridge whose out-of-fold AUC is
  // within one standard error (Hanley & McNeil 1982) of the best. On few labels the best l2 is mostly
  // noise, and the simpler model is the one that carries to another domain.
  const bar = options.rule === 'best' ? top.auc : top.auc - aucStandardError(top.auc, positives, ys.length - positives);
  const best = scored.filter((s) => s.auc >= bar - 1e-12).reduce((a, b) => (b.l2 > a.l2 ? b : a));
  return { ...fitStandardised(xs, ys, best.l2), cvAuc: best.auc };
}

/**
 * The same weights, with the standardisation re-estimated on another domain's (unlabelled) calls.
 * Corpora differ in how long and how wordy their calls are; standardising each on its own statistics
 * compares a call with its own domain's typical call, which needs no label from that domain.
 */
export function withDomainStatistics<M extends Pick<StandardisedLogistic, 'mean' | 'scale'>>(model: M, domainXs: readonly (readonly number[])[]): M {
  if (domainXs.length < 2) throw new Error('withDomainStatistics: needs at least 2 calls of the new domain to estimate its feature statistics');
  const { mean, scale } = standardiser(domainXs);
  return { ...model, mean, scale };
}
