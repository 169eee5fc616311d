// The DSTC11 intent-induction baseline's recipe with TF-IDF in place of sentence embeddings: word
// TF-IDF (unigrams, L2 rows), k-means on the unit rows (cosine), k chosen by the silhouette over the
// same candidate grid Kaizen's induction uses. Kept apart from the engine: it is the yardstick.
import { silhouette } from '../../src/engine/analysis/discovery/kmeans';
import { sampleIndices, seededRandom } from '../../src/engine/analysis/discovery/random';
import { fitVocabulary, tfidfRow, vocabularyIndex } from '../../src/engine/analysis/discovery/tfidf';
import type { SparseRow } from '../../src/engine/analysis/discovery/tfidf';
import { tokenize } from '../../src/engine/analysis/intent/features';

function sparseDense(r: SparseRow, c: Float64Array): number {
  let s = 0;
  for (let j = 0; j < r.ids.length; j++) s += r.values[j]! * c[r.ids[j]!]!;
  return s;
}
function sparseSparse(a: SparseRow, b: SparseRow): number {
  const m = new Map<number, number>();
  for (let j = 0; j < a.ids.length; j++) m.set(a.ids[j]!, a.values[j]!);
  let s = 0;
  for (let j = 0; j < b.ids.length; j++) s += (m.get(b.ids[j]!) ?? 0) * b.values[j]!;
  return s;
}

function kmeansSparse(rows: readonly SparseRow[], terms: number, k: number, rand: () => number): Int32Array {
  const n = rows.length;
  // k-means++ seeding.
  const centres: Float64Array[] = [];
  const toDense = (r: SparseRow) => {
    const c = new Float64Array(terms);
    for (let j = 0; j < r.ids.length; j++) c[r.ids[j]!] = r.values[j]!;
    return c;
  };
  centres.push(toDense(rows[Math.floor(rand() * n)]!));
  const d2 = new Float64Array(n).fill(Infinity);
  while (centres.length < k) {
    const last = centres[centres.length - 1]!;
    let total = 0;
    for (let i = 0; i < n; i++) {
      d2[i] = Math.min(d2[i]!, Math.max(0, 1 - sparseDense(rows[i]!, last)));
      total += d2[i]!;
    }
    let r = rand() * total;
    let pick = n - 1;
    for (let i = 0; i < n; i++) if ((r -= d2[i]!) <= 0) { pick = i; break; }
    centres.push(toDense(rows[pick]!));
  }
  const labels = new Int32Array(n).fill(-1);
  for (let it = 0; it < 25; it++) {
    let moved = 0;
    for (let i = 0; i < n; i++) {
      let best = 0;
      let bs = -Infinity;
      for (let c = 0; c < centres.length; c++) {
        const s = sparseDense(rows[i]!, centres[c]!);
        if (s > bs) [best, bs] = [c, s];
      }
      if (labels[i] !== best) moved++;
      labels[i] = best;
    }
    for (const c of centres) c.fill(0);
    for (let i = 0; i < n; i++) {
      const r = rows[i]!;
      const c = centres[labels[i]!]!;
      for (let j = 0; j < r.ids.length; j++) c[r.ids[j]!]! += r.values[j]!;
    }
    for (const c of centres) {
      let norm = 0;
      for (let t = 0; t < terms; t++) norm += c[t]! * c[t]!;
      if (norm > 0) for (let t = 0; t < terms; t++) c[t]! /= Math.sqrt(norm);
    }
    if (moved === 0) break;
  }
  return labels;
}

export function tfidfKMeansBaseline(texts: readonly string[], options: { minK: number; maxK: number; seed?: number; silhouetteSample?: number }): { labels: Int32Array; k: number } {
  const rand = seededRandom(options.seed ?? 1);
  const docs = texts.map((t) => tokenize(t));
  const vocab = fitVocabulary(docs, { minDf: 1, maxDfShare: 1 });
  const index = vocabularyIndex(vocab);
  const rows = docs.map((d) => tfidfRow(d, vocab, index));
  const sample = sampleIndices(rows.length, options.silhouetteSample ?? 1500, rand);
  const m = sample.length;
  const dist = new Float32Array(m * m);
  for (let a = 0; a < m; a++) for (let b = a + 1; b < m; b++) {
    const d = 1 - sparseSparse(rows[sample[a]!]!, rows[sample[b]!]!);
    dist[a * m + b] = d;
    dist[b * m + a] = d;
  }
  let best: { labels: Int32Array; k: number; s: number } | undefined;
  for (let k = options.minK; k <= options.maxK; k = Math.max(k + 1, Math.round(k * 1.2))) {
    const labels = kmeansSparse(rows, vocab.terms.length, k, rand);
    const s = silhouette(dist, m, sample.map((i) => labels[i]!), k);
    if (!best || s > best.s) best = { labels, k, s };
  }
  return { labels: best!.labels, k: best!.k };
}
