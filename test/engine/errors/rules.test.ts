import assert from 'node:assert/strict';
import { AvoidanceRuleSchema, ErrorDetector, learnErrors, recordedToolCalls, ruleArtifactDraft, rulesFromArtifacts } from '../../../src/engine/errors';
import type { AvoidanceRule } from '../../../src/engine/errors';
import type { LearningArtifact } from '../../../src/engine/model';
import { nodeHashing } from '../../../src/node/nodePorts';
import { CallBuilder } from './callBuilder';
import { errorHistory as history } from './history';

const hash = (t: string) => nodeHashing.sha256(t);

describe('errors: avoidance rules and the detector', () => {
  let rules: AvoidanceRule[];
  before(() => {
    rules = learnErrors(history(), { hash }).rules;
  });

  it('learns one rule per error mode from the precursor visible before it, with support, precision and provenance', () => {
    const byTool = new Map(rules.map((r) => [r.condition.tool, r]));
    const refund = byTool.get('issue_refund')!;
    assert.deepEqual(refund.condition.all, [{ kind: 'missing-step', tool: 'verify_identity' }]);
    assert.deepEqual([refund.support, refund.precision], [4, 1]);
    assert.equal(refund.probability, 5 / 6);
    assert.deepEqual(refund.provenance.callIds, ['refund-1', 'refund-3', 'refund-5', 'refund-7']);
    assert.equal(refund.template, 'Refund refused: identity not verified for order <*>');
    assert.match(refund.text, /^Before calling issue_refund: when verify_identity has not succeeded earlier in the call, expect "Refund refused/);
    assert.deepEqual(byTool.get('cancel_order')!.condition.all, [{ kind: 'earlier-value', tool: 'lookup_order', field: 'status', value: 'shipped' }]);
    assert.deepEqual(byTool.get('update_address')!.condition.all, [{ kind: 'missing-arg', field: 'zip' }]);
    const retry = rules.find((r) => r.condition.tool === 'charge_card' && r.template.startsWith('Duplicate'))!;
    assert.deepEqual(retry.condition.all, [{ kind: 'same-args-retry' }]);
    // The gateway timeout has no precursor (every first charge is the same): no rule, rather than a wrong one.
    assert.equal(rules.filter((r) => r.template.startsWith('Gateway')).length, 0);
    for (const r of rules) AvoidanceRuleSchema.parse(r);
  });

  it('keeps rule ids stable when the same history is learned again', () => {
    assert.deepEqual(learnErrors(history(), { hash }).rules.map((r) => r.id), rules.map((r) => r.id));
  });

  it('warns on the pending call before its result, and not when the precursor is absent', () => {
    const detector = new ErrorDetector(rules);
    const soFar = new CallBuilder('live').tool('lookup_order', { order_id: 'ORD-9' }, { ok: true, json: { status: 'shipped' } }).events;
    const refund = detector.warn(soFar, { name: 'issue_refund', arguments: { order_id: 'ORD-9', amount: 3 } });
    assert.equal(refund.length, 1);
    assert.equal(refund[0]!.fingerprint, rules.find((r) => r.condition.tool === 'issue_refund')!.fingerprint);
    assert.equal(refund[0]!.probability, 5 / 6);
    assert.deepEqual(detector.warn(soFar, { name: 'cancel_order', arguments: { order_id: 'ORD-9' } }).map((w) => w.rule), [rules.find((r) => r.condition.tool === 'cancel_order')!.id]);
    const verified = new CallBuilder('live2').tool('lookup_order', { order_id: 'ORD-9' }, { ok: true, json: { status: 'processing' } }).tool('verify_identity', {}, { ok: true }).events;
    assert.deepEqual(detector.warn(verified, { name: 'issue_refund', arguments: { order_id: 'ORD-9' } }), []);
    assert.deepEqual(detector.warn(verified, { name: 'cancel_order', arguments: { order_id: 'ORD-9' } }), []);
    assert.equal(detector.warn([], { name: 'update_address', arguments: { street: 'x' } }).length, 1);
    assert.equal(detector.warn([], { name: 'update_address', arguments: { street: 'x', zip: '1' } }).length, 0);
    // A higher threshold silences warnings below it.
    assert.deepEqual(new ErrorDetector(rules, { minProbability: 0.9 }).warn(soFar, { name: 'issue_refund', arguments: {} }), []);
  });

  it('watches a live call event by event', () => {
    const watch = new ErrorDetector(rules).watch();
    const call = new CallBuilder('live3').tool('charge_card', { card: 'card_70', amount: 20 }, { ok: false, error: 'Gateway timeout after 3001 ms' }).events;
    for (const e of call) watch.add(e);
    assert.equal(watch.warn({ name: 'charge_card', arguments: { amount: 20, card: 'card_70' } }).length, 1, 'same arguments in another key order are the same retry');
    assert.equal(watch.warn({ name: 'charge_card', arguments: { card: 'card_71', amount: 20 } }).length, 0);
  });

  it('never counts a tool call without a result (withdrawn after a warning) as a success', () => {
    const calls = history();
    // Ten refunds without identity check were withdrawn after a warning: they must not dilute the rule's precision.
    for (let i = 0; i < 10; i++) calls.push(new CallBuilder(`withdrawn-${i}`).tool('lookup_order', { order_id: 'o' }, { ok: true }).pending('issue_refund', { order_id: 'o' }).end());
    const learned = learnErrors(calls, { hash });
    assert.equal(learned.withoutResult, 10);
    const refund = learned.rules.find((r) => r.condition.tool === 'issue_refund')!;
    assert.deepEqual([refund.support, refund.precision, refund.provenance.measuredOn], [4, 1, 8]);
    const withdrawn = recordedToolCalls(calls.at(-1)!);
    assert.equal(withdrawn.at(-1)!.result, undefined);
  });

  it('does not learn a rule below the minimum support or precision', () => {
    const few = learnErrors(history().slice(0, 8), { hash, minSupport: 3 }).rules;
    assert.equal(few.filter((r) => r.condition.tool === 'issue_refund').length, 0, 'two refund failures are below support 3');
    const strict = learnErrors(history(), { hash, minPrecision: 1.01 }).rules;
    assert.deepEqual(strict, []);
  });

  it('round-trips rules through avoidance-rule artifacts; retired ones and foreign payloads are skipped', () => {
    const art = (i: number, status: LearningArtifact['status'], payload: LearningArtifact['payload']): LearningArtifact => ({
      artifactId: `a${i}`, version: 1, parentVersion: null, status, contentHash: '0'.repeat(64), payload, title: '', createdAt: 0,
    });
    const drafts = rules.map(ruleArtifactDraft);
    assert.ok(drafts.every((d) => d.artifactId.startsWith('avoidance-rule:rule_') && d.payload.precursors.length > 0));
    const back = rulesFromArtifacts([
      ...drafts.map((d, i) => art(i, 'draft', d.payload)),
      art(90, 'retired', drafts[0]!.payload),
      art(91, 'draft', { kind: 'avoidance-rule', fingerprint: 'x', rule: 'hand-written', precursors: [] }),
    ]);
    assert.deepEqual(back, rules);
  });
});
