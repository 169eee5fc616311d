import assert from 'node:assert/strict';
import { clusterTexts, proposeFromUnknown, proposeNewIntents, trainIntentClassifier } from '../../../../src/engine/analysis/intent';
import { fixtureExamples, fixtureLines } from './helpers';

describe('proposing new intents from unknown texts', () => {
  it('proposes the planted "lost luggage" group, and nothing from the in-scope or one-off texts', () => {
    const model = trainIntentClassifier(fixtureExamples());
    const texts = fixtureLines('unlabelled.txt');
    const proposals = proposeNewIntents(model, texts);
    assert.equal(proposals.length, 1, JSON.stringify(proposals));
    const [luggage] = proposals;
    assert.ok(luggage!.terms.includes('luggage'), luggage!.label);
    assert.ok(luggage!.size >= 4, `size ${luggage!.size}`);
    const planted = new Set(texts.slice(0, 6));
    for (const e of luggage!.examples) assert.ok(planted.has(e), `${e} is not a planted luggage text`);
    assert.equal(luggage!.members.length, luggage!.size);
    assert.ok(luggage!.members.every((i) => i < 6), `members ${luggage!.members} are indices of planted texts`);
  });

  it('separates two topics and leaves texts that resemble nothing alone', () => {
    const texts = [
      'book a table for dinner',
      'reserve a dinner table tonight',
      'dinner table booking for two',
      'what time does the gym open',
      'gym opening hours today',
      'is the gym open on sunday',
      'purple elephants dance',
    ];
    const groups = clusterTexts(texts, 0.25, 5, 3).map((g) => [...g].sort((a, b) => a - b));
    assert.ok(groups.some((g) => g.join() === '0,1,2'), JSON.stringify(groups));
    assert.ok(groups.some((g) => g.join() === '3,4,5'), JSON.stringify(groups));
    assert.ok(groups.some((g) => g.join() === '6'), JSON.stringify(groups));
    const proposals = proposeFromUnknown(texts);
    assert.equal(proposals.length, 2);
    assert.deepEqual(proposals.map((p) => p.size), [3, 3]);
  });

  it('proposes nothing from nothing', () => {
    assert.deepEqual(proposeFromUnknown([]), []);
  });
});
