import assert from 'node:assert/strict';
import { rulesFromArtifacts } from '../../../src/engine/errors';
import { assembleConversation } from '../../../src/engine/model';
import { analyzeStore } from '../../../src/engine/pipeline';
import { openSqlStore } from '../../../src/engine/store';
import type { LearningStore } from '../../../src/engine/store';
import { createNodePorts } from '../../../src/node/nodePorts';
import { errorHistory } from './history';

describe('analyzeStore: the error catalog and avoidance rules', () => {
  const ports = createNodePorts();
  let store: LearningStore;
  beforeEach(async () => {
    store = await openSqlStore({ ports });
    await store.putConversations(errorHistory().map((events) => assembleConversation(events)));
  });
  afterEach(async () => {
    await store.close();
  });

  it('stores fingerprints (template, tool, code, stage, count, calls) and rules as avoidance-rule artifacts; a rerun changes nothing', async () => {
    const first = await analyzeStore(store, { ports, minSupport: 1 });
    const fps = await store.listErrorFingerprints();
    assert.equal(fps.length, first.errors.fingerprints);
    const refund = fps.find((f) => f.tool === 'issue_refund')!;
    assert.deepEqual(
      { template: refund.template, code: refund.code, stage: refund.stage, count: refund.count, calls: refund.exampleCallIds },
      { template: 'Refund refused: identity not verified for order <*>', code: 'tool_error', stage: 'tool', count: 4, calls: ['refund-1', 'refund-3', 'refund-5', 'refund-7'] },
    );
    const validation = fps.find((f) => f.tool === 'update_address')!;
    assert.equal(validation.code, 'VALIDATION', 'the agent.error restating the failure names its code');
    assert.deepEqual((await store.listCalls({ fingerprint: refund.fingerprint })).map((c) => c.callId).sort(), refund.exampleCallIds);
    assert.deepEqual((await store.getCallAnalysis('refund-1'))?.errorFingerprints, [refund.fingerprint]);

    const rules = rulesFromArtifacts(await store.listArtifacts({ kind: 'avoidance-rule' }));
    assert.deepEqual(rules.map((r) => r.id).sort(), first.errors.rules.map((r) => r.id).sort());
    assert.ok(rules.some((r) => r.fingerprint === refund.fingerprint && r.condition.all[0]!.kind === 'missing-step'));

    const again = await analyzeStore(store, { ports, minSupport: 1 });
    assert.equal(again.artifacts.saved, 0);
    assert.deepEqual(await store.listErrorFingerprints(), fps);
  });
});
