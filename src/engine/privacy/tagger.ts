import { LEXICON, L_COMMON, L_ENGLISH, L_FIRST, L_PLACE, L_SUR, englishForm } from './wordTable';

/**
 * A small learned token classifier (averaged perceptron, greedy left to right) for the written-text
 * types the rules miss: people, places, street addresses, dates and ZIP codes in sentences the rules
 * were not shaped on. Features are word shape, affixes, lexicon bits and the neighbouring words — a
 * word itself is a feature only when it is an everyday English word ("in", "from", "street"), so the
 * model learns cues, not a list of names. Trained by `eval/trainPiiTagger.ts` on the Presidio dev half
 * (even template_id) only; the weights ship as `taggerWeights.json` (no download at run time).
 */
export const TAG_LABELS = ['O', 'PERSON', 'LOCATION', 'ADDRESS', 'DATE', 'ZIP', 'ORG'] as const;
export type TagLabel = (typeof TAG_LABELS)[number];

export interface TaggerToken {
  start: number;
  end: number;
  text: string;
}

const TOKEN_RE = /[\p{L}\p{N}]+(?:['’.-][\p{L}\p{N}]+)*\.?|[^\s\p{L}\p{N}]/gu;

export function tagTokens(text: string): TaggerToken[] {
  const out: TaggerToken[] = [];
  for (const m of text.matchAll(TOKEN_RE)) out.push({ start: m.index, end: m.index + m[0].length, text: m[0] });
  return out;
}

function shape(w: string): string {
  let s = '';
  for (const ch of w) {
    const c = /\p{Lu}/u.test(ch) ? 'X' : /\p{Ll}/u.test(ch) ? 'x' : /\d/.test(ch) ? 'd' : ch;
    if (s.length < 4 && s[s.length - 1] !== c) s += c;
    else if (s[s.length - 1] !== c) s = s.slice(0, 3) + c;
  }
  return s;
}

function lexBits(lw: string): number {
  return LEXICON.get(lw) ?? (englishForm(lw) ? L_ENGLISH : 0);
}

/** Lower-cased word when it is everyday vocabulary (a cue word); otherwise its class only. */
function cue(w: string | undefined): string {
  if (w === undefined) return '<s>';
  const lw = w.toLowerCase();
  if (/\d/.test(lw)) return `#${lw.replace(/\d/g, 'd').slice(0, 6)}`;
  const b = lexBits(lw);
  if ((b & (L_COMMON | L_ENGLISH)) !== 0 && (b & (L_FIRST | L_SUR | L_PLACE)) === 0) return lw;
  if (lw.length === 1 && !/\p{L}/u.test(lw)) return lw;
  return `~${shape(w)}`;
}

export function features(toks: readonly TaggerToken[], i: number, prev: string, prev2: string): string[] {
  const w = toks[i]!.text;
  const lw = w.toLowerCase();
  const b = lexBits(lw);
  const f = [
    'b',
    `s=${shape(w)}`,
    `c=${cue(w)}`,
    `p1=${cue(toks[i - 1]?.text)}`,
    `p2=${cue(toks[i - 2]?.text)}`,
    `n1=${cue(toks[i + 1]?.text)}`,
    `n2=${cue(toks[i + 2]?.text)}`,
    `p1n1=${cue(toks[i - 1]?.text)}|${cue(toks[i + 1]?.text)}`,
    `suf=${lw.slice(-3)}`,
    `len=${Math.min(w.length, 8)}`,
    `L=${b & (L_FIRST | L_SUR | L_PLACE | L_COMMON | L_ENGLISH)}`,
    `t1=${prev}`,
    `t12=${prev2}|${prev}`,
    `t1s=${prev}|${shape(w)}`,
    `ps=${toks[i - 1] ? shape(toks[i - 1]!.text) : '<s>'}|${shape(w)}`,
    `sn=${shape(w)}|${toks[i + 1] ? shape(toks[i + 1]!.text) : '</s>'}`,
  ];
  if (/\d/.test(w)) f.push(`dl=${w.replace(/\D/g, '').length}`);
  return f;
}

export type TaggerWeights = Record<string, number[]>;

export function scoreLabels(weights: TaggerWeights, feats: readonly string[]): number[] {
  const s = new Array<number>(TAG_LABELS.length).fill(0);
  for (const f of feats) {
    const w = weights[f];
    if (w) for (let k = 0; k < s.length; k++) s[k]! += w[k]!;
  }
  return s;
}

export interface TaggedSpan {
  type: Exclude<TagLabel, 'O' | 'ORG'>;
  start: number;
  end: number;
  /** Margin of the winning label over 'O', averaged over the run's tokens. */
  margin: number;
}

/** Greedy decoding; consecutive tokens of one label (joined by spaces, commas or line breaks inside addresses) form a span. */
export function tagSpans(weights: TaggerWeights, text: string): TaggedSpan[] {
  const toks = tagTokens(text);
  const labels: TagLabel[] = [];
  const margins: number[] = [];
  let prev = '<s>';
  let prev2 = '<s>';
  for (let i = 0; i < toks.length; i++) {
    const s = scoreLabels(weights, features(toks, i, prev, prev2));
    let best = 0;
    for (let k = 1; k < s.length; k++) if (s[k]! > s[best]!) best = k;
    labels.push(TAG_LABELS[best]!);
    margins.push(s[best]! - s[0]!);
    prev2 = prev;
    prev = TAG_LABELS[best]!;
  }
  const spans: TaggedSpan[] = [];
  for (let i = 0; i < toks.length; ) {
    const l = labels[i]!;
    if (l === 'O' || l === 'ORG') {
      i++;
      continue;
    }
    let j = i;
    let m = margins[i]!;
    while (j + 1 < toks.length && labels[j + 1] === l) {
      j++;
      m += margins[j]!;
    }
    // A span never ends on punctuation.
    let e = j;
    while (e > i && !/[\p{L}\p{N}]/u.test(toks[e]!.text)) e--;
    if (/[\p{L}\p{N}]/u.test(toks[i]!.text)) spans.push({ type: l, start: toks[i]!.start, end: toks[e]!.end, margin: m / (j - i + 1) });
    i = j + 1;
  }
  return spans;
}
