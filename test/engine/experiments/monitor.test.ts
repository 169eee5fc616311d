import assert from 'node:assert/strict';
import { MonitorInputError, binaryDifference, monitorExperiments, msprtLook } from '../../../src/engine/experiments';
import type { MonitorLook } from '../../../src/engine/experiments';

type Arm = [users: number, conversions: number];
const looksOf = (experiment: string, pairs: Array<[Arm, Arm]>): MonitorLook[] =>
  pairs.map(([c, t], i) => ({
    experiment,
    look: i + 1,
    metric: 'binary',
    variants: [
      { variant: 'control', users: c[0], conversions: c[1] },
      { variant: 'test', users: t[0], conversions: t[1] },
    ],
  }));

// Reference: 1/Λ from scipy, integrating N(d; θ, V)·N(θ; 0, τ²) dθ numerically over θ and dividing by
// N(d; 0, V) (scipy.integrate.quad, scipy.stats.norm), τ = 0.1 × control rate at look 1 = 0.01.
const SHIP: Array<[Arm, Arm]> = [[[1000, 100], [1000, 110]], [[2000, 200], [2000, 240]], [[4000, 400], [4000, 520]], [[8000, 800], [8000, 1040]]];
const SHIP_P = [1, 0.505756, 0.00482542, 1.61237e-6];
const ROLLBACK: Array<[Arm, Arm]> = [[[1000, 100], [1000, 95]], [[2000, 200], [2000, 170]], [[4000, 400], [4000, 320]], [[5000, 500], [5000, 410]], [[6000, 600], [6000, 480]]];
const ROLLBACK_P = [1, 0.714001, 0.0577248, 0.0504355, 0.00678426];

describe('experiment monitor: always-valid sequential test over cumulative looks', () => {
  it('per-look p-values equal the numerically integrated mixture likelihood ratio', () => {
    for (const [pairs, ref] of [[SHIP, SHIP_P], [ROLLBACK, ROLLBACK_P]] as const) {
      pairs.forEach(([c, t], i) => {
        const d = binaryDifference({ users: c[0], conversions: c[1] }, { users: t[0], conversions: t[1] });
        const p = msprtLook(d.estimate, d.variance, { tau2: 0.01 ** 2, alpha: 0.05 }).pValueThisLook;
        assert.ok(Math.abs(p - ref[i]!) <= 1e-5 * Math.max(ref[i]!, 1e-3), `look ${i + 1}: ${p} vs ${ref[i]}`);
      });
    }
  });

  it('stops at the first look whose running p is ≤ 0.05: ship when better, roll back when worse (0.0504 is not enough)', () => {
    const decisions = monitorExperiments([...looksOf('up', SHIP), ...looksOf('down', ROLLBACK), ...looksOf('flat', [[[1000, 100], [1000, 102]], [[2000, 200], [2000, 205]]])]);
    assert.deepEqual(decisions, [
      { experiment: 'up', decision: 'ship', stoppedAtLook: 3 },
      { experiment: 'down', decision: 'rollback', stoppedAtLook: 5 },
      { experiment: 'flat', decision: 'continue', stoppedAtLook: null },
    ]);
  });

  it('refuses looks that are not cumulative or change the variants', () => {
    const shrinking = looksOf('x', [[[2000, 200], [2000, 220]], [[1000, 100], [1000, 110]]]);
    assert.throws(() => monitorExperiments(shrinking), (e: unknown) => e instanceof MonitorInputError && /cumulative/.test(e.message));
    const swapped = looksOf('y', [[[10, 1], [10, 2]], [[20, 2], [20, 3]]]);
    swapped[1]!.variants.reverse();
    assert.throws(() => monitorExperiments(swapped), /control "control" first/);
  });
});
