import { BASELINE, PLANTED_PATTERNS } from './generator';
import type { SampleWorld } from './generator';
import type { PlantedPattern, SampleIntent, SampleStrategy, SampleTrigger } from './truth';

/** How often a fleet agent makes a situation's hidden move by habit: a long tail, each about 0.7 of the one before. */
const HIDDEN: ReadonlyArray<readonly [SampleIntent, SampleTrigger, SampleStrategy, number]> = [
  ['product_defect', 'wrong-item', 'discount-offer', 0.04],
  ['account_access', 'frustration', 'empathy-with-options', 0.028],
  ['purchase_dispute', 'double-charge', 'empathy', 0.02],
  ['shipping_issue', 'address-change', 'apology', 0.014],
  ['purchase_dispute', 'promo-code-invalid', 'discount-offer', 0.01],
  ['subscription_inquiry', 'price-objection', 'empathy-with-options', 0.007],
  ['manage_account', 'frustration', 'apology', 0.005],
  ['manage_account', 'address-change', 'empathy', 0.0035],
];
/** A hidden move's success rate: far above the situation's usual moves. */
const HIDDEN_SUCCESS = 0.9;

/**
 * The learning fleet's world (issue 18's benchmark): the demo's five planted moves, which agents make a
 * third or a quarter of the time, and in every other situation one hidden move that works far better
 * (success 0.9 against the intent's 0.45–0.6) but that agents make only rarely by habit (4 % of the
 * situation's calls down to 0.35 %, outside the situation's usual repertoire). The demo's world has about
 * +22 % of headroom over its first month, so "+5 % a month" could not hold for five months whatever the
 * loop did; here the ceiling is far higher, and how fast the loop climbs depends on how soon it gathers
 * enough calls of a rare move to see it. The loop is never told which moves these are: the analyzer
 * reads them from the agents' words (its own cue list, not the generator's phrases), and this truth is
 * read only to score.
 */
export const FLEET_WORLD: SampleWorld = {
  planted: [
    ...PLANTED_PATTERNS,
    ...HIDDEN.map(([intent, trigger, strategy]): PlantedPattern => ({ intent, trigger, strategy, successRate: HIDDEN_SUCCESS, baselineRate: BASELINE[intent], effect: 'positive' })),
  ],
  rareMoves: HIDDEN.map(([intent, trigger, strategy, share]) => ({ intent, trigger, strategy, share })),
};
