import assert from 'node:assert/strict';
import type { Conversation } from '../../../src/engine/model';
import { createComplianceValidator, createRedactor } from '../../../src/engine/privacy';
import { personalIdType } from '../../../src/engine/privacy/identifiers';
import { createNodePorts } from '../../../src/node/nodePorts';

const hashing = createNodePorts().hashing;
const redactor = createRedactor({ hmacKey: new Uint8Array(32).fill(5), hashing });

function call(events: Record<string, unknown>[], ids: { callId?: string; agentId?: string } = {}): Conversation {
  const base = { callId: ids.callId ?? 'c1', agentId: ids.agentId ?? 'a1' };
  return { ...base, startedAt: 0, events: events.map((e, i) => ({ ...base, eventId: `e${i}`, ts: i, ...e })) as Conversation['events'] };
}
const texts = (c: Conversation) => c.events.map((e) => JSON.stringify(e));

describe('privacy: labels on real calls (issue 12)', () => {
  it('gives a code one placeholder across text, tool arguments and JSON tool results, whatever detector typed it first', () => {
    const out = redactor.redactConversation(
      call([
        { type: 'turn', role: 'user', text: 'my account number is eight eight two one three nine zero four four one, booking KX7P2Q' },
        { type: 'tool.called', toolCallId: 't1', name: 'lookup', arguments: { account_number: '8821390441', pnr: 'KX7P2Q', ref: 'ACC-88213', month: '2025-10' } },
        { type: 'tool.result', toolCallId: 't1', ok: true, result: '{"pnr":"KX7P2Q","account":"ACC-88213","note":"ACC-88213 billed 2025-10"}' },
        { type: 'turn', role: 'agent', text: 'I see booking KX7P2Q on ACC-88213.' },
      ]),
    );
    const all = texts(out).join('\n');
    for (const raw of ['8821390441', 'KX7P2Q', 'ACC-88213', 'eight eight two']) assert.ok(!all.includes(raw), `${raw} leaked: ${all}`);
    const [t1, tool, result, t2] = out.events as [Extract<Conversation['events'][number], { type: 'turn' }>, Extract<Conversation['events'][number], { type: 'tool.called' }>, Extract<Conversation['events'][number], { type: 'tool.result' }>, Extract<Conversation['events'][number], { type: 'turn' }>];
    const args = tool.arguments as Record<string, string>;
    const spoken = /account number is (\[[A-Z_]+_\d+\])/.exec(t1.text)![1]!;
    assert.equal(args.account_number, spoken, 'the spoken account number and the argument share one placeholder');
    const pnr = args.pnr!;
    assert.match(pnr, /^\[ACCOUNT_NUMBER_\d+\]$/);
    assert.ok(t1.text.includes(pnr) && result.result!.includes(pnr) && t2.text.includes(pnr));
    assert.ok(result.result!.includes(args.ref!) && t2.text.includes(args.ref!));
    assert.equal(args.month, '2025-10', 'a month is not an account number');
    assert.doesNotMatch(result.result!, /ACCOUNT_NUMBER_\d+\] billed \[ACCOUNT/);
  });

  it("names the agent of the system prompt [AGENT_NAME] and keeps the business it works for", () => {
    const out = redactor.redactConversation(
      call([
        { type: 'call.started', channel: 'voice', systemPrompt: 'You are Ava, the receptionist at Brightside Dental. Greet callers as Ava from Brightside Dental.' },
        { type: 'turn', role: 'agent', text: 'Thanks for calling Brightside Dental, this is Ava.' },
        { type: 'turn', role: 'user', text: 'Hi Ava, this is Tomasz Wiśniewski.' },
      ]),
    );
    const [started, agent, user] = out.events;
    assert.equal(started!.type === 'call.started' && started!.systemPrompt, 'You are [AGENT_NAME], the receptionist at Brightside Dental. Greet callers as [AGENT_NAME] from Brightside Dental.');
    assert.equal(agent!.type === 'turn' && agent!.text, 'Thanks for calling Brightside Dental, this is [AGENT_NAME].');
    assert.equal(user!.type === 'turn' && user!.text, 'Hi [AGENT_NAME], this is [CUSTOMER_NAME_1].');
  });

  it('hashes ids that hold an email, a phone number or a name (deterministically), and leaves machine ids alone', () => {
    const personal = call([{ type: 'call.started', channel: 'voice', source: { file: 'f.json', index: 0, format: 'vapi', externalId: 'Priya Raghunathan' } }, { type: 'turn', role: 'user', text: 'hi' }], {
      callId: '+1 415 555 0199',
      agentId: 'maria.lopez@gmail.com',
    });
    const a = redactor.redactConversation(personal);
    const b = redactor.redactConversation(personal);
    const json = JSON.stringify(a);
    for (const raw of ['415 555 0199', 'maria.lopez', 'Raghunathan']) assert.ok(!json.includes(raw), `${raw} leaked`);
    assert.match(a.callId, /^id_[0-9a-f]{24}$/);
    assert.equal(a.callId, b.callId, 'the same raw id hashes to the same stored id (re-imports still join)');
    assert.ok(a.events.every((e) => e.callId === a.callId && e.agentId === a.agentId));
    const machine = call([{ type: 'turn', role: 'user', text: 'hi' }], { callId: 'call_8f3a2c91-4d1e-4b7a-9c3e-1f2a3b4c5d6e', agentId: 'support-bot' });
    const m = redactor.redactConversation(machine);
    assert.equal(m.callId, machine.callId);
    assert.equal(m.agentId, 'support-bot');
    for (const id of ['sample-7-000000', 'sample-7-000000:3', 'call-1790000000000', 'tau-airline-12-3', 'acme-support', 'leak:0']) assert.equal(personalIdType(id), undefined, id);
  });

  it('redacts fields it does not know (a platform summary, metadata) as free text instead of passing them raw', () => {
    const conv = call([{ type: 'turn', role: 'user', text: 'hi', summary: 'Maria Lopez asked for a callback on 415-555-0199' }]) as Conversation & Record<string, unknown>;
    conv.summary = 'Caller Maria Lopez (maria.lopez@example.com) wants a refund';
    conv.metadata = { customerEmail: 'maria.lopez@example.com', note: 'ssn 078-05-1120', customer_id: 'cus_8812', priority: 2 };
    conv.outcome = { endReason: 'completed', summary: 'Maria Lopez was refunded' } as Conversation['outcome'];
    const out = redactor.redactConversation(conv) as Conversation & Record<string, unknown>;
    const json = JSON.stringify(out);
    for (const raw of ['Maria', 'Lopez', 'maria.lopez', '555-0199', '078-05-1120', 'cus_8812']) assert.ok(!json.includes(raw), `${raw} leaked: ${json}`);
    assert.equal(out.summary, 'Caller [CUSTOMER_NAME_1] ([EMAIL_1]) wants a refund');
    assert.equal((out.metadata as Record<string, unknown>).priority, 2);
  });

  it('the gate refuses a raw personal id in any id field and accepts hashed and machine ids', () => {
    const gate = createComplianceValidator({ mode: 'residual' });
    const bad = gate.validate({ callId: '(415) 555-0199', agentId: 'jean.picard@example.fr', source: { externalId: 'Priya Raghunathan' }, events: [{ eventId: 'maria@example.org:1' }] });
    assert.deepEqual(
      bad.findings.map((f) => `${f.field} ${f.entityType}`).sort(),
      ['agentId EMAIL', 'callId PHONE', 'events[0].eventId EMAIL', 'source.externalId PERSON'],
    );
    assert.equal(gate.validate({ callId: 'id_0123456789abcdef01234567', agentId: 'support-bot', eventId: 'sample-7-000000:3', source: { externalId: '550e8400-e29b-41d4-a716-446655440000' } }).ok, true);
  });
});
