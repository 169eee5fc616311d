import { LEXICON, L_COMMON, L_ENGLISH, L_FIRST, L_PLACE, L_SUR, englishForm } from './wordTable';

/**
 * A small learned token classifier (averaged perceptron, greedy left to right) for the written-text
 * types the rules miss: people, places, street addresses, dates and ZIP codes in sentences the rules
 * were not shaped on. Features are word shape, affixes, lexicon bits and the neighbouring words — a
 * word itself is a feature only when it is an everyday English word ("in", "from", "street"), so the
 * model learns cues, not a list of names. Trained by `eval/trainPiiTagger.ts` on the Presidio dev half
 * (even template_id) only; the weights ship as a JSON string in `lexicon/taggerWeights.ts` (no download
 * at run time). The detector (detect.ts, `learnedSpans`) decides which of its spans to believe.
 */
export const TAG_LABELS = ['O', 'PERSON', 'LOCATION', 'ADDRESS', 'DATE', 'ZIP', 'ORG'] as const;
export type TagLabel = (typeof TAG_LABELS)[number];
const NLABELS = TAG_LABELS.length;

export interface TaggerToken {
  start: number;
  end: number;
  text: string;
}

const TOKEN_RE = /[\p{L}\p{N}]+(?:['’.-][\p{L}\p{N}]+)*\.?|[^\s\p{L}\p{N}]/gu;

export function tagTokens(text: string): TaggerToken[] {
  const out: TaggerToken[] = [];
  TOKEN_RE.lastIndex = 0;
  for (let m = TOKEN_RE.exec(text); m !== null; m = TOKEN_RE.exec(text)) out.push({ start: m.index, end: m.index + m[0].length, text: m[0] });
  return out;
}

const UPPER_RE = /\p{Lu}/u;
const LOWER_RE = /\p{Ll}/u;

/** Character classes, runs collapsed, at most four (the last one replaced): "McDonald's" → "XxX'". */
export function shape(w: string): string {
  let s = '';
  for (let i = 0; i < w.length; i++) {
    const code = w.charCodeAt(i);
    let c: string;
    if (code >= 65 && code <= 90) c = 'X';
    else if (code >= 97 && code <= 122) c = 'x';
    else if (code >= 48 && code <= 57) c = 'd';
    else if (code < 128) c = w[i]!;
    else {
      // Outside ASCII: whole code points (a surrogate pair is one character).
      const ch = String.fromCodePoint(w.codePointAt(i)!);
      if (ch.length === 2) i++;
      c = UPPER_RE.test(ch) ? 'X' : LOWER_RE.test(ch) ? 'x' : ch;
    }
    if (s.length < 4 && s[s.length - 1] !== c) s += c;
    else if (s[s.length - 1] !== c) s = s.slice(0, 3) + c;
  }
  return s;
}

export function lexBits(lw: string): number {
  return LEXICON.get(lw) ?? (englishForm(lw) ? L_ENGLISH : 0);
}

const DIGIT_G = /\d/g;
const HAS_DIGIT = /\d/;
const LETTER_RE = /\p{L}/u;

/** Lower-cased word when it is everyday vocabulary (a cue word); otherwise its class only. */
function cueOf(w: string, lw: string, bits: number, shp: string): string {
  if (HAS_DIGIT.test(lw)) return `#${lw.replace(DIGIT_G, 'd').slice(0, 6)}`;
  if ((bits & (L_COMMON | L_ENGLISH)) !== 0 && (bits & (L_FIRST | L_SUR | L_PLACE)) === 0) return lw;
  if (lw.length === 1 && !LETTER_RE.test(lw)) return lw;
  return `~${shp}`;
}

/** What the features read of one token, computed once per token. */
export interface TokenView {
  shape: string;
  cue: string;
  bits: number;
  suffix: string;
  len: number;
  digits: number;
}

export function viewToken(w: string): TokenView {
  const lw = w.toLowerCase();
  const bits = lexBits(lw);
  const shp = shape(w);
  return { shape: shp, cue: cueOf(w, lw, bits, shp), bits, suffix: lw.slice(-3), len: Math.min(w.length, 8), digits: HAS_DIGIT.test(w) ? w.replace(/\D/g, '').length : -1 };
}

export function viewTokens(toks: readonly TaggerToken[]): TokenView[] {
  return toks.map((t) => viewToken(t.text));
}

/** Words that make a span a date or time, never a name or place ("Monday", "March", "tomorrow"). */
export const DATE_WORD_RE =
  /^(?:mon|tue|wed|thu|fri|sat|sun)(?:day|sday|nesday|rsday|urday)?$|^(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)$|^(?:today|tomorrow|yesterday|tonight|morning|evening|noon|midnight|week|weekend|month|year|am|pm|a\.m|p\.m)$/;

/** A token a learned span may be built around: a number, a date word, or a capitalised word that is not only everyday English. */
function candidate(w: string): boolean {
  const c = w.charCodeAt(0);
  if (HAS_DIGIT.test(w)) return true;
  const upper = (c >= 65 && c <= 90) || (c > 127 && UPPER_RE.test(w[0]!));
  const lw = w.toLowerCase().replace(/\.$/, '');
  if (DATE_WORD_RE.test(lw)) return true;
  if (!upper) return false;
  const bits = lexBits(lw);
  return (bits & (L_COMMON | L_ENGLISH)) === 0 || (bits & (L_FIRST | L_SUR | L_PLACE)) !== 0;
}

/** The feature strings of token i, given the two labels before it. */
export function features(views: readonly TokenView[], i: number, prev: string, prev2: string): string[] {
  const v = views[i]!;
  const p1 = views[i - 1];
  const p1c = p1 ? p1.cue : '<s>';
  const n1c = views[i + 1]?.cue ?? '<s>';
  const f = [
    'b',
    `s=${v.shape}`,
    `c=${v.cue}`,
    `p1=${p1c}`,
    `p2=${views[i - 2]?.cue ?? '<s>'}`,
    `n1=${n1c}`,
    `n2=${views[i + 2]?.cue ?? '<s>'}`,
    `p1n1=${p1c}|${n1c}`,
    `suf=${v.suffix}`,
    `len=${v.len}`,
    `L=${v.bits & (L_FIRST | L_SUR | L_PLACE | L_COMMON | L_ENGLISH)}`,
    `t1=${prev}`,
    `t12=${prev2}|${prev}`,
    `t1s=${prev}|${v.shape}`,
    `ps=${p1 ? p1.shape : '<s>'}|${v.shape}`,
    `sn=${v.shape}|${views[i + 1]?.shape ?? '</s>'}`,
  ];
  if (v.digits >= 0) f.push(`dl=${v.digits}`);
  return f;
}

export type TaggerWeights = Record<string, number[]>;

/**
 * The weights compiled for decoding: every feature string "name=a|b" becomes a number built from the
 * template's index and the ids of its parts, so scoring a token concatenates no strings. A part the
 * weights never saw has no id, and a feature holding it has no weight, as with the strings.
 */
export interface TaggerModel {
  vocab: Map<string, number>;
  table: Map<number, Float64Array>;
  /** Ids of the sentence-edge parts "<s>" and "</s>". */
  start: number;
  end: number;
}

const TEMPLATES = ['b', 's', 'c', 'p1', 'p2', 'n1', 'n2', 'p1n1', 'suf', 'len', 'L', 't1', 't12', 't1s', 'ps', 'sn', 'dl'];
const PAIRED = new Set(['p1n1', 't12', 't1s', 'ps', 'sn']);
// 5 + 12 + 12 bits: every key is a small integer, the fastest kind of Map key.
const PART = 4096;
const key = (tpl: number, a: number, b: number) => (tpl * PART + a) * PART + b;

export function toModel(weights: TaggerWeights): TaggerModel {
  const vocab = new Map<string, number>();
  const id = (part: string) => {
    let v = vocab.get(part);
    if (v === undefined) vocab.set(part, (v = vocab.size + 1));
    return v;
  };
  const table = new Map<number, Float64Array>();
  for (const [f, w] of Object.entries(weights)) {
    const eq = f.indexOf('=');
    const name = eq < 0 ? f : f.slice(0, eq);
    const tpl = TEMPLATES.indexOf(name);
    if (tpl < 0) continue;
    let a = 0;
    let b = 0;
    if (eq >= 0) {
      const value = f.slice(eq + 1);
      if (PAIRED.has(name)) {
        const parts = value.split('|');
        if (parts.length !== 2) continue; // a part that is itself "|": too rare to matter
        a = id(parts[0]!);
        b = id(parts[1]!);
      } else a = id(value);
    }
    if (vocab.size >= PART - 1) throw new Error(`tagger weights: more than ${PART - 1} distinct feature parts`);
    table.set(key(tpl, a, b), Float64Array.from(w));
  }
  return { vocab, table, start: vocab.get('<s>') ?? 0, end: vocab.get('</s>') ?? 0 };
}

export function scoreLabels(weights: TaggerWeights, feats: readonly string[]): number[] {
  const s = new Array<number>(NLABELS).fill(0);
  for (const f of feats) {
    const w = weights[f];
    if (w) for (let k = 0; k < NLABELS; k++) s[k]! += w[k]!;
  }
  return s;
}

/** Part ids of one token's view (0: a part the weights never saw). */
interface TokenIds {
  shape: number;
  cue: number;
  suffix: number;
  len: number;
  lex: number;
  digits: number;
}

function addWeights(w: Float64Array | undefined, s: Float64Array): void {
  if (w) for (let x = 0; x < NLABELS; x++) s[x]! += w[x]!;
}

/** The same sum as `scoreLabels(weights, features(views, i, prev, prev2))`, over the compiled model. */
function scoreToken(model: TaggerModel, ids: (i: number) => TokenIds, n: number, i: number, prev: number, prev2: number, s: Float64Array): void {
  const t = model.table;
  const START = model.start;
  const END = model.end;
  const v = ids(i);
  const p1 = i > 0 ? ids(i - 1).cue : START;
  const n1 = i + 1 < n ? ids(i + 1).cue : START;
  s.fill(0);
  const add = (k: number) => addWeights(t.get(k), s);
  add(key(0, 0, 0));
  if (v.shape) add(key(1, v.shape, 0));
  if (v.cue) add(key(2, v.cue, 0));
  if (p1) add(key(3, p1, 0));
  const p2 = i > 1 ? ids(i - 2).cue : START;
  if (p2) add(key(4, p2, 0));
  if (n1) add(key(5, n1, 0));
  const n2 = i + 2 < n ? ids(i + 2).cue : START;
  if (n2) add(key(6, n2, 0));
  if (p1 && n1) add(key(7, p1, n1));
  if (v.suffix) add(key(8, v.suffix, 0));
  if (v.len) add(key(9, v.len, 0));
  if (v.lex) add(key(10, v.lex, 0));
  if (prev) add(key(11, prev, 0));
  if (prev2 && prev) add(key(12, prev2, prev));
  if (prev && v.shape) add(key(13, prev, v.shape));
  const ps = i > 0 ? ids(i - 1).shape : START;
  if (ps && v.shape) add(key(14, ps, v.shape));
  const ns = i + 1 < n ? ids(i + 1).shape : END;
  if (v.shape && ns) add(key(15, v.shape, ns));
  if (v.digits) add(key(16, v.digits, 0));
}


export interface TaggedSpan {
  type: Exclude<TagLabel, 'O' | 'ORG'>;
  start: number;
  end: number;
  /** Margin of the winning label over 'O', averaged over the run's tokens. */
  margin: number;
  /** Token range [first, last] in `TaggedText.tokens`. */
  first: number;
  last: number;
}

export interface TaggedText {
  tokens: TaggerToken[];
  /** What the features read of token i (computed on first use). */
  view(i: number): TokenView;
  labels: TagLabel[];
  spans: TaggedSpan[];
}

const WORD_RE = /[\p{L}\p{N}]/u;

/** Greedy decoding; consecutive tokens of one label form a span (a span never ends on punctuation). */
export function tagText(model: TaggerModel, text: string, known?: Uint8Array): TaggedText {
  const tokens = tagTokens(text);
  const n = tokens.length;
  // Only tokens near a candidate are scored (a capitalised word that is not everyday English, a number,
  // a date word); the rest are 'O' without a look-up. Every span the detector accepts needs one of those.
  // A candidate the rules already reported (`known`: 1 per character of their spans) seeds nothing.
  const scored = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    if (known && known[tokens[i]!.start] === 1) continue;
    if (!candidate(tokens[i]!.text)) continue;
    scored.fill(1, Math.max(0, i - 4), Math.min(n, i + 7));
  }
  const views: (TokenView | undefined)[] = new Array<TokenView | undefined>(n);
  const ids: (TokenIds | undefined)[] = new Array<TokenIds | undefined>(n);
  const vocab = model.vocab;
  const idOf = (part: string) => vocab.get(part) ?? 0;
  const view = (i: number): TokenView => (views[i] ??= viewToken(tokens[i]!.text));
  const idsOf = (i: number): TokenIds => {
    let t = ids[i];
    if (!t) {
      const v = view(i);
      t = ids[i] = {
        shape: idOf(v.shape),
        cue: idOf(v.cue),
        suffix: idOf(v.suffix),
        len: idOf(String(v.len)),
        lex: idOf(String(v.bits & (L_FIRST | L_SUR | L_PLACE | L_COMMON | L_ENGLISH))),
        digits: v.digits >= 0 ? idOf(String(v.digits)) : 0,
      };
    }
    return t;
  };
  const labelIds = TAG_LABELS.map(idOf);
  const labels: TagLabel[] = [];
  const margins: number[] = [];
  const s = new Float64Array(NLABELS);
  let prev = model.start;
  let prev2 = model.start;
  for (let i = 0; i < n; i++) {
    let best = 0;
    if (scored[i]) {
      scoreToken(model, idsOf, n, i, prev, prev2, s);
      for (let k = 1; k < NLABELS; k++) if (s[k]! > s[best]!) best = k;
    }
    labels.push(TAG_LABELS[best]!);
    margins.push(best === 0 ? 0 : s[best]! - s[0]!);
    prev2 = prev;
    prev = labelIds[best]!;
  }
  const spans: TaggedSpan[] = [];
  for (let i = 0; i < tokens.length; ) {
    const l = labels[i]!;
    if (l === 'O' || l === 'ORG') {
      i++;
      continue;
    }
    let j = i;
    let m = margins[i]!;
    while (j + 1 < tokens.length && labels[j + 1] === l) {
      j++;
      m += margins[j]!;
    }
    let e = j;
    while (e > i && !WORD_RE.test(tokens[e]!.text)) e--;
    if (WORD_RE.test(tokens[i]!.text)) spans.push({ type: l, start: tokens[i]!.start, end: tokens[e]!.end, margin: m / (j - i + 1), first: i, last: e });
    i = j + 1;
  }
  return { tokens, view, labels, spans };
}
