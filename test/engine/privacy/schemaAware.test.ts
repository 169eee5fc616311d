import assert from 'node:assert/strict';
import type { Conversation } from '../../../src/engine/model';
import { createComplianceValidator, createRedactor } from '../../../src/engine/privacy';
import { createNodePorts } from '../../../src/node/nodePorts';

const ports = createNodePorts();
const redactor = createRedactor({ hmacKey: new Uint8Array(32).fill(3), hashing: ports.hashing });
const strict = createComplianceValidator();
const residual = createComplianceValidator({ mode: 'residual' });

function call(turns: [role: 'user' | 'agent', text: string][]): Conversation {
  return {
    callId: 'sample-7-000001',
    agentId: 'acme-support',
    startedAt: 1790032912280,
    events: turns.map(([role, text], i) => ({ eventId: `sample-7-000001:${i}`, callId: 'sample-7-000001', agentId: 'acme-support', ts: 1790032912280 + i * 1000, type: 'turn' as const, role, text })),
  };
}

function texts(turns: [role: 'user' | 'agent', text: string][]): string[] {
  return redactor.redactConversation(call(turns)).events.map((e) => (e.type === 'turn' ? e.text : ''));
}

describe('privacy: schema-aware compliance validator', () => {
  it('skips identifiers, hashes, versions, timestamps and enums that look like phones and account numbers', () => {
    const record = {
      eventId: 'sample-7-000000:0',
      callId: 'sample-7-000000',
      toolCallId: 'sample-7-000000:t1',
      ts: 1790032912280,
      createdAt: 1790032912280,
      durationMs: 4155550199,
      agentVersion: '2026.09',
      callerKey: 'a3f1c2d4e5b60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9',
      contentHash: 'ffee'.repeat(16),
      exampleCallIds: ['sample-7-000000', 'sample-7-000001'],
      status: 'rolled-out',
      stage: 'tool',
      support: 4155550199,
      byCall: { 'sample-7-000000:0': 1 },
    };
    assert.deepEqual(strict.validate(record).findings, []);
  });

  it('still scans free text and numbers under PII field names, naming field and type only', () => {
    const r = strict.validate({ phone: 4155550199, note: 'reach me at jane.roe@example.org', arguments: { query: 'SSN 536-22-1234' }, id: 'x' }, 'rec');
    assert.deepEqual(r.findings.map((f) => `${f.field}:${f.entityType}`).sort(), ['rec.arguments.query:SSN', 'rec.note:EMAIL', 'rec.phone:PHONE']);
    assert.equal(JSON.stringify(r).includes('jane'), false);
  });

  it('does not take measurements or titles for PII', () => {
    const payload = { reason: 'playbook beats control on Resolution rate: +10.23 pp (+18.4 %), p = 0.00601 (Holm-adjusted); CI [0.0296, 0.183].', name: 'Playbook prompt vs current prompt' };
    assert.deepEqual(strict.validate(payload).findings, []);
    // A real number in the same text is still caught.
    assert.deepEqual(strict.validate({ reason: 'call 415.555.0199 about it' }).findings, [{ field: 'reason', entityType: 'PHONE' }]);
  });

  it('residual mode checks transcripts for structured types only', () => {
    const redacted = redactor.redactConversation(call([['user', 'Hi, Grace Mensah here, my email is jane.roe@example.org']]));
    assert.equal(residual.validate(redacted.events).ok, true);
    assert.deepEqual(residual.validate(call([['user', 'Hi Jordan, my card is 4111 1111 1111 1111']]).events, 'call').findings, [{ field: 'call[0].text', entityType: 'CARD_NUMBER' }]);
    // Names are the redactor's judgement, not a residual leak.
    assert.equal(residual.validate(call([['user', 'Bonifacy Kaczmarek said hello']]).events).ok, true);
  });
});

describe('privacy: over-redaction in call transcripts', () => {
  it('keeps sentence-initial everyday words', () => {
    const [a] = texts([['agent', 'Glad we could sort that out. Happy to help. Per our shipping policy, returns are free.']]);
    assert.equal(a, 'Glad we could sort that out. Happy to help. Per our shipping policy, returns are free.');
  });

  it('does not read an "oh" interjection as a zero joined across turns', () => {
    const [, zip, oh] = texts([
      ['agent', 'Can you confirm the zip code?'],
      ['user', 'Sure, and the zip code is 12345'],
      ['user', 'Oh okay, that makes sense'],
    ]);
    assert.equal(zip, 'Sure, and the zip code is [ZIP_CODE_1]');
    assert.equal(oh, 'Oh okay, that makes sense');
    // A spoken zero is still one: "oh five five" continues the number of the turn before.
    const [, a, b] = texts([
      ['agent', 'What is your number?'],
      ['user', 'my number is four one five five five'],
      ['user', 'oh five five, one two three'],
    ]);
    assert.match(a!, /\[PHONE_1\]$/);
    assert.match(b!, /^\[PHONE_1\]/);
  });

  it("marks the agent's own name as [AGENT_NAME] and keeps business names in company contexts", () => {
    const out = texts([
      ['agent', 'Thank you for calling Acme Outfitters, this is Jordan. How can I help you today?'],
      ['agent', 'Hi, you have reached Acme Outfitters support, Riley speaking.'],
      ['agent', 'Good morning, Acme Outfitters, my name is Ava. How may I help?'],
      ['user', 'Hello, Grace Mensah here. Thanks Ava.'],
      ['user', 'My name is Hope Farouk.'],
    ]);
    assert.deepEqual(out, [
      'Thank you for calling Acme Outfitters, this is [AGENT_NAME]. How can I help you today?',
      'Hi, you have reached Acme Outfitters support, [AGENT_NAME] speaking.',
      'Good morning, Acme Outfitters, my name is [AGENT_NAME]. How may I help?',
      'Hello, [CUSTOMER_NAME_1] here. Thanks [AGENT_NAME].',
      'My name is [CUSTOMER_NAME_2].',
    ]);
  });

  it('keeps "two" out of a written order number before it, and placeholders do not trip the residual gate', () => {
    const [t] = texts([['user', 'I was charged twice for the same order, ORD-48213, two payments of $120.']]);
    assert.equal(t, 'I was charged twice for the same order, ORD-[ACCOUNT_NUMBER_1], two payments of [DOLLAR_AMOUNT:100-500].');
    assert.equal(residual.validate({ text: t }).ok, true);
    assert.deepEqual(residual.validate({ text: `${t} or 415 555 0199` }).findings, [{ field: 'text', entityType: 'PHONE' }]);
  });

  it('still redacts a customer greeted by name, and a name in a company context that is a person', () => {
    const out = texts([
      ['agent', 'Good morning, Maria Lopez, this is Sam.'],
      ['user', 'This is Grace Mensah.'],
    ]);
    assert.deepEqual(out, ['Good morning, [CUSTOMER_NAME_1], this is [AGENT_NAME].', 'This is [CUSTOMER_NAME_2].']);
  });
});

describe('strict check: derived English words are not names', () => {
  it('lets the experiment decisions through and still blocks a real name', () => {
    const v = createComplianceValidator();
    assert.deepEqual(v.validate({ note: 'held (Escalation rate 0.3 % worse); Rolled back at the 25 % stage' }, 'a').findings, []);
    assert.deepEqual(v.validate({ note: 'The Regression was Escalating, then Improvement followed' }, 'a').findings, []);
    assert.deepEqual(v.validate({ note: 'call Maria Lopez now' }, 'a').findings, [{ field: 'a.note', entityType: 'PERSON' }]);
  });
});

describe('validator: lower-case machine text is not re-read as prose with restored capitals', () => {
  const gate = createComplianceValidator();
  it("passes a hand-added bullet's note and an induced pattern's id (the redactor's case restoration is not the gate's)", () => {
    assert.deepEqual(gate.validate({ note: 'added pb-kmnopqrsta by hand' }).findings, []);
    assert.deepEqual(gate.validate({ patternId: 'trace_bag_baggage|status_member|voucher_credit' }).findings, []);
  });
  it('still blocks a lower-case name in prose and an id that spells one', () => {
    assert.equal(gate.validate({ note: 'customer is maria lopez, call her back' }).ok, false);
    assert.equal(gate.validate({ agentId: 'maria.lopez@gmail.com' }).ok, false);
  });
  it('the redactor still restores case: a lower-case full name is redacted', () => {
    assert.doesNotMatch(redactor.redactText('her maiden name is nyberg, olga nyberg').text, /nyberg/i);
  });
});

describe('validator: a publication target key is a digest, not text', () => {
  it('passes the 16-hex target keys a text scan read as names (1 in about 160 random ones did)', () => {
    const gate = createComplianceValidator();
    for (const targetKey of ['19581e27de7ced00', 'd6d824abba4afde8', 'b3a8e0e1f9ab1bfe', '01ce4b291ad3ecd2', 'dff17949eb4f9ecd']) {
      assert.deepEqual(gate.validate({ target: 'vapi', targetKey }).findings, [], targetKey);
    }
  });
});
