import assert from 'node:assert/strict';
import { analyzeEvents } from '../../../src/engine/analysis/callAnalyzer';
import { FEATURE_NAMES, FeatureMoments, OutcomeModelSchema, adaptToDomain, assertCompatible, predictProbability, priorOutcomeModel } from '../../../src/engine/analysis/outcomeModel';

import { fixtureCalls } from './helpers';

describe('outcome model: the shipped prior and domain standardisation', () => {
  it('keeps the platform verdict out of the features (a model fitted on verdicts must not learn the verdict)', () => {
    const events = fixtureCalls().get('call-resolved')!;
    const a = analyzeEvents(events);
    assert.ok(a.signals.some((s) => s.kind === 'csat-high'), 'the CSAT verdict is still a signal of the call');
    assert.equal(a.features[FEATURE_NAMES.indexOf('sig:csat-high')], 0);
    // The same call without its verdict has the same features: labelled and unlabelled calls are read alike.
    const hidden = analyzeEvents(events.map((e) => (e.type === 'call.ended' ? { ...e, outcome: { endReason: 'unknown' as const } } : e)));
    assert.deepEqual(hidden.features, a.features);
  });

  it('ships a prior with its provenance, over exactly this build’s features', () => {
    const prior = priorOutcomeModel();
    assert.deepEqual(prior.features, [...FEATURE_NAMES]);
    assert.equal(prior.origin, 'prior');
    assert.match(prior.trainedOn?.corpus ?? '', /MultiWOZ/);
    assert.ok(prior.trainedOn!.examples >= 1000 && prior.trainedOn!.cvAuc! > 0.5);
    assert.equal(prior.bias, 0, 'a new domain’s success rate is unknown: the typical call sits at 0.5');
    assert.equal(prior.standardise?.mean.length, FEATURE_NAMES.length);
    // Every weight is finite and some are not zero (a fitted model, not a placeholder).
    assert.ok(prior.weights.every(Number.isFinite) && prior.weights.some((w) => w !== 0));
  });

  it('rejects a model whose weights or standardisation do not match the features, naming the fix', () => {
    const prior = priorOutcomeModel();
    assert.throws(() => assertCompatible({ ...prior, weights: prior.weights.slice(1) }), /weights\/standardise must have 83 entries.*refit/);
    assert.throws(() => assertCompatible({ ...prior, features: prior.features.slice(1) }), /feature list differs/);
    assert.throws(() => OutcomeModelSchema.parse({ ...prior, standardise: { mean: [0], scale: [0] } }), /scale/);
  });

  it('FeatureMoments gives the population mean and standard deviation (constant features keep scale 1)', () => {
    const m = new FeatureMoments(2);
    for (const x of [1, 2, 3, 4]) m.add([x, 7]);
    const { mean, scale } = m.statistics();
    assert.deepEqual(mean, [2.5, 7]);
    assert.ok(Math.abs(scale[0]! - Math.sqrt(1.25)) < 1e-12);
    assert.equal(scale[1], 1);
  });

  it('adapted to a domain, a shifted and stretched copy of the calls scores exactly as the original', () => {
    const prior = priorOutcomeModel();
    const d = FEATURE_NAMES.length;
    const calls = Array.from({ length: 40 }, (_, i) => Array.from({ length: d }, (_, j) => Math.sin(i * 7.1 + j * 1.3) + (j % 3)));
    const other = calls.map((x) => x.map((v, j) => 3 * v + j));
    const fromCalls = new FeatureMoments(d);
    const fromOther = new FeatureMoments(d);
    calls.forEach((x, i) => (fromCalls.add(x), fromOther.add(other[i]!)));
    const a = adaptToDomain(prior, fromCalls);
    const b = adaptToDomain(prior, fromOther);
    assert.equal(b.domainCalls, 40);
    calls.forEach((x, i) => assert.ok(Math.abs(predictProbability(a, x) - predictProbability(b, other[i]!)) < 1e-9));
  });
});
