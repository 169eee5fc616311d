import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createRedactor } from '../../../src/engine/privacy';
import { junitReport, parseFixture, replayFixture, sidecarPathFor, tapReport, textReport, totals } from '../../../src/engine/replay';
import { nodeHashing } from '../../../src/node/nodePorts';

const dir = path.resolve(__dirname, '../../fixtures/replay');
const load = (name: string) => {
  const file = path.join(dir, name);
  return parseFixture(file, readFileSync(file, 'utf8'), readFileSync(sidecarPathFor(file), 'utf8'));
};
const redactor = createRedactor({ hashing: nodeHashing, hmacKey: new Uint8Array(32).fill(7) });

describe('engine/replay', () => {
  it('merges inline, sidecar and default expectations per call', () => {
    const f = load('support.calls.jsonl');
    assert.deepEqual(f.problems, []);
    assert.deepEqual(
      f.calls.map((c) => [c.callId, c.expectSource]),
      [
        ['sample-7-000000', 'inline'],
        ['sample-7-000001', 'sidecar'],
        ['sample-7-000003', 'sidecar'],
      ],
    );
    const first = f.calls[0]!;
    assert.deepEqual(first.expect, { noPiiInAnalysis: true, outcome: 'success', intent: 'shipping_issue', noErrors: true });
    assert.equal(first.line, 0);
    assert.equal(f.calls[1]!.line, 15);
  });

  it('replays recorded calls through redact → analyze and passes when expectations hold', () => {
    const result = replayFixture(load('support.calls.jsonl'), { redactor });
    assert.deepEqual(
      result.calls.map((c) => [c.callId, c.status]),
      [
        ['sample-7-000000', 'passed'],
        ['sample-7-000001', 'passed'],
        ['sample-7-000003', 'passed'],
      ],
      JSON.stringify(result.calls.map((c) => c.checks.filter((k) => !k.ok)), null, 1),
    );
    // The PII check really ran on every call and the error check saw the real gateway timeout.
    assert.ok(result.calls.every((c) => c.checks.some((k) => k.name === 'noPiiInAnalysis' && k.ok)));
    assert.deepEqual(result.calls[1]!.summary!.errors, ['tool_error|tool|update_account', 'GATEWAY_TIMEOUT|tool|update_account']);
  });

  it('fails with readable expected/actual text and reports bad lines as problems', () => {
    const result = replayFixture(load('regression.calls.jsonl'), { redactor });
    assert.equal(result.calls.length, 1);
    const call = result.calls[0]!;
    assert.equal(call.status, 'failed');
    const failed = call.checks.filter((k) => !k.ok);
    assert.deepEqual(failed.map((k) => k.name), ['intent', 'noKnownErrorFingerprint']);
    assert.equal(failed[0]!.expected, 'account_access');
    assert.equal(failed[0]!.actual, 'subscription_inquiry');
    assert.match(failed[1]!.message, /known error fingerprint recurs: GATEWAY_TIMEOUT\|tool\|update_account/);
    assert.equal(result.problems.length, 2);
    assert.match(result.problems[0]!.message, /role/);
    assert.equal(result.problems[1]!.line, 21);
    assert.match(result.problems[1]!.message, /not JSON/);
  });

  it('finds PII the analysis would leak if the redactor were bypassed', () => {
    // A redactor that does nothing lets raw names and emails through; the check must catch it.
    const passthrough = { redactText: redactor.redactText, redactConversation: (c: Parameters<typeof redactor.redactConversation>[0]) => c };
    const f = load('support.calls.jsonl');
    const result = replayFixture(f, { redactor: passthrough });
    const statuses = result.calls.map((c) => c.checks.find((k) => k.name === 'noPiiInAnalysis')?.ok);
    assert.ok(statuses.includes(false), 'raw transcripts put PII into fragments/templates');
    const leak = result.calls.flatMap((c) => c.checks).find((k) => k.name === 'noPiiInAnalysis' && !k.ok)!;
    assert.match(leak.message, /PII in the analysis output: .*(PERSON|EMAIL)/);
    assert.doesNotMatch(leak.message, /ines\.rossi22@yahoo\.com/, 'the report masks what it found');
  });

  it('writes JUnit XML, TAP and text reports', () => {
    const results = [replayFixture(load('support.calls.jsonl'), { redactor }), replayFixture(load('regression.calls.jsonl'), { redactor })];
    assert.deepEqual(totals(results), { tests: 4, passed: 3, failed: 1, skipped: 0, errored: 0, problems: 2 });
    const junit = junitReport(results);
    assert.match(junit, /<testsuites name="kaizen" tests="6" failures="1" errors="2" skipped="0">/);
    assert.match(junit, /<failure type="intent,noKnownErrorFingerprint" message="intent: expected account_access, got subscription_inquiry[^"]*; known error fingerprint recurs: GATEWAY_TIMEOUT/);
    for (const testcase of junit.split('<testcase').slice(1)) assert.ok((testcase.match(/<failure /g) ?? []).length <= 1, 'one <failure> per testcase');
    const tap = tapReport(results);
    assert.match(tap, /^TAP version 13\n/);
    assert.match(tap, /\n1\.\.6\n$/);
    assert.match(tap, /not ok 4 - .*regression\.calls\.jsonl sample-7-000001/);
    assert.match(textReport(results), /3 passed, 1 failed, 2 errors/);
  });
});
