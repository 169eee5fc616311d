import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { ExperimentSchema } from '../../../src/engine/model';
import { BundleError, CURRENT_SCHEMA_VERSION, openSqlStore } from '../../../src/engine/store';
import type { LearningStore } from '../../../src/engine/store';
import { nodeHashing } from '../../../src/node/nodePorts';
import { buildCall, buildPattern, manualClock, promptPayload, testPorts } from './builders';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 2, 1);
const FIXTURES = path.resolve(__dirname, '../../fixtures/store');

/** Everything a store can hold, including a call whose transcript retention removed. */
async function populate(store: LearningStore): Promise<void> {
  await store.putConversations([
    buildCall('c-old', { startedAt: NOW - 60 * DAY, errors: 1 }),
    buildCall('c1', { startedAt: NOW - 2 * DAY, agentId: 'agent-b' }),
    buildCall('c2', { startedAt: NOW - DAY, errors: 2, resolved: false }),
  ]);
  await store.putCallAnalyses([
    { callId: 'c-old', agentId: 'agent-a', intent: 'billing', intentConfidence: 0.8, outcome: { label: 'failure', probability: 0.9 }, signals: [], analyzedAt: NOW - 50 * DAY },
    {
      callId: 'c2',
      agentId: 'agent-a',
      intent: 'cancel',
      intentConfidence: 0.7,
      outcome: { label: 'failure', probability: 0.6 },
      signals: [{ kind: 'escalation', polarity: 'failure', turnIndex: 5, strength: 0.9 }],
      errorFingerprints: ['fp-timeout'],
      detail: { note: 'tool timed out twice' },
      analyzedAt: NOW,
    },
  ]);
  await store.replacePatterns([buildPattern('p1'), buildPattern('p2', { intent: 'cancel', lift: -0.1 })]);
  const art = await store.saveArtifact({ payload: promptPayload('Confirm the account first.'), title: 'Confirm', agentId: 'agent-a' });
  await store.setArtifactStatus(art.artifactId, 'approved', 'reviewed');
  await store.saveArtifact({ payload: { kind: 'tool-pattern', sequence: ['lookup', 'refund'], lift: 0.2, support: 30, rule: 'look up before refunding' } });
  await store.putExperiment(
    ExperimentSchema.parse({ id: 'e1', name: 'Confirm first', salt: 's', variants: [{ name: 'control', weight: 1 }, { name: 'treatment', weight: 1 }], primaryMetric: 'resolved', createdAt: NOW }),
  );
  await store.appendJournal([
    { stream: 'exp:e1', kind: 'started', ts: NOW - 100 * DAY, payload: { by: 'ops' } },
    { stream: 'exp:e1', kind: 'exposure', ts: NOW, payload: { unit: 'c1', variant: 'treatment' } },
  ]);
  await store.upsertErrorFingerprints([
    { fingerprint: 'fp-timeout', template: 'lookup timed out', code: 'TOOL_TIMEOUT', tool: 'lookup', stage: 'tool', firstSeen: NOW - DAY, lastSeen: NOW, count: 3, exampleCallIds: ['c-old'] },
  ]);
  await store.applyRetention({ transcriptDays: 30, journalDays: 90 }, NOW);
}

/** Everything readable through the API, for deep comparison. */
async function snapshot(store: LearningStore): Promise<unknown> {
  const calls = await store.listCalls();
  const artifacts = await store.listArtifacts({ latestOnly: false });
  const { fileBytes: _ignored, ...stats } = await store.stats();
  return {
    calls,
    conversations: await Promise.all(calls.map((c) => store.getConversation(c.callId))),
    analyses: await Promise.all(calls.map((c) => store.getCallAnalysis(c.callId))),
    byFingerprint: (await store.listCalls({ fingerprint: 'fp-timeout' })).map((c) => c.callId),
    patterns: await store.listPatterns(),
    artifacts,
    experiments: await store.listExperiments(),
    journal: await store.readJournal('exp:e1'),
    fingerprints: await store.listErrorFingerprints(),
    stats,
  };
}

/** Rewrites one file of a bundle; `fixManifest` also recomputes its checksum, as a careful forger would. */
function tamper(bundle: Uint8Array, file: string, edit: (text: string) => string, fixManifest = false): Uint8Array {
  const files = unzipSync(bundle);
  files[file] = strToU8(edit(strFromU8(files[file]!)));
  if (fixManifest) {
    const manifest = JSON.parse(strFromU8(files['manifest.json']!));
    const section = Object.values(manifest.sections as Record<string, { file: string; sha256: string }>).find((s) => s.file === file)!;
    section.sha256 = nodeHashing.sha256(files[file]!);
    files['manifest.json'] = strToU8(JSON.stringify(manifest));
  }
  return zipSync(files);
}

describe('store: bundles', () => {
  const stores: LearningStore[] = [];
  const fresh = async (): Promise<LearningStore> => {
    const s = await openSqlStore({ ports: testPorts(manualClock(NOW)) });
    stores.push(s);
    return s;
  };
  afterEach(async () => {
    for (const s of stores.splice(0)) await s.close();
  });

  it('round-trips losslessly into an empty store, and exports the same records again', async () => {
    const a = await fresh();
    await populate(a);
    const bundle = await a.exportBundle();
    const b = await fresh();
    const result = await b.importBundle(bundle);
    assert.deepEqual(result, {
      fromSchemaVersion: CURRENT_SCHEMA_VERSION,
      callsInserted: 3,
      callsMerged: 0,
      artifactVersionsInserted: 3,
      artifactVersionsSkipped: 0,
      patternsImported: 2,
      experimentsImported: 1,
      journalEntriesInserted: 1,
      analysesImported: 2,
      errorFingerprintsImported: 1,
      conflicts: [],
    });
    const snapA = await snapshot(a);
    assert.deepEqual(await snapshot(b), snapA);
    // The purged call came over as an aggregate, not as an empty transcript.
    assert.equal((await b.listCalls()).find((c) => c.callId === 'c-old')!.hasTranscript, false);

    const again = unzipSync(await b.exportBundle());
    const first = unzipSync(bundle);
    const records = (bytes: Uint8Array): unknown[] => strFromU8(bytes).split('\n').filter(Boolean).map((l) => JSON.parse(l));
    for (const name of Object.keys(first)) {
      if (name !== 'manifest.json') assert.deepEqual(records(again[name]!), records(first[name]!), name);
    }
    // Sections written canonically export to the same bytes.
    const sections = (z: Record<string, Uint8Array>) => JSON.parse(strFromU8(z['manifest.json']!)).sections;
    for (const name of ['analyses', 'patterns', 'artifacts', 'experiments', 'journal', 'errorFingerprints', 'callFingerprints']) {
      assert.deepEqual(sections(again)[name], sections(first)[name], name);
    }
  });

  it('imports the same bundle twice without duplicating anything', async () => {
    const a = await fresh();
    await populate(a);
    const bundle = await a.exportBundle();
    const before = await snapshot(a);
    const r = await a.importBundle(bundle);
    assert.equal(r.callsInserted + r.callsMerged + r.artifactVersionsInserted + r.journalEntriesInserted + r.patternsImported + r.experimentsImported + r.analysesImported, 0);
    assert.equal(r.artifactVersionsSkipped, 3);
    assert.deepEqual(await snapshot(a), before);
  });

  it('merges with what is stored: new events of a known call, new calls, journal appended after the head', async () => {
    const a = await fresh();
    await a.putConversations([buildCall('shared', { keep: (i) => i < 6 }), buildCall('only-a')]);
    await a.appendJournal([{ stream: 'j', kind: 'a', ts: 1, payload: 'from a' }]);
    const b = await fresh();
    await b.putConversations([buildCall('shared', { keep: (i) => i >= 3 }), buildCall('only-b')]);
    await b.appendJournal([{ stream: 'j', kind: 'b', ts: 2, payload: 'from b' }]);
    const r = await a.importBundle(await b.exportBundle());
    assert.equal(r.callsInserted, 1);
    assert.equal(r.callsMerged, 1);
    assert.deepEqual((await a.getConversation('shared'))!.events, buildCall('shared').events);
    assert.deepEqual((await a.listCalls()).map((c) => c.callId).sort(), ['only-a', 'only-b', 'shared']);
    assert.deepEqual((await a.readJournal('j')).map((e) => [e.seq, e.payload]), [
      [1, 'from a'],
      [2, 'from b'],
    ]);
  });

  it('reports a same-version artifact with a different hash and keeps the stored one', async () => {
    const a = await fresh();
    const b = await fresh();
    const mine = await a.saveArtifact({ artifactId: 'art-x', payload: promptPayload('mine') });
    const theirs = await b.saveArtifact({ artifactId: 'art-x', payload: promptPayload('theirs') });
    await b.saveArtifact({ artifactId: 'art-x', payload: promptPayload('theirs, v2') });
    const r = await a.importBundle(await b.exportBundle());
    assert.deepEqual(r.conflicts, [{ kind: 'artifact-version', artifactId: 'art-x', version: 1, storedHash: mine.contentHash, bundleHash: theirs.contentHash }]);
    assert.equal(r.artifactVersionsInserted, 1, 'v2 is new here');
    assert.deepEqual(await a.getArtifact('art-x', 1), mine);
  });

  describe('rejects damaged or forged bundles, naming the section and record, importing nothing', () => {
    let bundle: Uint8Array;
    let target: LearningStore;
    before(async () => {
      const a = await openSqlStore({ ports: testPorts(manualClock(NOW)) });
      await populate(a);
      bundle = await a.exportBundle();
      await a.close();
    });
    beforeEach(async () => {
      target = await fresh();
    });
    const expectError = async (bytes: Uint8Array, reason: BundleError['reason'], message: RegExp, section?: string): Promise<void> => {
      await assert.rejects(target.importBundle(bytes), (err: unknown) => {
        assert.ok(err instanceof BundleError, String(err));
        assert.equal(err.reason, reason);
        assert.match(err.message, message);
        if (section) assert.equal(err.section, section);
        return true;
      });
      assert.equal((await target.stats()).calls, 0);
      assert.equal((await target.stats()).artifactVersions, 0);
    };

    it('a changed byte in a section fails its checksum', async () => {
      await expectError(tamper(bundle, 'calls.ndjson', (t) => t.replace('"agent-b"', '"agent-x"')), 'checksum', /Section "calls" \(calls.ndjson\) fails its checksum/, 'calls');
    });

    it('a forged record with a recomputed checksum fails its schema, naming record and field', async () => {
      const forged = tamper(bundle, 'calls.ndjson', (t) => t.replace(/"turnCount":\d+/, '"turnCount":-4'), true);
      await expectError(forged, 'record', /Section "calls" record 1 \(callId c-old\): turnCount: .*Nothing was imported/, 'calls');
    });

    it('an artifact whose payload no longer matches its content hash', async () => {
      const forged = tamper(bundle, 'artifacts.ndjson', (t) => t.replace('Confirm the account first.', 'Refund without checking.'), true);
      await expectError(forged, 'record', /Section "artifacts" record \d \(art-[0-9a-f]+ v1\): contentHash does not match its payload/, 'artifacts');
    });

    it('a file the manifest does not list, a missing section, a record count that differs', async () => {
      const files = unzipSync(bundle);
      await expectError(zipSync({ ...files, 'extra.ndjson': strToU8('{}\n') }), 'checksum', /does not list: extra.ndjson/);
      const { ['journal.ndjson']: _journal, ...rest } = files;
      await expectError(zipSync(rest), 'checksum', /Section "journal" \(journal.ndjson\) is missing/);
      await expectError(tamper(bundle, 'patterns.ndjson', (t) => t.split('\n')[0] + '\n', true), 'checksum', /Section "patterns" has 1 records; the manifest says 2/);
    });

    it('not a zip, no manifest, a newer format', async () => {
      await expectError(strToU8('{"format":"kaizen-bundle"}'), 'format', /not a Kaizen bundle \(not a readable zip/);
      await expectError(zipSync({ 'readme.txt': strToU8('hi') }), 'format', /has no manifest.json/);
      await expectError(
        tamper(bundle, 'manifest.json', (t) => t.replace(`"schemaVersion": ${CURRENT_SCHEMA_VERSION}`, '"schemaVersion": 77')),
        'too-new',
        new RegExp(`newer Kaizen \\(schema v77; this build knows up to v${CURRENT_SCHEMA_VERSION}\\)`),
      );
      await expectError(tamper(bundle, 'manifest.json', (t) => t.replace('"kaizen-bundle"', '"other"')), 'format', /manifest.json is invalid: format/);
    });
  });

  it('imports a bundle written by schema v1 (committed fixture), upgrading its records', async () => {
    const s = await fresh();
    const r = await s.importBundle(new Uint8Array(fs.readFileSync(path.join(FIXTURES, 'v1-bundle.kaizen.zip'))));
    assert.equal(r.fromSchemaVersion, 1);
    assert.equal(r.callsInserted, 3);
    assert.equal(r.artifactVersionsInserted, 1);
    assert.deepEqual(
      (await s.listCalls()).map((c) => [c.callId, c.errorCount, c.agentId]),
      [
        ['v1-call-1', 0, 'agent-a'],
        ['v1-call-2', 2, 'agent-b'],
        ['v1-call-3', 0, 'agent-a'],
      ],
    );
    assert.deepEqual((await s.getConversation('v1-call-2'))!.events, buildCall('v1-call-2', { startedAt: Date.UTC(2025, 5, 2, 9), turns: 4, errors: 2, agentId: 'agent-b' }).events);
    assert.equal((await s.getArtifact('art-v1'))!.title, 'Confirm first');
    // The same calls as the v1 store file give the same result whichever way they arrive.
    const again = await s.importBundle(new Uint8Array(fs.readFileSync(path.join(FIXTURES, 'v1-bundle.kaizen.zip'))));
    assert.equal(again.callsInserted + again.artifactVersionsInserted + again.journalEntriesInserted, 0);
  });
});
