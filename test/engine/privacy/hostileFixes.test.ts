import assert from 'node:assert/strict';
import type { ConversationEvent } from '../../../src/engine/model';
import { assembleConversation } from '../../../src/engine/model';
import { createComplianceValidator, createRedactor } from '../../../src/engine/privacy';
import { createNodePorts } from '../../../src/node/nodePorts';

const redactor = createRedactor({ hmacKey: new Uint8Array(32).fill(3), hashing: createNodePorts().hashing });
const base = { callId: 'c1', agentId: 'support-bot' };
const turn = (n: number, role: 'user' | 'agent', text: string): ConversationEvent => ({ ...base, eventId: `c1:${n}`, ts: 1_790_000_000_000 + n, type: 'turn', role, text });
const texts = (turns: [role: 'user' | 'agent', text: string][]) =>
  redactor.redactConversation(assembleConversation(turns.map(([role, text], i) => turn(i + 1, role, text)))).events.map((e) => (e.type === 'turn' ? e.text : ''));

describe('privacy: the leaks the hostile set found (test/fixtures/privacy/hostile)', () => {
  it('a name found anywhere in the call is redacted in lower case too, unless it is an everyday word', () => {
    assert.deepEqual(texts([['user', 'can you tell rohan that i called'], ['agent', "Sure, I'll let Rohan know you rang."]]), [
      'can you tell [CUSTOMER_NAME_1] that i called',
      "Sure, I'll let [CUSTOMER_NAME_1] know you rang.",
    ]);
    // "Grace" is a name here, "grace" an everyday word there.
    const [, second] = texts([['agent', 'Thanks Grace, I have the account.'], ['user', 'is there a grace period on the bill?']]);
    assert.equal(second, 'is there a grace period on the bill?');
  });

  it('a name said again at once keeps its surname: "it\'s hamid, hamid rezaei"', () => {
    const [, answer] = texts([['agent', 'Who am I chatting with?'], ['user', "it's hamid, hamid rezaei"]]);
    assert.doesNotMatch(answer!, /rezaei|hamid/);
    // Not after a repeat: a dictionary word after the name stays.
    assert.match(texts([['user', "it's hamid, hamid again, about the router"]])[0]!, /again, about the router/);
  });

  it('a spoken email whose domain has a hyphen is one email', () => {
    assert.deepEqual(texts([['user', 'accounts at dunmore hyphen farms dot ie please']]), ['[EMAIL_1] please']);
  });

  it('metadata keys holding an email or a name are redacted; field-name keys stay', () => {
    const started: ConversationEvent = {
      ...base,
      eventId: 'c1:0',
      ts: 1_790_000_000_000,
      type: 'call.started',
      channel: 'voice',
      platform: { metadata: { crmTier: 'gold', crm: { 'ingeborg.sorensen@example.no': 'vip', 'Ingeborg Sørensen': 'owner' } } },
    };
    const out = redactor.redactConversation(assembleConversation([started, turn(1, 'user', 'hello')]));
    const json = JSON.stringify(out.events[0]);
    assert.doesNotMatch(json, /ingeborg|sørensen/i);
    assert.match(json, /"crmTier":"gold"/);
    assert.equal(createComplianceValidator({ mode: 'residual' }).validate(out.events, 'events').ok, true);
  });

  it('a blocked map key is reported by where it is, never by its value', () => {
    const report = createComplianceValidator().validate({ metadata: { crm: { 'ingeborg.sorensen@example.no': { note: 'call +1 415 555 0199' } } } }, 'call');
    assert.deepEqual(
      report.findings.map((f) => `${f.field} ${f.entityType}`),
      ['call.metadata.crm.<key> (key) EMAIL', 'call.metadata.crm.<key>.note PHONE'],
    );
  });
});
