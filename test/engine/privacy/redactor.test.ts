import assert from 'node:assert/strict';
import type { Conversation } from '../../../src/engine/model';
import { createComplianceValidator, createRedactor, parsePolicy, PrivacyViolationError } from '../../../src/engine/privacy';
import { createNodePorts } from '../../../src/node/nodePorts';

const hashing = createNodePorts().hashing;
const key = new Uint8Array(32).fill(7);
const redactor = createRedactor({ hmacKey: key, hashing });

function call(events: Record<string, unknown>[]): Conversation {
  const base = { callId: 'c1', agentId: 'a1' };
  return {
    ...base,
    startedAt: 0,
    events: events.map((e, i) => ({ ...base, eventId: `e${i}`, ts: i, ...e })) as Conversation['events'],
  };
}

describe('privacy: redactConversation', () => {
  it('redacts every text field of a call and keeps placeholders consistent across turns', () => {
    const conv = call([
      { type: 'call.started', channel: 'voice', callerKey: '+1 (415) 555-0199', systemPrompt: 'Escalate if the caller Maria Lopez mentions fraud.' },
      { type: 'turn', role: 'user', text: 'Hi, my name is Maria Lopez, my email is maria.lopez@example.com' },
      { type: 'turn', role: 'agent', text: 'Thanks Maria, I found the account for maria.lopez@example.com.' },
      { type: 'tool.called', toolCallId: 't1', name: 'lookup', arguments: { email: 'maria.lopez@example.com', note: 'call back at 415-555-0199', customer_id: 'cus_8812' } },
      { type: 'tool.result', toolCallId: 't1', ok: false, error: 'no card 4111 1111 1111 1111 on file' },
      { type: 'agent.error', code: 'E1', message: 'timeout looking up Maria Lopez', stage: 'tool' },
    ]);
    const out = redactor.redactConversation(conv);
    const json = JSON.stringify(out);
    for (const leak of ['Maria', 'Lopez', 'maria.lopez', '555-0199', '4111', 'cus_8812']) assert.ok(!json.includes(leak), `leaked ${leak}: ${json}`);
    const [started, t1, t2, tool, result, error] = out.events;
    assert.equal(started!.type === 'call.started' && started!.systemPrompt, 'Escalate if the caller [CUSTOMER_NAME_1] mentions fraud.');
    assert.equal(t1!.type === 'turn' && t1!.text, 'Hi, my name is [CUSTOMER_NAME_1], my email is [EMAIL_1]');
    assert.equal(t2!.type === 'turn' && t2!.text, 'Thanks [CUSTOMER_NAME_1], I found the account for [EMAIL_1].');
    assert.ok(tool!.type === 'tool.called');
    assert.equal((tool!.arguments as Record<string, string>).email, '[EMAIL_1]');
    assert.match((tool!.arguments as Record<string, string>).customer_id!, /^id_[0-9a-f]{24}$/);
    assert.equal(result!.type === 'tool.result' && result!.error, 'no card [CARD_NUMBER_1] on file');
    assert.equal(error!.type === 'agent.error' && error!.message, 'timeout looking up [CUSTOMER_NAME_1]');
    assert.ok(started!.type === 'call.started' && /^[0-9a-f]{64}$/.test(started!.callerKey!));
  });

  it('joins a number spoken over two user turns and labels both halves the same', () => {
    const conv = call([
      { type: 'turn', role: 'user', text: 'my phone number is four one five five five five' },
      { type: 'turn', role: 'agent', text: 'mhm' },
      { type: 'turn', role: 'user', text: 'zero one nine nine' },
    ]);
    const out = redactor.redactConversation(conv).events;
    assert.equal(out[0]!.type === 'turn' && out[0]!.text, 'my phone number is [PHONE_1]');
    assert.equal(out[2]!.type === 'turn' && out[2]!.text, '[PHONE_1]');
  });

  it('hashes caller keys with HMAC: same caller joins, another secret does not', () => {
    const a = redactor.hashIdentifier('+1 (415) 555-0199');
    assert.equal(a, redactor.hashIdentifier('415-555-0199'));
    assert.equal(a, hashing.hmacSha256(key, '4155550199'));
    const other = createRedactor({ hmacKey: new Uint8Array(32).fill(9), hashing });
    assert.notEqual(a, other.hashIdentifier('+1 (415) 555-0199'));
    assert.notEqual(a, redactor.hashIdentifier('+1 (415) 555-0198'));
  });
});

describe('privacy: compliance validator', () => {
  it('blocks PII sneaked into nested objects and names field and type without the value', () => {
    const v = createComplianceValidator();
    const artifact = { payload: { steps: [{ role: 'agent', template: 'I can help, [CUSTOMER_NAME_1].' }, { role: 'user', template: 'reach me at jane.roe@example.org' }] } };
    const r = v.validate(artifact, 'artifact');
    assert.equal(r.ok, false);
    assert.deepEqual(r.findings, [{ field: 'artifact.payload.steps[1].template', entityType: 'EMAIL' }]);
    assert.throws(
      () => v.assertCompliant(artifact, 'artifact'),
      (e: unknown) => e instanceof PrivacyViolationError && e.message.includes('artifact.payload.steps[1].template (EMAIL)') && !e.message.includes('jane'),
    );
    assert.equal(v.validate({ text: 'Thanks [CUSTOMER_NAME_1], refund of [DOLLAR_AMOUNT:100-500] issued.' }).ok, true);
  });
});

describe('privacy: policy', () => {
  it('names the bad field in parse errors', () => {
    assert.throws(() => parsePolicy({ entities: { PHONE: { placeholder: 'phone number' } } }), /entities\.PHONE\.placeholder/);
    assert.throws(() => parsePolicy({ allowlist: [''] }), /allowlist\.0/);
    assert.throws(() => parsePolicy({ entitys: {} }), /entitys|Unrecognized/);
  });
});

describe('privacy: compliance validator, stricter checks', () => {
  const v = createComplianceValidator();

  it('checks map keys, numbers, field names and arrays, never echoing values', () => {
    const r = v.validate({
      byCaller: { 'jane.roe@example.org': 3 },
      stats: [{ phone: '4155550199' }, { accountNo: 88213904412 }],
      customer_name: 'Bob',
      note: 'thanks [CUSTOMER_NAME_1], all set',
    });
    assert.equal(r.ok, false);
    assert.deepEqual(
      r.findings.map((f) => `${f.field}:${f.entityType}`).sort(),
      ['byCaller.<key> (key):EMAIL', 'customer_name:PERSON', 'stats[0].phone:PHONE', 'stats[1].accountNo:ACCOUNT_NUMBER'].sort(),
    );
  });

  it('passes what the redactor produced, and blocks what it would miss in non-strict mode', () => {
    const redacted = redactor.redactConversation(
      call([{ type: 'turn', role: 'user', text: 'I am Jane Roe, card 4111 1111 1111 1111, call 415-555-0199' }]),
    );
    assert.equal(v.validate(redacted.events, 'events').ok, true, JSON.stringify(v.validate(redacted.events).findings));
    // A bare 9-digit number with no context is still redacted, as an account number.
    assert.equal(redactor.redactText('ref 7 then 482913374').text.includes('482913374'), false);
    assert.deepEqual(v.validate({ x: 'Bonifacy Kaczmarek said hello' }).findings, [{ field: 'x', entityType: 'PERSON' }]);
  });

  it('honours the policy allowlist', () => {
    const lenient = createComplianceValidator({ policy: parsePolicy({ allowlist: ['Maria Lopez Realty'] }) });
    assert.equal(lenient.validate({ note: 'Call Maria Lopez Realty for a quote' }).ok, true);
    assert.equal(v.validate({ note: 'Call Maria Lopez Realty for a quote' }).ok, false);
  });
});
