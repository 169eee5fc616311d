/**
 * Pattern effectiveness and reuse (issue 18): for each learned pattern (intent, situation, move), the
 * success of calls that made the move against calls in the same situation that did not, with a 95 %
 * interval on the difference; and how often agents, once a pattern is learned, reuse its move.
 */
import { z } from 'zod';
import type { Pattern } from '../model';
import { wilsonInterval } from '../stats/proportions';
import type { CallFacts } from './callFacts';
import { monthKeyOf } from './kpis';

export const PatternEffectSchema = z.object({
  patternId: z.string(),
  intent: z.string(),
  situation: z.string(),
  move: z.string(),
  used: z.object({ calls: z.number().int(), successRate: z.number().nullable() }),
  notUsed: z.object({ calls: z.number().int(), successRate: z.number().nullable() }),
  /** successRate(used) − successRate(not used). */
  lift: z.number().nullable(),
  /** Newcombe's hybrid score interval (method 10) from the two Wilson intervals, 95 %. */
  liftInterval: z.tuple([z.number(), z.number()]).nullable(),
});
export type PatternEffect = z.infer<typeof PatternEffectSchema>;

export const PatternReuseSchema = z.object({
  /** Calls whose opening situation has a learned pattern with positive lift. */
  eligibleCalls: z.number().int(),
  /** Of those, calls whose agent made the pattern's move. */
  reusedCalls: z.number().int(),
  reuseRate: z.number().nullable(),
  byMonth: z.array(z.object({ month: z.string(), eligibleCalls: z.number().int(), reusedCalls: z.number().int(), reuseRate: z.number().nullable() })),
});
export type PatternReuse = z.infer<typeof PatternReuseSchema>;

/**
 * Newcombe (1998) method 10: the 95 % interval of p1 − p2 from each proportion's Wilson interval.
 * Reference: 56/70 vs 48/80 gives 0.2000 with (0.0524, 0.3339) (Newcombe 1998, Table II, example (a)).
 */
export function newcombeInterval(x1: number, n1: number, x2: number, n2: number): [number, number] {
  const p1 = x1 / n1;
  const p2 = x2 / n2;
  const a = wilsonInterval(x1, n1);
  const b = wilsonInterval(x2, n2);
  const d = p1 - p2;
  return [d - Math.sqrt((p1 - a.low) ** 2 + (b.high - p2) ** 2), d + Math.sqrt((a.high - p1) ** 2 + (p2 - b.low) ** 2)];
}

const sameSituation = (c: CallFacts, p: Pattern) => c.opening !== undefined && c.opening.intent === p.intent && c.opening.situation === p.trigger;

export function patternEffects(patterns: readonly Pattern[], calls: readonly CallFacts[]): PatternEffect[] {
  return patterns.map((p) => {
    let usedN = 0;
    let usedX = 0;
    let otherN = 0;
    let otherX = 0;
    for (const c of calls) {
      if (!sameSituation(c, p) || c.success === undefined) continue;
      if (c.opening!.move === p.strategy) {
        usedN++;
        if (c.success) usedX++;
      } else {
        otherN++;
        if (c.success) otherX++;
      }
    }
    const both = usedN > 0 && otherN > 0;
    return {
      patternId: p.id,
      intent: p.intent,
      situation: p.trigger,
      move: p.strategy,
      used: { calls: usedN, successRate: usedN ? usedX / usedN : null },
      notUsed: { calls: otherN, successRate: otherN ? otherX / otherN : null },
      lift: both ? usedX / usedN - otherX / otherN : null,
      liftInterval: both ? newcombeInterval(usedX, usedN, otherX, otherN) : null,
    };
  });
}

/** Reuse of the positive patterns' moves, overall and per month (UTC, by call start). */
export function patternReuse(patterns: readonly Pattern[], calls: readonly CallFacts[]): PatternReuse {
  const good = new Map<string, Set<string>>();
  for (const p of patterns) {
    if (p.lift <= 0) continue;
    const key = `${p.intent}\u0000${p.trigger}`;
    good.set(key, (good.get(key) ?? new Set()).add(p.strategy));
  }
  const months = new Map<string, { eligible: number; reused: number }>();
  let eligible = 0;
  let reused = 0;
  for (const c of calls) {
    if (!c.opening) continue;
    const moves = good.get(`${c.opening.intent}\u0000${c.opening.situation}`);
    if (!moves) continue;
    const m = monthKeyOf(c.startedAt);
    const row = months.get(m) ?? { eligible: 0, reused: 0 };
    row.eligible++;
    eligible++;
    if (moves.has(c.opening.move)) {
      row.reused++;
      reused++;
    }
    months.set(m, row);
  }
  return {
    eligibleCalls: eligible,
    reusedCalls: reused,
    reuseRate: eligible ? reused / eligible : null,
    byMonth: [...months]
      .sort((a, b) => (a[0] < b[0] ? -1 : 1))
      .map(([month, r]) => ({ month, eligibleCalls: r.eligible, reusedCalls: r.reused, reuseRate: r.eligible ? r.reused / r.eligible : null })),
  };
}
