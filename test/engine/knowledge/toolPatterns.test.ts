import assert from 'node:assert/strict';
import type { CallAnalysis } from '../../../src/engine/analysis/schema';
import { addToolCall, collapseMirrors, emptyToolCounts, mergeToolCounts, orderedPairs, scoreToolPatterns } from '../../../src/engine/knowledge/toolPatterns';

function call(id: number, intent: string, tools: string[], success: boolean): CallAnalysis {
  return {
    callId: `c${id}`, agentId: 'a', intent, intentConfidence: 1, intentSource: 'taxonomy',
    outcome: { label: success ? 'success' : 'failure', probability: success ? 0.9 : 0.1, source: 'explicit' },
    signals: [], triggers: [], strategies: [], situations: [], moves: [], fragments: [], cells: [], toolSequence: tools, errors: [], turnCount: 4, features: [], ended: true,
  };
}

describe('tool patterns', () => {
  it('ordered pairs use first occurrences', () => {
    assert.deepEqual(orderedPairs(['a', 'b', 'a', 'c']), ['a > b', 'a > c', 'b > c']);
  });

  it('finds "verify before lookup" with its lift and ignores the hand-off tool', () => {
    const counts = emptyToolCounts();
    let id = 0;
    // 100 calls verify first (80 % success), 100 look up first (50 %); failures end in a transfer.
    for (let i = 0; i < 100; i++) addToolCall(counts, call(id++, 'account_access', ['verify_identity', 'pull_up_account', ...(i < 80 ? [] : ['transfer_to_human_agents'])], i < 80));
    for (let i = 0; i < 100; i++) addToolCall(counts, call(id++, 'account_access', ['pull_up_account', 'verify_identity', ...(i < 50 ? [] : ['transfer_to_human_agents'])], i < 50));
    const all = scoreToolPatterns(counts);
    assert.ok(all.every((p) => !p.sequence.includes('transfer_to_human_agents')));
    const found = collapseMirrors(all.filter((p) => p.significant));
    assert.equal(found.length, 1);
    const p = found[0]!;
    assert.deepEqual(p.sequence, ['verify_identity', 'pull_up_account']);
    assert.equal(p.successRate, 0.8);
    assert.equal(p.baselineRate, 0.5);
    assert.ok(Math.abs(p.lift - 0.3) < 1e-12);
    assert.ok(p.qValue < 1e-4);
    assert.match(p.rule, /verify_identity before pull_up_account \(80 % vs 50 %/);
    assert.equal(p.advice, 'do');
    // The mirror order hurts: it is never phrased as advice, only as something to avoid.
    const mirror = all.find((x) => x.sequence[0] === 'pull_up_account' && x.sequence[1] === 'verify_identity')!;
    assert.ok(mirror.lift < 0);
    assert.equal(mirror.advice, 'avoid');
    assert.match(mirror.rule, /^account_access: avoid calling pull_up_account before verify_identity/);
  });

  it('an order with no effect is not significant; counts merge', () => {
    const a = emptyToolCounts();
    const b = emptyToolCounts();
    for (let i = 0; i < 60; i++) addToolCall(i % 2 ? a : b, call(i, 'x', i % 3 ? ['p', 'q'] : ['q', 'p'], i % 4 < 2));
    const merged = mergeToolCounts(mergeToolCounts(emptyToolCounts(), a), b);
    assert.equal(merged.intents.x!.n, 60);
    assert.ok(scoreToolPatterns(merged).every((p) => !p.significant));
  });
});
