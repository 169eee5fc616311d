import type { PatternEffect, PatternRow } from '../../shared/viewModels';
import type { RateInterval } from '../../shared/stats';
import { wilsonInterval } from '../../shared/stats';

export type SortKey = 'lift' | 'confidence' | 'support';
export const ALL = '*';

export interface Filters {
  intent: string;
  effect: PatternEffect | typeof ALL;
  strategy: string;
  sort: SortKey;
}

export const defaultFilters: Filters = { intent: ALL, effect: ALL, strategy: ALL, sort: 'lift' };

export function isFilters(v: unknown): v is Filters {
  if (typeof v !== 'object' || v === null) return false;
  const f = v as Record<string, unknown>;
  return typeof f.intent === 'string' && typeof f.effect === 'string' && typeof f.strategy === 'string' && (f.sort === 'lift' || f.sort === 'confidence' || f.sort === 'support');
}

/**
 * "Confidence" sorts by the interval's lower bound: a pattern seen 400 times at 80 % is more certain
 * than one seen 5 times at 100 %, and the lower bound says so in one number.
 */
const comparators: Record<SortKey, (a: PatternRow, b: PatternRow) => number> = {
  lift: (a, b) => b.lift - a.lift || b.support - a.support,
  confidence: (a, b) => b.ciLow - a.ciLow || b.support - a.support,
  support: (a, b) => b.support - a.support || b.lift - a.lift,
};

export function applyFilters(rows: readonly PatternRow[], f: Filters): PatternRow[] {
  const out = rows.filter(
    (r) => (f.intent === ALL || r.intent === f.intent) && (f.effect === ALL || r.effect === f.effect) && (f.strategy === ALL || r.strategy === f.strategy),
  );
  return out.sort(comparators[f.sort]);
}

export function distinct(rows: readonly PatternRow[], key: 'intent' | 'strategy'): string[] {
  return [...new Set(rows.map((r) => r[key]))].sort();
}

export interface StrategyStat extends RateInterval {
  strategy: string;
  support: number;
  successes: number;
}

/**
 * Pools the visible patterns per strategy for the chart. Patterns of one strategy in different
 * (intent, trigger) cells count different calls, so pooling successes and support is a plain sum.
 */
export function strategyStats(rows: readonly PatternRow[]): StrategyStat[] {
  const byStrategy = new Map<string, { support: number; successes: number }>();
  for (const r of rows) {
    const s = byStrategy.get(r.strategy) ?? { support: 0, successes: 0 };
    s.support += r.support;
    s.successes += r.successes;
    byStrategy.set(r.strategy, s);
  }
  return [...byStrategy.entries()]
    .map(([strategy, s]) => ({ strategy, ...s, ...wilsonInterval(s.successes, s.support) }))
    .sort((a, b) => b.rate - a.rate);
}
