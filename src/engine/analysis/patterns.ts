import type { Pattern } from '../model';
import type { CallAnalysis } from './schema';
import { benjaminiHochberg, compareProportions, wilsonInterval } from '../stats';

/** Success counts of one cell; plain numbers so counts from several workers or stores add up. */
export interface CellCount {
  n: number;
  s: number;
  /** Up to `MAX_EXAMPLES` call ids. */
  examples: string[];
  /** Agent-response templates with how often each appeared in successful calls (bounded). */
  templates: Record<string, number>;
  /** Customer-side templates (bounded). */
  userTemplates: Record<string, number>;
}

/** Mergeable (intent, trigger, strategy) counts: the pattern analysis's whole state. */
export interface PatternCounts {
  cells: Record<string, CellCount>;
}

const SEP = '\u0000';
const MAX_EXAMPLES = 5;
const MAX_TEMPLATES = 24;

export const cellKey = (intent: string, trigger: string, strategy: string) => `${intent}${SEP}${trigger}${SEP}${strategy}`;
export const splitKey = (key: string) => key.split(SEP) as [string, string, string];

export function emptyPatternCounts(): PatternCounts {
  return { cells: {} };
}

function bump(map: Record<string, number>, key: string, by = 1): void {
  map[key] = (map[key] ?? 0) + by;
  const keys = Object.keys(map);
  if (keys.length > MAX_TEMPLATES * 2) {
    // Keep the most frequent half: a bounded heavy-hitters sketch, so memory stays flat over any number of calls.
    keys.sort((a, b) => map[b]! - map[a]!);
    for (const k of keys.slice(MAX_TEMPLATES)) delete map[k];
  }
}

/** Adds one analysed call. Calls with an unknown outcome carry no evidence either way and are skipped. */
export function addCall(counts: PatternCounts, a: CallAnalysis): void {
  if (a.outcome.label === 'unknown') return;
  const success = a.outcome.label === 'success';
  for (const cell of a.cells) {
    const key = cellKey(a.intent, cell.trigger, cell.strategy);
    const c = (counts.cells[key] ??= { n: 0, s: 0, examples: [], templates: {}, userTemplates: {} });
    c.n++;
    if (success) c.s++;
    if (c.examples.length < MAX_EXAMPLES) c.examples.push(a.callId);
    const f = a.fragments.find((x) => x.opening && x.primary && x.trigger === cell.trigger);
    if (f) {
      if (success) bump(c.templates, f.agentTemplate);
      bump(c.userTemplates, f.userTemplate);
    }
  }
}

/** Adds `other` into `into` (associative and commutative up to the bounded example and template lists). */
export function mergePatternCounts(into: PatternCounts, other: PatternCounts): PatternCounts {
  for (const [key, c] of Object.entries(other.cells)) {
    const t = (into.cells[key] ??= { n: 0, s: 0, examples: [], templates: {}, userTemplates: {} });
    t.n += c.n;
    t.s += c.s;
    for (const e of c.examples) if (t.examples.length < MAX_EXAMPLES) t.examples.push(e);
    for (const [k, v] of Object.entries(c.templates)) bump(t.templates, k, v);
    for (const [k, v] of Object.entries(c.userTemplates)) bump(t.userTemplates, k, v);
  }
  return into;
}

export interface PatternOptions {
  level?: number;
  /** False-discovery rate for the Benjamini–Hochberg step. */
  alpha?: number;
  minSupport?: number;
  now?: number;
  agentId?: string;
}

export interface ScoredPattern extends Pattern {
  /** Raw p-value of the lift test (Pattern.liftPValue holds the BH-adjusted one). */
  rawPValue: number;
  test: 'fisher' | 'z';
  significant: boolean;
  baselineRate: number;
  baselineSupport: number;
  userTemplate?: string;
}

export function topKey(map: Record<string, number>): string | undefined {
  let best: string | undefined;
  let bestN = -1;
  for (const [k, v] of Object.entries(map)) if (v > bestN || (v === bestN && k < best!)) [best, bestN] = [k, v];
  return best;
}

/**
 * Scores every cell: success rate with a Wilson interval, lift over the same intent and trigger
 * answered with the situation's ordinary moves, a two-sided test of that difference (Fisher exact for
 * small counts, else the pooled z test) and Benjamini–Hochberg control of the false-discovery rate.
 *
 * "Ordinary moves" matters: one strong move drags a one-vs-rest baseline, so with enough calls every
 * ordinary sibling would also look "worse than baseline". Per situation, moves that stand out are
 * therefore peeled off one at a time (the most extreme first, while its p-value against the remaining
 * moves passes a Bonferroni bar over all cells tested); each cell is then tested against the moves
 * that were not peeled off, and BH runs over those final p-values.
 */
export function scorePatterns(counts: PatternCounts, options: PatternOptions = {}): ScoredPattern[] {
  const level = options.level ?? 0.95;
  const alpha = options.alpha ?? 0.05;
  const minSupport = options.minSupport ?? 5;
  const bySituation = new Map<string, Array<{ key: string; c: CellCount }>>();
  for (const [key, c] of Object.entries(counts.cells)) {
    const [intent, trigger] = splitKey(key);
    const sk = `${intent}${SEP}${trigger}`;
    const list = bySituation.get(sk) ?? [];
    list.push({ key, c });
    bySituation.set(sk, list);
  }
  const tested = Object.entries(counts.cells).filter(([, c]) => c.n >= minSupport);
  const bar = alpha / Math.max(1, tested.length);
  const pool = (cells: ReadonlyArray<{ key: string; c: CellCount }>, except: string) => {
    let n = 0;
    let s = 0;
    for (const o of cells) {
      if (o.key === except) continue;
      n += o.c.n;
      s += o.c.s;
    }
    return { n, s };
  };
  // Peel off the moves that stand out, per situation.
  const outliers = new Set<string>();
  for (const cells of bySituation.values()) {
    const ordinary = [...cells];
    for (;;) {
      const candidates = ordinary.filter((o) => o.c.n >= minSupport);
      if (candidates.length < 2 || ordinary.length < 3) break;
      let bestKey = '';
      let bestP = 1;
      for (const o of candidates) {
        const b = pool(ordinary, o.key);
        const p = compareProportions(o.c.s, o.c.n, b.s, b.n).p;
        if (p < bestP) [bestKey, bestP] = [o.key, p];
      }
      if (bestP >= bar) break;
      outliers.add(bestKey);
      ordinary.splice(ordinary.findIndex((o) => o.key === bestKey), 1);
    }
  }
  const rows = tested.map(([key, c]) => {
    const [intent, trigger] = splitKey(key);
    const cells = bySituation.get(`${intent}${SEP}${trigger}`)!;
    const ordinary = cells.filter((o) => !outliers.has(o.key));
    let b = pool(ordinary, key);
    if (b.n === 0) b = pool(cells, key);
    const t = b.n > 0 ? compareProportions(c.s, c.n, b.s, b.n) : { p: 1, method: 'z' as const };
    return { key, c, b, t };
  });
  const q = benjaminiHochberg(rows.map((r) => r.t.p));
  return rows.map(({ key, c, b, t }, i) => {
    const [intent, trigger, strategy] = splitKey(key);
    const rate = c.s / c.n;
    const baselineRate = b.n > 0 ? b.s / b.n : rate;
    const ci = wilsonInterval(c.s, c.n, level);
    return {
      id: `${intent}|${trigger}|${strategy}`,
      agentId: options.agentId,
      intent,
      trigger,
      strategy,
      template: topKey(c.templates),
      userTemplate: topKey(c.userTemplates),
      support: c.n,
      successes: c.s,
      successRate: rate,
      confidence: { low: ci.low, high: ci.high, level, method: 'wilson' as const },
      lift: rate - baselineRate,
      liftPValue: q[i]!,
      rawPValue: t.p,
      test: t.method,
      significant: q[i]! < alpha && b.n > 0,
      baselineRate,
      baselineSupport: b.n,
      exampleCallIds: [...c.examples],
      updatedAt: options.now ?? 0,
    };
  });
}

/** Strips the scoring extras so the result fits the store's Pattern schema. */
export function toStoredPattern(p: ScoredPattern): Pattern {
  const { rawPValue: _r, test: _t, significant: _s, baselineRate: _b, baselineSupport: _bs, userTemplate: _u, ...rest } = p;
  return rest;
}
