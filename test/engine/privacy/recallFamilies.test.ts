import assert from 'node:assert/strict';
import { createDetector } from '../../../src/engine/privacy/detect';
import { ENTITY_TYPES } from '../../../src/engine/privacy/policy';

// The rules alone (the learned classifier off), so each case shows what a family does by itself.
const rules = createDetector({ enabled: new Set(ENTITY_TYPES), allowlist: [], minScore: 0.5 });
const found = (text: string) => rules.detect(text).map((e) => `${e.type}:${text.slice(e.start, e.end)}`);

function expectFound(cases: [string, string][]): void {
  for (const [text, want] of cases) assert.ok(found(text).includes(want), `${text}: wanted ${want}, got ${JSON.stringify(found(text))}`);
}
function expectNot(cases: [string, string][]): void {
  for (const [text, unwanted] of cases) assert.ok(!found(text).some((f) => f.startsWith(unwanted)), `${text}: did not want ${unwanted}…, got ${JSON.stringify(found(text))}`);
}

describe('privacy: recall families (gazetteer places, ZIPs, dates, addresses, phones, names)', () => {
  it('a town of the gazetteer is a place: alone when no other lexicon knows it, a named or everyday word only with a place cue or a country after it', () => {
    expectFound([
      ['Our office in Kortrijk is closed today.', 'LOCATION:Kortrijk'],
      ['We moved to Maribor, Slovenia last year.', 'LOCATION:Maribor'],
      ['Sent from Akureyri yesterday.', 'LOCATION:Akureyri'],
      ['He lives in Jackson.', 'LOCATION:Jackson'],
      ['she was originally from Dolores, as she told us', 'LOCATION:Dolores'],
      ['We drove back to San Bernardino on Sunday.', 'LOCATION:San Bernardino'],
    ]);
    expectNot([
      ['Please call Jackson tomorrow.', 'LOCATION'],
      ['Talk to Victoria about it.', 'LOCATION'],
      ['I need to reset my password before the meeting.', 'LOCATION'],
    ]);
  });
});
