/**
 * The learned feature space: which hashed features survived training, their IDF, and how a text
 * becomes a TF-IDF vector in it (sublinear tf, each group L2-normalised and weighted).
 */
import type { HashedCounts, SparseVector } from './features';
import { emitFeatures } from './features';
import type { FeatureConfig } from './schema';

export interface FeatureSpace {
  config: FeatureConfig;
  /** keys[id], ascending: hashed key (char group has bit `hashBits` set), so char ids come last. */
  keys: Int32Array;
  idf: Float32Array;
  /** First id of the char group (= keys.length when there is none). */
  firstCharId: number;
  /**
   * key → id, open addressing with linear probing: slot s holds key at [2s] and id at [2s + 1]
   * (key -1 = empty). Sized to twice the features, so it stays small enough for the CPU cache;
   * a dense 2^(hashBits+1) table was the slowest part of classification. Built once, not saved.
   */
  table: Int32Array;
  tableMask: number;
  /** Reused by `vectorizeInto`: per-id counts (kept all-zero between calls) and the ids touched. */
  scratch: { counts: Float64Array; touched: Int32Array; values: Float32Array };
}

export function charKeyBit(config: FeatureConfig): number {
  return 1 << config.hashBits;
}

function slotOf(key: number, mask: number): number {
  const h = Math.imul(key, 0x9e3779b1);
  return (h ^ (h >>> 16)) & mask;
}

/** The id of a hashed key, or -1 when training never kept it. */
export function featureId(space: FeatureSpace, key: number): number {
  const { table, tableMask } = space;
  let slot = slotOf(key, tableMask);
  for (;;) {
    const k = table[slot * 2]!;
    if (k === key) return table[slot * 2 + 1]!;
    if (k === -1) return -1;
    slot = (slot + 1) & tableMask;
  }
}

/** Builds the runtime space from its saved parts (`keys` must be ascending). */
export function makeFeatureSpace(config: FeatureConfig, keys: Int32Array, idf: Float32Array): FeatureSpace {
  let size = 1024;
  while (size < keys.length * 2) size *= 2;
  const table = new Int32Array(size * 2).fill(-1);
  const tableMask = size - 1;
  let firstCharId = keys.length;
  const charBit = charKeyBit(config);
  for (let id = 0; id < keys.length; id++) {
    const key = keys[id]!;
    let slot = slotOf(key, tableMask);
    while (table[slot * 2] !== -1) slot = (slot + 1) & tableMask;
    table[slot * 2] = key;
    table[slot * 2 + 1] = id;
    if (key & charBit && id < firstCharId) firstCharId = id;
  }
  return {
    config,
    keys,
    idf,
    firstCharId,
    table,
    tableMask,
    scratch: { counts: new Float64Array(keys.length), touched: new Int32Array(1024), values: new Float32Array(1024) },
  };
}

/** Learns the kept features and their IDF from training texts (already hashed). */
export function fitFeatureSpace(config: FeatureConfig, hashed: HashedCounts[], minDf: number): FeatureSpace {
  const df = new Map<number, number>();
  for (const h of hashed) for (const k of h.keys()) df.set(k, (df.get(k) ?? 0) + 1);
  const kept = [...df.entries()].filter(([, d]) => d >= minDf).sort((a, b) => a[0] - b[0]);
  const n = hashed.length;
  const keys = new Int32Array(kept.length);
  const idf = new Float32Array(kept.length);
  kept.forEach(([key, d], id) => {
    keys[id] = key;
    // sklearn's smooth idf: a feature in every text still weighs 1, never 0.
    idf[id] = Math.log((1 + n) / (1 + d)) + 1;
  });
  return makeFeatureSpace(config, keys, idf);
}

/**
 * Weights (ids, counts) in place into TF-IDF values: sublinear tf, then each group scaled to
 * L2 norm = its weight. `ids` must list word ids before char ids.
 */
function weigh(space: FeatureSpace, ids: ArrayLike<number>, counts: ArrayLike<number>, out: Float32Array, length: number): void {
  const { idf, firstCharId, config } = space;
  let wordNorm = 0;
  let charNorm = 0;
  for (let i = 0; i < length; i++) {
    const id = ids[i]!;
    const v = (1 + Math.log(counts[i]!)) * idf[id]!;
    out[i] = v;
    if (id < firstCharId) wordNorm += v * v;
    else charNorm += v * v;
  }
  const ws = wordNorm > 0 ? config.wordWeight / Math.sqrt(wordNorm) : 0;
  const cs = charNorm > 0 ? config.charWeight / Math.sqrt(charNorm) : 0;
  for (let i = 0; i < length; i++) out[i]! *= ids[i]! < firstCharId ? ws : cs;
}

/** The vector of a hashed training text (allocates; used once per example in training). */
export function vectorizeHashed(space: FeatureSpace, hashed: HashedCounts): SparseVector {
  const pairs: [number, number][] = [];
  for (const [key, tf] of hashed) {
    const id = featureId(space, key);
    if (id >= 0) pairs.push([id, tf]);
  }
  pairs.sort((a, b) => a[0] - b[0]);
  const ids = Int32Array.from(pairs, (p) => p[0]);
  const values = new Float32Array(pairs.length);
  weigh(space, ids, Float64Array.from(pairs, (p) => p[1]), values, pairs.length);
  return dropZeros({ ids, values });
}

function dropZeros(v: SparseVector): SparseVector {
  if (v.values.every((x) => x !== 0)) return v;
  const keep = [...v.values.keys()].filter((i) => v.values[i] !== 0);
  return { ids: Int32Array.from(keep, (i) => v.ids[i]!), values: Float32Array.from(keep, (i) => v.values[i]!) };
}

/**
 * The hot path of classification: counts features straight into the space's scratch buffers (no
 * maps, no n-gram strings) and returns how many entries of `scratch.touched`/`scratch.values` hold
 * the vector. The next call overwrites them.
 */
export function vectorizeInto(space: FeatureSpace, text: string): number {
  const { scratch } = space;
  const { counts } = scratch;
  let n = 0;
  emitFeatures(text, space.config, (key) => {
    const id = featureId(space, key);
    if (id < 0) return;
    if (counts[id] === 0) {
      if (n === scratch.touched.length) grow(scratch);
      scratch.touched[n++] = id;
    }
    counts[id]! += 1;
  });
  // Left in first-seen order: sorting cost more than it saved in cache locality (measured).
  const ids = scratch.touched.subarray(0, n);
  const values = scratch.values;
  for (let i = 0; i < n; i++) {
    values[i] = counts[ids[i]!]!;
    counts[ids[i]!] = 0;
  }
  // weigh reads each count before it writes that slot, so counts and output may share a buffer.
  weigh(space, ids, values, values, n);
  return n;
}

function grow(scratch: FeatureSpace['scratch']): void {
  const touched = new Int32Array(scratch.touched.length * 2);
  touched.set(scratch.touched);
  scratch.touched = touched;
  scratch.values = new Float32Array(touched.length);
}

/** An allocated copy of a text's vector (for callers that keep vectors). */
export function vectorize(space: FeatureSpace, text: string): SparseVector {
  const n = vectorizeInto(space, text);
  return dropZeros({ ids: space.scratch.touched.slice(0, n), values: space.scratch.values.slice(0, n) });
}
