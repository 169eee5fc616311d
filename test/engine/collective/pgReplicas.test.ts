// Two hub replicas (`kaizen serve --hub --database`, separate processes) on one real PostgreSQL database, agents split across them:
// an artifact submitted, signed and adopted through one replica reaches the agents of the other; one
// replica is SIGKILLed mid-run and its agents fail over to the survivor. Nothing is lost: every agent
// ends with every adopted artifact (and a rollback posted to the other replica) applied exactly once, in log
// order, and GET shows it applied.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ArtifactFrame, Envelope, SigningKey } from '../../../src/engine/collective';
import { HubSubscriber, STATS_KIND, addSignature, canonicalBytes, packEnvelope, signPayload } from '../../../src/engine/collective';
import { nodeEd25519 } from '../../../src/node/nodePorts';
import { nodeTimers, wsTransport } from '../../../src/node/liveTransports';
import { openPgHubStore } from '../../../src/node/pgHubStore';
import { failoverTransport } from '../../support/failoverTransport';
import type { FailoverTransport } from '../../support/failoverTransport';
import { startHubReplica } from '../../support/hubReplica';
import type { HubReplica } from '../../support/hubReplica';
import { startPostgres } from '../../support/postgresServer';
import type { PostgresServer } from '../../support/postgresServer';
import { crypto, newKey, samplePayload, waitFor } from './helpers';
import { get, post, rollbackSignature, tempDir } from './hubNet';

interface ReplicaAgent {
  id: string;
  subscriber: HubSubscriber;
  transport: FailoverTransport;
  applied: ArtifactFrame[];
}

describe('collective: hub replicas on one PostgreSQL database', function () {
  this.timeout(300_000);
  let server: PostgresServer;
  let dir: string;
  let trustFile: string;
  const keys: SigningKey[] = [newKey(), newKey(), newKey()];
  const [alice, bob, carol] = keys as [SigningKey, SigningKey, SigningKey];
  const replicas: HubReplica[] = [];
  const agents: ReplicaAgent[] = [];

  before(async () => {
    server = await startPostgres();
    dir = tempDir();
    trustFile = path.join(dir, 'trust.json');
    fs.writeFileSync(trustFile, JSON.stringify({ keys: keys.map((k) => ({ keyId: k.keyId, publicKey: k.publicKey })) }));
  });
  after(async () => {
    for (const a of agents.splice(0)) a.subscriber.stop();
    await Promise.all(replicas.splice(0).map((r) => r.stop()));
    await server?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const replica = async (database: string) => {
    const r = await startHubReplica(['--database', database, '--quorum', '2', '--trust', trustFile]);
    replicas.push(r);
    return r;
  };

  const agent = (id: string, urls: string[], start: number, onApply?: (f: ArtifactFrame) => void): ReplicaAgent => {
    const transport = failoverTransport(wsTransport, urls, start);
    const applied: ArtifactFrame[] = [];
    const subscriber = new HubSubscriber({
      url: urls[start]!,
      agentId: id,
      transport,
      timers: nodeTimers,
      random: Math.random,
      backoff: { baseMs: 20, capMs: 200 },
      onApply: (f) => {
        applied.push(f);
        onApply?.(f);
      },
    });
    subscriber.start();
    const a = { id, subscriber, transport, applied };
    agents.push(a);
    return a;
  };

  const connected = async (r: HubReplica) => ((await fetch(`${r.http}/v1/hub`).then((res) => res.json())) as { agents: number }).agents;

  it('adopts through one replica, reaches agents on the other, and survives a replica killed mid-run', async () => {
    const database = await server.createDatabase('replicas');
    const [a, b] = await Promise.all([replica(database), replica(database)]);
    assert.equal(a.banner.database, database, 'the first line names the database (no password in this URL)');
    // The kill lands in the middle of A's fan-out: as soon as the first of A's agents applies the target
    // artifact, A dies (its other agents may not have the frame yet; that agent's ack may never be stored).
    let killTarget: string | undefined;
    let appliedOnAAtKill = -1;
    const killMidFanOut = (f: ArtifactFrame) => {
      if (f.hash !== killTarget) return;
      killTarget = undefined;
      a.child.kill('SIGKILL');
      appliedOnAAtKill = onA.filter((x) => x.applied.some((g) => g.hash === f.hash)).length;
    };
    const onA: ReplicaAgent[] = [];
    const fleet = Array.from({ length: 12 }, (_, i) => agent(`agent-${String(i).padStart(2, '0')}`, [a.ws, b.ws], i % 2, i % 2 === 0 ? killMidFanOut : undefined));
    onA.push(...fleet.filter((_, i) => i % 2 === 0));
    // Six start on each; a connection that failed under load would have moved on to the other replica.
    await waitFor(async () => {
      const [onAnow, onBnow] = [await connected(a), await connected(b)];
      return onAnow + onBnow === 12 && onAnow >= 3 && onBnow >= 3;
    }, 'twelve agents split across the two replicas');

    const adopted: Envelope[] = [];
    const appliedEverywhere = (env: Envelope) => fleet.every((x) => x.applied.some((f) => f.hash === env.hash));

    // 1. Submitted and signed through A only: B's agents hear of it through the database.
    const first = packEnvelope(samplePayload('strategy-billing', 1), alice, crypto);
    assert.equal((await post(`${a.http}/v1/artifacts`, first)).json.status, 'pending');
    assert.equal((await post(`${a.http}/v1/artifacts/${first.hash}/signatures`, signPayload(first.payload, bob, crypto))).json.status, 'adopted');
    adopted.push(first);
    await waitFor(() => appliedEverywhere(first), 'every agent, on either replica, to apply the first artifact');
    await waitFor(async () => (await get(`${b.http}/v1/artifacts/${first.hash}`)).json.applied.length === 12, 'B to show all twelve applied');

    // 2. Submitted on B, adopted by a signature posted to A.
    const second = packEnvelope(samplePayload('strategy-refunds', 1), carol, crypto);
    assert.equal((await post(`${b.http}/v1/artifacts`, second)).json.status, 'pending');
    assert.equal((await post(`${a.http}/v1/artifacts/${second.hash}/signatures`, signPayload(second.payload, alice, crypto))).json.status, 'adopted');
    adopted.push(second);
    await waitFor(() => appliedEverywhere(second), 'every agent to apply the second artifact');

    // 2b. A rollback posted to B reaches A's agents too: the first artifact is live nowhere afterwards.
    assert.equal((await post(`${b.http}/v1/artifacts/${first.hash}/rollback`, rollbackSignature(first.hash, carol))).json.status, 'rolled-back');
    await waitFor(() => fleet.every((x) => x.applied.some((f) => f.hash === first.hash && f.action === 'rollback')), 'every agent to apply the rollback');
    for (const x of fleet) assert.equal(x.subscriber.artifacts.live('strategy-billing'), undefined, `${x.id} has no live strategy-billing after the rollback`);

    // 2c. Statistics: two exports of one node posted to the two replicas at once; the newer wins on both.
    const statsFile = (node: string, version: number, n: number) => ({ kind: STATS_KIND, k: 10, contributions: { [node]: { version, patterns: { 'billing | disputed charge | explain fee': { n, successes: Math.floor(n / 2) } } } }, totals: {} });
    const signedStats = (stats: unknown, key: SigningKey) => ({ stats, keyId: key.keyId, sig: nodeEd25519.sign(key.privateKey, canonicalBytes(stats)) });
    await Promise.all([
      post(`${a.http}/v1/stats`, signedStats(statsFile('node-a', 2, 40), alice)),
      post(`${b.http}/v1/stats`, signedStats(statsFile('node-a', 3, 70), alice)),
      post(`${b.http}/v1/stats`, signedStats(statsFile('node-b', 1, 30), carol)),
    ]);
    for (const r of [a, b]) {
      const merged = (await get(`${r.http}/v1/stats`)).json as unknown as { totals: Record<string, { n: number }>; contributions: Record<string, { version: number }> };
      assert.deepEqual(merged.totals, { 'billing | disputed charge | explain fee': { n: 100, successes: 50 } }, 'node-a v3 (70) + node-b v1 (30)');
      assert.equal(merged.contributions['node-a']?.version, 3);
    }

    // 3. A stream of adoptions through B; A is killed mid fan-out of the third: its agents fail over to B
    //    and resume there.
    for (let k = 0; k < 6; k++) {
      const env = addSignature(packEnvelope(samplePayload(`strategy-${k}`, 1), keys[k % 3]!, crypto), keys[(k + 1) % 3]!, crypto);
      if (k === 2) killTarget = env.hash;
      assert.equal((await post(`${b.http}/v1/artifacts`, env)).json.status, 'adopted');
      adopted.push(env);
    }
    await a.kill();
    assert.equal(a.child.signalCode, 'SIGKILL', 'A was killed, not stopped');
    await waitFor(async () => (await connected(b)) === 12, 'all twelve agents on B after the kill', 60_000);
    await waitFor(() => adopted.every(appliedEverywhere), 'every agent to apply every adopted artifact', 60_000);

    // Exactly once, in log order, for every agent; and GET on the survivor lists every agent for every artifact.
    const logOrder = [...adopted.slice(0, 2).map((e) => `adopt ${e.hash}`), `rollback ${first.hash}`, ...adopted.slice(2).map((e) => `adopt ${e.hash}`)];
    for (const x of fleet) {
      assert.deepEqual(
        x.applied.map((f) => `${f.action} ${f.hash}`),
        logOrder,
        `${x.id} applied each log entry once, in order`,
      );
      const ids = x.applied.map((f) => Number(f.id));
      assert.deepEqual([...ids].sort((p, q) => p - q), ids);
    }
    for (const x of onA) assert.ok(x.transport.history.includes(b.ws), `${x.id} failed over to B (went to ${x.transport.history.join(', ')})`);
    for (const env of adopted) {
      await waitFor(async () => (await get(`${b.http}/v1/artifacts/${env.hash}`)).json.applied.length === 12, `all acks of ${env.payload.artifactId} to be stored`);
      const status = (await get(`${b.http}/v1/artifacts/${env.hash}`)).json;
      assert.equal(status.status, env === first ? 'rolled-back' : 'adopted');
      assert.deepEqual([...status.applied].sort(), fleet.map((x) => x.id).sort());
    }

    // The database holds exactly the adoptions made: one log entry each, none twice.
    const store = await openPgHubStore({ connectionString: database });
    try {
      const log = await store.adoptionsAfter(0, 1000);
      assert.deepEqual(
        log.map((e) => `${e.action} ${e.hash}`),
        logOrder,
      );
      assert.equal((await store.journal()).filter((j) => j.action === 'adopted').length, adopted.length);
    } finally {
      await store.close();
    }
    console.log(`      (A was SIGKILLed when ${appliedOnAAtKill} of its 6 agents had applied the artifact it was fanning out)`);
  });
});
