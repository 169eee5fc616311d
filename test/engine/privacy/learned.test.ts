import assert from 'node:assert/strict';
import { createRedactor } from '../../../src/engine/privacy';
import { createDetector } from '../../../src/engine/privacy/detect';
import { TAGGER_WEIGHTS_JSON } from '../../../src/engine/privacy/lexicon/taggerWeights';
import { ENTITY_TYPES } from '../../../src/engine/privacy/policy';
import { TAG_LABELS, features, scoreLabels, tagText, toModel, viewTokens } from '../../../src/engine/privacy/tagger';
import type { TaggerWeights } from '../../../src/engine/privacy/tagger';
import { createNodePorts } from '../../../src/node/nodePorts';

const weights = JSON.parse(TAGGER_WEIGHTS_JSON) as TaggerWeights;
const model = toModel(weights);
const all = new Set(ENTITY_TYPES);
const withLearned = createDetector({ enabled: all, allowlist: [], minScore: 0.5, learned: true });
const rulesOnly = createDetector({ enabled: all, allowlist: [], minScore: 0.5 });
const show = (text: string, found: { type: string; start: number; end: number }[]) => found.map((e) => `${e.type}:${text.slice(e.start, e.end)}`);

describe('privacy: the learned token classifier', () => {
  it('the compiled model scores every labelled token exactly as the feature strings it was trained on', () => {
    const texts = [
      'Kowloon Bay, postal code 999077.',
      'Her new address is 77 Wrenfield Crescent, Upper Mallowby, and she moved on 14.02.2021.',
      'We drove from Ljubljana to Tbilisi with Oyelaran on the 5th of May.',
      'Contact Jorunn Vestergaard at 5512 Oakhollow Ln, Brierton, 60431 before Friday.',
    ];
    let checked = 0;
    for (const text of texts) {
      const tagged = tagText(model, text);
      const views = viewTokens(tagged.tokens);
      for (let i = 0; i < tagged.tokens.length; i++) {
        if (tagged.labels[i] === 'O') continue;
        const s = scoreLabels(weights, features(views, i, tagged.labels[i - 1] ?? '<s>', tagged.labels[i - 2] ?? '<s>'));
        const best = s.indexOf(Math.max(...s));
        assert.equal(TAG_LABELS[best], tagged.labels[i], `${text} token ${tagged.tokens[i]!.text}`);
        checked++;
      }
    }
    assert.ok(checked >= 8, `only ${checked} labelled tokens checked`);
  });

  it('the redactor uses it: it widens what the rules saw ("Bay") to the whole name', () => {
    // An invented place: a gazetteer town ("Kowloon") is a place for the rules already.
    const text = 'Tsimbrook Bay, postal code 999077.';
    assert.deepEqual(show(text, rulesOnly.detect(text)), ['PERSON:Bay', 'ZIP:999077']);
    const redactor = createRedactor({ hmacKey: new Uint8Array(32).fill(7), hashing: createNodePorts().hashing });
    assert.deepEqual(show(text, redactor.detect(text)), ['PERSON:Tsimbrook Bay', 'ZIP:999077']);
  });

  it('adds nothing to texts the rules judge clean: openers, weekdays, company and product words, amounts of months, agent names', () => {
    for (const text of [
      'Glad we could sort that out. Happy to help. Per our shipping policy, returns are free.',
      'The order shipped in 3 boxes on Monday.',
      'We offer 24/7 support and a 30 day refund window.',
      'You are Ava, the receptionist at Brightside Dental. Greet callers as Ava from Brightside Dental.',
      'Thanks for calling Brightside Dental, this is Ava.',
      'I have been a member for 12 months and pay 30 dollars a month.',
      'Our Premium Plus plan includes Priority Support and the Family Bundle.',
      'Annual fees are fine. Leeway too.',
      'Playbook prompt vs current prompt',
    ]) {
      assert.deepEqual(show(text, withLearned.detect(text)), show(text, rulesOnly.detect(text)), text);
    }
  });

  it('never runs in the validators (they re-check with the rules alone)', () => {
    // An invented place: a gazetteer town ("Kowloon") is a place for the rules already.
    const text = 'Tsimbrook Bay, postal code 999077.';
    const validatorLike = createDetector({ enabled: all, allowlist: [], minScore: 0.45, strict: true });
    assert.ok(!show(text, validatorLike.detect(text)).includes('PERSON:Kowloon Bay'));
  });
});
