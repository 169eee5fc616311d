/**
 * Text → sparse feature vector, by feature hashing: word unigrams and bigrams plus character
 * n-grams inside word boundaries. Hashing runs over char codes, so no n-gram string is ever
 * allocated; that is most of why classification is fast.
 */
import { fmix32 } from '../../stats/hash';
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
const finalMix = fmix32;

const DIACRITICS = /[\u0300-\u036f]/g;
const NON_ASCII = /[\u0080-\uffff]/;
const LETTER = /\p{L}/u;
const DIGIT = /\p{Nd}/u;
const CURRENCY = new Set([...'£$€¥₹'].map((c) => c.charCodeAt(0)));
const APOSTROPHE = new Set([...`'’\`´`].map((c) => c.charCodeAt(0)));

const enum CharKind {
  Other,
  Letter,
  Digit,
}

function kindOf(code: number, ch: string): CharKind {
  if (code >= 97 && code <= 122) return CharKind.Letter;
  if (code >= 48 && code <= 57) return CharKind.Digit;
  if (code < 128) return CharKind.Other;
  if (LETTER.test(ch)) return CharKind.Letter;
  return DIGIT.test(ch) ? CharKind.Digit : CharKind.Other;
}

/**
 * Lower-case, strip accents, drop apostrophes inside words ("hasn't" → "hasnt"), and split into
 * letter runs (any script) and numbers. A number becomes `<num>` and a currency sign `<cur>`, so
 * "£20" and "£35" share features; the exact value rarely decides an intent. A hand-written scanner,
 * not regexes: tokenising is a third of the classification time.
 */
export function tokenize(text: string): string[] {
  let norm = text.toLowerCase();
  // Most texts are plain ASCII; NFKD is costly, so only other texts pay for it.
  if (NON_ASCII.test(norm)) norm = norm.normalize('NFKD').replace(DIACRITICS, '');
  const out: string[] = [];
  let word = '';
  let inNumber = false;
  const flush = (): void => {
    if (inNumber) out.push('<num>');
    else if (word) out.push(word);
    word = '';
    inNumber = false;
  };
  for (let i = 0; i < norm.length; i++) {
    const code = norm.charCodeAt(i);
    const ch = norm[i]!;
    const kind = kindOf(code, ch);
    if (kind === CharKind.Letter) {
      if (inNumber) flush();
      word += ch;
    } else if (kind === CharKind.Digit) {
      if (word) flush();
      inNumber = true;
    } else if (APOSTROPHE.has(code) && word) {
      // Skipped: the word goes on ("don't" → "dont").
    } else if (inNumber && (code === 46 || code === 44) && i + 1 < norm.length && kindOf(norm.charCodeAt(i + 1), norm[i + 1]!) === CharKind.Digit) {
      // "1,000.50" stays one number.
    } else {
      flush();
      if (CURRENCY.has(code)) out.push('<cur>');
    }
  }
  flush();
  return out;
}

export const STOPWORDS: ReadonlySet<string> = new Set(
  'a an the i me my we our you your it its is am are was were be been being do does did have has had to of in on at for from by with and or so that this there what which who how can could would should will shall may might just please'.split(' '),
);

/** A light suffix stripper: enough to join "charged"/"charging"/"charges", no dictionary needed. */
export function stem(word: string): string {
  if (word.length <= 4 || word.startsWith('<')) return word;
  for (const suffix of ['ing', 'ed', 'es', 's', 'ly']) {
    if (word.endsWith(suffix) && word.length - suffix.length >= 3) {
      const base = word.slice(0, -suffix.length);
      return suffix === 's' && base.endsWith('s') ? word : base;
    }
  }
  return word;
}

/** Raw hashed counts of one text: key → count; char-group keys have bit `hashBits` set. */
export type HashedCounts = Map<number, number>;

/** Receives each feature occurrence as its hashed key. */
export type FeatureSink = (key: number) => void;

const BOS = hashToken('<s>', SEED_WORD);
const EOS = hashToken('</s>', SEED_WORD);

/** Emits every feature occurrence of `text` (words, word n-grams, char n-grams) as a hashed key. */
export function emitFeatures(text: string, config: FeatureConfig, sink: FeatureSink): void {
  const mask = (1 << config.hashBits) - 1;
  const charBit = 1 << config.hashBits;
  const tokens = tokenize(text);
  // Word n-grams over the tokens with sentence boundary marks, so "<s> how" differs from "how".
  const words = config.stem ? tokens.map(stem) : tokens;
  const hashes = [BOS];
  for (const t of words) hashes.push(hashToken(t, SEED_WORD));
  hashes.push(EOS);
  for (let i = 1; i < hashes.length - 1; i++) sink(hashes[i]! & mask);
  if (tokens.length > 0) {
    for (let n = 2; n <= config.wordNgrams; n++) {
      for (let i = 0; i + n <= hashes.length; i++) {
        let h = SEED_BIGRAM ^ n;
        for (let j = i; j < i + n; j++) h = Math.imul(h, 31) ^ hashes[j]!;
        sink(finalMix(h >>> 0) & mask);
      }
    }
    if (config.contentBigrams) {
      // Bigrams of the content words alone: "card has not arrived" also yields "card not", "not arrived".
      const content = words.filter((w) => !STOPWORDS.has(w)).map((w) => hashToken(w, SEED_WORD));
      for (let i = 0; i + 1 < content.length; i++) sink(finalMix((Math.imul(content[i]!, 41) ^ content[i + 1]! ^ SEED_CHAR ^ 7) >>> 0) & mask);
    }
    if (config.wordPairs) {
      // Every unordered pair of distinct content words (stemmed): "fee … transfer" at any distance.
      const content = [...new Set(tokens.filter((w) => !STOPWORDS.has(w) && w !== '<num>' && w !== '<cur>').map(stem))].map((w) => hashToken(w, SEED_WORD));
      for (let i = 0; i < content.length; i++) {
        for (let j = i + 1; j < content.length; j++) {
          const a = content[i]!;
          const b = content[j]!;
          const lo = a < b ? a : b;
          const hi = a < b ? b : a;
          sink(finalMix((Math.imul(lo, 0x27d4eb2d) ^ hi ^ 0x165667b1) >>> 0) & mask);
        }
      }
    }
    if (config.skipBigrams) {
      // "card ... arrived": pairs one word apart, robust to an inserted word.
      for (let i = 0; i + 2 < hashes.length; i++) sink(finalMix((Math.imul(hashes[i]!, 37) ^ hashes[i + 2]! ^ SEED_CHAR) >>> 0) & mask);
    }
  }
  const { charMin, charMax } = config;
  if (charMax >= charMin && charMax > 0) {
    if (config.charSpan) {
      // One padded string of all words: n-grams may cross a space and so see short phrases.
      hashCharNgrams(tokens.filter((t) => t !== '<num>' && t !== '<cur>').join(' '), charMin, charMax, mask, charBit, sink);
    } else {
      for (const t of tokens) if (t !== '<num>' && t !== '<cur>') hashCharNgrams(t, charMin, charMax, mask, charBit, sink);
    }
  }
}

/** Hashed feature counts of `text` (training keeps these to build the feature space). */
export function hashFeatures(text: string, config: FeatureConfig): HashedCounts {
  const counts: HashedCounts = new Map();
  emitFeatures(text, config, (key) => counts.set(key, (counts.get(key) ?? 0) + 1));
  return counts;
}

/** Character n-grams of " text " (padded with spaces so n-grams know where words start and end). */
function hashCharNgrams(t: string, charMin: number, charMax: number, mask: number, charBit: number, sink: FeatureSink): void {
  const len = t.length + 2;
  for (let i = 0; i < len; i++) {
    let h = (FNV_OFFSET ^ SEED_CHAR) >>> 0;
    for (let n = 1; n <= charMax && i + n <= len; n++) {
      const j = i + n - 1;
      const code = j === 0 || j === len - 1 ? 32 : t.charCodeAt(j - 1);
      h = fnvStep(h, code);
      if (n >= charMin) sink((finalMix((h ^ n) >>> 0) & mask) | charBit);
    }
  }
}
