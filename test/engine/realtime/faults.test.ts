import { strict as assert } from 'node:assert';
import type { ConversationEvent } from '../../../src/engine/model';
import { userRules } from '../../../src/engine/realtime';
import type { LiveSummary } from '../../../src/engine/realtime';
import type { AgentLogEntry } from '../../../src/node/agentServer';
import { startAgentServer } from '../../../src/node/agentServer';
import type { LiveRun } from './helpers';
import { liveTestResources, sampleCalls, seeded, startClient, storedEvents, waitFor } from './helpers';

/** Every recorded event is stored exactly once, each call complete and in `seq` order. */
async function assertExactlyOnce(run: LiveRun, calls: ConversationEvent[][]): Promise<void> {
  const stored = await storedEvents(run.store);
  assert.equal(stored.size, calls.length, 'calls stored');
  let total = 0;
  for (const call of calls) {
    const got = stored.get(call[0]!.callId);
    assert.ok(got, `call ${call[0]!.callId} stored`);
    const ids = got.map((e) => e.eventId);
    assert.equal(new Set(ids).size, ids.length, `no duplicate in ${call[0]!.callId}`);
    assert.deepEqual([...ids].sort(), call.map((e) => e.eventId).sort(), `every event of ${call[0]!.callId}, none lost`);
    const seqs = got.map((e) => e.seq!).sort((a, b) => a - b);
    assert.deepEqual(seqs, call.map((_, i) => i));
    total += got.length;
  }
  assert.equal(total, calls.flat().length);
}

/** With KAIZEN_FAULT_REPORT=1, one line per run: what was sent, received, stored, dropped. */
function report(name: string, sent: number, s: LiveSummary): void {
  if (!process.env.KAIZEN_FAULT_REPORT) return;
  const { received, stored, duplicatesDropped, malformedFrames, reconnects, gapsReleased } = s;
  console.log(JSON.stringify({ name, sent, received, stored, lost: sent - stored, duplicatesDropped, malformedFrames, reconnects, gapsReleased }));
}

describe('live client against a scripted agent endpoint (faults)', function () {
  this.timeout(120_000);
  const { servers, runs } = liveTestResources();

  for (const transport of ['ws', 'sse'] as const) {
    it(`${transport}: duplicates, reordering, garbage frames and connections cut at random (1 % of frames): 0 lost, 0 duplicated`, async () => {
      const calls = sampleCalls(40);
      const random = seeded(transport === 'ws' ? 1 : 2);
      const server = await startAgentServer({ calls, speed: 0, faults: { random, cutRate: 0.01, duplicateRate: 0.05, reorderRate: 0.1, garbageRate: 0.03 } });
      servers.push(server);
      const run = await startClient(transport === 'ws' ? server.urls.stream : server.urls.events);
      runs.push(run);
      const summary = await run.done;
      await assertExactlyOnce(run, calls);
      report(transport, server.totalEvents, summary);
      assert.equal(summary.stored, server.totalEvents);
      assert.ok(summary.reconnects >= 2, 'connections were cut and resumed');
      assert.ok(summary.duplicatesDropped > 0, 'the endpoint sent duplicates and they were dropped');
      assert.ok(summary.malformedFrames > 0, 'garbage frames were counted and skipped');
      assert.equal(summary.lastEventId, String(server.totalEvents));
      await waitFor(() => server.ackedIndex === server.totalEvents - 1, 30_000, 'the last ack to cover the whole stream');
    });
  }

  it('the server is killed and restarted on the same port: the client resumes after its last ack, 0 lost, 0 duplicated', async () => {
    const calls = sampleCalls(30, 5);
    const first = await startAgentServer({ calls, speed: 200, faults: { random: seeded(9), reorderRate: 0.2 } });
    const port = first.port;
    const run = await startClient(first.urls.stream, { maxPending: 50 });
    runs.push(run);
    await waitFor(() => first.ackedIndex >= 20, 30_000, 'the first acks');
    assert.ok(first.ackedIndex < first.totalEvents - 1, 'killed mid-stream');
    await first.close();
    await waitFor(() => run.client.currentStatus === 'reconnecting', 30_000, 'the client to notice');
    const second = await startAgentServer({ calls, speed: 200, port, faults: { random: seeded(9), reorderRate: 0.2 } });
    servers.push(second);
    const summary = await run.done;
    await assertExactlyOnce(run, calls);
    report('kill+restart', second.totalEvents, summary);
    assert.ok(summary.reconnects >= 1);
    assert.equal(summary.stored, second.totalEvents);
    await waitFor(() => second.ackedIndex === second.totalEvents - 1, 30_000, 'the last ack to cover the whole stream');
  });

  it('backpressure: a small pending bound pauses the socket while the store catches up; nothing lost', async () => {
    const calls = sampleCalls(40, 13);
    const server = await startAgentServer({ calls, speed: 0 });
    servers.push(server);
    const run = await startClient(server.urls.stream, { maxPending: 16 });
    runs.push(run);
    const summary = await run.done;
    assert.ok(summary.pauses > 0, 'the socket was paused');
    await assertExactlyOnce(run, calls);
  });

  it('a correction that stops a pending tool call names that tool.called and arrives before the ack covering it', async () => {
    const calls = sampleCalls(150, 7);
    const log: AgentLogEntry[] = [];
    const server = await startAgentServer({ calls, speed: 0, holdTools: true, onLog: (e) => log.push(e) });
    servers.push(server);
    const rules = userRules([
      {
        id: 'validate-before-refund',
        when: { type: 'tool.called', tool: 'offer_refund', withoutPriorTool: 'validate_purchase' },
        text: 'Validate the purchase before offering a refund.',
        mode: 'silent',
        stopsTool: true,
        repeatable: false,
      },
    ]);
    const run = await startClient(server.urls.stream, { rules });
    runs.push(run);
    const summary = await run.done;
    const expected = calls.filter((c) => {
      const tools = c.filter((e) => e.type === 'tool.called').map((e) => (e.type === 'tool.called' ? e.name : ''));
      const refund = tools.indexOf('offer_refund');
      return refund >= 0 && !tools.slice(0, refund).includes('validate_purchase');
    }).length;
    assert.ok(expected > 0, 'the sample has refunds offered before validation');
    assert.equal(summary.corrections.sent, expected);
    assert.equal(summary.corrections.acked, expected);
    const corrections = log.filter((e): e is Extract<AgentLogEntry, { kind: 'correction' }> => e.kind === 'correction');
    assert.equal(corrections.length, expected);
    for (const c of corrections) {
      assert.equal(c.status, 'applied', `correction ${c.correctionId} arrived before the ack covering ${c.basedOnEventId}`);
      assert.ok(c.stoppedTool, 'the agent stopped the held tool call');
      const event = calls.flat().find((e) => e.eventId === c.basedOnEventId);
      assert.equal(event?.type, 'tool.called');
    }
    await assertExactlyOnce(run, calls);
  });
});
