import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Conversation } from '../../../src/engine/model';
import { openSqlStore } from '../../../src/engine/store';
import type { CallAnalysisRecord, CallFilter, LearningStore } from '../../../src/engine/store';
import { buildCall, manualClock, tempDir, testPorts } from './builders';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 5, 1);
const INTENTS = ['billing', 'cancel', 'refund'];

function call(i: number): Conversation {
  // Start times interleave a little with the call number, so segments and the hot file overlap in time.
  return buildCall(`c-${String(i).padStart(4, '0')}`, { startedAt: NOW - 30 * DAY + i * 60_000 - (i % 7) * 90_000, agentId: `agent-${i % 3}`, turns: 4, resolved: i % 4 !== 0 });
}
function analysis(c: Conversation, i: number): CallAnalysisRecord {
  return {
    callId: c.callId,
    agentId: c.agentId,
    intent: INTENTS[i % 3]!,
    intentConfidence: 0.8,
    outcome: { label: i % 4 === 0 ? 'failure' : 'success', probability: 0.7 },
    signals: [],
    errorFingerprints: i % 10 === 0 ? ['fp-x'] : undefined,
    detail: { note: `call ${i}` },
    analyzedAt: NOW,
  };
}

describe('store: sealed call segments', () => {
  let tmp: ReturnType<typeof tempDir>;
  let file: string;
  const stores: LearningStore[] = [];
  const clock = manualClock(NOW);
  const open = async (): Promise<LearningStore> => {
    const s = await openSqlStore({ path: file, ports: testPorts(clock), saveDebounceMs: 60_000, segment: { hotMaxCalls: 40, sealCalls: 25 } });
    stores.push(s);
    return s;
  };
  const segmentFiles = (): string[] => (fs.existsSync(`${file}.segments`) ? fs.readdirSync(`${file}.segments`).filter((f) => f.endsWith('.sqlite')) : []);

  /** The same calls in an in-memory store (never sealed): the reference every answer is compared with. */
  async function filled(n: number): Promise<{ store: LearningStore; reference: LearningStore }> {
    const store = await open();
    const reference = await openSqlStore({ ports: testPorts(clock) });
    stores.push(reference);
    for (let i = 0; i < n; i += 20) {
      const batch = Array.from({ length: Math.min(20, n - i) }, (_, k) => call(i + k));
      for (const s of [store, reference]) {
        await s.putConversations(batch);
        await s.putCallAnalyses(batch.map((c, k) => analysis(c, i + k)));
      }
      await store.save();
    }
    return { store, reference };
  }

  beforeEach(() => {
    tmp = tempDir();
    file = path.join(tmp.dir, 'learning.db');
  });
  afterEach(async () => {
    for (const s of stores.splice(0)) await s.close().catch(() => undefined);
    tmp.cleanup();
  });

  it('seals old calls into segment files and answers every query as a single store would', async () => {
    const { store, reference } = await filled(200);
    assert.ok(segmentFiles().length >= 5, `expected segments, got ${segmentFiles().length}`);
    const filters: CallFilter[] = [
      {},
      { intent: 'billing' },
      { intent: 'refund', limit: 7, offset: 3 },
      { outcome: 'failure', limit: 10 },
      { agentId: 'agent-2', since: NOW - 29 * DAY },
      { fingerprint: 'fp-x' },
      { until: NOW - 29.9 * DAY, limit: 5 },
      { intent: 'cancel', outcome: 'success' },
    ];
    for (const f of filters) {
      assert.deepEqual(await store.listCalls(f), await reference.listCalls(f), `listCalls ${JSON.stringify(f)}`);
      const { limit: _l, offset: _o, ...counted } = f;
      assert.equal(await store.countCalls(counted), await reference.countCalls(counted), `countCalls ${JSON.stringify(counted)}`);
    }
    const ids = async (s: LearningStore, f: CallFilter) => {
      const out: string[] = [];
      for await (const c of s.iterateConversations(f)) out.push(c.callId);
      return out;
    };
    assert.deepEqual(await ids(store, {}), await ids(reference, {}));
    assert.deepEqual(await ids(store, { intent: 'billing', offset: 5, limit: 20 }), await ids(reference, { intent: 'billing', offset: 5, limit: 20 }));
    assert.deepEqual(await store.getConversation('c-0003'), await reference.getConversation('c-0003'));
    assert.deepEqual(await store.getCallAnalysis('c-0003'), await reference.getCallAnalysis('c-0003'));
    const stats = await store.stats();
    const refStats = await reference.stats();
    for (const k of ['calls', 'events', 'transcriptsRetained', 'analyses'] as const) assert.equal(stats[k], refStats[k], k);
  });

  it('keeps everything across a reopen, and a re-import of a sealed call merges instead of duplicating', async () => {
    const { store, reference } = await filled(120);
    await store.close();
    const again = await open();
    assert.equal(await again.countCalls(), 120);
    const late = call(2);
    late.events = [...late.events, { ...late.events[1]!, eventId: 'late-1', ts: late.events[1]!.ts + 1 }];
    for (const s of [again, reference]) {
      const r = await s.putConversations([call(1), late]);
      assert.deepEqual(r, { callsInserted: 0, callsMerged: 1, callsUnchanged: 1, eventsInserted: 1, eventsDuplicate: call(1).events.length + call(2).events.length });
    }
    assert.equal(await again.countCalls(), 120);
    assert.deepEqual(await again.getConversation('c-0002'), await reference.getConversation('c-0002'));
    assert.deepEqual(await again.listCalls({ intent: 'cancel' }), await reference.listCalls({ intent: 'cancel' }));
    assert.deepEqual(await again.getCallAnalysis('c-0002'), await reference.getCallAnalysis('c-0002'));
    await again.save();
    assert.equal(await again.countCalls({ intent: 'cancel' }), await reference.countCalls({ intent: 'cancel' }));
  });

  it('exports the same bundle content as an unsealed store and applies retention to sealed transcripts', async () => {
    const { store, reference } = await filled(100);
    const target = await openSqlStore({ ports: testPorts(clock) });
    stores.push(target);
    await target.importBundle(await store.exportBundle());
    assert.deepEqual(await target.listCalls({}), await reference.listCalls({}));
    assert.deepEqual(await target.getCallAnalysis('c-0050'), await reference.getCallAnalysis('c-0050'));
    const cut = { transcriptDays: 30 - 50 / 1440 };
    const r = await store.applyRetention(cut, NOW);
    const rr = await reference.applyRetention(cut, NOW);
    assert.equal(r.transcriptsDeleted, rr.transcriptsDeleted);
    assert.ok(r.transcriptsDeleted > 0);
    await store.save();
    assert.deepEqual(await store.listCalls({}), await reference.listCalls({}));
    assert.equal((await store.stats()).transcriptsRetained, (await reference.stats()).transcriptsRetained);
    assert.deepEqual(await store.getConversation('c-0001'), await reference.getConversation('c-0001'));
  });

  it('migrates a single-file v1 store transparently: its calls are sealed on the first save and read back the same', async () => {
    fs.writeFileSync(file, fs.readFileSync(path.join(__dirname, '..', '..', 'fixtures', 'store', 'v1-store.sqlite')));
    const tiny = async () => {
      const s = await openSqlStore({ path: file, ports: testPorts(clock), saveDebounceMs: 60_000, segment: { hotMaxCalls: 1, sealCalls: 1 } });
      stores.push(s);
      return s;
    };
    const store = await tiny();
    const before = await store.listCalls();
    const conversations = await Promise.all(before.map((c) => store.getConversation(c.callId)));
    assert.equal(before.length, 3);
    await store.close();
    const again = await tiny();
    assert.equal(segmentFiles().length, 2, 'two of the three calls sealed, one call left hot');
    assert.deepEqual(await again.listCalls(), before);
    assert.deepEqual(await Promise.all(before.map((c) => again.getConversation(c.callId))), conversations);
    assert.equal((await again.getArtifact('art-v1'))!.status, 'approved');
  });

  it('deletes a segment file its store file does not list (a seal whose save never landed)', async () => {
    const { store } = await filled(60);
    await store.close();
    fs.writeFileSync(path.join(`${file}.segments`, 'sdead-00000000.sqlite'), 'not listed');
    const before = segmentFiles().length;
    const again = await open();
    assert.equal(segmentFiles().length, before - 1);
    assert.equal(await again.countCalls(), 60);
  });
});
