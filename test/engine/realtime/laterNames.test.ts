import { strict as assert } from 'node:assert';
import type { ConversationEvent } from '../../../src/engine/model';
import { startAgentServer } from '../../../src/node/agentServer';
import { liveTestResources, startClient, storedEvents } from './helpers';

describe('live: a name learned in a later batch of a call is redacted in the events already stored', function () {
  this.timeout(120_000);
  const { servers, runs } = liveTestResources();

  it('"Leave it with Mette." stored first is redacted once "My name is Mette Zorbex." arrives seconds later', async () => {
    const t0 = Date.UTC(2026, 0, 10, 9);
    const base = { callId: 'later-names', agentId: 'agent-a' };
    // Seconds apart at speed 1, so the two user turns reach the store in different batches.
    const call: ConversationEvent[] = [
      { ...base, eventId: 'later-names:0', seq: 0, ts: t0, type: 'call.started', channel: 'voice' },
      { ...base, eventId: 'later-names:1', seq: 1, ts: t0 + 10, type: 'turn', role: 'user', text: 'Leave it with Mette.' },
      { ...base, eventId: 'later-names:2', seq: 2, ts: t0 + 2500, type: 'turn', role: 'user', text: 'My name is Mette Zorbex.' },
      { ...base, eventId: 'later-names:3', seq: 3, ts: t0 + 2600, type: 'call.ended', outcome: { endReason: 'completed', resolved: true } },
    ];
    const server = await startAgentServer({ calls: [call], speed: 1 });
    servers.push(server);
    const run = await startClient(server.urls.stream);
    runs.push(run);
    await run.done;
    const stored = (await storedEvents(run.store)).get('later-names')!;
    const texts = stored.flatMap((e) => (e.type === 'turn' ? [e.text] : []));
    assert.deepEqual(texts, ['Leave it with [CUSTOMER_NAME_1].', 'My name is [CUSTOMER_NAME_1].']);
    assert.equal(stored.length, 4, 'every event stored once');
  });
});
