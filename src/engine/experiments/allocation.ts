import type { Experiment } from '../model';
import { murmurhash3 } from '../stats/hash';

/** Buckets per layer: a traffic slice is a whole number of 0.01 % steps. */
export const LAYER_BUCKETS = 10_000;

export type AssignmentReason =
  | 'forced'
  | 'assigned'
  | 'not-in-traffic'
  | 'holdout'
  | 'not-running'
  | 'killed'
  | 'rollout-winner'
  | 'rollout-baseline'
  | 'shipped';

/** What an agent is told to serve for one unit; `inAnalysis` says whether the unit counts in the statistics. */
export interface Assignment {
  experimentId: string;
  unitId: string;
  variant: string;
  artifactId?: string;
  artifactVersion?: number;
  reason: AssignmentReason;
  inAnalysis: boolean;
}

// Every hash gets its own key prefix so the layer slice, the holdout and the variant draws are independent.
const layerBucket = (layer: string, unitId: string): number => murmurhash3(`layer:${layer}:${unitId}`) % LAYER_BUCKETS;
const draw = (salt: string, purpose: string, unitId: string): number => murmurhash3(`${salt}:${purpose}:${unitId}`) / 4294967296;

/** The experiment's slice of its layer (all of it unless the creator reserved a range). */
export function layerRangeOf(experiment: Experiment): [number, number] {
  return experiment.layerRange ?? [0, Math.round(experiment.trafficFraction * LAYER_BUCKETS)];
}

/**
 * Reserves a slice of `layer` for a new experiment of the given traffic fraction, next to the slices
 * that live experiments in the same layer already hold, so no unit is ever in two of them.
 */
export function reserveLayerRange(layer: string, trafficFraction: number, others: readonly Experiment[]): [number, number] {
  const size = Math.round(trafficFraction * LAYER_BUCKETS);
  const live = others
    .filter((e) => e.layer === layer && !['stopped', 'shipped', 'rolled-back', 'killed'].includes(e.status))
    .map(layerRangeOf)
    .sort((a, b) => a[0] - b[0]);
  let start = 0;
  for (const [s, e] of live) {
    if (s - start >= size) break;
    start = Math.max(start, e);
  }
  if (start + size > LAYER_BUCKETS) {
    const free = LAYER_BUCKETS - live.reduce((n, [s, e]) => n + (e - s), 0);
    throw new LayerFullError(layer, trafficFraction, free / LAYER_BUCKETS);
  }
  return [start, start + size];
}

export class LayerFullError extends Error {
  constructor(
    readonly layer: string,
    readonly requested: number,
    readonly free: number,
  ) {
    super(
      `layer "${layer}" has ${(free * 100).toFixed(2)} % of traffic free (as one contiguous slice or less) but ${(requested * 100).toFixed(2)} % was requested; ` +
        'lower trafficFraction, stop an experiment in the layer, or use another layer',
    );
    this.name = 'LayerFullError';
  }
}

/** Picks a variant index from a uniform draw by the variants' weights. */
export function pickWeighted(weights: readonly number[], u: number): number {
  const total = weights.reduce((a, b) => a + b, 0);
  let acc = 0;
  for (let i = 0; i < weights.length; i++) {
    acc += weights[i]! / total;
    if (u < acc) return i;
  }
  return weights.length - 1;
}

/**
 * Deterministic, sticky assignment: the same experiment and unit always give the same answer, with
 * no state kept. Order of checks: QA override, layer slice, holdout, then (by status) the variant
 * draw or the rollout split. Units outside the experiment get the control's artifact.
 */
export function assign(experiment: Experiment, unitId: string): Assignment {
  const control = experiment.variants[0]!;
  const serve = (variantName: string, reason: AssignmentReason, inAnalysis: boolean): Assignment => {
    const v = experiment.variants.find((x) => x.name === variantName) ?? control;
    const out: Assignment = { experimentId: experiment.id, unitId, variant: v.name, reason, inAnalysis };
    if (v.artifactId !== undefined) out.artifactId = v.artifactId;
    if (v.artifactVersion !== undefined) out.artifactVersion = v.artifactVersion;
    return out;
  };
  const forced = experiment.forcedAssignments[unitId];
  if (forced !== undefined) return serve(forced, 'forced', false);
  if (experiment.status === 'killed') return serve(control.name, 'killed', false);
  if (experiment.status === 'draft' || experiment.status === 'stopped' || experiment.status === 'rolled-back') {
    return serve(control.name, 'not-running', false);
  }
  const [lo, hi] = layerRangeOf(experiment);
  const bucket = layerBucket(experiment.layer, unitId);
  if (bucket < lo || bucket >= hi) return serve(control.name, 'not-in-traffic', false);
  if (experiment.holdoutFraction > 0 && draw(experiment.salt, 'holdout', unitId) < experiment.holdoutFraction) {
    return serve(control.name, 'holdout', false);
  }
  if (experiment.status === 'shipped' && experiment.rollout) return serve(experiment.rollout.variant, 'shipped', false);
  if (experiment.status === 'shipping' && experiment.rollout) {
    // A separate draw, compared with a growing threshold: a unit that got the winner at 5 % keeps it at 25 %.
    const inWinner = draw(experiment.salt, 'rollout', unitId) * 100 < experiment.rollout.percent;
    return inWinner ? serve(experiment.rollout.variant, 'rollout-winner', true) : serve(control.name, 'rollout-baseline', true);
  }
  const i = pickWeighted(
    experiment.variants.map((v) => v.weight),
    draw(experiment.salt, 'variant', unitId),
  );
  return serve(experiment.variants[i]!.name, 'assigned', true);
}
