import assert from 'node:assert/strict';
import {
  IntentModelError,
  IntentModelSchema,
  IntentTrainingError,
  UNKNOWN_INTENT,
  classify,
  classifyBatch,
  loadIntentModel,
  serializeIntentModel,
  trainIntentClassifier,
} from '../../../../src/engine/analysis/intent';
import type { IntentModel } from '../../../../src/engine/analysis/intent';
import { PARAPHRASES, fixtureExamples, fixtureLines } from './helpers';

describe('intent classifier', () => {
  let model: IntentModel;
  before(() => {
    model = trainIntentClassifier(fixtureExamples());
  });

  it('learns the fixture taxonomy and labels unseen paraphrases', () => {
    assert.deepEqual(model.labels, ['cancel_subscription', 'card_arrival', 'change_pin', 'refund_request']);
    const wrong = PARAPHRASES.filter((e) => classify(model, e.text, { threshold: 0 }).intent !== e.intent);
    assert.deepEqual(wrong, [], 'every paraphrase gets its intent');
  });

  it('is sure of clear in-scope texts and answers unknown for texts about something else', () => {
    const inScope = classify(model, 'How do I change my PIN?');
    assert.equal(inScope.intent, 'change_pin');
    assert.ok(inScope.confidence > 0.9, `confidence ${inScope.confidence}`);
    for (const text of ['What is the weather like on Mars', 'Recommend a good pizza topping', 'My luggage was lost at the airport']) {
      const p = classify(model, text);
      assert.equal(p.intent, UNKNOWN_INTENT, `${text} → ${p.intent} (${p.confidence})`);
      assert.ok(p.confidence < model.threshold);
    }
  });

  it('learns its threshold from held-out examples, and a caller may override it', () => {
    assert.ok(model.training.calibration.heldOut > 0);
    assert.ok(model.threshold >= 0.5 && model.threshold < 1, `threshold ${model.threshold}`);
    const mars = 'What is the weather like on Mars';
    assert.notEqual(classify(model, mars, { threshold: 0 }).intent, UNKNOWN_INTENT, 'threshold 0 never says unknown');
    assert.equal(classify(model, 'How do I change my PIN?', { threshold: 1 }).intent, UNKNOWN_INTENT, 'threshold 1 always does');
    const fixed = trainIntentClassifier(fixtureExamples(), { threshold: 0.2 });
    assert.equal(fixed.threshold, 0.2);
    assert.equal(fixed.training.calibration.thresholdRule, 'set by option');
  });

  it('ranks intents with confidences that sum to at most 1', () => {
    const p = classify(model, 'refund my card order', { topK: 4 });
    assert.equal(p.ranked?.length, 4);
    const confidences = p.ranked!.map((r) => r.confidence);
    assert.deepEqual([...confidences].sort((a, b) => b - a), confidences);
    assert.ok(confidences.reduce((a, b) => a + b, 0) <= 1 + 1e-9);
    assert.equal(p.ranked![0]!.confidence, p.confidence);
  });

  it('classifies a batch exactly as one at a time', () => {
    const texts = fixtureLines('unlabelled.txt');
    assert.deepEqual(classifyBatch(model, texts), texts.map((t) => classify(model, t)));
  });

  it('trains deterministically', () => {
    const again = trainIntentClassifier(fixtureExamples());
    assert.deepEqual(serializeIntentModel(again), serializeIntentModel(model));
  });

  it('round-trips through JSON with identical predictions', () => {
    const json = JSON.parse(JSON.stringify(serializeIntentModel(model))) as unknown;
    const parsed = IntentModelSchema.parse(json);
    assert.equal(parsed.version, 1);
    const loaded = loadIntentModel(json);
    assert.equal(loaded.threshold, model.threshold);
    assert.equal(loaded.temperature, model.temperature);
    for (const text of [...fixtureLines('unlabelled.txt'), ...PARAPHRASES.map((e) => e.text)]) {
      assert.deepEqual(classify(loaded, text, { topK: 2 }), classify(model, text, { topK: 2 }));
    }
  });

  it('refuses a damaged or foreign model file with the field named', () => {
    const good = serializeIntentModel(model);
    assert.throws(() => loadIntentModel({ ...good, version: 2 }), (e: unknown) => e instanceof IntentModelError && /version/.test(e.message));
    assert.throws(() => loadIntentModel({ hello: 'world' }), (e: unknown) => e instanceof IntentModelError && /format/.test(e.message));
    assert.throws(() => loadIntentModel({ ...good, weights: good.weights.slice(0, 8) }), (e: unknown) => e instanceof IntentModelError && e.reason === 'corrupt');
    assert.throws(() => loadIntentModel({ ...good, bias: [1] }), (e: unknown) => e instanceof IntentModelError && /bias/.test(e.message));
    assert.throws(() => loadIntentModel({ ...good, keys: 'not base64!' }), (e: unknown) => e instanceof IntentModelError && /keys/.test(e.message));
  });

  it('rejects training sets it cannot learn from, naming the problem', () => {
    assert.throws(() => trainIntentClassifier([{ text: 'hi', intent: 'greet' }, { text: 'hello', intent: 'greet' }]), (e: unknown) => e instanceof IntentTrainingError && e.reason === 'tooFewIntents');
    assert.throws(() => trainIntentClassifier([{ text: 'hi', intent: 'greet' }, { text: '???', intent: UNKNOWN_INTENT }]), (e: unknown) => e instanceof IntentTrainingError && e.reason === 'reservedIntent');
    assert.throws(() => trainIntentClassifier([{ text: '', intent: 'a' }, { text: 'x', intent: 'b' }]), (e: unknown) => e instanceof IntentTrainingError && /example 1: text/.test(e.message));
  });

  it('trains without calibration when an intent has too few examples to hold any out', () => {
    const tiny = trainIntentClassifier([
      { text: 'where is my card', intent: 'card' },
      { text: 'card not arrived', intent: 'card' },
      { text: 'refund please', intent: 'refund' },
      { text: 'money back', intent: 'refund' },
    ]);
    assert.equal(tiny.training.calibration.heldOut, 0);
    assert.equal(classify(tiny, 'my card has not arrived', { threshold: 0 }).intent, 'card');
  });
});
