import assert from 'node:assert/strict';
import type { Conversation } from '../../../src/engine/model';
import { createRedactor } from '../../../src/engine/privacy';
import { createNodePorts } from '../../../src/node/nodePorts';
import { loadLeakCases } from './handmadeCases';

const hashing = createNodePorts().hashing;
const hmacKey = new Uint8Array(32).fill(9);

function call(callId: string, events: Record<string, unknown>[]): Conversation {
  const base = { callId, agentId: 'a1' };
  return { ...base, startedAt: 0, events: events.map((e, i) => ({ ...base, eventId: `e${i}`, ts: i, ...e })) as Conversation['events'] };
}

// The same texts in different calls, where the call around a text changes how it is redacted: the agent's
// name (system prompt, introduction), the business names of the call, the question the agent just asked.
function contextCalls(): Conversation[] {
  const prompt = 'You are Ava, the receptionist at Brightside Dental. Greet callers as Ava from Brightside Dental.';
  const shared = [
    { type: 'turn', role: 'user', text: 'Hi Ava, this is Tomasz Wiśniewski.' },
    { type: 'turn', role: 'user', text: 'Jordan Lee' },
    { type: 'turn', role: 'user', text: 'four one five' },
    { type: 'turn', role: 'user', text: 'five five five zero one nine nine' },
    { type: 'turn', role: 'agent', text: 'Thanks for calling Brightside Dental, how can I help?' },
    { type: 'tool.called', toolCallId: 't1', name: 'lookup', arguments: { pnr: 'KX7P2Q', note: 'Ava called Jordan Lee' } },
    { type: 'tool.result', toolCallId: 't1', ok: true, result: 'Booking KX7P2Q for Jordan Lee at Brightside Dental' },
  ];
  return [
    call('with-prompt', [{ type: 'call.started', channel: 'voice', systemPrompt: prompt }, { type: 'turn', role: 'agent', text: "What's your name?" }, ...shared]),
    call('without-prompt', [{ type: 'call.started', channel: 'voice' }, ...shared]),
    call('number-question', [{ type: 'call.started', channel: 'voice' }, { type: 'turn', role: 'agent', text: 'What is your phone number?' }, ...shared.slice(2)]),
    call('agent-intro', [{ type: 'call.started', channel: 'voice', systemPrompt: prompt }, { type: 'turn', role: 'agent', text: 'Hi, this is Jordan, how can I help?' }, ...shared]),
    call('other-business', [{ type: 'call.started', channel: 'voice' }, { type: 'turn', role: 'agent', text: 'Thank you for calling Ava Dental, this is Sam.' }, ...shared]),
  ];
}

function leakCaseCalls(): Conversation[] {
  return loadLeakCases().map((c, k) =>
    call(`leak-${k}`, [
      { type: 'call.started', channel: 'voice' },
      ...c.turns.map(([role, text]) => ({ type: 'turn', role, text })),
      ...(c.tools ?? []).flatMap((t, j) => [
        { type: 'tool.called', toolCallId: `t${j}`, name: t.name, arguments: t.arguments },
        ...(t.result !== undefined ? [{ type: 'tool.result', toolCallId: `t${j}`, name: t.name, ok: true, result: t.result }] : []),
      ]),
    ]),
  );
}

describe('privacy: detections reused across calls give what a fresh redactor gives', () => {
  for (const [name, make] of [['calls sharing texts in different contexts', contextCalls], ['the hand-made leak cases', leakCaseCalls]] as const) {
    it(`one redactor over many calls (twice, in two orders) = a fresh redactor per call: ${name}`, () => {
      const calls = make();
      assert.ok(calls.length >= 5);
      const expected = calls.map((c) => createRedactor({ hmacKey, hashing }).redactConversation(c));
      const shared = createRedactor({ hmacKey, hashing });
      for (const order of [calls.map((_, i) => i), calls.map((_, i) => calls.length - 1 - i)]) {
        for (const i of order) assert.deepEqual(shared.redactConversation(calls[i]!), expected[i], `call ${calls[i]!.callId}`);
      }
      // The contexts matter: the same user turn is redacted differently in the first two calls.
      if (name.startsWith('calls')) assert.notDeepEqual(expected[0]!.events.slice(2), expected[1]!.events.slice(1));
    });
  }
});
