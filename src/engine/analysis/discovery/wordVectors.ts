import { normalise } from './lsa';

/**
 * Pretrained English word vectors (GloVe 6B, 100 dimensions, the 50,000 most frequent plain words;
 * built by scripts/build-word-vectors.mjs) and the sentence representation made from them: a
 * smooth-inverse-frequency weighted average with the common direction removed (Arora, Liang & Ma 2017,
 * "A simple but tough-to-beat baseline for sentence embeddings"). TF-IDF only knows that two texts
 * share words; the vectors know that "misplaced my card" and "lost card" are close. The host supplies
 * the bytes (ports.loadWordVectors); the engine never reads a file.
 */
export interface WordVectors {
  dims: number;
  /** Word → row; rows are in the source corpus's frequency order (row 0 the most frequent). */
  index: Map<string, number>;
  /** Row-major, count × dims, each row unit length. */
  values: Float32Array;
  /** Each row's length before it was made unit (GloVe's lengths grow with a word's frequency and specificity). */
  norms: Float32Array;
}

const MAGIC = 'KWV1';

/** Reads the `KWV1` format (see scripts/build-word-vectors.mjs); throws naming what is wrong. */
export function parseWordVectors(bytes: Uint8Array): WordVectors {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.byteLength < 16 || String.fromCharCode(bytes[0]!, bytes[1]!, bytes[2]!, bytes[3]!) !== MAGIC) {
    throw new Error(`word vectors: not a ${MAGIC} file (rebuild it with scripts/build-word-vectors.mjs)`);
  }
  const count = view.getUint32(4, true);
  const dims = view.getUint32(8, true);
  const wordBytes = view.getUint32(12, true);
  const scalesAt = Math.ceil((16 + wordBytes) / 4) * 4;
  const valuesAt = scalesAt + 4 * count;
  if (valuesAt + count * dims !== bytes.byteLength) {
    throw new Error(`word vectors: ${bytes.byteLength} bytes, but the header says ${count} words × ${dims} dims (${valuesAt + count * dims}); the file is truncated or from another format`);
  }
  const words = new TextDecoder().decode(bytes.subarray(16, 16 + wordBytes)).split('\n');
  if (words.length !== count) throw new Error(`word vectors: ${words.length} words listed, header says ${count}`);
  const index = new Map<string, number>();
  words.forEach((w, i) => index.set(w, i));
  const values = new Float32Array(count * dims);
  const norms = new Float32Array(count);
  for (let i = 0; i < count; i++) {
    let norm = 0;
    for (let d = 0; d < dims; d++) {
      const x = (bytes[valuesAt + i * dims + d]! << 24) >> 24; // int8
      values[i * dims + d] = x;
      norm += x * x;
    }
    // The per-word scale drops out: rows are used as directions (SIF weights carry the importance).
    const inv = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    norms[i] = Math.sqrt(norm) * view.getFloat32(scalesAt + 4 * i, true);
    for (let d = 0; d < dims; d++) values[i * dims + d]! *= inv;
  }
  return { dims, index, values, norms };
}

/** Cosine similarity of two words (undefined when either is unknown). */
export function wordSimilarity(v: WordVectors, a: string, b: string): number | undefined {
  const i = v.index.get(a);
  const j = v.index.get(b);
  if (i === undefined || j === undefined) return undefined;
  let s = 0;
  for (let d = 0; d < v.dims; d++) s += v.values[i * v.dims + d]! * v.values[j * v.dims + d]!;
  return s;
}

const WORD = /[a-z]+(?:['-][a-z]+)*/g;

/** The known words of a text, lower-cased, in order (repeats kept). */
export function vectorWords(v: WordVectors, text: string): number[] {
  const out: number[] = [];
  for (const m of text.toLowerCase().matchAll(WORD)) {
    const row = v.index.get(m[0]) ?? (m[0].includes('-') ? undefined : v.index.get(m[0].replace(/'.*$/, '')));
    if (row !== undefined) out.push(row);
  }
  return out;
}

/** A fitted SIF embedder: word weights from the texts' own word frequencies and the removed direction. */
export interface SifEmbedder {
  vectors: WordVectors;
  /** Row → a / (a + p(word)) for the words of the fitted texts. */
  weights: Map<number, number>;
  /** The weight of any other word, from its general-English frequency rank. */
  unseen: (row: number) => number;
  /** The first principal direction of the fitted texts' embeddings (unit), projected out of every embedding. */
  common: Float64Array;
}

export interface SifOptions {
  /** The SIF smoothing a (default 1e-3, Arora et al.'s recommended range 1e-4…1e-3). */
  a?: number;
  /**
   * Where p(word) comes from: the vectors' general-English frequency rank (`zipf`, default) or the
   * texts themselves (`corpus`: a word every text of a domain says, "card" in banking, weighs little —
   * but that word is often what separates its intents from a neighbouring domain's; see the README).
   */
  frequencies?: 'corpus' | 'zipf';
  /** Remove the common direction (default true). */
  removeCommon?: boolean;
  /** Use the vectors' own lengths, as the paper does (default true; false: unit words, the weights decide). */
  rawNorms?: boolean;
}

/**
 * Fits SIF on the texts (each weighted by how often it occurs): p(word) is the word's share of all
 * known word occurrences, and the common direction is the top singular vector of the weighted
 * averages (power iteration from a fixed start, so the fit is deterministic).
 */
export function fitSif(vectors: WordVectors, texts: readonly string[], counts?: ArrayLike<number>, options: SifOptions = {}): SifEmbedder {
  const a = options.a ?? 1e-3;
  const freq = new Map<number, number>();
  let total = 0;
  const rows = texts.map((t) => vectorWords(vectors, t));
  rows.forEach((r, i) => {
    const c = counts?.[i] ?? 1;
    for (const w of r) freq.set(w, (freq.get(w) ?? 0) + c);
    total += r.length * c;
  });
  const weights = new Map<number, number>();
  const unseen = unseenWeight(vectors, a, options.rawNorms ?? true);
  for (const [w, f] of freq) weights.set(w, (options.frequencies ?? 'zipf') === 'zipf' ? unseen(w) : (((options.rawNorms ?? true) ? vectors.norms[w]! : 1) * a) / (a + f / Math.max(1, total)));
  const dims = vectors.dims;
  const raw = rows.map((r) => average(vectors, r, weights, unseen));
  if (options.removeCommon === false) return { vectors, weights, unseen, common: new Float64Array(dims) };
  // Power iteration for the top right-singular vector of the (count-weighted) embedding matrix.
  let u = new Float64Array(dims).fill(1 / Math.sqrt(dims));
  for (let iter = 0; iter < 50; iter++) {
    const next = new Float64Array(dims);
    raw.forEach((x, i) => {
      let dot = 0;
      for (let d = 0; d < dims; d++) dot += x[d]! * u[d]!;
      const c = (counts?.[i] ?? 1) * dot;
      for (let d = 0; d < dims; d++) next[d]! += c * x[d]!;
    });
    normalise(next);
    let change = 0;
    for (let d = 0; d < dims; d++) change += Math.abs(next[d]! - u[d]!);
    u = next;
    if (change < 1e-9) break;
  }
  return { vectors, weights, unseen, common: u };
}

/**
 * A word the fitted texts never said (a new call's) is weighed by its general-English frequency:
 * p(rank r) ≈ 1 / ((r + 1) · H), Zipf's law with H ≈ ln(400,000) + γ for GloVe's 400,000 words, so
 * "and" still weighs little and "omelette" much.
 */
function unseenWeight(vectors: WordVectors, a: number, rawNorms: boolean): (row: number) => number {
  return (row) => ((rawNorms ? vectors.norms[row]! : 1) * a) / (a + 1 / ((row + 1) * 13.5));
}

function average(v: WordVectors, words: readonly number[], weights: ReadonlyMap<number, number>, unseen: (row: number) => number): Float64Array {
  const dims = v.dims;
  const out = new Float64Array(dims);
  if (words.length === 0) return out;
  for (const w of words) {
    const weight = weights.get(w) ?? unseen(w);
    const at = w * dims;
    for (let d = 0; d < dims; d++) out[d]! += weight * v.values[at + d]!;
  }
  for (let d = 0; d < dims; d++) out[d]! /= words.length;
  return out;
}

/** A text's SIF embedding, unit length (all zeros when it has no known word). */
export function embedSif(e: SifEmbedder, text: string): Float64Array {
  const x = average(e.vectors, vectorWords(e.vectors, text), e.weights, e.unseen);
  let dot = 0;
  for (let d = 0; d < x.length; d++) dot += x[d]! * e.common[d]!;
  for (let d = 0; d < x.length; d++) x[d]! -= dot * e.common[d]!;
  return normalise(x);
}

/**
 * The host's word vectors, read and parsed once per loader (5.6 MB, ~0.3 s), on the first induction
 * that asks. Undefined when the host has none.
 */
const loaded = new WeakMap<object, Promise<WordVectors | undefined>>();
export function loadWordVectors(ports: { loadWordVectors?: () => Promise<Uint8Array | undefined> }): Promise<WordVectors | undefined> {
  const load = ports.loadWordVectors;
  if (!load) return Promise.resolve(undefined);
  let p = loaded.get(load);
  if (!p) {
    p = load().then((bytes) => (bytes ? parseWordVectors(bytes) : undefined));
    loaded.set(load, p);
    p.catch(() => loaded.delete(load));
  }
  return p;
}
