// `npm run eval:pii -- [--data <dir>] [--all] [--misses [n]] [--tune-learned]`: span-level precision / recall / F2 per entity type,
// character leak rate and over-redaction for Kaizen's redactor and two npm peers (redact-pii,
// @redactpii/node), on the Presidio synthetic set (../shared/data/pii/presidio) and on the
// spoken-form transcript cases in test/fixtures/privacy/spoken.jsonl.
//
// Split (fixed before any tuning): Presidio texts with an even template_id are the dev half, odd
// template_id the held-out half; the held-out half is the headline. Templates never cross halves, so
// the held-out score measures sentences the detectors were not shaped on.
//
// Matching rule: a gold span counts as found when predictions of a compatible type cover ≥ 50 % of its
// characters; a prediction counts as correct when gold spans of a compatible type cover ≥ 50 % of its
// characters. Predictions lying on out-of-scope gold (ORGANIZATION, TITLE, NRP) are left out of
// precision, but their words count as lost in over-redaction.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Redactor as RedactPiiNode } from '@redactpii/node';
import { SyncRedactor } from 'redact-pii';
import { createRedactor, parsePolicy } from '../src/engine/privacy';
import type { EntityType } from '../src/engine/privacy';
import { createDetector } from '../src/engine/privacy/detect';
import type { LearnedType } from '../src/engine/privacy/detect';
import type { TaggerWeights } from '../src/engine/privacy/tagger';
import { trainTagger } from './trainPiiTagger';
import { ENTITY_TYPES } from '../src/engine/privacy/policy';
import { createNodePorts } from '../src/node/nodePorts';

export interface Span {
  type: string;
  start: number;
  end: number;
}
export interface Case {
  text: string;
  gold: Span[];
  templateId?: number;
}
export type System = { name: string; detect(text: string): Span[] };

/** Presidio's 17 types onto ours; `null` = out of scope (not personal data about the caller). */
export const PRESIDIO_TO_KAIZEN: Record<string, EntityType | null> = {
  PERSON: 'PERSON',
  STREET_ADDRESS: 'ADDRESS',
  GPE: 'LOCATION',
  ORGANIZATION: null,
  CREDIT_CARD: 'CARD_NUMBER',
  DATE_TIME: 'DATE',
  TITLE: null,
  PHONE_NUMBER: 'PHONE',
  AGE: 'AGE',
  NRP: null,
  EMAIL_ADDRESS: 'EMAIL',
  ZIP_CODE: 'ZIP',
  DOMAIN_NAME: 'URL',
  IBAN_CODE: 'IBAN',
  US_SSN: 'SSN',
  IP_ADDRESS: 'IP_ADDRESS',
  US_DRIVER_LICENSE: 'DRIVER_LICENSE',
};

/** Which predicted types count for a gold type (addresses contain ZIPs and cities; a DOB is a date). */
const COMPATIBLE: Record<string, string[]> = {
  ADDRESS: ['ADDRESS', 'ZIP', 'LOCATION'],
  LOCATION: ['LOCATION', 'ADDRESS'],
  ZIP: ['ZIP', 'ADDRESS'],
  DATE: ['DATE', 'DATE_OF_BIRTH'],
  DATE_OF_BIRTH: ['DATE_OF_BIRTH', 'DATE'],
  DRIVER_LICENSE: ['DRIVER_LICENSE', 'ACCOUNT_NUMBER'],
  ACCOUNT_NUMBER: ['ACCOUNT_NUMBER', 'DRIVER_LICENSE', 'CARD_NUMBER'],
};
const compatible = (gold: string, pred: string) => gold === pred || (COMPATIBLE[gold]?.includes(pred) ?? false);

// ---------------------------------------------------------------- systems

/** The detector alone with the learned classifier's margins (and optionally its weights) overridden: dev-half tuning only. */
export function learnedMarginSystem(margins: Partial<Record<LearnedType, number>>, weights?: TaggerWeights): System {
  const detector = createDetector({ enabled: new Set(ENTITY_TYPES), allowlist: [], minScore: parsePolicy({}).minScore, learned: { margins, weights } });
  return { name: `learned ${JSON.stringify(margins)}`, detect: (t) => detector.detect(t) };
}

/**
 * `--tune-learned`: the shipped weights were trained on the whole dev half, so their margins on it say
 * nothing. Inside the DEV half only: train on templates ≡ 0 (mod 4), sweep each type's margin on
 * templates ≡ 2 (mod 4), and pick the highest margin that keeps the best recall for that type (recall
 * first, then the fewest non-PII words lost). The held-out half (odd templates) is not read.
 */
function tuneLearned(dev: Case[]): void {
  const fit = dev.filter((c) => c.templateId! % 4 === 0);
  const check = dev.filter((c) => c.templateId! % 4 === 2);
  console.log(`\n## Learned-classifier margins: trained on ${fit.length} dev texts, swept on ${check.length} other dev texts`);
  const weights = trainTagger(fit);
  const sweep = [-4, -2, 0, 1, 2, 3, 4, 6, 8, 12, 1e9];
  for (const type of ['PERSON', 'LOCATION', 'ADDRESS', 'DATE', 'ZIP', 'OPENER'] as LearnedType[]) {
    let pick: number | undefined;
    let best = -1;
    for (const m of sweep) {
      const sc = score(check, learnedMarginSystem({ [type]: m }, weights));
      const c = sc.perType.get(type === 'OPENER' ? 'PERSON' : type) ?? counts();
      const { p, r } = prf(c);
      console.log(`${type.padEnd(9)} margin ${String(m === 1e9 ? 'off' : m).padStart(4)}: P ${pct(p)} R ${pct(r)}  non-PII words lost ${sc.nonPiiWordsLost}/${sc.nonPiiWords}`);
      if (m !== 1e9 && r >= best) {
        best = r;
        pick = m;
      }
    }
    console.log(`${type}: highest margin keeping the best recall → ${pick}`);
  }
}

/**
 * `--misses [n]`: what the detector misses, by type, for tuning the rules without reading the held-out
 * half. Inside the DEV half only, two folds: the classifier is trained on templates ≡ 0 (mod 4) and the
 * misses are printed on templates ≡ 2 (mod 4), then the other way round, so learned spans do not hide
 * what the rules miss on sentences the classifier has not seen.
 */
function printMisses(dev: Case[], perType: number, fold: number): void {
  const fit = dev.filter((c) => c.templateId! % 4 !== fold);
  const check = dev.filter((c) => c.templateId! % 4 === fold);
  const system = learnedMarginSystem({}, trainTagger(fit));
  const sc = score(check, system);
  console.log(`\n## Misses on ${check.length} dev texts (templates ≡ ${fold} mod 4; classifier trained on the ${fit.length} others)`);
  for (const [t, c] of [...sc.perType].sort()) {
    const { p, r } = prf(c);
    console.log(`${t.padEnd(15)} gold ${String(c.goldTotal).padStart(4)}  P ${pct(p)} R ${pct(r)}`);
  }
  const missed = new Map<string, string[]>();
  const wrong: string[] = [];
  for (const c of check) {
    const preds = system.detect(c.text);
    const mark = (s: Span) => `${c.text.slice(Math.max(0, s.start - 30), s.start)}⟦${c.text.slice(s.start, s.end)}⟧${c.text.slice(s.end, s.end + 30)}`.replace(/\n/g, ' ');
    for (const g of c.gold) {
      if (g.type === 'OUT_OF_SCOPE' || coverage(g, preds, (p) => compatible(g.type, p.type)) >= 0.5) continue;
      const got = preds.filter((p) => p.start < g.end && p.end > g.start).map((p) => p.type).join(',');
      missed.set(g.type, [...(missed.get(g.type) ?? []), `${mark(g)}${got ? `  (as ${got})` : ''}`]);
    }
    for (const p of preds) if (coverage(p, c.gold, (g) => g.type !== 'OUT_OF_SCOPE' && compatible(g.type, p.type)) < 0.5) wrong.push(`${p.type}: ${mark(p)}`);
  }
  for (const [t, list] of [...missed].sort()) {
    console.log(`\n### ${t}: ${list.length} missed`);
    for (const l of list.slice(0, perType)) console.log(`  ${l}`);
  }
  console.log(`\n### Predictions on no compatible gold: ${wrong.length}`);
  for (const l of wrong.slice(0, perType * 2)) console.log(`  ${l}`);
}

export function kaizenSystem(minScore?: number): System {
  const policy = minScore === undefined ? undefined : parsePolicy({ minScore });
  const r = createRedactor({ hmacKey: new Uint8Array(32).fill(1), hashing: createNodePorts().hashing, policy });
  return { name: minScore === undefined ? 'kaizen' : `kaizen minScore ${minScore}`, detect: (t) => r.detect(t) };
}

/** Recovers replaced spans from a peer that only returns redacted text with type tokens. */
function alignTokens(original: string, redacted: string, tokenRe: RegExp, typeOf: (token: string) => string): Span[] {
  const spans: Span[] = [];
  const pieces: string[] = [];
  const tokens: string[] = [];
  let last = 0;
  for (const m of redacted.matchAll(tokenRe)) {
    pieces.push(redacted.slice(last, m.index));
    tokens.push(m[0]);
    last = m.index + m[0].length;
  }
  pieces.push(redacted.slice(last));
  if (tokens.length === 0) return spans;
  if (!original.startsWith(pieces[0]!)) return spans;
  let pos = pieces[0]!.length;
  for (let i = 0; i < tokens.length; i++) {
    const next = pieces[i + 1]!;
    let end: number;
    if (i + 1 === tokens.length) end = original.length - next.length;
    else if (next.length === 0) end = pos + 1;
    else {
      end = original.indexOf(next, pos + 1);
      if (end < 0) break;
    }
    if (end > pos) spans.push({ type: typeOf(tokens[i]!), start: pos, end });
    pos = end + next.length;
  }
  return spans;
}

export function redactPiiSystem(): System {
  const r = new SyncRedactor();
  const map: Record<string, string> = {
    PERSON_NAME: 'PERSON', NAME: 'PERSON', PHONE_NUMBER: 'PHONE', EMAIL_ADDRESS: 'EMAIL', CREDIT_CARD_NUMBER: 'CARD_NUMBER',
    US_SOCIAL_SECURITY_NUMBER: 'SSN', STREET_ADDRESS: 'ADDRESS', ZIPCODE: 'ZIP', IP_ADDRESS: 'IP_ADDRESS', URL: 'URL',
    DIGITS: 'ACCOUNT_NUMBER', USERNAME: 'OTHER', PASSWORD: 'OTHER', CREDENTIALS: 'OTHER',
  };
  const re = new RegExp(`\\b(?:${Object.keys(map).join('|')})\\b`, 'g');
  return { name: 'redact-pii', detect: (t) => alignTokens(t, r.redact(t), re, (k) => map[k] ?? 'OTHER') };
}

export function redactPiiNodeSystem(): System {
  const r = new RedactPiiNode();
  const map: Record<string, string> = {
    PERSON_NAME: 'PERSON', PHONE_NUMBER: 'PHONE', EMAIL_ADDRESS: 'EMAIL', CREDIT_CARD_NUMBER: 'CARD_NUMBER',
    US_SOCIAL_SECURITY_NUMBER: 'SSN',
  };
  const re = new RegExp(`\\b(?:${Object.keys(map).join('|')})\\b`, 'g');
  return { name: '@redactpii/node', detect: (t) => alignTokens(t, r.redact(t), re, (k) => map[k] ?? 'OTHER') };
}

// ---------------------------------------------------------------- scoring

interface Counts {
  goldTotal: number;
  goldFound: number;
  predTotal: number;
  predCorrect: number;
}
export interface Score {
  perType: Map<string, Counts>;
  overall: Counts;
  /** Type-agnostic: a prediction on any in-scope gold is correct; a gold span covered by any prediction is found. */
  anyType: Counts;
  leakChars: number;
  goldChars: number;
  nonPiiWords: number;
  nonPiiWordsLost: number;
  outOfScopeHits: number;
}

function coverage(s: Span, others: readonly Span[], ok: (o: Span) => boolean): number {
  // Fraction of s's characters covered by the union of matching spans.
  const ivs = others.filter((o) => ok(o) && o.start < s.end && o.end > s.start).map((o) => [Math.max(o.start, s.start), Math.min(o.end, s.end)] as [number, number]);
  ivs.sort((a, b) => a[0] - b[0]);
  let covered = 0;
  let at = s.start;
  for (const [a, b] of ivs) {
    const from = Math.max(a, at);
    if (b > from) {
      covered += b - from;
      at = b;
    }
  }
  return covered / Math.max(1, s.end - s.start);
}

function counts(): Counts {
  return { goldTotal: 0, goldFound: 0, predTotal: 0, predCorrect: 0 };
}

export function score(cases: readonly Case[], system: System): Score {
  const sc: Score = { perType: new Map(), overall: counts(), anyType: counts(), leakChars: 0, goldChars: 0, nonPiiWords: 0, nonPiiWordsLost: 0, outOfScopeHits: 0 };
  const bucket = (t: string) => {
    let c = sc.perType.get(t);
    if (!c) sc.perType.set(t, (c = counts()));
    return c;
  };
  for (const c of cases) {
    const preds = system.detect(c.text);
    const inScope = c.gold.filter((g) => g.type !== 'OUT_OF_SCOPE');
    const outScope = c.gold.filter((g) => g.type === 'OUT_OF_SCOPE');
    for (const g of inScope) {
      const found = coverage(g, preds, (p) => compatible(g.type, p.type)) >= 0.5;
      const b = bucket(g.type);
      b.goldTotal++;
      sc.overall.goldTotal++;
      sc.anyType.goldTotal++;
      if (found) {
        b.goldFound++;
        sc.overall.goldFound++;
      }
      if (coverage(g, preds, () => true) >= 0.5) sc.anyType.goldFound++;
      for (let i = g.start; i < g.end; i++) {
        if (/\s/.test(c.text[i]!)) continue;
        sc.goldChars++;
        if (!preds.some((p) => p.start <= i && p.end > i)) sc.leakChars++;
      }
    }
    for (const p of preds) {
      const onInScope = coverage(p, inScope, () => true) >= 0.5;
      if (!onInScope && coverage(p, outScope, () => true) >= 0.5) {
        sc.outOfScopeHits++;
        continue;
      }
      const b = bucket(p.type);
      b.predTotal++;
      sc.overall.predTotal++;
      sc.anyType.predTotal++;
      if (coverage(p, inScope, (g) => compatible(g.type, p.type)) >= 0.5) {
        b.predCorrect++;
        sc.overall.predCorrect++;
      }
      if (onInScope) sc.anyType.predCorrect++;
    }
    for (const w of c.text.matchAll(/\S+/g)) {
      const ws = w.index;
      const we = ws + w[0].length;
      if (inScope.some((g) => g.start < we && g.end > ws)) continue;
      sc.nonPiiWords++;
      if (preds.some((p) => p.start < we && p.end > ws)) sc.nonPiiWordsLost++;
    }
  }
  return sc;
}

const pct = (x: number) => (Number.isFinite(x) ? x.toFixed(3) : '  –  ');
function prf(c: Counts) {
  const p = c.predTotal ? c.predCorrect / c.predTotal : NaN;
  const r = c.goldTotal ? c.goldFound / c.goldTotal : NaN;
  const f2 = p + r > 0 ? (5 * p * r) / (4 * p + r) : 0;
  return { p, r, f2 };
}

export function printTable(title: string, scores: { name: string; sc: Score; ms: number }[], chars: number): void {
  console.log(`\n## ${title}`);
  const types = [...new Set(scores.flatMap((s) => [...s.sc.perType.keys()]))].sort();
  const head = ['type'.padEnd(15), 'gold'.padStart(5)];
  for (const s of scores) head.push(`${s.name} P/R/F2`.padStart(28));
  console.log(head.join(' '));
  for (const t of types) {
    const gold = scores[0]!.sc.perType.get(t)?.goldTotal ?? 0;
    const row = [t.padEnd(15), String(gold).padStart(5)];
    for (const s of scores) {
      const c = s.sc.perType.get(t) ?? counts();
      const { p, r, f2 } = prf(c);
      row.push(`${pct(p)} ${pct(r)} ${pct(f2)} (${c.predTotal})`.padStart(28));
    }
    console.log(row.join(' '));
  }
  const line = (label: string, f: (s: Score, ms: number) => string) =>
    console.log([label.padEnd(21), ...scores.map((s) => f(s.sc, s.ms).padStart(28))].join(' '));
  console.log('-'.repeat(21 + 29 * scores.length));
  line('OVERALL typed P/R/F2', (s) => {
    const { p, r, f2 } = prf(s.overall);
    return `${pct(p)} ${pct(r)} ${pct(f2)}`;
  });
  line('any-type P/R/F2', (s) => {
    const { p, r, f2 } = prf(s.anyType);
    return `${pct(p)} ${pct(r)} ${pct(f2)}`;
  });
  line('char leak rate', (s) => pct(s.leakChars / Math.max(1, s.goldChars)));
  line('non-PII words lost', (s) => `${pct(s.nonPiiWordsLost / Math.max(1, s.nonPiiWords))} (${s.nonPiiWordsLost}/${s.nonPiiWords})`);
  line('on out-of-scope gold', (s) => String(s.outOfScopeHits));
  line('MB/s, one cold pass*', (s, ms) => (chars / 1e6 / (ms / 1000)).toFixed(1));
  console.log('* one pass including JIT warm-up; throughput figures come from npm run bench -- privacy');
}

// ---------------------------------------------------------------- data

export function loadPresidio(dataDir: string): Case[] {
  const file = path.join(dataDir, 'pii', 'presidio', 'synth_dataset_v2.json');
  const raw = JSON.parse(readFileSync(file, 'utf8')) as {
    full_text: string;
    template_id: number;
    spans: { entity_type: string; start_position: number; end_position: number }[];
  }[];
  return raw.map((r) => ({
    text: r.full_text,
    templateId: r.template_id,
    gold: r.spans.map((s) => {
      const t = PRESIDIO_TO_KAIZEN[s.entity_type];
      if (t === undefined) throw new Error(`unknown Presidio entity type ${s.entity_type}`);
      return { type: t ?? 'OUT_OF_SCOPE', start: s.start_position, end: s.end_position };
    }),
  }));
}

export function loadSpoken(file: string): Case[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l, i) => {
      const r = JSON.parse(l) as { text: string; spans: Span[] };
      for (const s of r.spans) {
        if (s.start < 0 || s.end > r.text.length || s.end <= s.start) throw new Error(`${file}:${i + 1}: bad span ${JSON.stringify(s)}`);
      }
      return { text: r.text, gold: r.spans };
    });
}

function run(title: string, cases: Case[], systems: System[]): void {
  const chars = cases.reduce((a, c) => a + c.text.length, 0);
  const scores = systems.map((s) => {
    const t0 = performance.now();
    for (const c of cases) s.detect(c.text);
    const ms = performance.now() - t0;
    return { name: s.name, sc: score(cases, s), ms };
  });
  printTable(`${title} — ${cases.length} texts, ${cases.reduce((a, c) => a + c.gold.filter((g) => g.type !== 'OUT_OF_SCOPE').length, 0)} in-scope gold spans`, scores, chars);
}

function main(): void {
  const args = process.argv.slice(2);
  const di = args.indexOf('--data');
  const dataDir = path.resolve(process.cwd(), di >= 0 && args[di + 1] ? args[di + 1]! : '../shared/data');
  // Kaizen twice: the default policy, and a recall-first policy (minScore 0.4) that also reports lone unknown capitalised words.
  const systems = [kaizenSystem(), kaizenSystem(0.4), redactPiiSystem(), redactPiiNodeSystem()];
  console.log('Matching: gold found if ≥50% of its characters are covered by predictions of a compatible type;');
  console.log('prediction correct if ≥50% of its characters lie in gold of a compatible type. Out of scope: ORGANIZATION, TITLE, NRP.');
  console.log(`Type map (Presidio → Kaizen): ${Object.entries(PRESIDIO_TO_KAIZEN).map(([k, v]) => `${k}→${v ?? 'out of scope'}`).join(', ')}.`);
  console.log('Compatible types: ADDRESS⇄ZIP/LOCATION, DATE⇄DATE_OF_BIRTH, DRIVER_LICENSE⇄ACCOUNT_NUMBER.');
  console.log('Columns per system: precision recall F2 (number of predictions).');
  let presidio: Case[] | undefined;
  try {
    presidio = loadPresidio(dataDir);
  } catch (e) {
    console.log(`\n(Presidio data not found under ${dataDir}: ${(e as Error).message}; skipping it)`);
  }
  if (presidio) {
    const heldOut = presidio.filter((c) => c.templateId! % 2 === 1);
    const dev = presidio.filter((c) => c.templateId! % 2 === 0);
    const mi = args.indexOf('--misses');
    if (mi >= 0) {
      for (const fold of [2, 0]) printMisses(dev, Number(args[mi + 1]) || 40, fold);
      return;
    }
    if (args.includes('--tune-learned')) {
      tuneLearned(dev);
      return;
    }
    run('Presidio synth_dataset_v2 HELD-OUT (odd template_id)', heldOut, systems);
    if (args.includes('--all')) {
      run('Presidio dev half (even template_id; detectors were shaped on it)', dev, systems);
      run('Presidio full set (dev + held-out)', presidio, systems);
    }
  }
  const spokenFile = path.resolve(__dirname, '..', 'test', 'fixtures', 'privacy', 'spoken.jsonl');
  run('Spoken-form transcript cases (test/fixtures/privacy/spoken.jsonl)', loadSpoken(spokenFile), systems);
}

if (require.main === module) main();
