import type { MetricSummary } from './metrics';
import type { Comparison } from '../stats/fixedHorizon';
import { twoProportionZTest, welchTTest } from '../stats/fixedHorizon';
import { ratioEstimate, ratioTest } from '../stats/ratio';
import { binaryDifference, meanDifference } from '../stats/sequential';

/** The fixed-horizon test that fits the metric: pooled z (binary), Welch (continuous), delta-method z (ratio). */
export function compareSummaries(control: MetricSummary, treatment: MetricSummary, alpha: number): Comparison {
  if (control.kind === 'binary' && treatment.kind === 'binary') return twoProportionZTest(control.summary, treatment.summary, alpha);
  if (control.kind === 'continuous' && treatment.kind === 'continuous') return welchTTest(control.summary, treatment.summary, alpha);
  if (control.kind === 'ratio' && treatment.kind === 'ratio') return ratioTest(control.summary, treatment.summary, alpha);
  throw new Error(`cannot compare a ${control.kind} metric with a ${treatment.kind} one`);
}

/** The point estimate of one arm on the metric's own scale. */
export function estimateOf(s: MetricSummary): number {
  switch (s.kind) {
    case 'binary':
      return s.summary.users === 0 ? 0 : s.summary.conversions / s.summary.users;
    case 'continuous':
      return s.summary.mean;
    case 'ratio':
      return ratioEstimate(s.summary).ratio;
  }
}

/** Units behind one arm's summary (users, calls or randomisation units). */
export function sizeOf(s: MetricSummary): number {
  return s.kind === 'binary' ? s.summary.users : s.summary.n;
}

/** Difference (treatment − control) and its variance, as the mSPRT wants them. */
export function differenceOf(control: MetricSummary, treatment: MetricSummary): { estimate: number; variance: number } {
  if (control.kind === 'binary' && treatment.kind === 'binary') return binaryDifference(control.summary, treatment.summary);
  if (control.kind === 'continuous' && treatment.kind === 'continuous') return meanDifference(control.summary, treatment.summary);
  if (control.kind === 'ratio' && treatment.kind === 'ratio') {
    const c = ratioEstimate(control.summary);
    const t = ratioEstimate(treatment.summary);
    return { estimate: t.ratio - c.ratio, variance: c.variance + t.variance };
  }
  throw new Error(`cannot compare a ${control.kind} metric with a ${treatment.kind} one`);
}
