import type { CallAnalysis } from '../analysis/schema';
import { isTransferTool } from '../analysis/signals';
import { benjaminiHochberg, compareProportions, wilsonInterval } from '../stats';

/**
 * Tool-usage patterns: "a before b" (first call of a precedes first call of b) per intent, with the
 * success rate of calls showing that order against calls of the same intent that do not. Counts are
 * mergeable like pattern counts.
 */
export interface ToolCounts {
  /** intent → totals and per-order counts. */
  intents: Record<string, { n: number; s: number; orders: Record<string, { n: number; s: number }> }>;
}

const ARROW = ' > ';

export function emptyToolCounts(): ToolCounts {
  return { intents: {} };
}

/** Ordered pairs by first occurrence; tool lists are short, so the quadratic pass is cheap. */
export function orderedPairs(sequence: readonly string[]): string[] {
  const first: string[] = [];
  for (const t of sequence) if (!first.includes(t)) first.push(t);
  const out: string[] = [];
  for (let i = 0; i < first.length; i++) for (let j = i + 1; j < first.length; j++) out.push(`${first[i]}${ARROW}${first[j]}`);
  return out;
}

export function addToolCall(counts: ToolCounts, a: CallAnalysis): void {
  // A hand-off tool is the outcome itself (the call failed into a human's queue), not a usage choice.
  const sequence = a.toolSequence.filter((t) => !isTransferTool(t));
  if (a.outcome.label === 'unknown' || sequence.length === 0) return;
  const success = a.outcome.label === 'success';
  const it = (counts.intents[a.intent] ??= { n: 0, s: 0, orders: {} });
  it.n++;
  if (success) it.s++;
  for (const pair of orderedPairs(sequence)) {
    const o = (it.orders[pair] ??= { n: 0, s: 0 });
    o.n++;
    if (success) o.s++;
  }
}

export function mergeToolCounts(into: ToolCounts, other: ToolCounts): ToolCounts {
  for (const [intent, c] of Object.entries(other.intents)) {
    const t = (into.intents[intent] ??= { n: 0, s: 0, orders: {} });
    t.n += c.n;
    t.s += c.s;
    for (const [k, o] of Object.entries(c.orders)) {
      const to = (t.orders[k] ??= { n: 0, s: 0 });
      to.n += o.n;
      to.s += o.s;
    }
  }
  return into;
}

export interface ToolPattern {
  intent: string;
  sequence: [string, string];
  support: number;
  successes: number;
  successRate: number;
  low: number;
  high: number;
  /** Calls of the intent without this order. */
  baselineRate: number;
  baselineSupport: number;
  lift: number;
  pValue: number;
  /** BH-adjusted. */
  qValue: number;
  significant: boolean;
  rule: string;
  /** `do` when the order raises the success rate, `avoid` when it lowers it. */
  advice: 'do' | 'avoid';
}

export function scoreToolPatterns(counts: ToolCounts, options: { alpha?: number; minSupport?: number } = {}): ToolPattern[] {
  const alpha = options.alpha ?? 0.05;
  const minSupport = options.minSupport ?? 10;
  const rows: Array<Omit<ToolPattern, 'qValue' | 'significant'>> = [];
  for (const [intent, it] of Object.entries(counts.intents)) {
    for (const [key, o] of Object.entries(it.orders)) {
      const bn = it.n - o.n;
      // An order every call of the intent shows says nothing about outcomes.
      if (o.n < minSupport || bn < minSupport) continue;
      const bs = it.s - o.s;
      const [a, b] = key.split(ARROW) as [string, string];
      const rate = o.s / o.n;
      const baselineRate = bs / bn;
      const ci = wilsonInterval(o.s, o.n);
      const lift = rate - baselineRate;
      rows.push({
        intent,
        sequence: [a, b],
        support: o.n,
        successes: o.s,
        successRate: rate,
        low: ci.low,
        high: ci.high,
        baselineRate,
        baselineSupport: bn,
        lift,
        pValue: compareProportions(o.s, o.n, bs, bn).p,
        // Advice only when the order helps; an order that hurts is something to avoid, and says so.
        rule:
          lift > 0
            ? `${intent}: call ${a} before ${b} (${Math.round(rate * 100)} % vs ${Math.round(baselineRate * 100)} % success otherwise)`
            : `${intent}: avoid calling ${a} before ${b} (${Math.round(rate * 100)} % vs ${Math.round(baselineRate * 100)} % success otherwise)`,
        advice: lift > 0 ? ('do' as const) : ('avoid' as const),
      });
    }
  }
  const q = benjaminiHochberg(rows.map((r) => r.pValue));
  return rows.map((r, i) => ({ ...r, qValue: q[i]!, significant: q[i]! < alpha }));
}

/**
 * "a before b" and "b before a" are one finding seen from two sides when both tools always appear;
 * keep the side with positive lift so a report does not list the same effect twice.
 */
export function collapseMirrors(patterns: readonly ToolPattern[]): ToolPattern[] {
  const byKey = new Map<string, ToolPattern>();
  for (const p of patterns) {
    const key = `${p.intent}\u0000${[...p.sequence].sort().join('\u0000')}`;
    const prev = byKey.get(key);
    if (!prev || p.lift > prev.lift) byKey.set(key, p);
  }
  return [...byKey.values()];
}
