import type { Experiment } from '../model';
import type { ExperimentAnalysis } from './analysis';
import { analyzeExperiment } from './analysis';
import type { CallObservation } from './metrics';
import { SRM_ALARM } from './policy';

export type RolloutStep =
  | { kind: 'hold'; reason: string }
  | { kind: 'advance'; fromPercent: number; toPercent: number; toStageIndex: number; reason: string }
  | { kind: 'complete'; reason: string }
  | { kind: 'rollback'; reason: string };

/**
 * The experiment as seen inside one rollout stage: winner against the baseline (the control's
 * artifact), split percent : (100 − percent), so the same analysis and guardrails apply.
 */
export function stageView(experiment: Experiment): Experiment {
  const r = experiment.rollout;
  if (!r) throw new Error(`experiment ${experiment.id} is not rolling out`);
  const control = experiment.variants[0]!;
  const winner = experiment.variants.find((v) => v.name === r.variant)!;
  return { ...experiment, variants: [{ ...control, weight: 100 - r.percent }, { ...winner, weight: r.percent }] };
}

/**
 * The gate of the current stage, from the calls served since the stage began: a guardrail breach, a
 * significant regression of the primary metric or a broken split rolls back; too few winner units holds;
 * otherwise the rollout moves to the next stage (passing the last gate below 100 % ships to everyone).
 */
export function evaluateStage(
  experiment: Experiment,
  stageObservations: readonly CallObservation[],
  now: number,
): { step: RolloutStep; analysis?: ExperimentAnalysis } {
  const r = experiment.rollout;
  if (!r || experiment.status !== 'shipping') return { step: { kind: 'hold', reason: `experiment ${experiment.id} is not rolling out (status ${experiment.status})` } };
  const stages = experiment.policy.stages;
  const view = stageView(experiment);
  const control = view.variants[0]!.name;
  const winnerUnits = new Set(stageObservations.filter((o) => o.variant === r.variant).map((o) => o.unitId)).size;
  const baselineUnits = new Set(stageObservations.filter((o) => o.variant === control).map((o) => o.unitId)).size;
  if (winnerUnits < 2 || baselineUnits < 2) {
    return { step: { kind: 'hold', reason: `Stage ${r.percent} %: ${winnerUnits} units on ${r.variant} and ${baselineUnits} on the baseline so far; the gate needs ${experiment.policy.minSamplePerStage} on ${r.variant}.` } };
  }
  const analysis = analyzeExperiment(view, stageObservations, { now });
  const breach = analysis.guardrails.find((g) => g.breached);
  if (breach) return { analysis, step: { kind: 'rollback', reason: `Rolled back at the ${r.percent} % stage: ${breach.reason}.` } };
  const row = analysis.primary.rows.find((x) => x.variant === r.variant);
  const good = analysis.primary.direction === 'higher-is-better' ? 1 : -1;
  if (row?.comparison && row.comparison.pValue < experiment.policy.alpha && good * row.comparison.absoluteLift < 0) {
    const c = row.comparison;
    return {
      analysis,
      step: {
        kind: 'rollback',
        reason: `Rolled back at the ${r.percent} % stage: ${analysis.primary.label} of ${r.variant} is significantly worse than the baseline (${(c.relativeLift * 100).toFixed(1)} %, p = ${c.pValue.toPrecision(3)}).`,
      },
    };
  }
  if (analysis.srm.pValue < SRM_ALARM) {
    return { analysis, step: { kind: 'rollback', reason: `Rolled back at the ${r.percent} % stage: the traffic split does not match ${r.percent} % (sample-ratio mismatch, p = ${analysis.srm.pValue.toExponential(2)}), so safety cannot be verified.` } };
  }
  if (winnerUnits < experiment.policy.minSamplePerStage) {
    return { analysis, step: { kind: 'hold', reason: `Stage ${r.percent} %: ${winnerUnits} of the ${experiment.policy.minSamplePerStage} units on ${r.variant} the gate needs; guardrails fine so far.` } };
  }
  const next = r.stageIndex + 1;
  const guardWords = analysis.guardrails.length > 0 ? `guardrails held (${analysis.guardrails.map((g) => `${g.metric} ${Math.abs(g.change * 100).toFixed(1)} % ${g.change >= 0 ? 'better' : 'worse'}, limit ${(g.threshold * 100).toFixed(1)} %`).join('; ')})` : 'no regression';
  if (next >= stages.length || stages[next]! >= 100) {
    return { analysis, step: { kind: 'complete', reason: `Stage ${r.percent} % passed with ${winnerUnits} units: ${guardWords}. ${r.variant} now serves 100 % of traffic.` } };
  }
  return {
    analysis,
    step: { kind: 'advance', fromPercent: r.percent, toPercent: stages[next]!, toStageIndex: next, reason: `Stage ${r.percent} % passed with ${winnerUnits} units: ${guardWords}. Moving to ${stages[next]} %.` },
  };
}
