import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import type { Envelope, HubStore } from '../../../src/engine/collective';
import { HubService, addSignature, packEnvelope } from '../../../src/engine/collective';
import type { RunningHub } from '../../../src/node/hubServer';
import { startHub } from '../../../src/node/hubServer';
import { seeded } from '../realtime/helpers';
import { crypto, newKey, samplePayload, trustOf, waitFor } from './helpers';
import type { TestAgent } from './hubNet';
import { openHubStore, post, rollbackSignature, startAgent, tempDir } from './hubNet';

/**
 * Adoptions and rollbacks reach every agent exactly once and in log order, through a hub that cuts 10 % of
 * its connections mid-stream, duplicates and reorders frames, and is killed and restarted on its file.
 */
describe('collective: hub faults (cuts, duplicates, reorder, restart) → 0 lost, 0 applied twice', function () {
  this.timeout(180_000);
  const agents: TestAgent[] = [];
  let hub: RunningHub | undefined;
  let store: HubStore | undefined;
  afterEach(async () => {
    for (const a of agents.splice(0)) a.subscriber.stop();
    await hub?.close();
    await store?.close();
    hub = undefined;
    store = undefined;
  });

  it('20 agents, 40 log entries, a restart halfway', async () => {
    const [a, b] = [newKey(), newKey()];
    const trust = trustOf([a, b]);
    const file = path.join(tempDir(), 'hub.sqlite');
    const random = seeded(1717);
    const faults = { random, cutRate: 0.1, duplicateRate: 0.1, reorderRate: 0.1 };
    const start = async (port?: number) => {
      store = await openHubStore(file);
      hub = await startHub({ store, quorum: 2, trust, port, faults });
    };
    await start();
    const port = hub!.port;
    for (let i = 0; i < 20; i++) agents.push(startAgent(hub!.url, `agent-${i}`, seeded(i + 1)));
    await waitFor(() => hub!.agents() === 20, '20 agents connected');

    const adopted: Envelope[] = [];
    const publish = async (i: number) => {
      // Four artifacts, each in rising versions; every fifth entry rolls the newest version back.
      if (i % 5 === 4) {
        const last = adopted[adopted.length - 1]!;
        const r = await post(`${hub!.http}/v1/artifacts/${last.hash}/rollback`, rollbackSignature(last.hash, a));
        assert.equal(r.json.status, 'rolled-back');
        return;
      }
      const env = addSignature(packEnvelope(samplePayload(`artifact-${i % 4}`, i + 1), a, crypto), b, crypto);
      const r = await post(`${hub!.http}/v1/artifacts`, env);
      assert.equal(r.json.status, 'adopted');
      adopted.push(env);
    };
    for (let i = 0; i < 20; i++) await publish(i);
    await hub!.close();
    await store!.close();
    await start(port);
    for (let i = 20; i < 40; i++) await publish(i);

    const log = await store!.adoptionsAfter(0, 1000);
    assert.equal(log.length, 40);
    const lastId = log[log.length - 1]!.cursor;
    await Promise.all(agents.map((x) => x.subscriber.appliedThrough(lastId)));
    const service = new HubService({ ...hub!.service.options });
    const expectedLive = new Map<string, number>();
    for (const agent of agents) {
      // Each log entry applied exactly once, in log order: nothing lost, nothing doubled.
      assert.deepEqual(agent.applied.map((f) => Number(f.id)), log.map((e) => e.cursor), `${agent.subscriber.counts.received} received`);
      assert.deepEqual(agent.applied.map((f) => `${f.action}:${f.hash}`), log.map((e) => `${e.action}:${e.hash}`));
      const live = agent.subscriber.artifacts.liveVersions();
      if (expectedLive.size === 0) for (const [k, v] of Object.entries(live)) expectedLive.set(k, v);
      assert.deepEqual(live, Object.fromEntries(expectedLive));
    }
    const totals = agents.reduce((t, x) => ({ duplicates: t.duplicates + x.subscriber.counts.duplicatesDropped, reconnects: t.reconnects + x.subscriber.counts.reconnects }), { duplicates: 0, reconnects: 0 });
    assert.ok(totals.reconnects > 20, `cuts and the restart forced reconnects (${totals.reconnects})`);
    assert.ok(totals.duplicates > 0, `duplicates were sent and dropped (${totals.duplicates})`);
    // Every agent's ack of every adoption reached the hub (acks lost in a cut are re-sent on reconnect).
    for (const env of adopted) await waitFor(async () => (await service.applied(env.hash)).length === 20, `20 agents applied ${env.hash.slice(0, 8)}`);
    if (process.env.KAIZEN_FAULT_REPORT) console.log(JSON.stringify({ entries: log.length, agents: agents.length, ...totals }));
  });
});
