import type { Experiment, Guardrail } from '../model';
import { compareSummaries, differenceOf, estimateOf, sizeOf } from './compare';
import type { CallObservation, MetricDefinition, MetricSummary } from './metrics';
import { METRICS, metricDefinition, summarizeMetric } from './metrics';
import type { BayesianResult } from '../stats/bayes';
import type { CupedResult } from '../stats/cuped';
import { cuped } from '../stats/cuped';
import { bayesianBetaBinomial } from '../stats/bayes';
import type { Comparison } from '../stats/fixedHorizon';
import { holm } from '../stats/multipleTesting';
import type { SequentialState } from '../stats/sequential';
import { initialSequentialState, updateSequential } from '../stats/sequential';
import type { SrmResult } from '../stats/srm';
import { sampleRatioMismatch } from '../stats/srm';

export interface VariantMetricRow {
  variant: string;
  isControl: boolean;
  /** Calls (binary, continuous) or randomisation units (ratio) carrying the metric. */
  n: number;
  estimate: number;
  summary: MetricSummary;
  /** Against control; absent on the control row. */
  comparison?: Comparison;
  /** Holm-adjusted fixed-horizon p-value across the test variants. */
  pValueAdjusted?: number;
  /** Always-valid (mSPRT) p-value and confidence sequence over the checkpoints. */
  sequential?: SequentialState & { pValueAdjusted: number };
  bayes?: BayesianResult;
  /** CUPED-adjusted comparison (continuous metrics whose calls carry a pre-period covariate). */
  cuped?: CupedResult;
}

export interface MetricAnalysis {
  metric: string;
  label: string;
  kind: MetricDefinition['kind'];
  direction: MetricDefinition['direction'];
  rows: VariantMetricRow[];
}

export interface GuardrailCheck {
  variant: string;
  metric: string;
  /** Relative change signed so that negative is worse, whatever the metric's direction. */
  change: number;
  ci: [number, number];
  threshold: number;
  breached: boolean;
  reason: string;
}

export interface CumulativePoint {
  ts: number;
  variant: string;
  n: number;
  lift: number;
  /** Always-valid confidence sequence for the absolute lift at this checkpoint (running intersection). */
  low: number;
  high: number;
  pValue: number;
}

export interface ExperimentAnalysis {
  experimentId: string;
  at: number;
  alpha: number;
  unitsPerVariant: Record<string, number>;
  srm: SrmResult;
  primary: MetricAnalysis;
  metrics: MetricAnalysis[];
  guardrails: GuardrailCheck[];
  cumulative: CumulativePoint[];
  /** τ used for the primary metric's mSPRT per test variant. */
  mixingSd: number;
}

const CHECKPOINTS = 40;

function groupByVariant(experiment: Experiment, observations: readonly CallObservation[]): Map<string, CallObservation[]> {
  const m = new Map<string, CallObservation[]>(experiment.variants.map((v) => [v.name, []]));
  for (const o of observations) m.get(o.variant)?.push(o);
  return m;
}

/** The mixing sd: the policy's, else 10 % of the control estimate (never 0). */
export function mixingSdFor(experiment: Experiment, controlEstimate: number): number {
  return experiment.policy.mixingSd ?? Math.max(Math.abs(controlEstimate) * 0.1, 1e-6);
}

/**
 * Analyses one metric: fixed-horizon comparisons with Holm across the test variants, the Bayesian
 * view for binary metrics, and (when `sequential` is given) the always-valid p-values.
 */
export function analyzeMetric(
  experiment: Experiment,
  def: MetricDefinition,
  byVariant: Map<string, CallObservation[]>,
  alpha: number,
): MetricAnalysis {
  const control = experiment.variants[0]!.name;
  const rows: VariantMetricRow[] = [];
  for (const v of experiment.variants) {
    const summary = summarizeMetric(def, byVariant.get(v.name) ?? []);
    if (!summary) continue;
    rows.push({ variant: v.name, isControl: v.name === control, n: sizeOf(summary), estimate: estimateOf(summary), summary });
  }
  const c = rows.find((r) => r.isControl);
  if (c) {
    const tests = rows.filter((r) => !r.isControl);
    for (const r of tests) {
      r.comparison = compareSummaries(c.summary, r.summary, alpha);
      if (c.summary.kind === 'binary' && r.summary.kind === 'binary') r.bayes = bayesianBetaBinomial(c.summary.summary, r.summary.summary);
    }
    const adj = holm(tests.map((r) => r.comparison!.pValue));
    tests.forEach((r, i) => (r.pValueAdjusted = adj[i]));
    if (def.kind === 'continuous') {
      for (const r of tests) {
        const arms = [c, r].map((row) => withCovariate(def, byVariant.get(row.variant) ?? []));
        if (arms.every((a) => a.y.length >= 2)) r.cuped = cuped(arms[0]!, arms[1]!, alpha);
      }
    }
  }
  return { metric: def.name, label: def.label, kind: def.kind, direction: def.direction, rows };
}

/**
 * The (metric, covariate) pairs of calls that carry this metric's pre-period value. CUPED runs only when
 * at least 80 % of a variant's calls have one, so a few stray covariates cannot select a biased subset.
 */
function withCovariate(def: MetricDefinition, calls: readonly CallObservation[]): { y: number[]; x: number[] } {
  const y: number[] = [];
  const x: number[] = [];
  let withMetric = 0;
  for (const o of calls) {
    const v = def.value(o);
    if (v === undefined || !Number.isFinite(v)) continue;
    withMetric++;
    const pre = o.pre?.[def.name];
    if (pre === undefined) continue;
    y.push(v);
    x.push(pre);
  }
  return y.length >= 0.8 * withMetric ? { y, x } : { y: [], x: [] };
}

/** Guardrails: breached when the change is worse than the threshold AND significantly worse than control. */
export function checkGuardrails(guardrails: readonly Guardrail[], metrics: readonly MetricAnalysis[]): GuardrailCheck[] {
  const out: GuardrailCheck[] = [];
  for (const g of guardrails) {
    const m = metrics.find((x) => x.metric === g.metric);
    if (!m) continue;
    const sign = g.direction === 'lower-is-better' ? -1 : 1;
    for (const r of m.rows) {
      if (r.isControl || !r.comparison || Number.isNaN(r.comparison.relativeLift)) continue;
      const change = sign * r.comparison.relativeLift;
      const [lo, hi] = r.comparison.relativeCi;
      const ci: [number, number] = sign > 0 ? [lo, hi] : [-hi, -lo];
      const breached = change < g.maxRelativeDegradation && ci[1] < 0;
      const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
      const worse = g.direction === 'lower-is-better' ? 'higher' : 'lower';
      const reason = breached
        ? `${m.label} of ${r.variant} is ${pct(Math.abs(r.comparison.relativeLift))} ${worse} than control (95 % CI of the harm ${pct(-ci[1])} to ${pct(-ci[0])}), beyond the ${pct(-g.maxRelativeDegradation)} the guardrail allows`
        : `${m.label} of ${r.variant}: change ${change >= 0 ? '+' : ''}${pct(change)} (worst tolerated ${pct(g.maxRelativeDegradation)}), no significant breach`;
      out.push({ variant: r.variant, metric: g.metric, change, ci, threshold: g.maxRelativeDegradation, breached, reason });
    }
  }
  return out;
}

/**
 * Cumulative lift of the primary metric over time with the always-valid confidence sequence, and the
 * final sequential state per test variant. Checkpoints are every 1/40 of the observations in time order;
 * the mSPRT is valid at any set of looks, so the running minimum p over them stays valid.
 */
export function sequentialTimeline(
  experiment: Experiment,
  def: MetricDefinition,
  observations: readonly CallObservation[],
  alpha: number,
): { points: CumulativePoint[]; states: Map<string, SequentialState>; mixingSd: number } {
  const sorted = [...observations].sort((a, b) => a.ts - b.ts);
  const control = experiment.variants[0]!.name;
  const tests = experiment.variants.slice(1).map((v) => v.name);
  const states = new Map<string, SequentialState>(tests.map((t) => [t, initialSequentialState()]));
  const points: CumulativePoint[] = [];
  const step = Math.max(1, Math.ceil(sorted.length / CHECKPOINTS));
  const finalControl = summarizeMetric(def, sorted.filter((o) => o.variant === control));
  const mixingSd = mixingSdFor(experiment, finalControl ? estimateOf(finalControl) : 0);
  const tau2 = mixingSd ** 2;
  for (let end = step; end < sorted.length + step; end += step) {
    const upto = sorted.slice(0, Math.min(end, sorted.length));
    const ts = upto[upto.length - 1]!.ts;
    const byVariant = groupByVariant(experiment, upto);
    const c = summarizeMetric(def, byVariant.get(control) ?? []);
    if (!c) continue;
    for (const t of tests) {
      const s = summarizeMetric(def, byVariant.get(t) ?? []);
      if (!s || sizeOf(s) < 2 || sizeOf(c) < 2) continue;
      const d = differenceOf(c, s);
      if (!Number.isFinite(d.variance)) continue;
      const next = updateSequential(states.get(t)!, d.estimate, d.variance, { tau2, alpha });
      states.set(t, next);
      points.push({ ts, variant: t, n: sizeOf(c) + sizeOf(s), lift: d.estimate, low: next.ci[0], high: next.ci[1], pValue: next.pValue });
    }
  }
  return { points, states, mixingSd };
}

export interface AnalyzeOptions {
  /** Distinct exposed units per variant (from the exposure log); defaults to units seen in observations. */
  exposures?: Record<string, number>;
  now: number;
}

/** Everything the policy, the CLI and the webview need about a running experiment. */
export function analyzeExperiment(experiment: Experiment, observations: readonly CallObservation[], options: AnalyzeOptions): ExperimentAnalysis {
  const alpha = experiment.policy.alpha;
  const byVariant = groupByVariant(experiment, observations);
  const primaryDef = metricDefinition(experiment.primaryMetric);
  const wanted = new Set([experiment.primaryMetric, ...experiment.guardrails.map((g) => g.metric), ...Object.keys(METRICS)]);
  const metrics = [...wanted].map((name) => analyzeMetric(experiment, metricDefinition(name), byVariant, alpha)).filter((m) => m.rows.length > 0);
  const primary = metrics.find((m) => m.metric === primaryDef.name) ?? analyzeMetric(experiment, primaryDef, byVariant, alpha);

  const timeline = sequentialTimeline(experiment, primaryDef, observations, alpha);
  const testRows = primary.rows.filter((r) => !r.isControl && timeline.states.has(r.variant));
  const seqAdj = holm(testRows.map((r) => timeline.states.get(r.variant)!.pValue));
  testRows.forEach((r, i) => (r.sequential = { ...timeline.states.get(r.variant)!, pValueAdjusted: seqAdj[i]! }));

  const unitsPerVariant: Record<string, number> = {};
  for (const v of experiment.variants) {
    unitsPerVariant[v.name] = options.exposures?.[v.name] ?? new Set((byVariant.get(v.name) ?? []).map((o) => o.unitId)).size;
  }
  const srm = sampleRatioMismatch(
    experiment.variants.map((v) => unitsPerVariant[v.name]!),
    experiment.variants.map((v) => v.weight),
  );
  return {
    experimentId: experiment.id,
    at: options.now,
    alpha,
    unitsPerVariant,
    srm,
    primary,
    metrics,
    guardrails: checkGuardrails(experiment.guardrails, metrics),
    cumulative: timeline.points,
    mixingSd: timeline.mixingSd,
  };
}
