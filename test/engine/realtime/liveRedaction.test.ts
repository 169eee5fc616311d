import { strict as assert } from 'node:assert';
import type { ConversationEvent } from '../../../src/engine/model';
import { createRedactor } from '../../../src/engine/privacy';
import { LiveCallHistory } from '../../../src/engine/realtime';
import type { LiveCallBatch } from '../../../src/engine/realtime';
import { createLiveRedaction } from '../../../src/node/liveRedaction';
import { createNodePorts } from '../../../src/node/nodePorts';
import { sampleCalls } from './helpers';

describe('live redaction: each batch in the context of its whole call, here or in a worker thread', function () {
  this.timeout(60_000);
  const hmacKey = new Uint8Array(32).fill(9);
  const hashing = createNodePorts().hashing;

  /** The calls cut into batches of 1–3 events, interleaved across calls as a live stream would be. */
  function batches(calls: ConversationEvent[][]): LiveCallBatch[] {
    const out: LiveCallBatch[] = [];
    const cursor = calls.map(() => 0);
    const ended = new Set<number>();
    for (let round = 0; cursor.some((c, i) => c < calls[i]!.length); round++) {
      calls.forEach((events, i) => {
        const n = 1 + ((round + i) % 3);
        const part = events.slice(cursor[i], cursor[i]! + n);
        cursor[i]! += part.length;
        // As the live client does: a batch at or after the call's end (post-call feedback) keeps no history.
        if (part.some((e) => e.type === 'call.ended')) ended.add(i);
        if (part.length) out.push({ callId: events[0]!.callId, events: part, ended: ended.has(i) });
      });
    }
    return out;
  }

  it('the worker gives what the in-process history gives, and what redacting the whole call at once gives', async () => {
    const calls = sampleCalls(12, 41);
    const stream = batches(calls);
    const here = new LiveCallHistory(createRedactor({ hmacKey, hashing }));
    const local = stream.map((b) => here.redact(b));
    assert.equal(here.openCalls, 0, 'histories are dropped when calls end');
    const worker = createLiveRedaction({ hmacKey });
    try {
      const remote = [];
      for (let i = 0; i < stream.length; i += 5) remote.push(...(await worker.redactLive(stream.slice(i, i + 5))));
      assert.deepEqual(remote, local);
    } finally {
      await worker.close();
    }
    // Compared with import-style redaction of the whole call: the same text for every event whose
    // redaction did not depend on later turns (a name first recognised later is the documented limit).
    const whole = createRedactor({ hmacKey, hashing });
    const byId = new Map(calls.flatMap((c) => whole.redactConversation({ callId: c[0]!.callId, agentId: c[0]!.agentId, events: c } as never).events.map((e) => [e.eventId, e] as const)));
    let same = 0;
    let total = 0;
    for (const conv of local)
      for (const e of conv.events) {
        total++;
        if (JSON.stringify(e) === JSON.stringify(byId.get(e.eventId))) same++;
      }
    assert.equal(total, calls.flat().length);
    assert.ok(same / total > 0.9, `${same}/${total} events redacted as on import`);
  });
});
