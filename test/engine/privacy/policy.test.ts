import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { MAX_POLICY_MIN_SCORE, PROTECTED_TYPES, PolicyError, createRedactor, readPolicy } from '../../../src/engine/privacy';
import { createNodePorts } from '../../../src/node/nodePorts';

describe('privacy: what a workspace policy can and cannot change', () => {
  it('ignores, with a warning naming each field, a policy that switches structured types off or raises minScore to 1', () => {
    const { policy, warnings } = readPolicy({
      entities: { SSN: { enabled: false }, CARD_NUMBER: { enabled: false }, EMAIL: { enabled: false }, PHONE: { enabled: false }, DATE: { enabled: false } },
      minScore: 1,
      allowlist: ['Acme Outfitters', 'jane@example.org', '4155550199', 'x'],
    });
    assert.deepEqual(warnings.map((w) => w.field).sort(), ['allowlist[1]', 'allowlist[2]', 'allowlist[3]', 'entities.CARD_NUMBER.enabled', 'entities.EMAIL.enabled', 'entities.PHONE.enabled', 'entities.SSN.enabled', 'minScore']);
    assert.equal(policy.minScore, 0.5);
    assert.deepEqual(policy.allowlist, ['Acme Outfitters']);
    assert.equal(policy.entities.DATE?.enabled, false, 'dates may be kept: not a protected type');
    const r = createRedactor({ hmacKey: new Uint8Array(32).fill(1), hashing: createNodePorts().hashing, policy });
    const out = r.redactText('SSN 078-05-1120, card 4111 1111 1111 1111, mail jane@example.org, call 415-555-0199, Acme Outfitters').text;
    assert.equal(out, 'SSN [SSN_1], card [CARD_NUMBER_1], mail [EMAIL_1], call [PHONE_1], Acme Outfitters');
  });

  it('keeps every safe change (placeholders, buckets, thresholds within bounds, business words) without a warning', () => {
    const { policy, warnings } = readPolicy({ entities: { PERSON: { placeholder: 'CALLER', mode: 'plain' }, DOLLAR_AMOUNT: { buckets: [0, 100] }, AGE: { enabled: false } }, minScore: MAX_POLICY_MIN_SCORE, allowlist: ['Brightside Dental'] });
    assert.deepEqual(warnings, []);
    assert.equal(policy.minScore, MAX_POLICY_MIN_SCORE);
    assert.equal(policy.entities.PERSON?.placeholder, 'CALLER');
  });

  it('refuses a malformed policy or one naming a gate switch, naming the field', () => {
    assert.throws(() => readPolicy({ gate: false }), (e: unknown) => e instanceof PolicyError && /gate/.test(e.message));
    assert.throws(() => readPolicy({ minScore: 'high' }), (e: unknown) => e instanceof PolicyError && /minScore/.test(e.message));
  });

  it('adds a type: its matches get their own placeholder, one per value across text and tool arguments', () => {
    const { policy, warnings } = readPolicy({ customTypes: [{ name: 'MEMBER_ID', pattern: 'MB-\\d{6}' }] });
    assert.deepEqual(warnings, []);
    const r = createRedactor({ hmacKey: new Uint8Array(32).fill(1), hashing: createNodePorts().hashing, policy });
    assert.equal(r.redactText('member MB-123456 and MB-654321, again MB-123456').text, 'member [MEMBER_ID_1] and [MEMBER_ID_2], again [MEMBER_ID_1]');
    const base = { callId: 'c', agentId: 'a' };
    const out = r.redactConversation({
      ...base,
      startedAt: 0,
      events: [
        { ...base, eventId: 'e0', ts: 0, type: 'turn', role: 'user', text: 'my member id is MB-123456' },
        { ...base, eventId: 'e1', ts: 1, type: 'tool.called', toolCallId: 't', name: 'lookup', arguments: { query: 'MB-123456' } },
      ],
    });
    const [turn, tool] = out.events;
    assert.equal(turn!.type === 'turn' && turn!.text, 'my member id is [MEMBER_ID_1]');
    assert.equal(tool!.type === 'tool.called' && (tool!.arguments as { query: string }).query, '[MEMBER_ID_1]');
    assert.throws(() => readPolicy({ customTypes: [{ name: 'MEMBER_ID', pattern: '(' }] }), (e: unknown) => e instanceof PolicyError && /customTypes\.0\.pattern/.test(e.message));
    assert.throws(() => readPolicy({ customTypes: [{ name: 'member', pattern: 'x+y' }] }), (e: unknown) => e instanceof PolicyError && /customTypes\.0\.name/.test(e.message));
    assert.throws(() => readPolicy({ customTypes: [{ name: 'EMPTY', pattern: 'a*b*' }] }), (e: unknown) => e instanceof PolicyError && /empty string/.test(e.message));
  });

  it('protects the structured types and names', () => {
    for (const t of ['SSN', 'CARD_NUMBER', 'EMAIL', 'PHONE', 'IBAN', 'IP_ADDRESS', 'PERSON', 'ADDRESS'] as const) assert.ok(PROTECTED_TYPES.includes(t), t);
  });

  it('marks every kaizen.privacy.* setting as restricted in untrusted workspaces (package.json)', () => {
    const pkg = JSON.parse(readFileSync(path.resolve(__dirname, '..', '..', '..', 'package.json'), 'utf8')) as {
      contributes: { configuration: { properties: Record<string, unknown> } | { properties: Record<string, unknown> }[] };
      capabilities: { untrustedWorkspaces: { restrictedConfigurations: string[] } };
    };
    const conf = pkg.contributes.configuration;
    const keys = (Array.isArray(conf) ? conf : [conf]).flatMap((c) => Object.keys(c.properties)).filter((k) => k.startsWith('kaizen.privacy.'));
    assert.ok(keys.length >= 2);
    for (const k of keys) assert.ok(pkg.capabilities.untrustedWorkspaces.restrictedConfigurations.includes(k), `${k} is not restricted`);
  });
});
