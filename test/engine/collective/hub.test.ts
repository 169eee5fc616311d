import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { HubStore, SigningKey } from '../../../src/engine/collective';
import { STATS_KIND, TrustSet, addSignature, canonicalBytes, contentHash, packEnvelope, signPayload } from '../../../src/engine/collective';
import { nodeEd25519 } from '../../../src/node/nodePorts';
import { nodeHashing } from '../../../src/node/nodePorts';
import type { RunningHub } from '../../../src/node/hubServer';
import { startHub } from '../../../src/node/hubServer';
import { crypto, newKey, samplePayload, trustOf, waitFor } from './helpers';
import type { TestAgent } from './hubNet';
import { get, openHubStore, post, rollbackSignature, startAgent, tempDir } from './hubNet';

describe('collective: hub over loopback (quorum, refusals, rollback, restart)', function () {
  this.timeout(120_000);
  const hubs: RunningHub[] = [];
  const stores: HubStore[] = [];
  const agents: TestAgent[] = [];
  afterEach(async () => {
    for (const a of agents.splice(0)) a.subscriber.stop();
    for (const h of hubs.splice(0)) await h.close();
    for (const s of stores.splice(0)) await s.close();
  });

  const a = newKey();
  const b = newKey();
  const c = newKey();
  const stranger = newKey();
  const trust = trustOf([a, b, c]);

  async function hub(file?: string, port?: number): Promise<RunningHub> {
    const store = await openHubStore(file);
    stores.push(store);
    const h = await startHub({ store, quorum: 2, trust, port });
    hubs.push(h);
    return h;
  }

  it('adopts at a quorum of distinct trusted signers, pushes to agents, lists who applied it', async () => {
    const h = await hub();
    const fleet = ['agent-1', 'agent-2', 'agent-3'].map((id) => startAgent(h.url, id));
    agents.push(...fleet);
    await waitFor(() => h.agents() === 3, 'three agents connected');
    const env = packEnvelope(samplePayload(), a, crypto);
    const submitted = await post(`${h.http}/v1/artifacts`, env);
    assert.deepEqual(submitted, { status: 200, json: { hash: env.hash, status: 'pending', signers: [a.keyId], quorum: 2, artifactId: 'strategy-billing', version: 1 } });
    // The same signer again does not count twice; a stranger is refused by field.
    assert.equal((await post(`${h.http}/v1/artifacts/${env.hash}/signatures`, signPayload(env.payload, a, crypto))).json.status, 'pending');
    const refused = await post(`${h.http}/v1/artifacts/${env.hash}/signatures`, signPayload(env.payload, stranger, crypto));
    assert.equal(refused.status, 403);
    assert.deepEqual(refused.json.error.field, 'keyId');
    const adopted = await post(`${h.http}/v1/artifacts/${env.hash}/signatures`, signPayload(env.payload, b, crypto));
    assert.deepEqual([adopted.json.status, adopted.json.signers], ['adopted', [a.keyId, b.keyId]]);
    await waitFor(async () => (await get(`${h.http}/v1/artifacts/${env.hash}`)).json.applied.length === 3, 'three agents applied');
    const status = (await get(`${h.http}/v1/artifacts/${env.hash}`)).json;
    assert.deepEqual([...status.applied].sort(), ['agent-1', 'agent-2', 'agent-3']);
    for (const agent of fleet) {
      assert.deepEqual(agent.applied.map((f) => f.hash), [env.hash]);
      assert.equal(agent.subscriber.artifacts.live('strategy-billing')?.hash, env.hash);
    }
    // A third signature changes nothing for the agents.
    await post(`${h.http}/v1/artifacts/${env.hash}/signatures`, signPayload(env.payload, c, crypto));
    const journal = (await stores[0]!.journal()).map((e) => e.action);
    assert.deepEqual(journal, ['submitted', 'signed', 'signed', 'adopted', 'signed']);
  });

  it('refuses tampered, PII-bearing, malformed and unknown requests with 4xx {"error":{field,reason}} and stores nothing', async () => {
    const h = await hub();
    const env = packEnvelope(samplePayload(), a, crypto);
    const tampered = await post(`${h.http}/v1/artifacts`, { ...env, payload: { ...env.payload, version: 2 } });
    assert.equal(tampered.status, 422);
    assert.equal(tampered.json.error.field, 'hash');
    const leaky = packEnvelope({ ...samplePayload(), note: 'caller email is jane.doe@example.com' }, a, crypto);
    const pii = await post(`${h.http}/v1/artifacts`, leaky);
    assert.deepEqual([pii.status, pii.json.error.field], [422, 'payload.note']);
    assert.deepEqual((await post(`${h.http}/v1/artifacts`, '{not json')).json, { error: { field: '(body)', reason: 'not JSON' } });
    const unknown = await get(`${h.http}/v1/artifacts/${'0'.repeat(64)}`);
    assert.deepEqual([unknown.status, unknown.json.error.field], [404, 'hash']);
    assert.equal((await get(`${h.http}/v1/artifacts/nothex`)).status, 400);
    assert.equal((await stores[0]!.getEnvelope(tampered.json.hash ?? env.hash)), undefined);
    assert.equal(await stores[0]!.getEnvelope(leaky.hash), undefined);
  });

  it('versions and rollback: v2 replaces v1 on agents, a trusted rollback of v2 makes v1 live again', async () => {
    const h = await hub();
    const agent = startAgent(h.url, 'agent-1');
    agents.push(agent);
    const v1 = addSignature(packEnvelope(samplePayload('strategy-billing', 1), a, crypto), b, crypto);
    const v2 = addSignature(packEnvelope(samplePayload('strategy-billing', 2), a, crypto), c, crypto);
    assert.equal((await post(`${h.http}/v1/artifacts`, v1)).json.status, 'adopted');
    assert.equal((await post(`${h.http}/v1/artifacts`, v2)).json.status, 'adopted');
    await waitFor(() => agent.subscriber.artifacts.live('strategy-billing')?.payload.version === 2, 'v2 live');
    assert.equal((await post(`${h.http}/v1/artifacts/${v2.hash}/rollback`, rollbackSignature(v2.hash, stranger))).status, 403);
    const forged = { keyId: c.keyId, sig: rollbackSignature(v1.hash, c).sig };
    assert.equal((await post(`${h.http}/v1/artifacts/${v2.hash}/rollback`, forged)).json.error.field, 'sig');
    const rolled = await post(`${h.http}/v1/artifacts/${v2.hash}/rollback`, rollbackSignature(v2.hash, c));
    assert.equal(rolled.json.status, 'rolled-back');
    await waitFor(() => agent.applied.length === 3, 'rollback applied');
    assert.equal(agent.subscriber.artifacts.live('strategy-billing')?.payload.version, 1);
    assert.deepEqual(agent.applied.map((f) => f.action), ['adopt', 'adopt', 'rollback']);
    // A late signature never re-adopts a rolled-back version.
    await post(`${h.http}/v1/artifacts/${v2.hash}/signatures`, signPayload(v2.payload, b, crypto));
    assert.equal((await get(`${h.http}/v1/artifacts/${v2.hash}`)).json.status, 'rolled-back');
    assert.equal((await post(`${h.http}/v1/artifacts/${v2.hash}/rollback`, rollbackSignature(v2.hash, c))).status, 409);
    assert.deepEqual((await stores[0]!.journal()).map((e) => e.action).filter((x) => x !== 'signed'), ['submitted', 'adopted', 'submitted', 'adopted', 'rolled-back']);
  });

  it('sends an adoption to agents standing at its predecessor from the announcement, without reading the log or the envelope', async () => {
    const store = await openHubStore();
    stores.push(store);
    // The real store, with its log and envelope reads counted.
    const reads = { log: 0, envelope: 0 };
    const counted: HubStore = Object.create(store) as HubStore;
    counted.adoptionsAfter = (after, limit) => (reads.log++, store.adoptionsAfter(after, limit));
    counted.getEnvelope = (hash) => (reads.envelope++, store.getEnvelope(hash));
    const h = await startHub({ store: counted, quorum: 2, trust });
    hubs.push(h);
    const fleet = ['agent-1', 'agent-2'].map((id) => startAgent(h.url, id));
    agents.push(...fleet);
    const first = addSignature(packEnvelope(samplePayload('s1', 1), a, crypto), b, crypto);
    await post(`${h.http}/v1/artifacts`, first);
    await waitFor(() => fleet.every((x) => x.applied.length === 1), 'first applied');
    reads.log = 0;
    reads.envelope = 0;
    const second = addSignature(packEnvelope(samplePayload('s2', 1), a, crypto), b, crypto);
    assert.equal((await post(`${h.http}/v1/artifacts`, second)).json.status, 'adopted');
    await waitFor(() => fleet.every((x) => x.applied.length === 2), 'second applied');
    assert.deepEqual(reads, { log: 0, envelope: 0 });
    for (const x of fleet) assert.deepEqual(x.applied.map((f) => [f.id, f.prev, f.hash]), [['1', null, first.hash], ['2', '1', second.hash]]);
    // A late agent (at no cursor) is caught up by the pump, which reads the log.
    const late = startAgent(h.url, 'agent-late');
    agents.push(late);
    await waitFor(() => late.applied.length === 2, 'the late agent caught up');
    assert.ok(reads.log > 0);
  });

  it('a hub killed and restarted on its file keeps every adoption; agents resume without a duplicate', async () => {
    const file = path.join(tempDir(), 'hub.sqlite');
    let h = await hub(file);
    const port = h.port;
    const fleet = ['agent-1', 'agent-2'].map((id) => startAgent(h.url, id));
    agents.push(...fleet);
    const first = addSignature(packEnvelope(samplePayload('a1', 1), a, crypto), b, crypto);
    await post(`${h.http}/v1/artifacts`, first);
    await waitFor(() => fleet.every((x) => x.applied.length === 1), 'first applied');
    await hubs.pop()!.close();
    await stores.pop()!.close();
    h = await hub(file, port);
    const second = addSignature(packEnvelope(samplePayload('a2', 1), a, crypto), b, crypto);
    assert.equal((await post(`${h.http}/v1/artifacts`, second)).json.status, 'adopted');
    await waitFor(() => fleet.every((x) => x.applied.length === 2), 'second applied after the restart');
    for (const x of fleet) {
      assert.deepEqual(x.applied.map((f) => f.hash), [first.hash, second.hash]);
      assert.ok(x.subscriber.counts.reconnects >= 1);
    }
    assert.equal((await get(`${h.http}/v1/artifacts/${first.hash}`)).json.status, 'adopted');
    assert.equal(contentHash(second.payload, nodeHashing), second.hash);
  });

  it('keeps each node\'s newest signed statistics and serves them merged (GET /v1/stats)', async () => {
    const h = await hub();
    const file = (node: string, version: number, n: number) => ({ kind: STATS_KIND, k: 10, contributions: { [node]: { version, patterns: { 'billing | disputed charge | explain fee': { n, successes: Math.floor(n / 2) } } } }, totals: {} });
    const signed = (stats: unknown, key = a) => ({ stats, keyId: key.keyId, sig: nodeEd25519.sign(key.privateKey, canonicalBytes(stats)) });
    assert.deepEqual((await post(`${h.http}/v1/stats`, signed(file('node-a', 2, 40)))).json, { kept: ['node-a'], ignored: [] });
    assert.deepEqual((await post(`${h.http}/v1/stats`, signed(file('node-b', 1, 60), b))).json, { kept: ['node-b'], ignored: [] });
    assert.deepEqual((await post(`${h.http}/v1/stats`, signed(file('node-a', 1, 999)))).json, { kept: [], ignored: ['node-a'] });
    assert.equal((await post(`${h.http}/v1/stats`, signed(file('node-c', 1, 5)))).status, 400);
    assert.equal((await post(`${h.http}/v1/stats`, signed(file('node-c', 1, 50), stranger))).status, 403);
    const forged = { ...signed(file('node-c', 1, 50)), stats: file('node-c', 1, 51) };
    assert.equal((await post(`${h.http}/v1/stats`, forged)).json.error.field, 'sig');
    // node-a was first contributed by key a: a trusted key b may not speak for it.
    const hijack = await post(`${h.http}/v1/stats`, signed(file('node-a', 9, 500), b));
    assert.equal(hijack.status, 403);
    assert.equal(hijack.json.error.field, 'stats.contributions.node-a');
    assert.match(hijack.json.error.reason, new RegExp(`bound to key "${a.keyId}" \\(the first key that contributed`));
    // A file naming a bound node and a new one is refused whole: the new node is not bound to the signer either.
    const mixed = { kind: STATS_KIND, k: 10, contributions: { 'node-d': file('node-d', 1, 20).contributions['node-d'], 'node-b': file('node-b', 5, 20).contributions['node-b'] }, totals: {} };
    assert.equal((await post(`${h.http}/v1/stats`, signed(mixed, a))).json.error.field, 'stats.contributions.node-b');
    assert.equal((await post(`${h.http}/v1/stats`, signed(file('node-d', 1, 20), b))).status, 200, 'node-d was not bound by the refused file');
    const journal = await h.service.options.store.journal();
    assert.deepEqual(journal.filter((j) => j.action === 'node-bound').map((j) => j.detail), [
      { node: 'node-a', keyId: a.keyId },
      { node: 'node-b', keyId: b.keyId },
      { node: 'node-d', keyId: b.keyId },
    ]);
    const merged = (await get(`${h.http}/v1/stats`)).json as unknown as { totals: Record<string, { n: number }>; contributions: Record<string, { version: number }> };
    assert.deepEqual(merged.totals, { 'billing | disputed charge | explain fee': { n: 120, successes: 60 } });
    assert.deepEqual(Object.keys(merged.contributions), ['node-a', 'node-b', 'node-d']);
  });

  it('a trust file that binds keys to nodes: only the bound key signs a node\'s statistics', async () => {
    const pinnedTrust = new TrustSet([
      { keyId: a.keyId, publicKey: a.publicKey, nodes: ['node-a'] },
      { keyId: b.keyId, publicKey: b.publicKey },
    ]);
    const h = await startHub({ store: await openHubStore(), quorum: 1, trust: pinnedTrust, closeStore: true });
    hubs.push(h);
    const file = (node: string) => ({ kind: STATS_KIND, k: 1, contributions: { [node]: { version: 1, patterns: { 'billing | disputed charge | explain fee': { n: 3, successes: 1 } } } }, totals: {} });
    const signed = (stats: unknown, key: SigningKey) => ({ stats, keyId: key.keyId, sig: nodeEd25519.sign(key.privateKey, canonicalBytes(stats)) });
    const byB = await post(`${h.http}/v1/stats`, signed(file('node-a'), b));
    assert.equal(byB.status, 403);
    assert.deepEqual([byB.json.error.field, /bound to key .* by the trust file/.test(byB.json.error.reason)], ['stats.contributions.node-a', true]);
    const aElsewhere = await post(`${h.http}/v1/stats`, signed(file('node-z'), a));
    assert.deepEqual([aElsewhere.status, aElsewhere.json.error.field], [403, 'stats.contributions.node-z']);
    assert.match(aElsewhere.json.error.reason, /may sign statistics only for "node-a"/);
    assert.deepEqual((await post(`${h.http}/v1/stats`, signed(file('node-a'), a))).json, { kept: ['node-a'], ignored: [] });
    assert.throws(() => new TrustSet([{ keyId: 'k1', publicKey: a.publicKey, nodes: ['n'] }, { keyId: 'k2', publicKey: b.publicKey, nodes: ['n'] }]), /node "n" is bound to two keys/);
  });

  it('a hub file that is not a hub database is refused and left untouched', async () => {
    const file = path.join(tempDir(), 'hub.db');
    fs.writeFileSync(file, 'not a database, just text that someone saved here');
    await assert.rejects(openHubStore(file), /is not a readable hub database .* left it untouched/);
    assert.equal(fs.readFileSync(file, 'utf8'), 'not a database, just text that someone saved here');
  });

  it('log ids with gaps (as a PostgreSQL sequence leaves them): agents apply every entry once and resume across a reconnect', async () => {
    // The same sql.js store, seen through cursors 7× apart: a HubStore whose event ids skip.
    const inner = await openHubStore();
    stores.push(inner);
    const gappy: HubStore = {
      ...inner,
      putEnvelope: (...a) => inner.putEnvelope(...a),
      getEnvelope: (h) => inner.getEnvelope(h),
      addSignature: (...a) => inner.addSignature(...a),
      recordAdoption: async (...a) => {
        const e = await inner.recordAdoption(...a);
        return { ...e, cursor: e.cursor * 7 };
      },
      transition: async (...a) => {
        const r = await inner.transition(...a);
        return { ...r, entry: r.entry && { ...r.entry, cursor: r.entry.cursor * 7 } };
      },
      latestAdoption: async (h) => {
        const e = await inner.latestAdoption(h);
        return e && { ...e, cursor: e.cursor * 7 };
      },
      adoptionsAfter: async (after, limit) => (await inner.adoptionsAfter(Math.floor(after / 7), limit)).map((e) => ({ ...e, cursor: e.cursor * 7 })),
      markApplied: (...a) => inner.markApplied(...a),
      appliedBy: (h) => inner.appliedBy(h),
      nodeKey: (n) => inner.nodeKey(n),
      bindNodeKey: (...a) => inner.bindNodeKey(...a),
      putStatsContribution: (r) => inner.putStatsContribution(r),
      statsContributions: () => inner.statsContributions(),
      appendJournal: (e) => inner.appendJournal(e),
      journal: () => inner.journal(),
      flush: () => inner.flush(),
      onAdoption: (l) => inner.onAdoption((c) => l(c * 7)),
      close: async () => undefined,
    };
    let h = await startHub({ store: gappy, quorum: 1, trust });
    hubs.push(h);
    const port = h.port;
    const agent = startAgent(h.url, 'agent-1');
    agents.push(agent);
    for (let v = 1; v <= 3; v++) assert.equal((await post(`${h.http}/v1/artifacts`, packEnvelope(samplePayload('gappy', v), a, crypto))).json.status, 'adopted');
    await agent.subscriber.appliedThrough(21);
    await hubs.pop()!.close();
    h = await startHub({ store: gappy, quorum: 1, trust, port });
    hubs.push(h);
    for (let v = 4; v <= 5; v++) assert.equal((await post(`${h.http}/v1/artifacts`, packEnvelope(samplePayload('gappy', v), a, crypto))).json.status, 'adopted');
    await agent.subscriber.appliedThrough(35);
    assert.deepEqual(agent.applied.map((f) => f.id), ['7', '14', '21', '28', '35']);
    assert.equal(agent.subscriber.lastEventId, '35');
    assert.equal(agent.subscriber.artifacts.live('gappy')?.payload.version, 5);
  });

  it('a second hub on the same file is refused while the first holds it', async () => {
    const file = path.join(tempDir(), 'hub.db');
    const first = await openHubStore(file);
    stores.push(first);
    await assert.rejects(openHubStore(file), /is in use by another hub process/);
    await stores.pop()!.close();
    const again = await openHubStore(file);
    stores.push(again);
  });
});
