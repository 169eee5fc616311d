import assert from 'node:assert/strict';
import { FLEET_WORLD, PLANTED_PATTERNS, generateSampleCalls } from '../../../src/engine/samples';

describe('samples: a world other than the demo’s (the learning fleet’s hidden moves)', () => {
  it('the demo’s planted moves without rare moves give exactly the default calls', () => {
    const plain = generateSampleCalls({ seed: 5, count: 300, errorModes: true });
    const same = generateSampleCalls({ seed: 5, count: 300, errorModes: true, world: { planted: PLANTED_PATTERNS, rareMoves: [] } });
    assert.deepEqual(same.calls, plain.calls);
  });

  it('agents make a hidden move at about its share, outside the usual repertoire, and it succeeds at its planted rate', () => {
    const { truth } = generateSampleCalls({ seed: 3, count: 12_000, world: FLEET_WORLD });
    const [first] = FLEET_WORLD.rareMoves;
    const situation = truth.calls.filter((c) => c.intent === first!.intent && c.trigger === first!.trigger);
    const hidden = situation.filter((c) => c.strategy === first!.strategy);
    const share = hidden.length / situation.length;
    // Binomial: n ≈ 920, p = 0.04, sd ≈ 0.0065; four sd either side.
    assert.ok(Math.abs(share - first!.share) < 0.026, `share ${share}`);
    const rate = hidden.filter((c) => c.success).length / hidden.length;
    assert.ok(rate > 0.65, `success of the hidden move ${rate}`);
    const planted = FLEET_WORLD.planted.find((p) => p.strategy === first!.strategy && p.trigger === first!.trigger)!;
    assert.equal(planted.effect, 'positive');
    // Every situation's best move is planted once, and the demo's five stay planted.
    const keys = FLEET_WORLD.planted.map((p) => `${p.intent}|${p.trigger}`);
    assert.equal(new Set(keys).size, keys.length);
    for (const p of PLANTED_PATTERNS) assert.ok(FLEET_WORLD.planted.includes(p));
  });
});
