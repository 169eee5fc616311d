import { strict as assert } from 'node:assert';
import type { Conversation } from '../../../src/engine/model';
import { assembleConversation } from '../../../src/engine/model';
import { analysisLabelling, analyzeStore, createLiveLearning } from '../../../src/engine/pipeline';
import { CorrectionDecider, patternRules } from '../../../src/engine/realtime';
import { openSqlStore } from '../../../src/engine/store';
import type { LearningStore } from '../../../src/engine/store';
import type { AgentServer } from '../../../src/node/agentServer';
import { startAgentServer } from '../../../src/node/agentServer';
import { createNodePorts } from '../../../src/node/nodePorts';
import type { LiveRun } from './helpers';
import { startClient } from './helpers';
import { permitDeskCalls } from './permitDesk';

/** A correction on every live call answered with the learned worse move (at that move, citing a stored pattern), none on the others. */
async function assertCorrectedAtBadMoves(run: LiveRun, server: AgentServer, moves: ReadonlyMap<string, string>, storedIds: ReadonlySet<string>): Promise<void> {
  const sentByCall = new Map<string, { ruleId?: string; basedOnEventId: string; text: string }>();
  for (const entry of (await run.store.readJournal('live.corrections')).filter((j) => j.kind === 'sent')) {
    const c = entry.payload as { callId: string; ruleId?: string; basedOnEventId: string; text: string };
    sentByCall.set(c.callId, c);
  }
  const officeCalls = [...moves].filter(([, m]) => m === 'office').map(([id]) => id);
  const walkCalls = [...moves].filter(([, m]) => m === 'walk').map(([id]) => id);
  for (const id of officeCalls) {
    const c = sentByCall.get(id);
    assert.ok(c, `a correction on ${id} (answered with the office move)`);
    assert.ok(c.ruleId && storedIds.has(c.ruleId), `${id}: the correction cites a stored pattern (${c.ruleId})`);
    assert.equal(c.basedOnEventId, `${id}:4`, 'sent at the agent move');
    assert.match(c.text, /Learned pattern .*lift −\d+ pts/);
  }
  for (const id of walkCalls) assert.equal(sentByCall.get(id), undefined, `no correction on ${id}: its move is the learned good one`);
  const applied = [...server.corrections.values()].filter((status) => status === 'applied').length;
  assert.equal(applied, officeCalls.length, 'the agent applied every correction');
}

describe('live corrections from the analysis’ learned (intent, situation, move) patterns', function () {
  this.timeout(180_000);
  const ports = createNodePorts();
  let store: LearningStore | undefined;
  let server: AgentServer | undefined;
  let run: LiveRun | undefined;
  let learnRun: LiveRun | undefined;
  afterEach(async () => {
    if (run) {
      await run.client.stop();
      await run.store.close();
    }
    if (learnRun) {
      await learnRun.client.stop();
      await learnRun.store.close();
    }
    await server?.close();
    await store?.close();
    [store, server, run, learnRun] = [undefined, undefined, undefined, undefined];
  });

  it('learns the patterns from recorded calls, then corrects a live call at the move the store found worse, citing the pattern', async () => {
    store = await openSqlStore({ ports });
    const training = permitDeskCalls('rec', 30, 5);
    await store.putConversations(training.events.map((e) => assembleConversation(e) as Conversation));
    const summary = await analyzeStore(store, { ports, seeds: 'off' });
    const stored = await store.listPatterns();
    const worse = stored.filter((p) => p.liftPValue < 0.05 && p.lift < 0 && p.support >= 20);
    const better = stored.filter((p) => p.liftPValue < 0.05 && p.lift > 0 && p.support >= 20);
    assert.ok(summary.significantPatterns >= 2, `the analysis finds the planted effect (${summary.significantPatterns} significant patterns)`);
    assert.ok(worse.length > 0 && better.length > 0, 'both a worse and a better move are learned');

    // The live side: held-out calls of the same desk, replayed by a real agent server over loopback.
    const live = permitDeskCalls('live', 3, 99);
    // 20× speed: the move's correction reaches the agent while the call is still going (an agent applies it).
    server = await startAgentServer({ calls: live.events, speed: 20 });
    const labelling = await analysisLabelling(store, { seeds: 'off' });
    const rules = patternRules(stored);
    assert.ok(rules.length > 0);
    const decider = new CorrectionDecider({ rules, labelling, clock: ports.clock, perCall: { capacity: 3, refillPerSecond: 1 }, perAgent: { capacity: 1000, refillPerSecond: 1000 } });
    run = await startClient(server.urls.stream, { extra: { decider } });
    const result = await run.done;
    assert.equal(result.stored, live.events.flat().length);

    await assertCorrectedAtBadMoves(run, server, live.move, new Set(stored.map((p) => `pattern:${p.id}`)));
  });

  it('--learn loop: calls streamed live are relearned as they end, and later calls are corrected by what was learned', async () => {
    const training = permitDeskCalls('rec', 30, 5);
    server = await startAgentServer({ calls: training.events, speed: 0 });
    const decider = new CorrectionDecider({ rules: [], clock: ports.clock, perCall: { capacity: 3, refillPerSecond: 1 }, perAgent: { capacity: 1000, refillPerSecond: 1000 } });
    const relearned: number[] = [];
    const learn: { callEnded(): void }[] = [];
    learnRun = await startClient(server.urls.stream, { extra: { decider, onCallEnded: () => learn[0]?.callEnded() } });
    const learning = createLiveLearning({ store: learnRun.store, decider, ports, every: 100, seeds: 'off', onRelearned: (r) => relearned.push(r.patternRules), onError: (err) => assert.fail(String(err)) });
    learn.push(learning);
    const first = await learnRun.done;
    assert.equal(first.corrections.sent, 0, 'nothing learned yet, nothing to correct');
    await learning.idle();
    assert.ok(relearned.length >= 2, `relearned as calls ended (${relearned.length} times)`);
    assert.ok(relearned[relearned.length - 1]! > 0, 'the last relearning produced pattern rules');
    const stored = await learnRun.store.listPatterns();
    await server.close();

    const live = permitDeskCalls('live', 3, 99);
    server = await startAgentServer({ calls: live.events, speed: 20 });
    run = await startClient(server.urls.stream, { extra: { decider } });
    await run.done;
    await assertCorrectedAtBadMoves(run, server, live.move, new Set(stored.map((p) => `pattern:${p.id}`)));
  });
});
