import assert from 'node:assert/strict';
import { ExperimentSchema } from '../../../src/engine/model';
import type { Experiment } from '../../../src/engine/model';
import { CURRENT_SCHEMA_VERSION, openSqlStore } from '../../../src/engine/store';
import type { CallAnalysisRecord, LearningStore } from '../../../src/engine/store';
import { buildCall, buildPattern, manualClock, promptPayload, testPorts } from './builders';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 2, 1);

function analysis(callId: string, over: Partial<CallAnalysisRecord> = {}): CallAnalysisRecord {
  return {
    callId,
    agentId: 'agent-a',
    intent: 'billing',
    intentConfidence: 0.92,
    outcome: { label: 'success', probability: 0.81 },
    signals: [{ kind: 'thanks', polarity: 'success', turnIndex: 9, strength: 0.7 }],
    detail: { strategies: ['apologise'], fragments: [{ turn: 3, text: 'Let me look' }] },
    analyzedAt: NOW,
    ...over,
  };
}

function experiment(id: string, createdAt: number): Experiment {
  // Parsed, so the defaults of fields the experiments stage adds are filled in.
  return ExperimentSchema.parse({
    id,
    name: `Experiment ${id}`,
    salt: `salt-${id}`,
    unit: 'call',
    layer: 'default',
    trafficFraction: 1,
    holdoutFraction: 0,
    variants: [
      { name: 'control', weight: 1 },
      { name: 'treatment', weight: 1, artifactId: 'art-1', artifactVersion: 2 },
    ],
    primaryMetric: 'resolved',
    guardrails: [],
    status: 'running',
    createdAt,
  });
}

describe('store: analyses, patterns, experiments, journal, fingerprints, retention', () => {
  let store: LearningStore;
  beforeEach(async () => {
    store = await openSqlStore({ ports: testPorts(manualClock(NOW)) });
  });
  afterEach(async () => {
    await store.close();
  });

  it('stores analyses and keeps the call columns the filters use in step', async () => {
    await store.putConversations([buildCall('c1')]);
    const a = analysis('c1');
    await store.putCallAnalyses([a]);
    assert.deepEqual(await store.getCallAnalysis('c1'), a);
    assert.equal(await store.getCallAnalysis('c2'), undefined);
    await store.putCallAnalyses([analysis('c1', { intent: 'cancel', outcome: { label: 'failure', probability: 0.7 }, detail: undefined })]);
    const [summary] = await store.listCalls();
    assert.equal(summary!.intent, 'cancel');
    assert.equal(summary!.outcomeLabel, 'failure');
    assert.equal((await store.getCallAnalysis('c1'))!.detail, undefined);
    assert.equal(await store.countCalls({ intent: 'billing' }), 0);
  });

  it('replaces the pattern set and lists it filtered and sorted', async () => {
    await store.replacePatterns([buildPattern('old')]);
    const patterns = [
      buildPattern('p1', { lift: 0.3, support: 20, successRate: 0.9, confidence: { low: 0.5, high: 0.97, level: 0.95, method: 'wilson' } }),
      buildPattern('p2', { lift: 0.1, support: 80, successRate: 0.7, confidence: { low: 0.6, high: 0.78, level: 0.95, method: 'wilson' } }),
      buildPattern('p3', { intent: 'cancel', strategy: 'offer-discount', lift: 0.2, support: 10, successRate: 0.8 }),
    ];
    await store.replacePatterns(patterns);
    const ids = async (f: Parameters<LearningStore['listPatterns']>[0]) => (await store.listPatterns(f)).map((p) => p.id);
    assert.deepEqual(await ids({}), ['p1', 'p3', 'p2'], 'default: by lift');
    assert.deepEqual(await ids({ sortBy: 'support' }), ['p2', 'p1', 'p3']);
    assert.deepEqual(await ids({ sortBy: 'successRate' }), ['p1', 'p3', 'p2']);
    assert.deepEqual(await ids({ sortBy: 'confidence' }), ['p2', 'p3', 'p1'], 'by the lower bound');
    assert.deepEqual(await ids({ intent: 'billing' }), ['p1', 'p2']);
    assert.deepEqual(await ids({ strategy: 'offer-discount' }), ['p3']);
    assert.deepEqual(await ids({ minSupport: 20, limit: 1 }), ['p1']);
    assert.deepEqual((await store.listPatterns({ intent: 'cancel' }))[0], patterns[2]);
  });

  it('upserts and lists experiments', async () => {
    await store.putExperiment(experiment('e2', NOW + 1));
    await store.putExperiment(experiment('e1', NOW));
    const updated = { ...experiment('e2', NOW + 1), status: 'stopped' as const };
    await store.putExperiment(updated);
    assert.deepEqual(await store.getExperiment('e2'), updated);
    assert.equal(await store.getExperiment('e9'), undefined);
    assert.deepEqual((await store.listExperiments()).map((e) => e.id), ['e1', 'e2']);
  });

  it('appends journal entries with per-stream sequence numbers; reads since a seq and by kind', async () => {
    await store.appendJournal([
      { stream: 'exp:e1', kind: 'started', ts: NOW, payload: { by: 'me' } },
      { stream: 'exp:e1', kind: 'exposure', ts: NOW + 1, payload: { unit: 'u1', variant: 'control' } },
      { stream: 'exp:e2', kind: 'started', ts: NOW + 2, payload: null },
      { stream: 'exp:e1', kind: 'exposure', ts: NOW + 3, payload: { unit: 'u2', variant: 'treatment' } },
    ]);
    const e1 = await store.readJournal('exp:e1');
    assert.deepEqual(e1.map((e) => e.seq), [1, 2, 3]);
    assert.deepEqual(e1[1], { stream: 'exp:e1', seq: 2, kind: 'exposure', ts: NOW + 1, payload: { unit: 'u1', variant: 'control' } });
    assert.deepEqual((await store.readJournal('exp:e1', { since: 1 })).map((e) => e.seq), [2, 3]);
    assert.deepEqual((await store.readJournal('exp:e1', { kind: 'started' })).map((e) => e.seq), [1]);
    assert.deepEqual((await store.readJournal('exp:e2'))[0]!.payload, null);
    assert.deepEqual(await store.readJournal('none'), []);
  });

  it('upserts error fingerprints', async () => {
    const fp = { fingerprint: 'fp1', template: 'timeout after <n> ms', code: 'E_TIMEOUT', tool: 'lookup', stage: 'tool', firstSeen: NOW, lastSeen: NOW, count: 1, exampleCallIds: ['c1'] };
    await store.upsertErrorFingerprints([fp, { ...fp, fingerprint: 'fp2', count: 5, exampleCallIds: [] }]);
    await store.upsertErrorFingerprints([{ ...fp, count: 9, lastSeen: NOW + 5 }]);
    const list = await store.listErrorFingerprints();
    assert.deepEqual(list.map((f) => [f.fingerprint, f.count]), [
      ['fp1', 9],
      ['fp2', 5],
    ]);
    assert.equal(list[0]!.lastSeen, NOW + 5);
  });

  it('retention deletes old transcripts and journal entries; aggregates, analyses, patterns and artifacts stay', async () => {
    const oldCall = buildCall('old', { startedAt: NOW - 40 * DAY, errors: 1 });
    const newCall = buildCall('new', { startedAt: NOW - 5 * DAY });
    await store.putConversations([oldCall, newCall]);
    await store.putCallAnalyses([analysis('old', { outcome: { label: 'failure', probability: 0.9 } }), analysis('new')]);
    await store.replacePatterns([buildPattern('p1')]);
    const art = await store.saveArtifact({ payload: promptPayload('keep me') });
    await store.appendJournal([
      { stream: 's', kind: 'k', ts: NOW - 100 * DAY, payload: 1 },
      { stream: 's', kind: 'k', ts: NOW - DAY, payload: 2 },
    ]);
    const before = (await store.listCalls()).find((c) => c.callId === 'old')!;

    const r = await store.applyRetention({ transcriptDays: 30, journalDays: 90 }, NOW);
    assert.deepEqual(r, { transcriptsDeleted: 1, journalEntriesDeleted: 1 });

    const after = (await store.listCalls()).find((c) => c.callId === 'old')!;
    assert.deepEqual({ ...after, hasTranscript: true }, before, 'outcome, intent, counts survive');
    assert.equal(after.hasTranscript, false);
    assert.equal(after.outcomeLabel, 'failure');
    assert.equal(after.errorCount, 1);
    assert.deepEqual((await store.getConversation('old'))!.events, []);
    assert.deepEqual((await store.getConversation('new'))!.events, newCall.events);
    assert.ok(await store.getCallAnalysis('old'));
    assert.equal((await store.listPatterns()).length, 1);
    assert.deepEqual(await store.getArtifact(art.artifactId), art);
    assert.deepEqual((await store.readJournal('s')).map((e) => e.payload), [2]);
    const ids: string[] = [];
    for await (const c of store.iterateConversations()) ids.push(c.callId);
    assert.deepEqual(ids, ['new'], 'nothing to re-read for a purged call');
    assert.equal(await store.countCalls({ outcome: 'failure' }), 1);

    // A re-import does not resurrect a transcript that retention deleted.
    const again = await store.putConversations([oldCall]);
    assert.equal(again.callsUnchanged, 1);
    assert.deepEqual((await store.getConversation('old'))!.events, []);
    // New journal entries continue the stream's numbering.
    await store.appendJournal([{ stream: 's', kind: 'k', ts: NOW, payload: 3 }]);
    assert.deepEqual((await store.readJournal('s')).map((e) => e.seq), [2, 3]);

    const stats = await store.stats();
    assert.equal(stats.calls, 2);
    assert.equal(stats.transcriptsRetained, 1);
    assert.equal(stats.events, oldCall.events.length + newCall.events.length);
  });

  it('counts everything in stats', async () => {
    await store.putConversations([buildCall('c1'), buildCall('c2')]);
    await store.putCallAnalyses([analysis('c1')]);
    await store.replacePatterns([buildPattern('p1'), buildPattern('p2')]);
    const a = await store.saveArtifact({ payload: promptPayload('x') });
    await store.setArtifactStatus(a.artifactId, 'approved');
    await store.putExperiment(experiment('e1', NOW));
    await store.upsertErrorFingerprints([{ fingerprint: 'f', template: 't', firstSeen: 0, lastSeen: 0, count: 1, exampleCallIds: [] }]);
    const s = await store.stats();
    assert.deepEqual(s, {
      schemaVersion: CURRENT_SCHEMA_VERSION,
      calls: 2,
      events: 32,
      transcriptsRetained: 2,
      analyses: 1,
      patterns: 2,
      artifacts: 1,
      artifactVersions: 2,
      experiments: 1,
      errorFingerprints: 1,
    });
  });

  it('refuses calls after close', async () => {
    const s = await openSqlStore({ ports: testPorts() });
    await s.close();
    await s.close();
    await assert.rejects(s.listCalls(), /closed/);
  });
});
