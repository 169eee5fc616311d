import { normalise } from './lsa';
import { sampleIndices } from './random';

/**
 * Spherical k-means (cosine similarity on unit vectors) with k-means++ seeding, and the choice of k by
 * the silhouette coefficient on a fixed subsample: the number of groups is read from the data, not given.
 */
export interface KMeansResult {
  k: number;
  centroids: Float64Array[];
  labels: Int32Array;
  /** Mean cosine similarity of points to their centroid. */
  cohesion: number;
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

export function nearest(centroids: readonly Float64Array[], x: Float64Array): { index: number; similarity: number } {
  let index = -1;
  let similarity = -Infinity;
  for (let c = 0; c < centroids.length; c++) {
    const s = dot(centroids[c]!, x);
    if (s > similarity) {
      similarity = s;
      index = c;
    }
  }
  return { index, similarity };
}

function seedPlusPlus(points: readonly Float64Array[], k: number, rand: () => number): Float64Array[] {
  const n = points.length;
  const centres = [Float64Array.from(points[Math.floor(rand() * n)]!)];
  const d2 = new Float64Array(n).fill(Infinity);
  while (centres.length < k) {
    const last = centres[centres.length - 1]!;
    let total = 0;
    for (let i = 0; i < n; i++) {
      const d = Math.max(0, 1 - dot(points[i]!, last));
      if (d < d2[i]!) d2[i] = d;
      total += d2[i]!;
    }
    if (total <= 0) break;
    let r = rand() * total;
    let pick = n - 1;
    for (let i = 0; i < n; i++) {
      r -= d2[i]!;
      if (r <= 0) {
        pick = i;
        break;
      }
    }
    centres.push(Float64Array.from(points[pick]!));
  }
  return centres;
}

export function kMeans(points: readonly Float64Array[], k: number, rand: () => number, maxIterations = 25): KMeansResult {
  const n = points.length;
  const dims = points[0]?.length ?? 0;
  let centroids = seedPlusPlus(points, Math.min(k, n), rand);
  const labels = new Int32Array(n).fill(-1);
  let cohesion = 0;
  for (let it = 0; it < maxIterations; it++) {
    let moved = 0;
    cohesion = 0;
    for (let i = 0; i < n; i++) {
      const { index, similarity } = nearest(centroids, points[i]!);
      if (labels[i] !== index) moved++;
      labels[i] = index;
      cohesion += similarity;
    }
    const sums = centroids.map(() => new Float64Array(dims));
    const sizes = new Int32Array(centroids.length);
    for (let i = 0; i < n; i++) {
      const s = sums[labels[i]!]!;
      const p = points[i]!;
      for (let d = 0; d < dims; d++) s[d]! += p[d]!;
      sizes[labels[i]!]!++;
    }
    // An emptied cluster restarts at the point worst served by its centre.
    centroids = sums.map((s, c) => {
      if (sizes[c]! > 0) return normalise(s);
      let worst = 0;
      let worstSim = Infinity;
      for (let i = 0; i < n; i++) {
        const sim = dot(points[i]!, centroids[labels[i]!]!);
        if (sim < worstSim) [worst, worstSim] = [i, sim];
      }
      return Float64Array.from(points[worst]!);
    });
    if (moved === 0) break;
  }
  return { k: centroids.length, centroids, labels, cohesion: n ? cohesion / n : 0 };
}

/** Mean silhouette (cosine distance) of `labels` over the points whose pairwise distances are given. */
export function silhouette(distances: Float32Array, m: number, labels: ArrayLike<number>, k: number): number {
  let total = 0;
  const sum = new Float64Array(k);
  const count = new Int32Array(k);
  for (const l of Array.from(labels)) count[l]!++;
  for (let i = 0; i < m; i++) {
    sum.fill(0);
    const row = i * m;
    for (let j = 0; j < m; j++) if (j !== i) sum[labels[j]!]! += distances[row + j]!;
    const own = labels[i]!;
    if (count[own]! <= 1) continue; // a singleton scores 0
    const a = sum[own]! / (count[own]! - 1);
    let b = Infinity;
    for (let c = 0; c < k; c++) if (c !== own && count[c]! > 0) b = Math.min(b, sum[c]! / count[c]!);
    if (!Number.isFinite(b)) continue;
    total += (b - a) / Math.max(a, b, 1e-12);
  }
  return total / m;
}

export interface ChooseKOptions {
  minK?: number;
  maxK?: number;
  /** Points the silhouette is computed on (a fixed subsample keeps k-selection quadratic in this only). */
  silhouetteSample?: number;
  rand: () => number;
  /** Candidate k values grow by this factor. */
  step?: number;
  /**
   * The smallest k whose silhouette reaches this share of the best one wins (default 0.95). On short
   * texts the silhouette keeps creeping up as k grows (ever smaller groups hug their members); the
   * parsimony rule stops where the curve flattens, as the one-standard-error rule does for CV.
   */
  parsimony?: number;
  /** Read the silhouette curve averaged over each k and its grid neighbours. */
  smooth?: boolean;
}

const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

/** k-means at each candidate k; the k with the best silhouette on the subsample wins. */
export function chooseK(points: readonly Float64Array[], options: ChooseKOptions): { best: KMeansResult; scores: Array<{ k: number; silhouette: number }> } {
  const n = points.length;
  const minK = Math.max(2, options.minK ?? 2);
  const maxK = Math.max(minK, Math.min(options.maxK ?? 200, Math.floor(n / 2)));
  const ks: number[] = [];
  for (let k = minK; k <= maxK; k = Math.max(k + 1, Math.round(k * (options.step ?? 1.4)))) ks.push(k);
  if (ks[ks.length - 1] !== maxK) ks.push(maxK);
  const sample = sampleIndices(n, options.silhouetteSample ?? 2000, options.rand);
  const m = sample.length;
  const dist = new Float32Array(m * m);
  for (let a = 0; a < m; a++) for (let b = a + 1; b < m; b++) {
    const d = 1 - dot(points[sample[a]!]!, points[sample[b]!]!);
    dist[a * m + b] = d;
    dist[b * m + a] = d;
  }
  const results: KMeansResult[] = [];
  const scores: Array<{ k: number; silhouette: number }> = [];
  for (const k of ks) {
    if (n < 2 * k) break;
    const r = kMeans(points, k, options.rand, 10);
    results.push(r);
    scores.push({ k, silhouette: silhouette(dist, m, sample.map((i) => r.labels[i]!), r.k) });
  }
  if (results.length === 0) return { best: kMeans(points, Math.min(minK, n), options.rand), scores };
  // Each k's score is one k-means run's, and runs differ: the choice reads the curve averaged with its
  // neighbours on the grid, so one lucky or unlucky run neither wins nor hides a plateau.
  const curve = options.smooth ? scores.map((_, i) => mean(scores.slice(Math.max(0, i - 1), i + 2).map((s) => s.silhouette))) : scores.map((s) => s.silhouette);
  const top = Math.max(...curve);
  const bar = top > 0 ? top * (options.parsimony ?? 0.95) : top;
  const chosen = curve.findIndex((s) => s >= bar);
  return { best: results[chosen]!, scores };
}
