import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { computeKpis, experimentVersions, loadCallFacts } from '../../../src/engine/analytics';
import { ExperimentService } from '../../../src/engine/experiments';
import { openSqlStore } from '../../../src/engine/store';
import type { LearningStore } from '../../../src/engine/store';
import { createNodePorts } from '../../../src/node/nodePorts';
import { KPI_CALLS } from './kpiFixture';

describe('analytics: facts of a real store, versions from experiment assignments', () => {
  let dir: string;
  let store: LearningStore;
  const clock = { now: () => Date.UTC(2026, 2, 10) };
  beforeEach(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'kaizen-analytics-'));
    store = await openSqlStore({ path: path.join(dir, 'k.db'), ports: { ...createNodePorts(), clock } });
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a call with no platform version takes the artifact version its variant served; the platform still wins', async () => {
    await store.putConversations(KPI_CALLS.map((c) => c.call));
    const svc = new ExperimentService(store, clock);
    await svc.create({
      id: 'greeting',
      variants: [
        { name: 'control', weight: 1, artifactId: 'prompt:support', artifactVersion: 5 },
        { name: 'new', weight: 1, artifactId: 'prompt:support', artifactVersion: 6 },
      ],
      primaryMetric: 'resolution',
    });
    await svc.start('greeting');
    // G names no version; F has only its events' "1"; A's platform says "1".
    await svc.recordCalls('greeting', [
      { callId: 'G', unitId: 'u1', variant: 'new', ts: clock.now(), resolved: true },
      { callId: 'F', unitId: 'u2', variant: 'control', ts: clock.now() },
      { callId: 'A', unitId: 'u3', variant: 'new', ts: clock.now(), resolved: true },
    ]);
    assert.deepEqual([...(await experimentVersions(store))].sort(), [['A', '6'], ['F', '5'], ['G', '6']]);
    const facts = await loadCallFacts(store);
    const version = new Map(facts.map((f) => [f.callId, f.promptVersion]));
    assert.equal(version.get('G'), '6');
    assert.equal(version.get('F'), '5');
    assert.equal(version.get('A'), '1');
    assert.deepEqual(computeKpis(facts, 'prompt-version').rows.map((r) => [r.key, r.calls]), [['1', 2], ['2', 3], ['5', 1], ['6', 1]]);
  });
});
