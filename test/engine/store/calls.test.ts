import assert from 'node:assert/strict';
import type { Conversation } from '../../../src/engine/model';
import { openSqlStore } from '../../../src/engine/store';
import type { LearningStore, SqlLearningStore } from '../../../src/engine/store';
import { buildCall, testPorts } from './builders';

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 0, 10, 9);

async function collect(it: AsyncIterable<Conversation>): Promise<Conversation[]> {
  const out: Conversation[] = [];
  for await (const c of it) out.push(c);
  return out;
}

describe('store: calls', () => {
  let store: LearningStore;
  beforeEach(async () => {
    store = await openSqlStore({ ports: testPorts() });
  });
  afterEach(async () => {
    await store.close();
  });

  it('stores a conversation and gives it back whole', async () => {
    const call = buildCall('c1', { errors: 1 });
    const r = await store.putConversations([call]);
    assert.deepEqual(r, { callsInserted: 1, callsMerged: 0, callsUnchanged: 0, eventsInserted: call.events.length, eventsDuplicate: 0 });
    assert.deepEqual(await store.getConversation('c1'), call);
    assert.equal(await store.getConversation('nope'), undefined);
    const [summary] = await store.listCalls();
    assert.equal(summary!.turnCount, 12);
    assert.equal(summary!.eventCount, call.events.length);
    assert.equal(summary!.errorCount, 1);
    assert.equal(summary!.hasTranscript, true);
    assert.deepEqual(summary!.outcome, call.outcome);
    assert.deepEqual(summary!.source, call.source);
  });

  it('imports the same call twice without duplicates, and a repeated eventId within a call once', async () => {
    const call = buildCall('c1');
    const doubled = { ...call, events: [...call.events, call.events[2]!] };
    const first = await store.putConversations([doubled]);
    assert.equal(first.eventsInserted, call.events.length);
    assert.equal(first.eventsDuplicate, 1);
    const again = await store.putConversations([call]);
    assert.deepEqual(again, { callsInserted: 0, callsMerged: 0, callsUnchanged: 1, eventsInserted: 0, eventsDuplicate: call.events.length });
    assert.equal((await store.getConversation('c1'))!.events.length, call.events.length);
    assert.equal(await store.countCalls(), 1);
  });

  it('merges a call delivered in parts: only new eventIds are added, in time order, digest recomputed', async () => {
    const whole = buildCall('c1', { errors: 2 });
    const n = whole.events.length;
    const firstHalf = buildCall('c1', { errors: 2, keep: (i) => i < n / 2 });
    const secondHalf = buildCall('c1', { errors: 2, keep: (i) => i >= n / 2 - 2 });
    await store.putConversations([secondHalf]);
    const r = await store.putConversations([firstHalf]);
    assert.equal(r.callsMerged, 1);
    assert.equal(r.eventsInserted, n / 2 - 2);
    assert.equal(r.eventsDuplicate, 2);
    const merged = (await store.getConversation('c1'))!;
    assert.deepEqual(merged.events, whole.events);
    assert.equal(merged.startedAt, whole.startedAt);
    assert.equal(merged.endedAt, whole.endedAt);
    assert.deepEqual(merged.outcome, whole.outcome);
    const [summary] = await store.listCalls();
    assert.equal(summary!.eventCount, n);
    assert.equal(summary!.errorCount, 2);
    assert.equal(summary!.turnCount, 12);
  });

  it('merges two parts of one call inside the same batch', async () => {
    const whole = buildCall('c1');
    const n = whole.events.length;
    const r = await store.putConversations([buildCall('c1', { keep: (i) => i % 2 === 0 }), buildCall('c1', { keep: (i) => i % 2 === 1 })]);
    assert.deepEqual(r, { callsInserted: 1, callsMerged: 1, callsUnchanged: 0, eventsInserted: n, eventsDuplicate: 0 });
    assert.deepEqual((await store.getConversation('c1'))!.events, whole.events);
  });

  it('stores a batch all or nothing', async () => {
    await store.putConversations([buildCall('keep')]);
    const bad = { ...buildCall('bad'), startedAt: Number.NaN }; // NaN binds as NULL: NOT NULL fails
    await assert.rejects(store.putConversations([buildCall('c1'), buildCall('keep', { turns: 2 }), bad]));
    assert.equal(await store.countCalls(), 1);
    assert.equal(await store.getConversation('c1'), undefined);
    assert.equal((await store.getConversation('keep'))!.events.length, buildCall('keep').events.length);
    // The store still works after the rollback.
    await store.putConversations([buildCall('c1')]);
    assert.equal(await store.countCalls(), 2);
  });

  it('filters by agent, source file, time, intent, outcome and fingerprint; limit and offset', async () => {
    const calls = Array.from({ length: 10 }, (_, i) =>
      buildCall(`c${i}`, { agentId: i % 2 ? 'odd' : 'even', startedAt: T0 + i * DAY, file: i < 5 ? 'a.jsonl' : 'b.jsonl', turns: 2 }),
    );
    await store.putConversations(calls);
    await store.putCallAnalyses(
      calls.map((c, i) => ({
        callId: c.callId,
        agentId: c.agentId,
        intent: i < 3 ? 'billing' : 'cancel',
        intentConfidence: 0.9,
        outcome: { label: i % 3 === 0 ? 'failure' : 'success', probability: 0.8 },
        signals: [],
        errorFingerprints: i === 7 ? ['fp-timeout'] : undefined,
        analyzedAt: T0,
      })),
    );
    await store.upsertErrorFingerprints([
      { fingerprint: 'fp-auth', template: 'auth failed for <id>', firstSeen: T0, lastSeen: T0, count: 2, exampleCallIds: ['c1', 'c2'] },
    ]);
    const ids = async (f: Parameters<LearningStore['listCalls']>[0]) => (await store.listCalls(f)).map((c) => c.callId);
    assert.deepEqual(await ids({ agentId: 'odd' }), ['c1', 'c3', 'c5', 'c7', 'c9']);
    assert.deepEqual(await ids({ sourceFile: 'b.jsonl', agentId: 'even' }), ['c6', 'c8']);
    assert.deepEqual(await ids({ since: T0 + 2 * DAY, until: T0 + 5 * DAY }), ['c2', 'c3', 'c4']);
    assert.deepEqual(await ids({ intent: 'billing' }), ['c0', 'c1', 'c2']);
    assert.deepEqual(await ids({ outcome: 'failure' }), ['c0', 'c3', 'c6', 'c9']);
    assert.deepEqual(await ids({ intent: 'cancel', outcome: 'failure' }), ['c3', 'c6', 'c9']);
    assert.deepEqual(await ids({ fingerprint: 'fp-timeout' }), ['c7']);
    assert.deepEqual(await ids({ fingerprint: 'fp-auth' }), ['c1', 'c2']);
    assert.deepEqual(await ids({ limit: 3, offset: 4 }), ['c4', 'c5', 'c6']);
    assert.equal(await store.countCalls({ agentId: 'odd', outcome: 'success' }), 3);
    assert.equal(await store.countCalls({ limit: 1 }), 10, 'count ignores paging');
    const summary = (await store.listCalls({ intent: 'billing', limit: 1 }))[0]!;
    assert.equal(summary.intent, 'billing');
    assert.equal(summary.outcomeLabel, 'failure');
  });

  it('answers every filter from an index, never a table scan', () => {
    const plan = (f: Parameters<SqlLearningStore['queryPlan']>[0]) => (store as SqlLearningStore).queryPlan(f).join(' | ');
    const cases: Array<[Parameters<SqlLearningStore['queryPlan']>[0], RegExp]> = [
      [{}, /SCAN calls USING INDEX calls_started/],
      [{ agentId: 'a' }, /SEARCH calls USING INDEX calls_agent \(agent_id=\?\)/],
      [{ agentId: 'a', since: 1 }, /SEARCH calls USING INDEX calls_agent \(agent_id=\? AND started_at>\?\)/],
      [{ intent: 'x' }, /SEARCH calls USING INDEX calls_intent/],
      [{ outcome: 'failure' }, /SEARCH calls USING INDEX calls_outcome/],
      [{ sourceFile: 'f' }, /SEARCH calls USING INDEX calls_source/],
      [{ since: 1, until: 2 }, /SEARCH calls USING INDEX calls_started \(started_at>\? AND started_at<\?\)/],
      [{ fingerprint: 'fp' }, /SEARCH call_fingerprints USING PRIMARY KEY \(fingerprint=\?\)/],
    ];
    for (const [filter, expected] of cases) {
      const p = plan(filter);
      assert.match(p, expected, JSON.stringify(filter));
      assert.doesNotMatch(p, /SCAN calls(?! USING INDEX)/, JSON.stringify(filter));
    }
  });

  it('iterates in start-time order across pages, honouring filter, limit and offset', async () => {
    // 300 calls > one page of 256; inserted out of order, with ties on startedAt.
    const calls = Array.from({ length: 300 }, (_, i) => buildCall(`c${String(299 - i).padStart(3, '0')}`, { startedAt: T0 + Math.floor((299 - i) / 2) * 1000, turns: 1 }));
    await store.putConversations(calls);
    const all = await collect(store.iterateConversations());
    assert.equal(all.length, 300);
    assert.deepEqual(
      all.map((c) => c.callId),
      calls.map((c) => c.callId).sort(),
    );
    assert.equal(all[0]!.events.length, calls[0]!.events.length);
    const window = await collect(store.iterateConversations({ since: T0 + 100_000, limit: 50, offset: 5 }));
    assert.equal(window.length, 50);
    assert.equal(window[0]!.callId, 'c205');
    assert.equal(window[49]!.callId, 'c254');
    assert.equal((await collect(store.iterateConversations({ agentId: 'nobody' }))).length, 0);
  });

  it('streams page by page: a call stored during iteration shows up in a later page', async () => {
    await store.putConversations(Array.from({ length: 300 }, (_, i) => buildCall(`c${String(i).padStart(3, '0')}`, { turns: 1 })));
    const seen: string[] = [];
    for await (const c of store.iterateConversations()) {
      seen.push(c.callId);
      // Had the iterator loaded everything up front, this late call would not be seen.
      if (seen.length === 1) await store.putConversations([buildCall('zzz-late', { turns: 1, startedAt: T0 + DAY })]);
    }
    assert.equal(seen.length, 301);
    assert.equal(seen[300], 'zzz-late');
  });
});
