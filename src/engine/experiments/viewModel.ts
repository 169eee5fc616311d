import { z } from 'zod';
import { wilsonInterval } from '../../shared/stats';
import { ExperimentViewSchema } from '../../shared/viewModels';
import type { Experiment } from '../model';
import type { JournalEntry } from '../store/learningStore';
import type { ExperimentAnalysis, VariantMetricRow } from './analysis';
import { ratioEstimate } from '../stats/ratio';
import { normalQuantile, tQuantile } from '../stats/distributions';

const finite = z.number().refine(Number.isFinite, 'must be finite');

/**
 * Everything the Experiment Statistics webview shows. It extends the shared `ExperimentViewSchema`
 * (src/shared/viewModels.ts, what the webview renders today), so the webview can take it as is and
 * grow into the extra fields: every metric, guardrails, per-variant cumulative series with their
 * confidence sequences, the decision, and the rollout timeline from the journal.
 */
export const ExperimentStatisticsViewSchema = ExperimentViewSchema.extend({
  alpha: z.number(),
  mixingSd: z.number(),
  decision: z.object({ action: z.string(), reason: z.string(), ts: z.number() }).nullable(),
  metrics: z.array(
    z.object({
      metric: z.string(),
      label: z.string(),
      kind: z.enum(['binary', 'continuous', 'ratio']),
      direction: z.enum(['higher-is-better', 'lower-is-better']),
      rows: z.array(
        z.object({
          variant: z.string(),
          isControl: z.boolean(),
          n: z.number().int().nonnegative(),
          estimate: finite,
          ci: z.tuple([finite, finite]),
          absoluteLift: z.number().optional(),
          absoluteCi: z.tuple([z.number(), z.number()]).optional(),
          relativeLift: z.number().optional(),
          relativeCi: z.tuple([z.number(), z.number()]).optional(),
          pValue: z.number().min(0).max(1).optional(),
          pValueAdjusted: z.number().min(0).max(1).optional(),
          alwaysValidPValue: z.number().min(0).max(1).optional(),
          chanceToBeatControl: z.number().min(0).max(1).optional(),
          expectedLoss: z.number().optional(),
          /** CUPED-adjusted absolute lift, its interval and p-value, with the share of variance removed. */
          cuped: z.object({ lift: z.number(), ci: z.tuple([z.number(), z.number()]), pValue: z.number().min(0).max(1), varianceReduction: z.number() }).optional(),
        }),
      ),
    }),
  ),
  guardrails: z.array(z.object({ variant: z.string(), metric: z.string(), change: z.number(), ci: z.tuple([z.number(), z.number()]), threshold: z.number(), breached: z.boolean(), reason: z.string() })),
  /** Cumulative absolute lift of the primary metric per test variant, with the always-valid confidence sequence. */
  cumulativeByVariant: z.array(z.object({ variant: z.string(), points: z.array(z.object({ ts: z.number(), n: z.number(), lift: finite, low: finite, high: finite, pValue: z.number() })) })),
  /** Every decision and transition, oldest first, in plain words. */
  timeline: z.array(z.object({ ts: z.number(), kind: z.string(), percent: z.number().nullable(), reason: z.string() })),
});
export type ExperimentStatisticsView = z.output<typeof ExperimentStatisticsViewSchema>;

/** The interval of one arm's own estimate: Wilson (binary), t (continuous), delta-method normal (ratio). */
function armInterval(r: VariantMetricRow, alpha: number): [number, number] {
  const s = r.summary;
  if (s.kind === 'binary') {
    const w = wilsonInterval(s.summary.conversions, s.summary.users, normalQuantile(1 - alpha / 2));
    return [w.low, w.high];
  }
  if (s.kind === 'continuous') {
    const h = tQuantile(1 - alpha / 2, s.summary.n - 1) * (s.summary.sd / Math.sqrt(s.summary.n));
    return [s.summary.mean - h, s.summary.mean + h];
  }
  const e = ratioEstimate(s.summary);
  const h = normalQuantile(1 - alpha / 2) * Math.sqrt(e.variance);
  return [e.ratio - h, e.ratio + h];
}

const STAGE_EVENTS = new Set(['created', 'started', 'decision', 'stopped', 'rollout.started', 'rollout.advanced', 'rollout.completed', 'rollout.rolled-back', 'killed']);

/** Builds (and validates) the webview data for one experiment from its analysis and journal. */
export function buildExperimentView(experiment: Experiment, analysis: ExperimentAnalysis, history: readonly JournalEntry[]): ExperimentStatisticsView {
  const alpha = analysis.alpha;
  const primary = analysis.primary;
  const good = primary.direction === 'higher-is-better' ? 1 : -1;
  const variants = experiment.variants.map((v, i) => {
    const row = primary.rows.find((r) => r.variant === v.name);
    const exposures = analysis.unitsPerVariant[v.name] ?? 0;
    if (!row) return { name: v.name, isControl: i === 0, exposures, conversions: 0, rate: 0, ciLow: 0, ciHigh: 0 };
    const [lo, hi] = armInterval(row, alpha);
    const conversions = row.summary.kind === 'binary' ? row.summary.summary.conversions : Math.max(0, row.estimate * row.n);
    const base = { name: v.name, isControl: row.isControl, exposures, conversions, rate: row.estimate, ciLow: lo, ciHigh: hi };
    if (!row.comparison) return base;
    const c = row.comparison;
    return {
      ...base,
      lift: c.absoluteLift,
      liftLow: c.absoluteCi[0],
      liftHigh: c.absoluteCi[1],
      pValue: row.sequential?.pValueAdjusted ?? row.pValueAdjusted,
    };
  });

  const tests = primary.rows.filter((r) => !r.isControl && r.sequential && r.comparison);
  const minUnits = Math.min(...experiment.variants.map((v) => analysis.unitsPerVariant[v.name] ?? 0));
  const best = tests.reduce<VariantMetricRow | undefined>((a, b) => (!a || b.sequential!.pValueAdjusted < a.sequential!.pValueAdjusted ? b : a), undefined);
  let verdict: ExperimentStatisticsView['verdict'];
  if (!best || minUnits < experiment.policy.minSamplePerVariant) {
    verdict = { kind: 'insufficient-data', summary: `${minUnits} of ${experiment.policy.minSamplePerVariant} units in the smallest variant.`, alpha };
  } else {
    const p = best.sequential!.pValueAdjusted;
    const dir = good * best.comparison!.absoluteLift;
    const kind = p < alpha ? (dir > 0 ? 'significant-win' : 'significant-loss') : 'not-significant';
    const words = { 'significant-win': 'beats', 'significant-loss': 'loses to', 'not-significant': 'is not distinguishable from' }[kind];
    verdict = { kind, summary: `${best.variant} ${words} control on ${primary.label} (always-valid p = ${p.toPrecision(3)}, Holm-adjusted).`, pValue: p, alpha };
  }

  const finitePoints = analysis.cumulative.filter((p) => Number.isFinite(p.low) && Number.isFinite(p.high) && Number.isFinite(p.lift));
  const firstTest = experiment.variants[1]!.name;
  const decisions = history.filter((h) => h.kind === 'decision');
  const last = decisions[decisions.length - 1];
  const lastPayload = last?.payload as { action?: string; reason?: string } | undefined;

  return ExperimentStatisticsViewSchema.parse({
    id: experiment.id,
    name: experiment.name,
    status: experiment.status,
    primaryMetric: primary.label,
    liftKind: 'absolute',
    variants,
    verdict,
    srm: {
      ok: analysis.srm.pValue >= 0.001,
      pValue: analysis.srm.pValue,
      expectedShares: experiment.variants.map((v) => v.weight / experiment.variants.reduce((s, x) => s + x.weight, 0)),
      observedCounts: experiment.variants.map((v) => analysis.unitsPerVariant[v.name] ?? 0),
    },
    cumulative: finitePoints.filter((p) => p.variant === firstTest).map((p) => ({ ts: p.ts, lift: p.lift, low: p.low, high: p.high })),
    ...(experiment.rollout ? { rollout: { stage: `${experiment.rollout.variant} at ${experiment.rollout.percent} %`, percent: experiment.rollout.percent } } : {}),
    alpha,
    mixingSd: analysis.mixingSd,
    decision: last && lastPayload ? { action: lastPayload.action ?? 'unknown', reason: lastPayload.reason ?? '', ts: last.ts } : null,
    metrics: analysis.metrics.map((m) => ({
      metric: m.metric,
      label: m.label,
      kind: m.kind,
      direction: m.direction,
      rows: m.rows.map((r) => ({
        variant: r.variant,
        isControl: r.isControl,
        n: r.n,
        estimate: r.estimate,
        ci: armInterval(r, alpha),
        ...(r.comparison
          ? {
              absoluteLift: r.comparison.absoluteLift,
              absoluteCi: r.comparison.absoluteCi,
              ...(Number.isFinite(r.comparison.relativeLift) ? { relativeLift: r.comparison.relativeLift, relativeCi: r.comparison.relativeCi } : {}),
              pValue: r.comparison.pValue,
              pValueAdjusted: r.pValueAdjusted,
            }
          : {}),
        ...(r.sequential ? { alwaysValidPValue: r.sequential.pValueAdjusted } : {}),
        ...(r.cuped
          ? { cuped: { lift: r.cuped.comparison.absoluteLift, ci: r.cuped.comparison.absoluteCi, pValue: r.cuped.comparison.pValue, varianceReduction: r.cuped.varianceReduction } }
          : {}),
        ...(r.bayes
          ? { chanceToBeatControl: m.direction === 'higher-is-better' ? r.bayes.chanceToBeatControl : 1 - r.bayes.chanceToBeatControl, expectedLoss: m.direction === 'higher-is-better' ? r.bayes.expectedLossTreatment : r.bayes.expectedLossControl }
          : {}),
      })),
    })),
    guardrails: analysis.guardrails,
    cumulativeByVariant: experiment.variants.slice(1).map((v) => ({
      variant: v.name,
      points: finitePoints.filter((p) => p.variant === v.name).map((p) => ({ ts: p.ts, n: p.n, lift: p.lift, low: p.low, high: p.high, pValue: p.pValue })),
    })),
    timeline: history
      .filter((h) => STAGE_EVENTS.has(h.kind) && !(h.kind === 'decision' && (h.payload as { action?: string }).action === 'continue'))
      .map((h) => {
        const p = h.payload as { reason?: string; percent?: number | null; toPercent?: number };
        return { ts: h.ts, kind: h.kind, percent: p.toPercent ?? p.percent ?? null, reason: p.reason ?? '' };
      }),
  });
}
