import { z } from 'zod';
import type { Conversation } from '../model';
import type { BinarySummary, ContinuousSummary } from '../stats/fixedHorizon';
import type { RatioSummary } from '../stats/ratio';

/**
 * One call handled under an experiment: what the statistics are computed from. `unitId` is the
 * randomisation unit (the call, the caller or the agent, per experiment).
 */
export const CallObservationSchema = z.object({
  callId: z.string().min(1),
  unitId: z.string().min(1),
  variant: z.string().min(1),
  ts: z.number(),
  resolved: z.boolean().optional(),
  escalated: z.boolean().optional(),
  /** The call hit an error the agent had already made before (a known fingerprint). */
  repeatError: z.boolean().optional(),
  handleTimeSec: z.number().nonnegative().optional(),
  csat: z.number().min(1).max(5).optional(),
  /**
   * Pre-period values of continuous metrics for this unit (e.g. the caller's mean handle time in the
   * weeks before the experiment), keyed by metric name: the CUPED covariates.
   */
  pre: z.record(z.string(), z.number().finite()).optional(),
});
export type CallObservation = z.output<typeof CallObservationSchema>;

export type MetricKind = 'binary' | 'continuous' | 'ratio';
export type MetricDirection = 'higher-is-better' | 'lower-is-better';

export interface MetricDefinition {
  name: string;
  label: string;
  kind: MetricKind;
  direction: MetricDirection;
  /** binary: 1/0 per call; continuous: the value per call; ratio: the numerator per call (summed per unit). */
  value: (o: CallObservation) => number | undefined;
  /** ratio only: the denominator per call (summed per unit). */
  denominator?: (o: CallObservation) => number | undefined;
}

const flag = (b: boolean | undefined): number | undefined => (b === undefined ? undefined : b ? 1 : 0);

/** The metrics Kaizen computes per variant. Binary and continuous metrics treat each call as a unit. */
export const METRICS: Readonly<Record<string, MetricDefinition>> = {
  resolution: { name: 'resolution', label: 'Resolution rate', kind: 'binary', direction: 'higher-is-better', value: (o) => flag(o.resolved) },
  escalation: { name: 'escalation', label: 'Escalation rate', kind: 'binary', direction: 'lower-is-better', value: (o) => flag(o.escalated) },
  repeatError: { name: 'repeatError', label: 'Repeat-error rate', kind: 'binary', direction: 'lower-is-better', value: (o) => flag(o.repeatError) },
  handleTime: { name: 'handleTime', label: 'Handle time (s)', kind: 'continuous', direction: 'lower-is-better', value: (o) => o.handleTimeSec },
  csat: { name: 'csat', label: 'CSAT (1–5)', kind: 'continuous', direction: 'higher-is-better', value: (o) => o.csat },
  // Per randomisation unit: Σ resolved calls / Σ calls. With unit = caller, callers are independent and calls are not.
  resolutionPerCall: {
    name: 'resolutionPerCall',
    label: 'Resolutions per call (per unit)',
    kind: 'ratio',
    direction: 'higher-is-better',
    value: (o) => flag(o.resolved),
    denominator: (o) => (o.resolved === undefined ? undefined : 1),
  },
};

export function metricDefinition(name: string): MetricDefinition {
  const m = METRICS[name];
  if (!m) throw new Error(`unknown metric "${name}"; known metrics: ${Object.keys(METRICS).join(', ')}`);
  return m;
}

export type MetricSummary =
  | { kind: 'binary'; summary: BinarySummary }
  | { kind: 'continuous'; summary: ContinuousSummary }
  | { kind: 'ratio'; summary: RatioSummary };

/** Summarises one metric over one variant's observations; `undefined` when no call carries the metric. */
export function summarizeMetric(def: MetricDefinition, observations: readonly CallObservation[]): MetricSummary | undefined {
  if (def.kind === 'ratio') {
    const units = new Map<string, { num: number; den: number }>();
    for (const o of observations) {
      const num = def.value(o);
      const den = def.denominator?.(o);
      if (num === undefined || den === undefined) continue;
      const u = units.get(o.unitId) ?? { num: 0, den: 0 };
      u.num += num;
      u.den += den;
      units.set(o.unitId, u);
    }
    if (units.size < 2) return undefined;
    let sn = 0;
    let sd = 0;
    for (const u of units.values()) {
      sn += u.num;
      sd += u.den;
    }
    const n = units.size;
    const mn = sn / n;
    const md = sd / n;
    let vn = 0;
    let vd = 0;
    let cov = 0;
    for (const u of units.values()) {
      vn += (u.num - mn) ** 2;
      vd += (u.den - md) ** 2;
      cov += (u.num - mn) * (u.den - md);
    }
    return { kind: 'ratio', summary: { n, meanNumerator: mn, meanDenominator: md, varNumerator: vn / (n - 1), varDenominator: vd / (n - 1), covariance: cov / (n - 1) } };
  }
  // Welford's update keeps the variance accurate for long runs.
  let n = 0;
  let mean = 0;
  let m2 = 0;
  let ones = 0;
  for (const o of observations) {
    const v = def.value(o);
    if (v === undefined || !Number.isFinite(v)) continue;
    n++;
    if (v === 1) ones++;
    const d = v - mean;
    mean += d / n;
    m2 += d * (v - mean);
  }
  if (n === 0) return undefined;
  if (def.kind === 'binary') return { kind: 'binary', summary: { users: n, conversions: ones } };
  if (n < 2) return undefined;
  return { kind: 'continuous', summary: { n, mean, sd: Math.sqrt(m2 / (n - 1)) } };
}

/**
 * Reads what a stored call says about the metrics. `isRepeatError` decides whether an error in the call
 * is one the agent made before (the errors stage knows the fingerprints); without it the field is left out.
 */
export function observationFromConversation(
  conversation: Conversation,
  variant: string,
  unitId: string,
  isRepeatError?: (c: Conversation) => boolean,
): CallObservation {
  const o = conversation.outcome;
  const obs: CallObservation = { callId: conversation.callId, unitId, variant, ts: conversation.startedAt };
  if (o?.resolved !== undefined) obs.resolved = o.resolved;
  if (o?.escalated !== undefined || o?.transferred !== undefined) obs.escalated = Boolean(o?.escalated || o?.transferred);
  if (o?.csat !== undefined) obs.csat = o.csat;
  const durationMs = o?.durationMs ?? (conversation.endedAt !== undefined ? conversation.endedAt - conversation.startedAt : undefined);
  if (durationMs !== undefined) obs.handleTimeSec = durationMs / 1000;
  if (isRepeatError) obs.repeatError = isRepeatError(conversation);
  return obs;
}
