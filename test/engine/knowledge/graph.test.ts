import assert from 'node:assert/strict';
import type { CallAnalysis } from '../../../src/engine/analysis/schema';
import { addGraphCall, emptyGraphCounts, graphToMermaid, neighbours, toGraph, topPaths } from '../../../src/engine/knowledge/graph';

function call(intent: string, trigger: string, strategy: string, tools: string[], errors: string[] = []): CallAnalysis {
  return {
    callId: 'c', agentId: 'a', intent, intentConfidence: 1, intentSource: 'taxonomy',
    outcome: { label: 'success', probability: 0.9, source: 'explicit' }, signals: [], triggers: [], strategies: [], situations: [], moves: [], fragments: [],
    cells: [{ trigger, strategy }], toolSequence: tools, errors: errors.map((code) => ({ code, stage: 'tool', tool: tools[0], turnIndex: 1 })), turnCount: 4, features: [], ended: true,
  };
}

describe('knowledge graph', () => {
  const g = emptyGraphCounts();
  for (let i = 0; i < 6; i++) addGraphCall(g, call('billing', 'price-objection', 'value-reframing', ['pull_up_account', 'promo_code']));
  for (let i = 0; i < 2; i++) addGraphCall(g, call('billing', 'price-objection', 'discount-offer', ['pull_up_account'], ['GATEWAY_TIMEOUT']));
  for (let i = 0; i < 3; i++) addGraphCall(g, call('billing', 'double-charge', 'apology', []));
  const graph = toGraph(g);

  it('weights nodes and edges by call counts', () => {
    assert.equal(graph.nodes.find((n) => n.id === 'intent:billing')!.weight, 11);
    assert.deepEqual(
      neighbours(graph, 'trigger:price-objection').map((n) => [n.id, n.weight]),
      [['strategy:value-reframing', 6], ['strategy:discount-offer', 2]],
    );
    assert.deepEqual(neighbours(graph, 'error:GATEWAY_TIMEOUT', { direction: 'in' }).map((n) => [n.id, n.kind, n.weight]), [['tool:pull_up_account', 'fails-with', 2]]);
  });

  it('top paths are ranked by transition probability', () => {
    const paths = topPaths(graph, 'intent:billing', { toKind: 'strategy', edgeKinds: ['has-trigger', 'answered-by'], k: 3 });
    assert.deepEqual(paths.map((p) => p.nodes.join(' > ')), [
      'intent:billing > trigger:price-objection > strategy:value-reframing',
      'intent:billing > trigger:double-charge > strategy:apology',
      'intent:billing > trigger:price-objection > strategy:discount-offer',
    ]);
    assert.ok(Math.abs(paths[0]!.score - (8 / 11) * (6 / 8)) < 1e-12);
  });

  it('renders Mermaid', () => {
    const m = graphToMermaid(graph);
    assert.match(m, /^flowchart LR/);
    assert.match(m, /trigger_price_objection -->\|answered-by 6\| strategy_value_reframing/);
  });
});
