import { z } from 'zod';
import type { CallFacts } from './callFacts';
import { monthKeyOf } from './kpis';

export const ErrorTrendSchema = z.object({
  tool: z.string(),
  /** The masked message: what makes two occurrences the same error. */
  message: z.string(),
  total: z.number().int(),
  /** Occurrences after the first. */
  repeats: z.number().int(),
  /** Occurrences per month (UTC, by call start), months in order; months without one are 0. */
  byMonth: z.array(z.object({ month: z.string(), count: z.number().int() })),
});
export type ErrorTrend = z.infer<typeof ErrorTrendSchema>;

/** Each recurring error (one errors-stage fingerprint) with its count per month, most frequent first. */
export function errorTrends(calls: readonly CallFacts[], limit = 10): ErrorTrend[] {
  const months = [...new Set(calls.map((c) => monthKeyOf(c.startedAt)))].sort();
  const byKey = new Map<string, { tool: string; message: string; total: number; perMonth: Map<string, number> }>();
  for (const c of calls) {
    const m = monthKeyOf(c.startedAt);
    for (const e of c.errors) {
      const t = byKey.get(e.key) ?? { tool: e.tool, message: e.masked, total: 0, perMonth: new Map<string, number>() };
      t.total++;
      t.perMonth.set(m, (t.perMonth.get(m) ?? 0) + 1);
      byKey.set(e.key, t);
    }
  }
  return [...byKey.values()]
    .sort((a, b) => b.total - a.total || (a.tool + a.message < b.tool + b.message ? -1 : 1))
    .slice(0, limit)
    .map((t) => ({ tool: t.tool, message: t.message, total: t.total, repeats: t.total - 1, byMonth: months.map((month) => ({ month, count: t.perMonth.get(month) ?? 0 })) }));
}
