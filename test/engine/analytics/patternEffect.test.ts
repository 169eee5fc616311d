import assert from 'node:assert/strict';
import { newcombeInterval, patternEffects, patternReuse } from '../../../src/engine/analytics';
import type { CallFacts } from '../../../src/engine/analytics';
import type { Pattern } from '../../../src/engine/model';

const pattern = (id: string, strategy: string, lift: number): Pattern => ({
  id, intent: 'refund', trigger: 'late-delivery', strategy, support: 0, successes: 0, successRate: 0,
  confidence: { low: 0, high: 1, level: 0.95, method: 'wilson' }, lift, liftPValue: 0.01, exampleCallIds: [], updatedAt: 0,
});

let n = 0;
const call = (month: string, move: string, success: boolean | undefined, situation = 'late-delivery'): CallFacts => ({
  callId: `c${n++}`, agentId: 'a', startedAt: Date.parse(`${month}-10T00:00:00Z`), transferred: false, escalated: false,
  turnLatenciesMs: [], errors: [], ...(success !== undefined ? { success } : {}),
  opening: { intent: 'refund', situation, move },
});

describe('analytics: pattern effectiveness and reuse', () => {
  it('Newcombe interval matches the published example (56/70 − 48/80 → 0.0524 to 0.3339)', () => {
    const [low, high] = newcombeInterval(56, 70, 48, 80);
    assert.equal(low.toFixed(4), '0.0524');
    assert.equal(high.toFixed(4), '0.3339');
  });

  it('lift of calls that made the move against the same situation without it, and reuse by month', () => {
    const calls = [
      // January: 1 of 4 eligible calls reused "apologize-refund" (✓); the others ✗ ✓ ✗.
      call('2026-01', 'apologize-refund', true), call('2026-01', 'explain-policy', false), call('2026-01', 'explain-policy', true), call('2026-01', 'transfer', false),
      // February: 3 of 4 reused (✓ ✓ ✗), one other (✗); an undecided call counts for reuse, not for lift.
      call('2026-02', 'apologize-refund', true), call('2026-02', 'apologize-refund', true), call('2026-02', 'apologize-refund', false), call('2026-02', 'explain-policy', false),
      call('2026-02', 'apologize-refund', undefined),
      // Another situation: not eligible.
      call('2026-02', 'explain-policy', true, 'wrong-item'),
    ];
    const [effect] = patternEffects([pattern('p1', 'apologize-refund', 0.3)], calls);
    // used: 3 of 4 decided succeed; not used (same situation): explain ✗ ✓, transfer ✗, explain ✗ → 1 of 4.
    assert.deepEqual(effect!.used, { calls: 4, successRate: 0.75 });
    assert.deepEqual(effect!.notUsed, { calls: 4, successRate: 0.25 });
    assert.ok(Math.abs(effect!.lift! - 0.5) < 1e-12);
    const [low, high] = effect!.liftInterval!;
    assert.deepEqual([low, high], newcombeInterval(3, 4, 1, 4));
    assert.ok(low < 0.5 && high > 0.5 && high <= 1 && low >= -1);

    const reuse = patternReuse([pattern('p1', 'apologize-refund', 0.3), pattern('p2', 'transfer', -0.2)], calls);
    // eligible: 4 in January + 5 in February; reused 1 + 4 (the undecided call made the move too).
    assert.equal(reuse.eligibleCalls, 9);
    assert.equal(reuse.reusedCalls, 5);
    assert.ok(Math.abs(reuse.reuseRate! - 5 / 9) < 1e-12);
    assert.deepEqual(reuse.byMonth, [
      { month: '2026-01', eligibleCalls: 4, reusedCalls: 1, reuseRate: 0.25 },
      { month: '2026-02', eligibleCalls: 5, reusedCalls: 4, reuseRate: 0.8 },
    ]);
  });
});
