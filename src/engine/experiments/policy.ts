import type { Experiment } from '../model';
import type { ExperimentAnalysis, VariantMetricRow } from './analysis';

export type DecisionAction = 'continue' | 'ship' | 'stop';

export interface Decision {
  action: DecisionAction;
  /** The variant to ship (action "ship"). */
  variant?: string;
  /** Plain words: what was decided and why. */
  reason: string;
  at: number;
}

/** Below this SRM p-value the split is broken and no result can be trusted (the usual industry alarm). */
export const SRM_ALARM = 0.001;

const pct = (x: number) => `${(x * 100).toFixed(1)} %`;

function effectWords(r: VariantMetricRow, kind: string): string {
  const c = r.comparison!;
  if (kind === 'binary') return `${c.absoluteLift >= 0 ? '+' : ''}${(c.absoluteLift * 100).toFixed(2)} pp (${c.relativeLift >= 0 ? '+' : ''}${pct(c.relativeLift)})`;
  return `${c.absoluteLift >= 0 ? '+' : ''}${c.absoluteLift.toPrecision(3)} (${c.relativeLift >= 0 ? '+' : ''}${pct(c.relativeLift)})`;
}

/**
 * The automatic decision, in order: a broken split or a guardrail breach stops the experiment; before
 * the minimum sample nothing is decided; a test variant whose always-valid p-value (Holm-adjusted
 * across variants) is below alpha in the good direction ships (the best such one); all variants
 * significantly worse stops; past the maximum duration it stops with no winner; else continue.
 * The always-valid p-value makes it safe to call this after every batch.
 */
export function decide(experiment: Experiment, analysis: ExperimentAnalysis, now: number): Decision {
  const p = experiment.policy;
  if (analysis.srm.pValue < SRM_ALARM) {
    const obs = experiment.variants.map((v) => `${v.name} ${analysis.unitsPerVariant[v.name]}`).join(', ');
    return { action: 'stop', at: now, reason: `Sample-ratio mismatch: units per variant (${obs}) do not match the configured split (p = ${analysis.srm.pValue.toExponential(2)}). Assignment or logging is broken; fix it before trusting any result.` };
  }
  const breach = analysis.guardrails.find((g) => g.breached);
  if (breach) return { action: 'stop', at: now, reason: `Guardrail breached: ${breach.reason}. Stopped to protect customers.` };

  const started = experiment.startedAt ?? experiment.createdAt;
  const days = (now - started) / 86_400_000;
  const overTime = days > p.maxDurationDays;
  const smallest = Math.min(...experiment.variants.map((v) => analysis.unitsPerVariant[v.name] ?? 0));
  if (smallest < p.minSamplePerVariant) {
    if (overTime) return { action: 'stop', at: now, reason: `Ran ${days.toFixed(1)} days (limit ${p.maxDurationDays}) without reaching ${p.minSamplePerVariant} units per variant (smallest has ${smallest}); stopped with no winner. Keep the control.` };
    return { action: 'continue', at: now, reason: `Collecting data: the smallest variant has ${smallest} of the ${p.minSamplePerVariant} units required before any decision.` };
  }

  const primary = analysis.primary;
  const good = primary.direction === 'higher-is-better' ? 1 : -1;
  const tests = primary.rows.filter((r) => !r.isControl && r.comparison && r.sequential);
  const winners = tests.filter((r) => r.sequential!.pValueAdjusted < p.alpha && good * r.comparison!.absoluteLift > 0);
  if (winners.length > 0) {
    const best = winners.reduce((a, b) => (good * b.comparison!.absoluteLift > good * a.comparison!.absoluteLift ? b : a));
    const [lo, hi] = best.sequential!.ci;
    return {
      action: 'ship',
      variant: best.variant,
      at: now,
      reason:
        `${best.variant} beats control on ${primary.label}: ${effectWords(best, primary.kind)}, always-valid p = ${best.sequential!.pValueAdjusted.toPrecision(3)} (Holm-adjusted) < ${p.alpha}; ` +
        `confidence sequence for the difference [${lo.toPrecision(3)}, ${hi.toPrecision(3)}]. No guardrail breached. Ship it through the staged rollout.`,
    };
  }
  const losers = tests.filter((r) => r.sequential!.pValueAdjusted < p.alpha && good * r.comparison!.absoluteLift < 0);
  if (tests.length > 0 && losers.length === tests.length) {
    return { action: 'stop', at: now, reason: `Every test variant is significantly worse than control on ${primary.label} (${losers.map((r) => `${r.variant} ${effectWords(r, primary.kind)}`).join('; ')}). Keep the control.` };
  }
  if (overTime) {
    return { action: 'stop', at: now, reason: `Ran ${days.toFixed(1)} days (limit ${p.maxDurationDays}) without a significant difference on ${primary.label}; stopped with no winner. Keep the control.` };
  }
  const best = tests.map((r) => `${r.variant} ${effectWords(r, primary.kind)}, always-valid p = ${r.sequential!.pValueAdjusted.toPrecision(3)}`).join('; ');
  return { action: 'continue', at: now, reason: `No significant difference on ${primary.label} yet (${best || 'no data'}); keep collecting.` };
}
