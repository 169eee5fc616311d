import assert from 'node:assert/strict';
import { analyzeStore } from '../../../src/engine/pipeline';
import { assembleConversation } from '../../../src/engine/model';
import type { ConversationEvent } from '../../../src/engine/model';
import { openSqlStore } from '../../../src/engine/store';
import type { LearningStore } from '../../../src/engine/store';
import { createNodePorts } from '../../../src/node/nodePorts';
import { fixtureCalls } from '../analysis/helpers';

describe('analyzeStore and versioned knowledge artifacts', () => {
  const ports = createNodePorts();
  let store: LearningStore;
  beforeEach(async () => {
    store = await openSqlStore({ ports });
    await store.putConversations([...fixtureCalls().values()].map((events) => assembleConversation(events)));
  });
  afterEach(async () => {
    await store.close();
  });

  it('writes analyses, patterns and artifacts; a rerun on the same calls adds no version', async () => {
    const first = await analyzeStore(store, { ports, minSupport: 1 });
    assert.equal(first.calls, 3);
    assert.deepEqual(first.outcomes, { success: 2, failure: 1, unknown: 0 });
    assert.equal(first.outcomeModel.kind, 'prior', 'three calls are too few labels to fit a model');
    const rec = await store.getCallAnalysis('call-angry');
    assert.equal(rec?.outcome.label, 'failure');
    assert.ok(rec!.signals.some((s) => s.kind === 'escalation-request'));
    assert.equal((await store.listPatterns()).length, first.patterns);
    assert.ok(first.artifacts.saved > 0);
    const kinds = new Set((await store.listArtifacts()).map((a) => a.payload.kind));
    for (const k of ['template', 'decision-tree', 'strategy', 'knowledge-graph']) assert.ok(kinds.has(k as never), `no ${k} artifact`);

    const again = await analyzeStore(store, { ports, minSupport: 1 });
    assert.equal(again.artifacts.saved, 0);
    assert.equal(again.artifacts.unchanged, first.artifacts.saved);
    assert.equal((await store.artifactHistory('knowledge-graph')).length, 1);
  });

  it('fits the outcome model on explicitly labelled calls and applies it to the rest, however small the buffer', async () => {
    // 30 labelled successes, 30 labelled failures, then 10 unlabelled calls that must wait for the model.
    const base = fixtureCalls();
    const make = (id: string, from: string, outcome: Record<string, unknown> | undefined) =>
      assembleConversation(
        base.get(from)!.map((e) => ({
          ...e,
          callId: id,
          eventId: `${id}:${e.eventId}`,
          ...(e.type === 'call.ended' ? { outcome: { endReason: 'unknown', ...(outcome ?? {}) } } : {}),
        })) as ConversationEvent[],
      );
    const convs = [];
    for (let i = 0; i < 30; i++) convs.push(make(`ok-${i}`, 'call-thanks', { resolved: true }), make(`bad-${i}`, 'call-angry', { resolved: false }));
    for (let i = 0; i < 10; i++) convs.push(make(`open-${i}`, i % 2 ? 'call-thanks' : 'call-angry', undefined));
    await store.putConversations(convs);
    const summary = await analyzeStore(store, { ports, maxDeferred: 4 });
    assert.equal(summary.calls, 73);
    assert.equal(summary.outcomeModel.kind, 'store-fitted');
    assert.equal(summary.outcomeSources.signals, 10 + 2, 'the ten open calls and the two unlabelled fixture calls are inferred');
    assert.equal((await store.getCallAnalysis('open-1'))?.outcome.label, 'success');
    assert.equal((await store.getCallAnalysis('open-0'))?.outcome.label, 'failure');
  });

  it('a new call changes some artifacts: they get version 2, the others stay at 1', async () => {
    await analyzeStore(store, { ports, minSupport: 1 });
    const extra = fixtureCalls()
      .get('call-thanks')!
      .map((e) => ({ ...e, callId: 'call-thanks-2', eventId: `${e.eventId}-2` })) as ConversationEvent[];
    await store.putConversations([assembleConversation(extra)]);
    const second = await analyzeStore(store, { ports, minSupport: 1 });
    assert.ok(second.artifacts.saved > 0 && second.artifacts.unchanged > 0);
    const graph = await store.artifactHistory('knowledge-graph');
    assert.deepEqual(graph.map((a) => a.version), [1, 2]);
    assert.equal(graph[1]!.parentVersion, 1);
    const tpl = await store.artifactHistory('template:product_defect');
    assert.equal(tpl.length, 1, 'the product_defect template did not change');
  });
});
