import assert from 'node:assert/strict';
import { ConversationEventSchema, assembleConversation } from '../../../src/engine/model';

describe('model', () => {
  it('parses an ISO timestamp into epoch milliseconds and applies defaults', () => {
    const e = ConversationEventSchema.parse({
      type: 'call.started',
      eventId: 'e1',
      callId: 'c1',
      agentId: 'a1',
      ts: '2026-09-30T12:00:00.000Z',
    });
    assert.equal(e.ts, Date.parse('2026-09-30T12:00:00.000Z'));
    assert.equal(e.type === 'call.started' && e.channel, 'voice');
  });

  it('names the field and the reason when an event is malformed', () => {
    const r = ConversationEventSchema.safeParse({ type: 'turn', eventId: 'e1', callId: 'c1', agentId: 'a1', ts: 1, role: 'caller', text: 'hi' });
    assert.equal(r.success, false);
    assert.deepEqual(r.error!.issues[0]!.path, ['role']);
  });

  it('orders events by time and keeps arrival order within a timestamp', () => {
    const base = { callId: 'c1', agentId: 'a1' };
    const conv = assembleConversation([
      { ...base, type: 'turn', eventId: 't2', ts: 5, role: 'agent', text: 'second' },
      { ...base, type: 'turn', eventId: 't3', ts: 5, role: 'user', text: 'third' },
      { ...base, type: 'call.started', eventId: 's', ts: 1, channel: 'voice' },
      { ...base, type: 'call.ended', eventId: 'end', ts: 9, outcome: { endReason: 'completed', resolved: true } },
    ]);
    assert.deepEqual(conv.events.map((e) => e.eventId), ['s', 't2', 't3', 'end']);
    assert.equal(conv.startedAt, 1);
    assert.equal(conv.endedAt, 9);
    assert.equal(conv.outcome?.resolved, true);
  });
});
