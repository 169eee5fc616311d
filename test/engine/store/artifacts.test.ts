import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { openSqlStore } from '../../../src/engine/store';
import type { LearningStore } from '../../../src/engine/store';
import { manualClock, promptPayload, testPorts } from './builders';

describe('store: versioned artifacts', () => {
  let store: LearningStore;
  const clock = manualClock();
  beforeEach(async () => {
    store = await openSqlStore({ ports: testPorts(clock) });
  });
  afterEach(async () => {
    await store.close();
  });

  it('hashes the canonical JSON of the payload: key order does not matter', async () => {
    const a = await store.saveArtifact({ payload: { kind: 'prompt', target: 'system', text: 'Be brief.' } });
    const reordered = JSON.parse('{"text":"Be brief.","kind":"prompt","target":"system"}');
    const b = await store.saveArtifact({ payload: reordered });
    const expected = createHash('sha256').update('{"kind":"prompt","target":"system","text":"Be brief."}').digest('hex');
    assert.equal(a.contentHash, expected);
    assert.equal(b.contentHash, expected);
    assert.notEqual(a.artifactId, b.artifactId, 'a save without an id is a new artifact');
  });

  it('every change is a new version pointing at its parent; history and reads by version', async () => {
    const v1 = await store.saveArtifact({ payload: promptPayload('one'), title: 'Greeting', agentId: 'agent-a' });
    assert.deepEqual([v1.version, v1.parentVersion, v1.status], [1, null, 'draft']);
    clock.advance(1000);
    const v2 = await store.saveArtifact({ artifactId: v1.artifactId, payload: promptPayload('two'), note: 'shorter' });
    assert.deepEqual([v2.version, v2.parentVersion, v2.title, v2.agentId, v2.note], [2, 1, 'Greeting', 'agent-a', 'shorter']);
    assert.equal(v2.createdAt, v1.createdAt + 1000);
    assert.deepEqual(await store.getArtifact(v1.artifactId), v2);
    assert.deepEqual(await store.getArtifact(v1.artifactId, 1), v1);
    assert.equal(await store.getArtifact(v1.artifactId, 9), undefined);
    assert.deepEqual(await store.artifactHistory(v1.artifactId), [v1, v2]);
  });

  it('a save that changes nothing returns the current version instead of adding one', async () => {
    const v1 = await store.saveArtifact({ payload: promptPayload('same'), title: 't' });
    const again = await store.saveArtifact({ artifactId: v1.artifactId, payload: promptPayload('same') });
    assert.deepEqual(again, v1);
    assert.equal((await store.artifactHistory(v1.artifactId)).length, 1);
  });

  it('refuses a new version of another kind', async () => {
    const v1 = await store.saveArtifact({ payload: promptPayload('x') });
    await assert.rejects(
      store.saveArtifact({ artifactId: v1.artifactId, payload: { kind: 'tool-pattern', sequence: ['a'], lift: 0.1, support: 3, rule: 'r' } }),
      /is a prompt; a new version cannot be a tool-pattern/,
    );
  });

  it('status changes and rollbacks are new versions; history is kept', async () => {
    const v1 = await store.saveArtifact({ payload: promptPayload('good') });
    const v2 = await store.setArtifactStatus(v1.artifactId, 'rolled-out', 'shipped');
    assert.deepEqual([v2.version, v2.parentVersion, v2.status, v2.contentHash, v2.note], [2, 1, 'rolled-out', v1.contentHash, 'shipped']);
    const v3 = await store.saveArtifact({ artifactId: v1.artifactId, payload: promptPayload('worse'), status: 'testing' });
    const v4 = await store.rollbackArtifact(v1.artifactId, 2);
    assert.deepEqual([v4.version, v4.parentVersion, v4.status, v4.contentHash, v4.note], [4, 3, 'rolled-out', v1.contentHash, 'rollback to v2']);
    assert.deepEqual(v4.payload, v1.payload);
    assert.deepEqual(
      (await store.artifactHistory(v1.artifactId)).map((a) => a.version),
      [1, 2, 3, 4],
    );
    assert.deepEqual(await store.getArtifact(v1.artifactId, 3), v3);
    await assert.rejects(store.rollbackArtifact(v1.artifactId, 7), /has no version 7 \(versions 1\.\.4\)/);
    await assert.rejects(store.rollbackArtifact('missing', 1), /No artifact missing/);
    await assert.rejects(store.setArtifactStatus('missing', 'retired'), /No artifact missing/);
  });

  it('lists the newest version of each artifact by default, filtered by kind, status and agent', async () => {
    const p = await store.saveArtifact({ payload: promptPayload('p'), agentId: 'a1' });
    await store.setArtifactStatus(p.artifactId, 'approved');
    const t = await store.saveArtifact({ payload: { kind: 'tool-pattern', sequence: ['lookup', 'refund'], lift: 0.2, support: 30, rule: 'look up first' }, agentId: 'a2' });
    const latest = await store.listArtifacts();
    assert.deepEqual(
      latest.map((a) => [a.artifactId, a.version]).sort(),
      [
        [p.artifactId, 2],
        [t.artifactId, 1],
      ].sort(),
    );
    assert.deepEqual((await store.listArtifacts({ kind: 'tool-pattern' })).map((a) => a.artifactId), [t.artifactId]);
    assert.deepEqual((await store.listArtifacts({ status: 'approved' })).map((a) => a.artifactId), [p.artifactId]);
    assert.deepEqual((await store.listArtifacts({ status: 'draft' })).map((a) => a.artifactId), [t.artifactId], 'status of the newest version only');
    assert.deepEqual((await store.listArtifacts({ agentId: 'a1' })).map((a) => a.version), [2]);
    assert.equal((await store.listArtifacts({ latestOnly: false })).length, 3);
  });
});
