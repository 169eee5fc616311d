/**
 * One-vs-rest L2-regularised L2-loss linear SVM, trained by dual coordinate descent with
 * shrinking (Hsieh et al. 2008, the LIBLINEAR default solver). It converges in a few passes on
 * sparse text features, which is what makes in-process training of ~100 intents take seconds.
 */
import type { SparseVector } from './features';

export interface SvmProblem {
  vectors: SparseVector[];
  /** Class index of each vector. */
  labels: Int32Array;
  numClasses: number;
  numFeatures: number;
}

export interface SvmOptions {
  c: number;
  tolerance: number;
  maxEpochs: number;
  seed: number;
}

/**
 * Weights stored by feature, sparse (CSR): the weights of feature f are
 * values[rowStart[f] .. rowStart[f + 1]) for classes classes[same range]. Most (feature, class)
 * weights of a one-vs-rest SVM are zero or negligible, so scoring touches a fraction of them.
 */
export interface LinearModel {
  rowStart: Int32Array;
  /** Uint16: half the cache footprint and file size of Int32 (so at most 65,535 intents). */
  classes: Uint16Array;
  values: Float32Array;
  bias: Float32Array;
}

/** mulberry32: small seeded PRNG so training is reproducible. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The bias is learned as the weight of a constant feature of value 1, as LIBLINEAR's -B 1. */
const BIAS_FEATURE = 1;

function trainBinary(problem: SvmProblem, positive: number, options: SvmOptions, w: Float64Array, random: () => number): number {
  const { vectors, labels } = problem;
  const n = vectors.length;
  const diag = 1 / (2 * options.c);
  const alpha = new Float64Array(n);
  const qd = new Float64Array(n);
  const y = new Int8Array(n);
  for (let i = 0; i < n; i++) {
    const v = vectors[i]!.values;
    let s = BIAS_FEATURE * BIAS_FEATURE + diag;
    for (let j = 0; j < v.length; j++) s += v[j]! * v[j]!;
    qd[i] = s;
    y[i] = labels[i] === positive ? 1 : -1;
  }
  w.fill(0);
  let b = 0;
  const index = new Int32Array(n);
  for (let i = 0; i < n; i++) index[i] = i;
  let active = n;
  let pgMaxOld = Infinity;
    for (let epoch = 0; epoch < options.maxEpochs; epoch++) {
    for (let i = 0; i < active; i++) {
      const j = i + Math.floor(random() * (active - i));
      const t = index[i]!;
      index[i] = index[j]!;
      index[j] = t;
    }
    let pgMax = -Infinity;
    let pgMin = Infinity;
    for (let s = 0; s < active; s++) {
      const i = index[s]!;
      const { ids, values } = vectors[i]!;
      let dot = b * BIAS_FEATURE;
      for (let j = 0; j < ids.length; j++) dot += w[ids[j]!]! * values[j]!;
      const yi = y[i]!;
      const g = yi * dot - 1 + diag * alpha[i]!;
      let pg = 0;
      if (alpha[i] === 0) {
        if (g > pgMaxOld) {
          // Well outside the margin and at its bound: skip it until the final full check.
          active--;
          index[s] = index[active]!;
          index[active] = i;
          s--;
          continue;
        }
        if (g < 0) pg = g;
      } else {
        pg = g;
      }
      if (pg > pgMax) pgMax = pg;
      if (pg < pgMin) pgMin = pg;
      if (Math.abs(pg) > 1e-12) {
        const old = alpha[i]!;
        const next = Math.max(old - g / qd[i]!, 0);
        alpha[i] = next;
        const d = (next - old) * yi;
        if (d !== 0) {
          for (let j = 0; j < ids.length; j++) w[ids[j]!]! += d * values[j]!;
          b += d * BIAS_FEATURE;
        }
      }
    }
    if (pgMax - pgMin <= options.tolerance) {
      if (active === n) break;
      // Converged on the shrunk set: bring everything back for one honest check.
      active = n;
      pgMaxOld = Infinity;
      continue;
    }
    pgMaxOld = pgMax <= 0 ? Infinity : pgMax;
  }
  return b * BIAS_FEATURE;
}

/**
 * Trains one binary SVM per class, then keeps the weights with |w| ≥ pruneRatio × max |w|
 * (0 keeps every non-zero weight).
 */
export function trainOneVsRest(problem: SvmProblem, options: SvmOptions & { pruneRatio: number }): LinearModel {
  const { numClasses: k, numFeatures: f } = problem;
  const weights = new Float32Array(f * k);
  const bias = new Float32Array(k);
  const w = new Float64Array(f);
  const random = seededRandom(options.seed);
  for (let c = 0; c < k; c++) {
    bias[c] = trainBinary(problem, c, options, w, random);
    for (let j = 0; j < f; j++) weights[j * k + c] = w[j]!;
  }
  return toSparseRows(weights, f, k, bias, options.pruneRatio);
}

export function toSparseRows(weights: Float32Array, numFeatures: number, numClasses: number, bias: Float32Array, pruneRatio: number): LinearModel {
  let max = 0;
  for (const w of weights) if (Math.abs(w) > max) max = Math.abs(w);
  const cut = max * pruneRatio;
  const keep = (w: number): boolean => w !== 0 && Math.abs(w) >= cut;
  let nnz = 0;
  for (const w of weights) if (keep(w)) nnz++;
  const rowStart = new Int32Array(numFeatures + 1);
  const classes = new Uint16Array(nnz);
  const values = new Float32Array(nnz);
  let at = 0;
  for (let j = 0; j < numFeatures; j++) {
    rowStart[j] = at;
    for (let c = 0; c < numClasses; c++) {
      const w = weights[j * numClasses + c]!;
      if (keep(w)) {
        classes[at] = c;
        values[at++] = w;
      }
    }
  }
  rowStart[numFeatures] = at;
  return { rowStart, classes, values, bias };
}

/** scores[k] = w_k · x + b_k, into a caller-owned buffer. */
export function scoreInto(model: LinearModel, numClasses: number, x: SparseVector, scores: Float64Array): void {
  scoreSparseInto(model, numClasses, x.ids, x.values, x.ids.length, scores);
}

/** As `scoreInto`, for the first `length` entries of scratch arrays. */
export function scoreSparseInto(model: LinearModel, numClasses: number, ids: Int32Array, values: Float32Array, length: number, scores: Float64Array): void {
  const { rowStart, classes, values: w, bias } = model;
  for (let c = 0; c < numClasses; c++) scores[c] = bias[c]!;
  for (let j = 0; j < length; j++) {
    const id = ids[j]!;
    const v = values[j]!;
    const end = rowStart[id + 1]!;
    for (let r = rowStart[id]!; r < end; r++) scores[classes[r]!]! += w[r]! * v;
  }
}
