import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Conversation } from '../../../src/engine/model';
import { assembleConversation } from '../../../src/engine/model';
import { CorrectionDecider, userRules } from '../../../src/engine/realtime';
import { createLiveLearning } from '../../../src/engine/pipeline';
import type { SnapshotAnalyzer } from '../../../src/engine/pipeline';
import { openSqlStore } from '../../../src/engine/store';
import { createComplianceValidator, withCompliance } from '../../../src/engine/privacy';
import { createLiveRelearning } from '../../../src/node/liveRelearn';
import { nodeTimers } from '../../../src/node/liveTransports';
import { createWorkspace } from '../../../src/engine/workspace';
import type { LiveHost, LiveSession, Workspace } from '../../../src/engine/workspace';
import type { AgentLogEntry, AgentServer } from '../../../src/node/agentServer';
import { startAgentServer } from '../../../src/node/agentServer';
import { nodeLiveHost } from '../../../src/node/liveHost';
import { createNodePorts } from '../../../src/node/nodePorts';
import { CallBuilder } from '../errors/callBuilder';
import { errorHistory } from '../errors/history';
import type { LiveRun } from './helpers';
import { sampleCalls, startClient } from './helpers';

type CorrectionLog = Extract<AgentLogEntry, { kind: 'correction' }>;

/**
 * `kaizen live --learn` re-analyses in a worker thread (`src/node/liveRelearn.ts`). The worker is held inside
 * its analysis (blocked synchronously, as a long computation would block it) until the test releases it:
 * meanwhile the session's decider answers a whole live call; once released, the rules it learned are swapped
 * into the same decider and the next call is corrected by a learned avoidance rule, citing it. No timing.
 */
describe('live learning in a worker thread: the decision loop keeps answering while a re-analysis runs', function () {
  this.timeout(180_000);
  const hold = new SharedArrayBuffer(4);
  const release = () => {
    const view = new Int32Array(hold);
    Atomics.store(view, 0, 1);
    Atomics.notify(view, 0);
  };
  let dir: string | undefined;
  let workspace: Workspace | undefined;
  let session: LiveSession | undefined;
  const servers: AgentServer[] = [];
  const runs: LiveRun[] = [];
  afterEach(async () => {
    release(); // never leave the worker blocked
    for (const r of runs) {
      await r.client.stop();
      await r.store.close();
    }
    for (const s of servers) await s.close();
    await session?.stop();
    await workspace?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
    [dir, workspace, session] = [undefined, undefined, undefined];
    runs.length = 0;
    servers.length = 0;
  });

  it('answers a live call while the worker is held mid-analysis, then corrects with the avoidance rule it learned, citing it', async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'kaizen-relearn-worker-'));
    workspace = createWorkspace({ ports: createNodePorts(), storePath: path.join(dir, 'learning.db') });
    const store = await workspace.store();
    const redactor = await workspace.redactor();
    // Recorded calls with an error mode (refunds without an identity check fail); nothing analysed yet.
    await store.putConversations(errorHistory().map((e) => redactor.redactConversation(assembleConversation(e) as Conversation)));
    assert.equal((await store.listArtifacts({ kind: 'avoidance-rule' })).length, 0);

    let held!: () => void;
    const heldNow = new Promise<void>((resolve) => (held = resolve));
    const host: LiveHost = { ...nodeLiveHost, startRelearning: (o) => nodeLiveHost.startRelearning!({ ...o, hold, onHeld: () => held() } as typeof o) };
    const relearned: number[] = [];
    const firstServer = await startAgentServer({ calls: [], speed: 0 });
    servers.push(firstServer);
    session = await workspace.live({
      url: firstServer.urls.stream,
      host,
      learn: true,
      userRules: userRules([{ id: 'look-first', when: { type: 'tool.called', tool: 'lookup_order' }, text: 'Read the order back to the caller.', mode: 'silent', stopsTool: false, repeatable: false }]),
      onRelearned: (r) => relearned.push(r.avoidanceRules),
      onLearnError: (err) => assert.fail(String(err)),
    });
    assert.deepEqual(relearned, [0], 'at start: no learned rules');
    const userOnly = session.decider.ruleCount;

    let relearnDone = false;
    const relearning = session.learning.relearn().then(() => (relearnDone = true));
    await heldNow;

    // The worker is blocked inside the analysis: a whole live call is answered meanwhile.
    const risky = (id: string) =>
      new CallBuilder(id).tool('lookup_order', { order_id: 'ORD-7' }, { ok: true, json: { status: 'delivered' } }).pending('issue_refund', { order_id: 'ORD-7', amount: 12 }).end();
    const log1: AgentLogEntry[] = [];
    const during = await startAgentServer({ calls: [risky('live-during')], speed: 0, holdTools: true, onLog: (e) => log1.push(e) });
    servers.push(during);
    const run1 = await startClient(during.urls.stream, { extra: { decider: session.decider } });
    runs.push(run1);
    const summary1 = await run1.done;
    const c1 = log1.filter((e): e is CorrectionLog => e.kind === 'correction');
    assert.equal(summary1.stored, summary1.received, 'the whole call stored and acked');
    assert.deepEqual(c1.map((c) => [c.text, c.status]), [['Read the order back to the caller.', 'applied']], 'the user rule answered while the analysis ran');
    assert.equal(relearnDone, false, 'the re-analysis was still held');
    assert.equal(session.decider.ruleCount, userOnly);

    release();
    await relearning;
    assert.ok(relearned.length === 2 && relearned[1]! > 0, `the worker's analysis learned avoidance rules (${relearned.join(', ')})`);
    const stored = await store.listArtifacts({ kind: 'avoidance-rule' });
    assert.ok(stored.length > 0, "the worker's writes were applied to the session's store");
    const someCall = errorHistory()[0]![0]!.callId;
    assert.ok(await store.getCallAnalysis(someCall), 'and its per-call analyses');
    assert.equal((await store.readJournal('analysis.labelling')).length, 1, 'and its journal entry');

    // The same decider now holds the learned rules: the next risky refund is stopped, citing the rule.
    const log2: AgentLogEntry[] = [];
    const after = await startAgentServer({ calls: [risky('live-after')], speed: 0, holdTools: true, onLog: (e) => log2.push(e) });
    servers.push(after);
    const run2 = await startClient(after.urls.stream, { extra: { decider: session.decider } });
    runs.push(run2);
    await run2.done;
    const stop = log2.filter((e): e is CorrectionLog => e.kind === 'correction' && e.text.startsWith('Do not run issue_refund'));
    assert.equal(stop.length, 1, JSON.stringify(log2.filter((e) => e.kind === 'correction')));
    assert.equal(stop[0]!.status, 'applied');
    const sent = (await run2.store.readJournal('live.corrections')).map((j) => j.payload as { text?: string; ruleId?: string; fingerprint?: string }).find((p) => p.text?.startsWith('Do not run issue_refund'));
    assert.ok(sent, 'the correction was journaled');
    assert.ok(sent.fingerprint?.startsWith('fp_'), 'cites the error fingerprint');
    assert.ok(stored.some((a) => JSON.stringify(a.payload).includes(sent.ruleId!)), `cites a stored avoidance rule (${sent.ruleId})`);
  });

  it('after the first relearning, only the calls stored since cross to the worker, and only changed analyses come back', async () => {
    const ports = createNodePorts();
    const store = await openSqlStore({ ports });
    const relearner = createLiveRelearning();
    try {
      // Below the 30 calls at which the outcome prior is standardised on the store's own statistics: above
      // it, one new call moves those statistics and so, rightly, every call's outcome score.
      const calls = errorHistory().slice(0, 20).map((e) => assembleConversation(e) as Conversation);
      await store.putConversations(calls.slice(0, -1));
      const seen: { complete: boolean; calls: number; analyses: number }[] = [];
      const analyzer: SnapshotAnalyzer = {
        async analyze(snapshot) {
          let n = 0;
          const counted = (async function* () {
            for await (const c of snapshot.calls) {
              n++;
              yield c;
            }
          })();
          const result = await relearner.analyze({ ...snapshot, calls: counted });
          const analyses = result.writes.reduce((k, w) => k + (w.op === 'putCallAnalyses' ? w.records.length : 0), 0);
          seen.push({ complete: snapshot.complete, calls: n, analyses });
          return result;
        },
      };
      const decider = new CorrectionDecider({ rules: [], clock: ports.clock });
      const learning = createLiveLearning({ store, decider, ports, timers: nodeTimers, analyzer, onError: (err) => assert.fail(String(err)) });
      await learning.relearn();
      const last = calls[calls.length - 1]!;
      await store.putConversations([last]);
      learning.callStored(last.callId);
      await learning.relearn();
      assert.deepEqual(seen[0], { complete: true, calls: calls.length - 1, analyses: calls.length - 1 });
      assert.equal(seen[1]!.complete, false);
      assert.equal(seen[1]!.calls, 1, 'only the new call was sent');
      assert.ok(seen[1]!.analyses >= 1 && seen[1]!.analyses < calls.length, `only changed analyses written (${seen[1]!.analyses})`);
      assert.ok(await store.getCallAnalysis(last.callId), "the new call's analysis is stored");
    } finally {
      await relearner.close();
      await store.close();
    }
  });

  it("the worker's privacy gate withholds text the store's gate would refuse (its writes are applied without a second scan)", async () => {
    const ports = createNodePorts();
    const raw = await openSqlStore({ ports });
    const relearner = createLiveRelearning();
    try {
      const calls = sampleCalls(40, 11).map((e) => assembleConversation(e) as Conversation);
      // A name the redactor missed, stored as is (the raw store: no transcript gate in the way).
      const leaky = calls[0]!;
      const turn = leaky.events.find((e) => e.type === 'turn' && e.role === 'user');
      assert.ok(turn && turn.type === 'turn');
      turn.text = `${turn.text} This is Maria Lopez speaking.`;
      await raw.putConversations(calls);
      const decider = new CorrectionDecider({ rules: [], clock: ports.clock });
      const gated = withCompliance(raw, createComplianceValidator(), { ports });
      const learning = createLiveLearning({ store: gated, analyzedWritesStore: raw, decider, ports, timers: nodeTimers, analyzer: relearner, onError: (err) => assert.fail(String(err)) });
      await learning.relearn();
      const analysis = await raw.getCallAnalysis(leaky.callId);
      assert.ok(analysis, 'the call is analysed (its numbers count)');
      assert.ok(!JSON.stringify(analysis).includes('Maria Lopez'), 'its text is withheld');
      for (const p of await raw.listPatterns()) assert.ok(!JSON.stringify(p).includes('Maria Lopez'), `pattern ${p.id} holds no PII`);
      for (const a of await raw.listArtifacts()) assert.ok(!JSON.stringify(a).includes('Maria Lopez'), `artifact ${a.artifactId} holds no PII`);
    } finally {
      await relearner.close();
      await raw.close();
    }
  });
});
