import assert from 'node:assert/strict';
import { learnErrors } from '../../../src/engine/errors';
import { createRedactor } from '../../../src/engine/privacy';
import { parseFixture, replayFixture } from '../../../src/engine/replay';
import { nodeHashing } from '../../../src/node/nodePorts';
import { errorHistory } from '../errors/history';

const hash = (t: string) => nodeHashing.sha256(t);
const redactor = createRedactor({ hashing: nodeHashing, hmacKey: new Uint8Array(32).fill(7) });

/** A fixture of one history call with the given expectation (inline on call.started) and sidecar. */
function fixtureOf(callId: string, expect: object, sidecar?: object) {
  const events = errorHistory().find((c) => c[0]!.callId === callId)!;
  const text = events.map((e, i) => JSON.stringify(i === 0 ? { ...e, expect } : e)).join('\n');
  return parseFixture('x.calls.jsonl', text, sidecar === undefined ? undefined : JSON.stringify(sidecar));
}

describe('engine/replay: error fingerprints from the catalog and caughtBeforeError', () => {
  const learned = learnErrors(errorHistory(), { hash });
  const refundFp = learned.catalog.find((f) => f.tool === 'issue_refund')!.fingerprint;
  const refundRules = learned.rules.filter((r) => r.fingerprint === refundFp);

  it('knows the store\'s catalog ids: noKnownErrorFingerprint and forbiddenErrors match fp_… ids', () => {
    const f = fixtureOf('refund-1', { noKnownErrorFingerprint: true, forbiddenErrors: [refundFp] });
    const [call] = replayFixture(f, { redactor, hash, knownFingerprints: [refundFp] }).calls;
    assert.equal(call!.status, 'failed');
    assert.deepEqual(call!.checks.map((c) => [c.name, c.ok]), [['noKnownErrorFingerprint', false], ['forbiddenErrors', false]]);
    assert.match(call!.checks[0]!.message, new RegExp(`known error fingerprint recurs: .*${refundFp}`));
    const clean = replayFixture(fixtureOf('refund-0', { noKnownErrorFingerprint: true, forbiddenErrors: [refundFp] }), { redactor, hash, knownFingerprints: [refundFp] }).calls[0]!;
    assert.equal(clean.status, 'passed');
  });

  it('caughtBeforeError passes with the store\'s rules or the fixture\'s, and fails with a reason otherwise', () => {
    const expect = { caughtBeforeError: [refundFp] };
    assert.equal(replayFixture(fixtureOf('refund-1', expect), { redactor, hash, avoidanceRules: refundRules }).calls[0]!.status, 'passed');
    assert.equal(replayFixture(fixtureOf('refund-1', expect, { avoidanceRules: refundRules }), { redactor, hash }).calls[0]!.status, 'passed');
    const none = replayFixture(fixtureOf('refund-1', expect), { redactor, hash }).calls[0]!;
    assert.equal(none.status, 'failed');
    assert.match(none.checks[0]!.message, /at issue_refund .*no rule warned before the error \(no avoidance rule for it any more\)/);
    // The store's rule for the fingerprint replaces the fixture's: a store rule that no longer warns fails the fixture.
    const weakened = refundRules.map((r) => ({ ...r, probability: 0.1 }));
    assert.equal(replayFixture(fixtureOf('refund-1', expect, { avoidanceRules: refundRules }), { redactor, hash, avoidanceRules: weakened }).calls[0]!.status, 'failed');
    // A call without that error has nothing to catch: the fixture no longer tests what it was made for.
    const absent = replayFixture(fixtureOf('refund-0', expect, { avoidanceRules: refundRules }), { redactor, hash }).calls[0]!;
    assert.match(absent.checks[0]!.message, /does not occur in the call any more/);
    const noHash = replayFixture(fixtureOf('refund-1', expect, { avoidanceRules: refundRules }), { redactor }).calls[0]!;
    assert.equal(noHash.status, 'failed');
  });
});
