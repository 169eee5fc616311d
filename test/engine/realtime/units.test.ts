import { strict as assert } from 'node:assert';
import type { ConversationEvent } from '../../../src/engine/model';
import { AckTracker, CallOrderer, CorrectionDecider, SseParser, backoffDelay, userRules } from '../../../src/engine/realtime';

function turn(callId: string, seq: number, text = 'hello', agentId = 'a1'): ConversationEvent {
  return { eventId: `${callId}-${seq}`, callId, agentId, ts: 1000 + seq, seq, type: 'turn', role: 'user', text };
}

const everyTurn = userRules([{ id: 'r', when: { type: 'turn', role: 'user' }, text: 'Keep it short.', mode: 'silent', stopsTool: false, repeatable: true }]);

describe('realtime building blocks', () => {
  it('token buckets per call and per agent, refilled by the clock; a per-call cap', () => {
    let now = 0;
    const clock = { now: () => now };
    const perCall = new CorrectionDecider({ rules: everyTurn, clock, perCall: { capacity: 2, refillPerSecond: 1 }, perAgent: { capacity: 100, refillPerSecond: 0 } });
    const fired = (d: CorrectionDecider, e: ConversationEvent): number => (d.decide(e) ? 1 : 0);
    assert.equal([0, 1, 2, 3].map((s) => fired(perCall, turn('c1', s))).reduce((a, b) => a + b), 2);
    assert.equal(perCall.throttled, 2);
    now += 1000; // one token back
    assert.equal(fired(perCall, turn('c1', 4)), 1);
    assert.equal(fired(perCall, turn('c1', 5)), 0);

    const perAgent = new CorrectionDecider({ rules: everyTurn, clock, perCall: { capacity: 10, refillPerSecond: 0 }, perAgent: { capacity: 3, refillPerSecond: 0 } });
    const total = ['x', 'y', 'z', 'w'].flatMap((c) => [0, 1].map((s) => fired(perAgent, turn(c, s)))).reduce((a, b) => a + b);
    assert.equal(total, 3, 'the agent bucket caps all its calls together');

    const capped = new CorrectionDecider({ rules: everyTurn, clock, maxPerCall: 1, perCall: { capacity: 10, refillPerSecond: 0 } });
    assert.equal([0, 1, 2].map((s) => fired(capped, turn('c9', s))).reduce((a, b) => a + b), 1);
  });

  it('a correction names the event it is based on; once per call unless the rule repeats', () => {
    const once = userRules([{ id: 'o', when: { type: 'turn', textMatches: 'refund' }, text: 'Validate first.', mode: 'respond', stopsTool: false, repeatable: false }]);
    const d = new CorrectionDecider({ rules: once, clock: { now: () => 0 } });
    const first = d.decide(turn('c1', 0, 'I want a refund'));
    assert.equal(first?.correction.basedOnEventId, 'c1-0');
    assert.equal(first?.correction.mode, 'respond');
    assert.equal(d.decide(turn('c1', 1, 'refund please')), undefined);
    assert.ok(d.decide(turn('c2', 0, 'refund')));
  });

  it('backoff: full jitter within [0, min(cap, base·2^n))', () => {
    assert.equal(backoffDelay(0, () => 0.999, { baseMs: 100, capMs: 1000 }), 99);
    assert.equal(backoffDelay(3, () => 0.5, { baseMs: 100, capMs: 1000 }), 400);
    assert.equal(backoffDelay(20, () => 0.999, { baseMs: 100, capMs: 1000 }), 999);
    assert.equal(backoffDelay(5, () => 0, { baseMs: 100, capMs: 1000 }), 0);
  });

  it('acks cover only a done prefix and never move back on a redelivered id', () => {
    const t = new AckTracker();
    for (const id of ['1', '2', '3']) t.received(id);
    t.done('2');
    assert.equal(t.advance(), undefined);
    t.done('1');
    assert.equal(t.advance(), '2');
    assert.equal(t.received('1'), false, 'a redelivery of an acked id is not queued again');
    t.done('3');
    assert.equal(t.advance(), '3');
    assert.equal(t.acked, '3');
  });

  it('restores per-call order by seq and drains gaps at the end', () => {
    const o = new CallOrderer<number>();
    assert.deepEqual(o.push(turn('c', 1), 1), []);
    assert.deepEqual(o.push(turn('c', 2), 2), []);
    assert.deepEqual(o.push(turn('c', 0), 0).map((h) => h.event.seq), [0, 1, 2]);
    assert.deepEqual(o.push(turn('c', 5), 5), []);
    assert.deepEqual(o.drain().map((h) => h.event.seq), [5]);
  });

  it('parses SSE split anywhere, with CRLF, comments and multi-line data', () => {
    const text = ': hi\r\nid: 7\r\nevent: event\r\ndata: {"a":\r\ndata: 1}\r\n\r\nid: 8\nevent: end\ndata: {"lastEventId":"8"}\n\n';
    for (let cut = 0; cut < text.length; cut++) {
      const p = new SseParser();
      const msgs = [...p.feed(text.slice(0, cut)), ...p.feed(text.slice(cut))];
      assert.deepEqual(msgs, [
        { id: '7', event: 'event', data: '{"a":\n1}' },
        { id: '8', event: 'end', data: '{"lastEventId":"8"}' },
      ], `cut at ${cut}`);
    }
  });
});
