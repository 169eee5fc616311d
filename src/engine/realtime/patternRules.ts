import type { Pattern } from '../model';
import type { CorrectionRule } from './rules';

export interface PatternRuleOptions {
  /** A pattern counts when its BH-adjusted lift p-value is below this (the analysis' own bar). Default 0.05. */
  alpha?: number;
  /** And when it rests on at least this many calls. Default 20 (smaller cells are "small samples"). */
  minSupport?: number;
}

const pct = (x: number) => `${Math.round(x * 100)}%`;
const pts = (x: number) => `${x >= 0 ? '+' : '−'}${Math.abs(Math.round(x * 100))} pts`;
const q = (p: number) => (p < 0.001 ? 'q < 0.001' : `q = ${p.toFixed(3)}`);

/**
 * Corrections from the analysis' learned patterns: when a live call's opening (intent, situation, move)
 * falls in a cell the store found significantly worse than the situation's other moves, the agent is told
 * at the move, citing the pattern (`ruleId` = `pattern:<id>`), and pointed at the significantly better
 * move of the same situation when there is one. When the move taken is not itself significant but a
 * significantly better one exists for the situation, that one is suggested (citing it).
 *
 * The live call is labelled by `LiveCallContextTracker` with the analysis' own labelling, so a cell here
 * is the same cell the pattern counted. One rule per (intent, situation): it fires once per call.
 */
export function patternRules(patterns: readonly Pattern[], options: PatternRuleOptions = {}): CorrectionRule[] {
  const alpha = options.alpha ?? 0.05;
  const minSupport = options.minSupport ?? 20;
  const significant = patterns.filter((p) => p.liftPValue < alpha && p.support >= minSupport && p.lift !== 0);
  const bySituation = new Map<string, Pattern[]>();
  for (const p of significant) {
    const key = `${p.intent}\u0000${p.trigger}`;
    const list = bySituation.get(key) ?? [];
    list.push(p);
    bySituation.set(key, list);
  }
  const rules: CorrectionRule[] = [];
  for (const cells of bySituation.values()) {
    const { intent, trigger } = cells[0]!;
    const byMove = new Map(cells.map((p) => [p.strategy, p]));
    // The best significantly positive move of the situation (highest lower bound, then lift).
    const best = cells.filter((p) => p.lift > 0).sort((a, b) => b.confidence.low - a.confidence.low || b.lift - a.lift)[0];
    rules.push({
      id: `pattern:${intent}|${trigger}`,
      source: 'pattern',
      mode: 'silent',
      evaluate(event, call) {
        const ctx = call.context;
        if (!ctx || ctx.moveEventId !== event.eventId || ctx.intent !== intent || ctx.situation !== trigger || ctx.move === undefined) return undefined;
        const taken = byMove.get(ctx.move);
        if (taken && taken.lift > 0) return undefined; // the move already is a learned good one
        const better = best && best.strategy !== ctx.move ? best : undefined;
        const suggestion = better
          ? `"${better.strategy}" works better here: ${pct(better.successRate)} success over ${better.support} calls (lift ${pts(better.lift)}, ${q(better.liftPValue)}).`
          : undefined;
        if (taken) {
          return {
            text: `Learned pattern ${taken.id}: in "${trigger}" (${intent}), answering with "${taken.strategy}" succeeded in ${pct(taken.successRate)} of ${taken.support} calls (lift ${pts(taken.lift)}, ${q(taken.liftPValue)}).${suggestion ? ` ${suggestion}` : ' Try another approach.'}`,
            stopsTool: false,
            ruleId: `pattern:${taken.id}`,
          };
        }
        if (!better) return undefined;
        return { text: `Learned pattern ${better.id}: in "${trigger}" (${intent}), ${suggestion}`, stopsTool: false, ruleId: `pattern:${better.id}` };
      },
    });
  }
  return rules;
}
