import assert from 'node:assert/strict';
import type { Conversation } from '../../../src/engine/model';
import { createRedactor } from '../../../src/engine/privacy';
import { createNodePorts } from '../../../src/node/nodePorts';

describe('redactConversation: a name found anywhere in a call is a name everywhere in it', () => {
  const ports = createNodePorts();
  const redactor = createRedactor({ hmacKey: new Uint8Array(32).fill(9), hashing: ports.hashing });
  const turn = (n: number, role: 'user' | 'agent', text: string) => ({ type: 'turn' as const, eventId: `e${n}`, callId: 'c', agentId: 'a', ts: n, role, text });
  const conv = (turns: ReturnType<typeof turn>[]): Conversation => ({ callId: 'c', agentId: 'a', startedAt: 0, events: turns });
  const texts = (c: Conversation) => c.events.map((e) => (e.type === 'turn' ? e.text : ''));

  it('redacts a name in an earlier turn that had no context word', () => {
    const out = redactor.redactConversation(
      conv([
        turn(1, 'agent', 'Hi, you have reached Acme Outfitters support, Jordan speaking.'),
        turn(2, 'user', 'Hi, Grace Ivanova. This is ridiculous.'),
        turn(3, 'user', 'The account is under Grace Ivanova.'),
        turn(4, 'user', 'Grace here again. Thanks Jordan. Amazing grace.'),
      ]),
    );
    assert.deepEqual(texts(out), [
      'Hi, you have reached Acme Outfitters support, [AGENT_NAME] speaking.',
      'Hi, [CUSTOMER_NAME_1]. This is ridiculous.',
      'The account is under [CUSTOMER_NAME_1].',
      '[CUSTOMER_NAME_1] here again. Thanks [AGENT_NAME]. Amazing grace.',
    ]);
  });

  it('matches whole words only', () => {
    const out = redactor.redactConversation(conv([turn(1, 'user', 'My name is Ann Lee.'), turn(2, 'user', 'Annual fees are fine, Ann. Leeway too.')]));
    assert.deepEqual(texts(out), ['My name is [CUSTOMER_NAME_1].', 'Annual fees are fine, [CUSTOMER_NAME_1]. Leeway too.']);
  });
});
