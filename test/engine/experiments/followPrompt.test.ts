import assert from 'node:assert/strict';
import { SampleCallPool } from '../../../src/engine/experiments/simulation';
import type { PromptMove } from '../../../src/engine/experiments/simulation';
import { SeededRandom } from '../../../src/engine/samples';

/**
 * The simulated agent under a prompt makes the moves that prompt's bullets cite, and nothing else: its
 * results then come from the generated calls of those moves, so a bullet citing a bad move hurts and
 * one citing a good move helps, without any answer key.
 */
describe('experiments: a simulated agent follows its prompt\'s cited moves', () => {
  const pool = new SampleCallPool(11, 3000);
  const draws = (follow: readonly PromptMove[], n = 6000) => {
    const rng = new SeededRandom(5);
    return Array.from({ length: n }, () => pool.draw(rng, { follow }));
  };
  const rateIn = (calls: ReturnType<typeof draws>, intent: string, trigger: string) => {
    const xs = calls.filter((c) => c.intent === intent && c.trigger === trigger);
    return { n: xs.length, rate: xs.filter((c) => c.resolved).length / xs.length, strategies: new Set(xs.map((c) => c.strategy)) };
  };

  it('a "use" bullet makes the cited move in its situation only; an "avoid" bullet removes that move', () => {
    const asIs = draws([]);
    const use = draws([{ intent: 'shipping_issue', trigger: 'late-delivery', strategy: 'policy-citation', use: true }]);
    const avoid = draws([{ intent: 'shipping_issue', trigger: 'late-delivery', strategy: 'policy-citation', use: false }]);
    assert.deepEqual([...rateIn(use, 'shipping_issue', 'late-delivery').strategies], ['policy-citation']);
    assert.ok(rateIn(asIs, 'shipping_issue', 'late-delivery').strategies.size > 2);
    assert.ok(!rateIn(avoid, 'shipping_issue', 'late-delivery').strategies.has('policy-citation'));
    // Other situations keep every move they had.
    assert.deepEqual([...rateIn(use, 'account_access', 'locked-out').strategies].sort(), [...rateIn(asIs, 'account_access', 'locked-out').strategies].sort());
    // Following a bad move hurts, avoiding it helps: the effect is the calls', not a planted answer.
    const base = rateIn(asIs, 'shipping_issue', 'late-delivery').rate;
    assert.ok(rateIn(use, 'shipping_issue', 'late-delivery').rate < base - 0.15);
    assert.ok(rateIn(avoid, 'shipping_issue', 'late-delivery').rate > base + 0.03);
  });
});
