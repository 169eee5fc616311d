import { strict as assert } from 'node:assert';
import type { Conversation } from '../../../src/engine/model';
import { assembleConversation } from '../../../src/engine/model';
import { analyzeStore, createLiveLearning } from '../../../src/engine/pipeline';
import { CorrectionDecider } from '../../../src/engine/realtime';
import { openSqlStore } from '../../../src/engine/store';
import type { LearningStore } from '../../../src/engine/store';
import type { AgentLogEntry, AgentServer } from '../../../src/node/agentServer';
import { startAgentServer } from '../../../src/node/agentServer';
import { createNodePorts } from '../../../src/node/nodePorts';
import { CallBuilder } from '../errors/callBuilder';
import { errorHistory } from '../errors/history';
import type { LiveRun } from './helpers';
import { startClient } from './helpers';

describe('live corrections from the error stage’s detector: a pending tool call likely to fail is named and stopped', function () {
  this.timeout(120_000);
  const ports = createNodePorts();
  let store: LearningStore | undefined;
  let server: AgentServer | undefined;
  let run: LiveRun | undefined;
  afterEach(async () => {
    if (run) {
      await run.client.stop();
      await run.store.close();
    }
    await server?.close();
    await store?.close();
    [store, server, run] = [undefined, undefined, undefined];
  });

  it('avoidance rules learned by the analysis warn on the live tool.called; the correction names it and arrives before the ack that covers it', async () => {
    store = await openSqlStore({ ports });
    await store.putConversations(errorHistory().map((e) => assembleConversation(e) as Conversation));
    await analyzeStore(store, { ports });
    assert.ok((await store.listArtifacts({ kind: 'avoidance-rule' })).length > 0, 'the analysis stored avoidance rules');

    const decider = new CorrectionDecider({ rules: [], clock: ports.clock, perCall: { capacity: 3, refillPerSecond: 1 }, perAgent: { capacity: 1000, refillPerSecond: 1000 } });
    const learned: number[] = [];
    await createLiveLearning({ store, decider, ports, onRelearned: (r) => learned.push(r.avoidanceRules) }).loadLearned();
    assert.ok(learned[0]! > 0);

    // Live: one refund without an identity check (the learned error mode), one with it (no warning).
    const risky = new CallBuilder('live-risky').tool('lookup_order', { order_id: 'ORD-7' }, { ok: true, json: { status: 'delivered' } }).pending('issue_refund', { order_id: 'ORD-7', amount: 12 }).end();
    const safe = new CallBuilder('live-safe')
      .tool('lookup_order', { order_id: 'ORD-8' }, { ok: true, json: { status: 'delivered' } })
      .tool('verify_identity', { email: 'x' }, { ok: true })
      .tool('issue_refund', { order_id: 'ORD-8', amount: 9 }, { ok: true })
      .end();
    const log: AgentLogEntry[] = [];
    // A cautious agent: it holds each tool call until a correction names it or the ack covers it.
    server = await startAgentServer({ calls: [risky, safe], speed: 0, holdTools: true, onLog: (e) => log.push(e) });
    run = await startClient(server.urls.stream, { extra: { decider } });
    await run.done;

    const pending = risky.find((e) => e.type === 'tool.called' && e.name === 'issue_refund')!;
    const corrections = log.filter((e): e is Extract<AgentLogEntry, { kind: 'correction' }> => e.kind === 'correction');
    assert.equal(corrections.length, 1, JSON.stringify(corrections));
    const c = corrections[0]!;
    assert.equal(c.basedOnEventId, pending.eventId, 'the correction names the pending tool.called event');
    assert.equal(c.status, 'applied', 'it arrived before the ack covering the event (else the agent answers expired)');
    assert.equal(c.stoppedTool, pending.type === 'tool.called' ? pending.toolCallId : '');
    assert.match(c.text, /^Do not run issue_refund yet \(tool call live-risky-t1\): Before calling issue_refund: when verify_identity has not succeeded/);
    const sent = (await run.store.readJournal('live.corrections')).find((j) => j.kind === 'sent')!.payload as { ruleId?: string; fingerprint?: string };
    const rules = await store.listArtifacts({ kind: 'avoidance-rule' });
    assert.ok(sent.fingerprint?.startsWith('fp_'), 'cites the error fingerprint');
    assert.ok(rules.some((a) => a.payload.kind === 'avoidance-rule' && JSON.stringify(a.payload).includes(sent.ruleId!)), `cites a stored avoidance rule (${sent.ruleId})`);
  });
});
