/**
 * The voice KPIs of issue 18, grouped by prompt version, by month (UTC, by call start) or by agent.
 * Pure: give it `CallFacts` (see callFacts.ts), get rows. Every rate's denominator is stated beside it.
 */
import type { KpiGrouping, KpiRow, KpiTable } from '../../shared/kpis';
import { UNVERSIONED } from '../../shared/kpis';
import type { CallFacts } from './callFacts';
import { markRepeats } from './errorRepeats';
import { quantile } from './quantile';

// The KPI shapes live in src/shared so the dashboard webview validates the same rows the CLI prints.
export { KpiGroupingSchema, KpiRowSchema, KpiTableSchema, UNVERSIONED } from '../../shared/kpis';
export type { KpiGrouping, KpiRow, KpiTable } from '../../shared/kpis';

/** `YYYY-MM` of an epoch-ms instant, in UTC. */
export function monthKeyOf(ts: number): string {
  const d = new Date(ts);
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}

function previousMonthKey(key: string): string {
  const [y, m] = key.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

export function groupKeyOf(facts: CallFacts, by: KpiGrouping): string {
  if (by === 'month') return monthKeyOf(facts.startedAt);
  if (by === 'agent') return facts.agentId;
  return facts.promptVersion ?? UNVERSIONED;
}

/** Versions in numeric order when both are numbers ("2" before "10"), else by text; months and agents by text. */
function compareKeys(a: string, b: string): number {
  const na = Number(a);
  const nb = Number(b);
  if (a !== '' && b !== '' && Number.isFinite(na) && Number.isFinite(nb)) return na - nb;
  return a < b ? -1 : a > b ? 1 : 0;
}

const mean = (xs: readonly number[]): number | null => (xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : null);
const share = (count: number, of: number): number | null => (of > 0 ? count / of : null);

interface Accumulator {
  calls: number;
  verdicts: number;
  successes: number;
  transferred: number;
  escalated: number;
  durations: number[];
  latencies: number[];
  costs: number[];
  errors: number;
  repeats: number;
}

/** KPI rows of `calls` grouped `by`; repeats are decided over all calls in start-time order. */
export function computeKpis(calls: readonly CallFacts[], by: KpiGrouping): KpiTable {
  const ordered = [...calls].sort((a, b) => a.startedAt - b.startedAt || (a.callId < b.callId ? -1 : a.callId > b.callId ? 1 : 0));
  const errorCounts = markRepeats(ordered.map((c) => c.errors));
  const groups = new Map<string, Accumulator>();
  ordered.forEach((c, i) => {
    const key = groupKeyOf(c, by);
    let g = groups.get(key);
    if (!g) {
      g = { calls: 0, verdicts: 0, successes: 0, transferred: 0, escalated: 0, durations: [], latencies: [], costs: [], errors: 0, repeats: 0 };
      groups.set(key, g);
    }
    g.calls++;
    if (c.success !== undefined) {
      g.verdicts++;
      if (c.success) g.successes++;
    }
    if (c.transferred) g.transferred++;
    if (c.escalated) g.escalated++;
    if (c.durationSeconds !== undefined) g.durations.push(c.durationSeconds);
    g.latencies.push(...c.turnLatenciesMs);
    if (c.costUsd !== undefined) g.costs.push(c.costUsd);
    g.errors += errorCounts[i]!.errors;
    g.repeats += errorCounts[i]!.repeats;
  });
  const rows: KpiRow[] = [...groups.keys()].sort(compareKeys).map((key) => {
    const g = groups.get(key)!;
    return {
      key,
      calls: g.calls,
      successRate: share(g.successes, g.verdicts),
      containment: share(g.calls - g.transferred, g.calls),
      escalation: share(g.escalated, g.calls),
      ahtSeconds: mean(g.durations),
      latencyMs: { p50: quantile(g.latencies, 0.5) ?? null, p90: quantile(g.latencies, 0.9) ?? null },
      costPerCallUsd: mean(g.costs),
      errors: g.errors,
      repeatErrors: g.repeats,
      improvementRate: null,
    };
  });
  if (by === 'month') {
    const byKey = new Map(rows.map((r) => [r.key, r]));
    for (const r of rows) {
      const prev = byKey.get(previousMonthKey(r.key));
      if (prev?.successRate && r.successRate !== null) r.improvementRate = r.successRate / prev.successRate - 1;
    }
  }
  return { by, rows };
}
