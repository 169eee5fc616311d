/**
 * Replays an experiment's cumulative looks through the always-valid sequential test (mSPRT, see
 * stats/sequential.ts), so a fleet or a user can check when monitoring would have stopped. α is
 * two-sided: the test rejects "no difference" when the running always-valid p-value is ≤ α, in either
 * direction; the sign of the difference then says ship (test better) or roll back (test worse).
 */
import { z } from 'zod';
import { binaryDifference, initialSequentialState, updateSequential } from '../stats/sequential';
import type { SequentialState } from '../stats/sequential';

export const MonitorLookSchema = z.object({
  experiment: z.string().min(1),
  look: z.number().int().nonnegative(),
  metric: z.literal('binary'),
  /** Cumulative counts, control first. */
  variants: z
    .array(z.object({ variant: z.string().min(1), users: z.number().int().nonnegative(), conversions: z.number().int().nonnegative() }))
    .min(2)
    .refine((vs) => vs.every((v) => v.conversions <= v.users), { message: 'conversions must not exceed users' }),
});
export type MonitorLook = z.infer<typeof MonitorLookSchema>;

export const MonitorDecisionSchema = z.object({
  experiment: z.string(),
  decision: z.enum(['continue', 'ship', 'rollback']),
  /** The look (its `look` number) at which the test stopped; null when it did not. */
  stoppedAtLook: z.number().int().nullable(),
});
export type MonitorDecision = z.infer<typeof MonitorDecisionSchema>;

export interface MonitorOptions {
  /** Two-sided false-positive rate kept under continuous monitoring (default 0.05). */
  alpha?: number;
  /**
   * The mixing standard deviation τ on the scale of the difference in conversion rate. Fix it at
   * design time (the smallest effect worth detecting). Default: 10 % of the control's rate at the
   * experiment's first look (the experiments stage's rule, without looking ahead).
   */
  mixingSd?: number;
}

export class MonitorInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MonitorInputError';
  }
}

/**
 * Decides each experiment from its looks (in the order given; looks must be cumulative). With several
 * test variants each is tested at α/k (Bonferroni); a worse variant rolls back before a better one ships.
 */
export function monitorExperiments(looks: readonly MonitorLook[], options: MonitorOptions = {}): MonitorDecision[] {
  const alpha = options.alpha ?? 0.05;
  const byExperiment = new Map<string, MonitorLook[]>();
  for (const l of looks) byExperiment.set(l.experiment, [...(byExperiment.get(l.experiment) ?? []), l]);
  const out: MonitorDecision[] = [];
  for (const [experiment, series] of byExperiment) out.push(monitorOne(experiment, series, alpha, options.mixingSd));
  return out;
}

function monitorOne(experiment: string, series: readonly MonitorLook[], alpha: number, mixingSd: number | undefined): MonitorDecision {
  const control = series[0]!.variants[0]!.variant;
  const tests = series[0]!.variants.slice(1).map((v) => v.variant);
  const perTest = alpha / tests.length;
  let tau: number | undefined = mixingSd;
  const states = new Map<string, SequentialState>(tests.map((t) => [t, initialSequentialState()]));
  let previous: MonitorLook | undefined;
  for (const look of series) {
    const names = look.variants.map((v) => v.variant);
    if (names[0] !== control || names.length !== tests.length + 1 || !tests.every((t) => names.includes(t))) {
      throw new MonitorInputError(`experiment ${experiment} look ${look.look}: variants must be the same at every look, control "${control}" first`);
    }
    if (previous && look.look <= previous.look) throw new MonitorInputError(`experiment ${experiment}: look ${look.look} comes after look ${previous.look}; give looks in increasing order`);
    for (const v of look.variants) {
      const before = previous?.variants.find((p) => p.variant === v.variant);
      if (before && (v.users < before.users || v.conversions < before.conversions)) {
        throw new MonitorInputError(`experiment ${experiment} look ${look.look}: variant ${v.variant} has fewer users or conversions than at look ${previous!.look}; looks must be cumulative`);
      }
    }
    previous = look;
    const c = look.variants[0]!;
    if (tau === undefined) {
      if (c.users === 0) continue;
      tau = Math.max(0.1 * (c.conversions / c.users), 1e-6);
    }
    let ship = false;
    let rollback = false;
    for (const v of look.variants.slice(1)) {
      if (c.users < 2 || v.users < 2) continue;
      const d = binaryDifference(c, v);
      const next = updateSequential(states.get(v.variant)!, d.estimate, d.variance, { tau2: tau * tau, alpha: perTest });
      states.set(v.variant, next);
      if (next.pValue <= perTest) {
        if (d.estimate > 0) ship = true;
        else rollback = true;
      }
    }
    if (rollback) return { experiment, decision: 'rollback', stoppedAtLook: look.look };
    if (ship) return { experiment, decision: 'ship', stoppedAtLook: look.look };
  }
  return { experiment, decision: 'continue', stoppedAtLook: null };
}
