import assert from 'node:assert/strict';
import { assignGroup, callDocs, induceGroups, OpeningTracker } from '../../../../src/engine/analysis/discovery';
import type { ConversationEvent } from '../../../../src/engine/model';

// Three topics written here, each phrased several ways with shared key words, never labelled.
const TOPICS: Record<string, string[]> = {
  parking: ['where can I park my car', 'is there parking for my car nearby', 'car park prices please', 'how much is parking for a car', 'I need a parking space for my car', 'can I leave my car in your parking lot'],
  wifi: ['the wifi password does not work', 'how do I connect to the wifi', 'wifi keeps dropping in my room', 'what is the wifi network name', 'the wifi signal is weak', 'I cannot get on the wifi network'],
  breakfast: ['what time is breakfast served', 'is breakfast included in my room rate', 'where do you serve breakfast', 'can I get breakfast early tomorrow', 'breakfast hours please', 'is there a vegan breakfast option'],
};
const texts = Object.entries(TOPICS).flatMap(([topic, xs]) => xs.flatMap((t) => [t, `${t} please`, `hello, ${t}`].map((text) => ({ text, topic }))));

describe('discovery: induceGroups', () => {
  it('finds the topics without labels or k, names them from their own words, and is deterministic', () => {
    const a = induceGroups(texts.map((t) => ({ text: t.text })), { minSize: 3, kind: 'intent' });
    const b = induceGroups(texts.map((t) => ({ text: t.text })), { minSize: 3, kind: 'intent' });
    assert.deepEqual(Array.from(a.assignments), Array.from(b.assignments), 'same input, same seed → same groups');
    // Each topic lands (by majority) in its own group, and each group is pure.
    const byGroup = new Map<number, Set<string>>();
    texts.forEach((t, i) => byGroup.set(a.assignments[i]!, (byGroup.get(a.assignments[i]!) ?? new Set()).add(t.topic)));
    for (const [g, topics] of byGroup) assert.equal(topics.size, 1, `group ${a.model.groups[g]?.name} mixes ${[...topics].join(', ')}`);
    const names = a.model.groups.map((g) => g.name).join(' ');
    for (const topic of Object.keys(TOPICS)) assert.match(names, new RegExp(topic === 'parking' ? 'car|park' : topic), `a group named after ${topic}: ${names}`);
    assert.ok(a.model.groups.every((g) => g.id === `intent:${g.name}` && g.size >= 3 && g.topTerms.length > 0));
  });

  it('keeps ids and names of matching groups from a previous induction', () => {
    const first = induceGroups(texts.map((t) => ({ text: t.text })), { minSize: 3, kind: 'intent' });
    const previous = first.model.groups.map((g) => ({ id: `intent:old-${g.name}`, name: `old-${g.name}`, topTerms: g.topTerms }));
    const again = induceGroups(texts.map((t) => ({ text: t.text })), { minSize: 3, kind: 'intent', previous });
    assert.deepEqual(again.model.groups.map((g) => g.name).sort(), previous.map((p) => p.name).sort());
  });

  it('bisects a group that holds too large a share of the texts when its halves separate', () => {
    // k capped at 2 for three topics: one group must hold two topics (at least 2/3 of the texts).
    const capped = { minSize: 3, minK: 2, maxK: 2 };
    const purity = (r: ReturnType<typeof induceGroups>) => {
      const byGroup = new Map<number, Set<string>>();
      texts.forEach((t, i) => byGroup.set(r.assignments[i]!, (byGroup.get(r.assignments[i]!) ?? new Set()).add(t.topic)));
      return [...byGroup.values()].every((topics) => topics.size === 1);
    };
    const kept = induceGroups(texts.map((t) => ({ text: t.text })), { ...capped, maxShare: 1 });
    assert.equal(kept.model.groups.length, 2);
    assert.ok(!purity(kept), 'without refinement one group mixes two topics');
    // Two groups of 2/3 and 1/3 look the same as a domain with two real intents of those sizes: by
    // default a group must also exceed twice the mean group size; here the mechanism is shown at 1×.
    const balanced = induceGroups(texts.map((t) => ({ text: t.text })), { ...capped, maxShare: 0.4 });
    assert.equal(balanced.model.groups.length, 2, 'a group under twice the mean size is not split by default');
    const split = induceGroups(texts.map((t) => ({ text: t.text })), { ...capped, maxShare: 0.4, splitOverMean: 1 });
    assert.ok(split.model.groups.length > 2, 'the oversized group is split');
    assert.ok(split.model.groups.every((g) => g.size <= 0.4 * texts.length), split.model.groups.map((g) => g.size).join(','));
    const inseparable = induceGroups(texts.map((t) => ({ text: t.text })), { ...capped, maxShare: 0.4, splitOverMean: 1, splitSilhouette: 0.99 });
    assert.equal(inseparable.model.groups.length, 2, 'a split that does not separate is not kept');
  });

  it('names groups without the words of redaction placeholders, which still count as evidence', () => {
    const redacted = texts.map((t, i) => ({ text: t.topic === 'wifi' && i % 2 === 0 ? `${t.text} at [LOCATION_1]` : t.text }));
    const r = induceGroups(redacted, { minSize: 3 });
    const terms = r.model.groups.flatMap((g) => [g.name, ...g.topTerms]).join(' ');
    assert.doesNotMatch(terms, /location/, terms);
    assert.match(terms, /wifi/);
  });

  it('assigns a new text to its topic, and says -1 for a text with no known word', () => {
    const { model, assignments } = induceGroups(texts.map((t) => ({ text: t.text })), { minSize: 3 });
    const wifiGroup = assignments[texts.findIndex((t) => t.topic === 'wifi')]!;
    assert.equal(assignGroup(model, { text: 'my wifi is not working at all' }).group, wifiGroup);
    assert.equal(assignGroup(model, { text: 'zzz qqq' }).group, -1);
  });
});

describe('discovery: the opening exchange', () => {
  const turn = (role: 'user' | 'agent', text: string, i: number): ConversationEvent =>
    ({ type: 'turn', role, text, callId: 'c', agentId: 'a', eventId: `e${i}`, ts: i }) as ConversationEvent;

  it('reads goal, situation and move from a call, whatever its domain', () => {
    const d = callDocs('c', [
      turn('agent', 'Hello, how can I help?', 0),
      turn('user', 'hi', 1),
      turn('user', 'my parcel to Oslo is stuck at customs', 2),
      turn('agent', 'Can you give me the tracking number?', 3),
      turn('user', 'It is 12345 and I am travelling tomorrow', 4),
      turn('agent', 'I will expedite it for you now', 5),
      { type: 'tool.called', name: 'expedite', toolCallId: 't', arguments: {}, callId: 'c', agentId: 'a', eventId: 'e6', ts: 6 } as ConversationEvent,
    ]);
    assert.equal(d.goal, 'hi my parcel to Oslo is stuck at customs', 'a greeting alone is not a goal: the next user turn joins it');
    assert.equal(d.situation, 'It is 12345 and I am travelling tomorrow');
    assert.equal(d.move, 'I will expedite it for you now');
    assert.deepEqual(d.tools, ['expedite']);
  });

  it('uses the goal turn as the situation when the caller speaks once', () => {
    const t = new OpeningTracker();
    t.onTurn('user', 'I want to cancel my gym membership today', 0);
    t.onTurn('agent', 'I can do that for you', 1);
    assert.deepEqual(t.exchange, { situation: { text: 'I want to cancel my gym membership today', turnIndex: 0 }, move: { text: 'I can do that for you', turnIndex: 1 } });
  });
});

describe('discovery: repeated texts', () => {
  it('gives every copy of a text the same group, counts copies in sizes, and lists examples nearest the centre first', () => {
    const once = texts.map((t) => ({ text: t.text }));
    const repeated = [...once, ...once.slice(0, 6), ...once.slice(0, 6)];
    const r = induceGroups(repeated, { minSize: 3, kind: 'intent' });
    for (let i = 0; i < 6; i++) {
      assert.equal(r.assignments[once.length + i], r.assignments[i]);
      assert.equal(r.assignments[once.length + 6 + i], r.assignments[i]);
    }
    assert.equal(r.model.groups.reduce((s, g) => s + g.size, 0), repeated.length);
    for (const g of r.model.groups) {
      const sims = g.examples.map((i) => assignGroup(r.model, repeated[i]!).similarity);
      assert.ok(sims.every((s, j) => j === 0 || s <= sims[j - 1]! + 1e-12), 'examples nearest the centre first');
    }
  });
});
