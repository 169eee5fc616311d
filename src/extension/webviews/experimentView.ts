import type { ExperimentAnalysis } from '../../engine/experiments/analysis';
import type { Decision } from '../../engine/experiments/policy';
import { SRM_ALARM } from '../../engine/experiments/policy';
import type { MetricSummary } from '../../engine/experiments/metrics';
import type { Experiment } from '../../engine/model';
import { Z95, wilsonInterval } from '../../shared/stats';
import type { ExperimentViewInput } from '../../shared/viewModels';

/** A variant's own 95 % interval: Wilson for a rate, normal for a mean or a (delta-method) ratio. */
function ownInterval(s: MetricSummary): { rate: number; low: number; high: number; exposures: number; conversions: number } {
  if (s.kind === 'binary') {
    const ci = wilsonInterval(s.summary.conversions, s.summary.users);
    return { rate: ci.rate, low: ci.low, high: ci.high, exposures: s.summary.users, conversions: s.summary.conversions };
  }
  if (s.kind === 'continuous') {
    const { n, mean, sd } = s.summary;
    const half = n > 1 ? (Z95 * sd) / Math.sqrt(n) : Infinity;
    return { rate: mean, low: mean - half, high: mean + half, exposures: n, conversions: mean * n };
  }
  const r = s.summary;
  const ratio = r.meanNumerator / r.meanDenominator;
  const v = (r.varNumerator - 2 * ratio * r.covariance + ratio * ratio * r.varDenominator) / (r.meanDenominator * r.meanDenominator * r.n);
  const half = Z95 * Math.sqrt(Math.max(0, v));
  return { rate: ratio, low: ratio - half, high: ratio + half, exposures: r.n, conversions: r.meanNumerator * r.n };
}

/** The engine's experiment analysis and decision → the Experiment Statistics view model. */
export function experimentView(e: Experiment, a: ExperimentAnalysis, decision: Decision | undefined): ExperimentViewInput {
  const rows = a.primary.rows;
  const variants = rows.map((r) => {
    const own = ownInterval(r.summary);
    const c = r.comparison;
    return {
      name: r.variant,
      isControl: r.isControl,
      exposures: Math.round(own.exposures),
      conversions: Math.max(0, own.conversions),
      rate: own.rate,
      ciLow: own.low,
      ciHigh: own.high,
      ...(c ? { lift: c.absoluteLift, liftLow: c.absoluteCi[0], liftHigh: c.absoluteCi[1], pValue: r.sequential?.pValueAdjusted ?? r.pValueAdjusted ?? c.pValue } : {}),
    };
  });
  const tests = variants.filter((v) => !v.isControl && v.pValue !== undefined);
  const best = tests.sort((x, y) => (x.pValue ?? 1) - (y.pValue ?? 1))[0];
  const significant = best !== undefined && best.pValue! < a.alpha;
  const higherBetter = a.primary.direction === 'higher-is-better';
  const kind: ExperimentViewInput['verdict']['kind'] =
    rows.some((r) => r.n < 2) || !best ? 'insufficient-data' : !significant ? 'not-significant' : (best.lift! > 0) === higherBetter ? 'significant-win' : 'significant-loss';
  const weightSum = e.variants.reduce((s, v) => s + v.weight, 0);
  const stageIndex = e.rollout?.stageIndex;
  const stages = e.policy.stages;
  return {
    id: e.id,
    name: e.name,
    status: e.status,
    primaryMetric: a.primary.label,
    liftKind: 'absolute',
    variants,
    verdict: {
      kind,
      summary: decision?.reason ?? (best ? `${best.name} vs control: ${((best.lift ?? 0) * 100).toFixed(2)} pp` : 'not enough data yet'),
      ...(best?.pValue !== undefined ? { pValue: best.pValue } : {}),
      alpha: a.alpha,
    },
    srm: {
      ok: a.srm.pValue >= SRM_ALARM,
      pValue: a.srm.pValue,
      expectedShares: e.variants.map((v) => v.weight / weightSum),
      observedCounts: e.variants.map((v) => a.unitsPerVariant[v.name] ?? 0),
    },
    cumulative: a.cumulative
      .filter((p) => p.variant === (best?.name ?? p.variant))
      .map((p) => ({ ts: p.ts, lift: p.lift, low: Number.isFinite(p.low) ? p.low : -1, high: Number.isFinite(p.high) ? p.high : 1 })),
    ...(stageIndex !== undefined && stages[stageIndex] !== undefined ? { rollout: { stage: `stage ${stageIndex + 1} of ${stages.length}`, percent: stages[stageIndex] } } : {}),
  };
}
