import assert from 'node:assert/strict';
import type { Conversation, ConversationEvent } from '../../../src/engine/model';
import { assembleConversation } from '../../../src/engine/model';
import { createRedactor } from '../../../src/engine/privacy';
import { openSqlStore } from '../../../src/engine/store';
import { redactsFurther } from '../../../src/engine/store/callMerge';
import { createNodePorts } from '../../../src/node/nodePorts';
import { testPorts } from './builders';

const T0 = Date.UTC(2026, 0, 10, 9);
const base = { callId: 'live-1', agentId: 'agent-a' };
const turn = (n: number, role: 'user' | 'agent', text: string): ConversationEvent => ({ ...base, eventId: `live-1:${n}`, ts: T0 + n * 1000, type: 'turn', role, text });
const textsOf = (c: Conversation | undefined) => c!.events.flatMap((e) => (e.type === 'turn' ? [e.text] : []));

describe('store: a name learned in a later batch of a call is redacted in the events already stored', () => {
  it('replaces a stored event by a version that only redacts more; any other change stays a conflict', async () => {
    const store = await openSqlStore({ ports: testPorts() });
    try {
      const started: ConversationEvent = { ...base, eventId: 'live-1:0', ts: T0, type: 'call.started', channel: 'voice' };
      await store.putConversations([assembleConversation([started, turn(1, 'user', 'Hi, Zorbin Quell again about the refund.')])]);
      const later = await store.putConversations([
        assembleConversation([turn(1, 'user', 'Hi, [CUSTOMER_NAME_1] again about the refund.'), turn(2, 'agent', 'Thanks, [CUSTOMER_NAME_1].')]),
      ]);
      assert.deepEqual([later.eventsInserted, later.eventsRedacted, later.conflicts ?? []], [1, 1, []]);
      assert.deepEqual(textsOf(await store.getConversation('live-1')), ['Hi, [CUSTOMER_NAME_1] again about the refund.', 'Thanks, [CUSTOMER_NAME_1].']);

      // Text that is not the stored text with stretches replaced by placeholders is a conflict, and nothing is applied.
      const edited = await store.putConversations([assembleConversation([turn(1, 'user', 'Hello, [CUSTOMER_NAME_1] about a refund.'), turn(3, 'user', 'ok')])]);
      assert.equal(edited.conflicts?.length, 1);
      assert.equal(edited.conflicts![0]!.field, 'turn.text');
      assert.deepEqual(textsOf(await store.getConversation('live-1')), ['Hi, [CUSTOMER_NAME_1] again about the refund.', 'Thanks, [CUSTOMER_NAME_1].']);
    } finally {
      await store.close();
    }
  });

  it('the redactor over the whole call so far yields exactly such versions of the earlier events', () => {
    const redactor = createRedactor({ hmacKey: new Uint8Array(32).fill(9), hashing: createNodePorts().hashing });
    const first = [turn(1, 'user', 'Leave it with Mette.')];
    const firstBatch = redactor.redactConversation(assembleConversation(first)).events;
    assert.equal(firstBatch[0]!.type === 'turn' && firstBatch[0]!.text, 'Leave it with Mette.', 'alone, it may be a brand');
    const both = redactor.redactConversation(assembleConversation([...first, turn(2, 'user', 'My name is Mette Zorbex.')])).events;
    const again = both.find((e) => e.eventId === 'live-1:1')!;
    assert.equal(again.type === 'turn' && again.text, 'Leave it with [CUSTOMER_NAME_1].');
    assert.ok(redactsFurther(firstBatch[0]!, again));
    assert.ok(!redactsFurther(again, firstBatch[0]!), 'un-redacting is never a further redaction');
  });
});
