/**
 * Text → sparse feature vector, by feature hashing: word unigrams and bigrams plus character
 * n-grams inside word boundaries. Hashing runs over char codes, so no n-gram string is ever
 * allocated; that is most of why classification is fast.
 */
import type { FeatureConfig } from './schema';

/** A sparse vector: parallel arrays of feature ids (ascending not required) and values. */
export interface SparseVector {
  ids: Int32Array;
  values: Float32Array;
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** Distinct seeds keep a word "ab" and a char n-gram "ab" in different buckets. */
const SEED_WORD = 0x9e3779b1;
const SEED_BIGRAM = 0x85ebca6b;
const SEED_CHAR = 0xc2b2ae35;

function fnvStep(h: number, code: number): number {
  return Math.imul(h ^ code, FNV_PRIME);
}

function hashToken(token: string, seed: number): number {
  let h = (FNV_OFFSET ^ seed) >>> 0;
  for (let i = 0; i < token.length; i++) h = fnvStep(h, token.charCodeAt(i));
  return finalMix(h);
}

/** murmur3's fmix32: FNV alone leaves the low bits (the bucket) poorly mixed. */
function finalMix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

const CURRENCY = /[£$€¥₹]/g;
const APOSTROPHES = /['’`´]/g;
const TOKEN = /[a-z]+|[0-9]+(?:[.,][0-9]+)*|<cur>/g;
const DIACRITICS = /[\u0300-\u036f]/g;

/**
 * Lower-case, strip accents and apostrophes ("hasn't" → "hasnt"), name currency symbols, and
 * tokenise into letter runs and numbers. Numbers become one shape token each so "£20" and "£35"
 * share features; the exact value rarely decides an intent.
 */
export function tokenize(text: string): string[] {
  const norm = text.toLowerCase().normalize('NFKD').replace(DIACRITICS, '').replace(APOSTROPHES, '').replace(CURRENCY, ' <cur> ');
  const out: string[] = [];
  for (const m of norm.matchAll(TOKEN)) {
    const t = m[0];
    const c = t.charCodeAt(0);
    out.push(c >= 48 && c <= 57 ? '<num>' : t);
  }
  return out;
}

/** Raw hashed counts of one text, split by feature group (words vs characters). */
export interface HashedCounts {
  word: Map<number, number>;
  char: Map<number, number>;
}

function bump(m: Map<number, number>, key: number): void {
  m.set(key, (m.get(key) ?? 0) + 1);
}

/** Hashes every feature of `text` into `2^hashBits` buckets. */
export function hashFeatures(text: string, config: FeatureConfig): HashedCounts {
  const mask = (1 << config.hashBits) - 1;
  const tokens = tokenize(text);
  const word = new Map<number, number>();
  const char = new Map<number, number>();
  // Word n-grams over the tokens with sentence boundary marks, so "<s> how" differs from "how".
  const hashes = [hashToken('<s>', SEED_WORD)];
  for (const t of tokens) hashes.push(hashToken(t, SEED_WORD));
  hashes.push(hashToken('</s>', SEED_WORD));
  for (let i = 1; i < hashes.length - 1; i++) bump(word, hashes[i]! & mask);
  if (tokens.length > 0) {
    for (let n = 2; n <= config.wordNgrams; n++) {
      for (let i = 0; i + n <= hashes.length; i++) {
        let h = SEED_BIGRAM ^ n;
        for (let j = i; j < i + n; j++) h = Math.imul(h, 31) ^ hashes[j]!;
        bump(word, finalMix(h >>> 0) & mask);
      }
    }
    if (config.skipBigrams) {
      // "card ... arrived": pairs one word apart, robust to an inserted word.
      for (let i = 0; i + 2 < hashes.length; i++) bump(word, finalMix((Math.imul(hashes[i]!, 37) ^ hashes[i + 2]! ^ SEED_CHAR) >>> 0) & mask);
    }
  }
  const { charMin, charMax } = config;
  if (charMax >= charMin && charMax > 0) {
    if (config.charSpan) {
      // One padded string of all words: n-grams may cross a space and so see short phrases.
      hashCharNgrams(tokens.filter((t) => t !== '<num>' && t !== '<cur>').join(' '), charMin, charMax, mask, char);
    } else {
      for (const t of tokens) if (t !== '<num>' && t !== '<cur>') hashCharNgrams(t, charMin, charMax, mask, char);
    }
  }
  return { word, char };
}

/** Character n-grams of " text " (padded with spaces so n-grams know where words start and end). */
function hashCharNgrams(t: string, charMin: number, charMax: number, mask: number, out: Map<number, number>): void {
  const len = t.length + 2;
  for (let i = 0; i < len; i++) {
    let h = (FNV_OFFSET ^ SEED_CHAR) >>> 0;
    for (let n = 1; n <= charMax && i + n <= len; n++) {
      const j = i + n - 1;
      const code = j === 0 || j === len - 1 ? 32 : t.charCodeAt(j - 1);
      h = fnvStep(h, code);
      if (n >= charMin) bump(out, finalMix((h ^ n) >>> 0) & mask);
    }
  }
}
