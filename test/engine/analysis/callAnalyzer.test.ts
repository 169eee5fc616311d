import assert from 'node:assert/strict';
import { CallAnalyzer, analyzeEvents } from '../../../src/engine/analysis/callAnalyzer';
import { fitOutcomeModel, outcomeFeatures } from '../../../src/engine/analysis/outcomeModel';
import { CallAnalysisSchema } from '../../../src/engine/analysis/schema';
import { toTemplate } from '../../../src/engine/analysis/template';
import { buildTaxonomy } from '../../../src/engine/analysis/taxonomy';
import { fixtureCalls } from './helpers';

const calls = fixtureCalls();
const kinds = (id: string) => new Set(analyzeEvents(calls.get(id)!).signals.map((s) => s.kind));

describe('CallAnalyzer', () => {
  it('finds every failure signal kind in the angry call, with turn indices', () => {
    const a = analyzeEvents(calls.get('call-angry')!);
    CallAnalysisSchema.parse(a);
    const got = new Set(a.signals.map((s) => s.kind));
    for (const k of ['repetition', 'negation', 'already-told', 'frustration', 'profanity', 'escalation-request', 'interruption', 'long-silence', 'tool-error', 'agent-error', 'agent-unable', 'transfer', 'abandonment'])
      assert.ok(got.has(k as never), `missing ${k}: ${[...got].join(', ')}`);
    assert.ok(a.signals.every((s) => s.polarity === 'failure'));
    const rep = a.signals.find((s) => s.kind === 'repetition')!;
    assert.equal(rep.turnIndex, 3);
    assert.ok(rep.strength >= 0.7 && rep.strength <= 1);
    assert.equal(a.signals.find((s) => s.kind === 'long-silence')!.turnIndex, 3);
    assert.deepEqual(a.errors.map((e) => e.code), ['tool_error', 'LOOKUP_TIMEOUT']);
  });

  it('finds the success signal kinds', () => {
    const ok = kinds('call-resolved');
    for (const k of ['thanks', 'positive-feedback', 'resolution', 'task-completed', 'csat-high']) assert.ok(ok.has(k as never), `missing ${k}`);
    const thanks = kinds('call-thanks');
    for (const k of ['confirmation', 'thanks', 'positive-feedback']) assert.ok(thanks.has(k as never), `missing ${k}`);
  });

  it('takes the outcome from explicit fields when present, else from the signals', () => {
    const resolved = analyzeEvents(calls.get('call-resolved')!);
    assert.equal(resolved.outcome.source, 'explicit');
    assert.equal(resolved.outcome.label, 'success');
    const angry = analyzeEvents(calls.get('call-angry')!);
    assert.equal(angry.outcome.source, 'signals');
    assert.equal(angry.outcome.label, 'failure');
    const thanks = analyzeEvents(calls.get('call-thanks')!);
    assert.equal(thanks.outcome.source, 'signals');
    assert.equal(thanks.outcome.label, 'success');
    assert.ok(angry.outcome.probability < thanks.outcome.probability);
    // With no model given and no labels, the shipped prior scored them; an explicit outcome names no model.
    assert.deepEqual(angry.outcome.model, { origin: 'prior', examples: 0 });
    assert.equal(resolved.outcome.model, undefined);
  });

  it('a fitted outcome model changes the signal-based probability', () => {
    const a = analyzeEvents(calls.get('call-thanks')!);
    // Labels that say "thanks means nothing, failure signals mean failure": the thanks call drops toward 0.5.
    const xs = [a.features, a.features.map(() => 0), analyzeEvents(calls.get('call-angry')!).features];
    const model = fitOutcomeModel(xs, [false, true, false], { l2Grid: [1], folds: 2 });
    const refit = analyzeEvents(calls.get('call-thanks')!, { outcomeModel: model });
    assert.ok(refit.outcome.probability < a.outcome.probability);
    assert.equal(outcomeFeatures([], 0, -1).length, a.features.length);
  });

  it('is usable mid-call: the snapshot grows as events arrive, and finalizes at call.ended', () => {
    const analyzer = new CallAnalyzer();
    const events = calls.get('call-angry')!;
    const seen: number[] = [];
    for (const e of events) {
      analyzer.push(e);
      if (!analyzer.isFinal) seen.push(analyzer.snapshot().signals.length);
    }
    assert.ok(analyzer.isFinal);
    assert.ok(seen.some((n) => n === 0) && seen[seen.length - 1]! > 3, `signal counts ${seen.join(',')}`);
    // Mid-call: after the first complaint and the unhelpful answer, the provisional outcome already leans to failure.
    const mid = new CallAnalyzer();
    for (const e of events.slice(0, 8)) mid.push(e);
    const snap = mid.snapshot();
    assert.equal(snap.ended, false);
    assert.ok(snap.outcome.probability < 0.5);
    assert.throws(() => analyzer.push(events[1]!), /only feedback may follow/);
  });

  it('late feedback after call.ended still counts; a rating of 1 is the worst of 1–5', () => {
    const a = analyzeEvents(calls.get('call-thanks')!);
    assert.ok(a.signals.some((s) => s.kind === 'positive-feedback' && s.evidence.includes('rating 5')));
    const one = calls.get('call-thanks')!.map((e) => (e.type === 'feedback' ? { ...e, rating: 1 } : e));
    assert.ok(analyzeEvents(one).signals.some((s) => s.kind === 'negative-feedback' && s.evidence.includes('rating 1')));
    const low = calls.get('call-thanks')!.map((e) => (e.type === 'call.ended' ? { ...e, outcome: { ...e.outcome, csat: 2 } } : e));
    const lowA = analyzeEvents(low);
    assert.ok(lowA.signals.some((s) => s.kind === 'csat-low'));
    assert.equal(lowA.outcome.source, 'explicit', 'a CSAT of 2 is an explicit outcome');
    assert.equal(lowA.outcome.label, 'failure');
    const frac = calls.get('call-thanks')!.map((e) => (e.type === 'feedback' ? { ...e, rating: 0.9 } : e));
    assert.ok(analyzeEvents(frac).signals.some((s) => s.kind === 'positive-feedback'));
  });

  it('detects the situation and the move that answered it, as slot templates', () => {
    const a = analyzeEvents(calls.get('call-resolved')!);
    assert.deepEqual(a.cells, [{ trigger: 'refund-request', strategy: 'empathy-with-options' }]);
    const f = a.fragments[0]!;
    assert.equal(f.userTemplate, 'My blender arrived broken and I would like a refund for order [ORDER_ID].');
    assert.equal(a.intent, 'product_defect');
    const t = analyzeEvents(calls.get('call-thanks')!);
    assert.deepEqual(t.cells, [{ trigger: 'address-change', strategy: 'verification-first' }]);
    assert.deepEqual(t.toolSequence, ['verify_identity', 'update_account']);
  });

  it('templates keep placeholders as slots and type the variable parts', () => {
    assert.equal(
      toTemplate('Hi [CUSTOMER_NAME_2], your refund of $42.10 for ORD-55120 on 2026-03-01 at 10:30 am is 15% of 3 items, see https://x.y/z or mail a.b@c.org'),
      'Hi [CUSTOMER_NAME], your refund of {amount} for {id} on {date} at {time} is {percent} of {number} items, see {url} or mail {email}',
    );
  });

  it('the taxonomy is extendable by config and rejects a bad cue with its path', () => {
    const tax = buildTaxonomy({ triggers: [{ name: 'warranty-claim', cues: ['\\bwarranty\\b'] }] });
    const a = analyzeEvents(
      [
        { eventId: 'e1', callId: 'c', agentId: 'a', ts: 1, type: 'turn', role: 'user', text: 'Is this covered by the warranty?' },
        { eventId: 'e2', callId: 'c', agentId: 'a', ts: 2, type: 'turn', role: 'agent', text: 'Our policy covers two years.' },
      ],
      { taxonomy: tax },
    );
    assert.deepEqual(a.cells, [{ trigger: 'warranty-claim', strategy: 'policy-citation' }]);
    assert.throws(() => buildTaxonomy({ strategies: [{ name: 'x', cues: ['(unclosed'] }] }), /strategies\.x\.cues\[0\]/);
  });
});
