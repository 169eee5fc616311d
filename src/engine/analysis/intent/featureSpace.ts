/**
 * The learned feature space: which hashed features survived training, their IDF, and how a text
 * becomes a TF-IDF vector in it (sublinear tf, each group L2-normalised and weighted).
 */
import type { HashedCounts, SparseVector } from './features';
import { hashFeatures } from './features';
import type { FeatureConfig } from './schema';

export interface FeatureSpace {
  config: FeatureConfig;
  /** keys[id]: hashed key (char group has bit `hashBits` set). */
  keys: Int32Array;
  idf: Float32Array;
  /** Dense key → id table (-1 = not a feature); built once, not saved. */
  lookup: Int32Array;
}

export function charKeyBit(config: FeatureConfig): number {
  return 1 << config.hashBits;
}

export function buildLookup(config: FeatureConfig, keys: Int32Array): Int32Array {
  const lookup = new Int32Array(1 << (config.hashBits + 1)).fill(-1);
  for (let id = 0; id < keys.length; id++) lookup[keys[id]!] = id;
  return lookup;
}

/** Learns the kept features and their IDF from training texts (already hashed). */
export function fitFeatureSpace(config: FeatureConfig, hashed: HashedCounts[], minDf: number): FeatureSpace {
  const charBit = charKeyBit(config);
  const df = new Map<number, number>();
  for (const h of hashed) {
    for (const k of h.word.keys()) df.set(k, (df.get(k) ?? 0) + 1);
    for (const k of h.char.keys()) df.set(k | charBit, (df.get(k | charBit) ?? 0) + 1);
  }
  const kept = [...df.entries()].filter(([, d]) => d >= minDf).sort((a, b) => a[0] - b[0]);
  const n = hashed.length;
  const keys = new Int32Array(kept.length);
  const idf = new Float32Array(kept.length);
  kept.forEach(([key, d], id) => {
    keys[id] = key;
    // sklearn's smooth idf: a feature in every text still weighs 1, never 0.
    idf[id] = Math.log((1 + n) / (1 + d)) + 1;
  });
  return { config, keys, idf, lookup: buildLookup(config, keys) };
}

function appendGroup(
  space: FeatureSpace,
  counts: Map<number, number>,
  keyBit: number,
  weight: number,
  ids: number[],
  values: number[],
): void {
  if (weight === 0) return;
  const start = ids.length;
  let norm = 0;
  for (const [bucket, tf] of counts) {
    const id = space.lookup[bucket | keyBit]!;
    if (id < 0) continue;
    const v = (1 + Math.log(tf)) * space.idf[id]!;
    ids.push(id);
    values.push(v);
    norm += v * v;
  }
  if (norm === 0) return;
  const scale = weight / Math.sqrt(norm);
  for (let i = start; i < values.length; i++) values[i]! *= scale;
}

export function vectorizeHashed(space: FeatureSpace, hashed: HashedCounts): SparseVector {
  const ids: number[] = [];
  const values: number[] = [];
  appendGroup(space, hashed.word, 0, space.config.wordWeight, ids, values);
  appendGroup(space, hashed.char, charKeyBit(space.config), space.config.charWeight, ids, values);
  return { ids: Int32Array.from(ids), values: Float32Array.from(values) };
}

export function vectorize(space: FeatureSpace, text: string): SparseVector {
  return vectorizeHashed(space, hashFeatures(text, space.config));
}
