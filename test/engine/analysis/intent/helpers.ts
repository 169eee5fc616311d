import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { IntentExample } from '../../../../src/engine/analysis/intent';
import { parseExamplesCsv } from '../../../../src/engine/analysis/intent';

export const FIXTURES = path.resolve(__dirname, '../../../fixtures/intent');

/** The 4-intent × 15-example fixture every intent test trains on. */
export function fixtureExamples(): IntentExample[] {
  const parsed = parseExamplesCsv(readFileSync(path.join(FIXTURES, 'examples.csv'), 'utf8'));
  if (parsed.problems.length > 0) throw new Error(`fixture has problems: ${JSON.stringify(parsed.problems)}`);
  return parsed.examples;
}

export function fixtureLines(name: string): string[] {
  return readFileSync(path.join(FIXTURES, name), 'utf8').split('\n').filter((l) => l.trim() !== '');
}

/** Paraphrases not in the training fixture, with the intent each one means. */
export const PARAPHRASES: IntentExample[] = [
  { text: 'my new card has not come yet', intent: 'card_arrival' },
  { text: 'when will the card be delivered to me', intent: 'card_arrival' },
  { text: 'I would like my money refunded', intent: 'refund_request' },
  { text: 'the refund for my order is missing', intent: 'refund_request' },
  { text: 'how can I reset the PIN on my card', intent: 'change_pin' },
  { text: 'I need a different PIN', intent: 'change_pin' },
  { text: 'please cancel my premium plan', intent: 'cancel_subscription' },
  { text: 'stop my subscription renewal', intent: 'cancel_subscription' },
];
