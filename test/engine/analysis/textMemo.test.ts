import assert from 'node:assert/strict';
import { analyzeEvents } from '../../../src/engine/analysis/callAnalyzer';
import { memoByText } from '../../../src/engine/analysis/textMemo';
import type { ConversationEvent } from '../../../src/engine/model';
import { fixtureCalls } from './helpers';

describe('analysis: per-text scans are computed once and shared between calls', () => {
  it('each call is analyzed the same whatever was analyzed before it (texts shared by calls, in two orders)', () => {
    const calls = [...fixtureCalls().values()];
    assert.ok(calls.length >= 3);
    // Every call once more with the turns of the first call appended, so the same texts meet other contexts.
    const first = calls[0]!.filter((e) => e.type === 'turn');
    const mixed = calls.map((events) => [...events.filter((e) => e.type !== 'call.ended'), ...first.map((e, k) => ({ ...e, callId: events[0]!.callId, eventId: `x${k}`, ts: 9e12 + k })), ...events.filter((e) => e.type === 'call.ended')] as ConversationEvent[]);
    const all = [...calls, ...mixed];
    const forward = all.map((events) => JSON.stringify(analyzeEvents(events)));
    const backward = [...all].reverse().map((events) => JSON.stringify(analyzeEvents(events))).reverse();
    assert.deepEqual(backward, forward);
  });

  it('keys results by the scan input and the text, and hands out frozen arrays', () => {
    let scans = 0;
    const words = memoByText((text: string, key: { sep: string }) => {
      scans++;
      return text.split(key.sep);
    });
    const space = { sep: ' ' };
    const comma = { sep: ',' };
    assert.deepEqual(words('a b,c', space), ['a', 'b,c']);
    assert.deepEqual(words('a b,c', comma), ['a b', 'c']);
    assert.equal(words('a b,c', space), words('a b,c', space));
    assert.equal(scans, 2);
    assert.ok(Object.isFrozen(words('a b,c', space)));
  });
});
