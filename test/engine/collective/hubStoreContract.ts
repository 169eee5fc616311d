import { strict as assert } from 'node:assert';
import type { HubStore } from '../../../src/engine/collective';
import { HubService, packEnvelope, signPayload } from '../../../src/engine/collective';
import { systemClock } from '../../../src/engine/ports';
import { createComplianceValidator } from '../../../src/engine/privacy';
import { crypto, newKey, samplePayload, trustOf } from './helpers';

/**
 * The HubStore port's contract, for every implementation (the embedded sql.js store here; a PostgreSQL
 * store calls this with its own `open`). `open` returns a fresh, empty store; `reopen` (optional) opens
 * the same data again after `close`, to check durability.
 */
export function describeHubStoreContract(name: string, open: () => Promise<HubStore>, reopen?: () => Promise<HubStore>): void {
  describe(`HubStore contract: ${name}`, function () {
    this.timeout(60_000);
    let store: HubStore;
    beforeEach(async () => (store = await open()));
    afterEach(async () => store.close());
    const h = (c: string) => c.repeat(64);
    const at = '2026-12-03T12:00:00.000Z';

    it('envelopes: stored once under their hash, returned verbatim', async () => {
      const env = { kind: 'kaizen.artifact/1', hash: h('a'), payload: { artifactId: 'x', version: 1, kind: 'k', nested: { ü: [1, 2.5, null] } }, signatures: [] };
      assert.equal(await store.putEnvelope(h('a'), env, at), true);
      assert.equal(await store.putEnvelope(h('a'), { ...env, payload: { changed: true } }, at), false);
      assert.deepEqual(await store.getEnvelope(h('a')), env);
      assert.equal(await store.getEnvelope(h('b')), undefined);
    });

    it('signatures: distinct keyIds, oldest first; a second signature by a key is ignored', async () => {
      assert.deepEqual(await store.addSignature(h('a'), 'k2', 's1'), ['k2']);
      assert.deepEqual(await store.addSignature(h('a'), 'k1', 's2'), ['k2', 'k1']);
      assert.deepEqual(await store.addSignature(h('a'), 'k2', 'other'), ['k2', 'k1']);
      assert.deepEqual(await store.addSignature(h('b'), 'k1', 's3'), ['k1']);
    });

    it('adoption log: ascending cursors, paged; a repeated action is not appended; listeners hear each new entry', async () => {
      const heard: number[] = [];
      const off = store.onAdoption((c) => heard.push(c));
      const first = await store.recordAdoption(h('a'), 'adopt', at);
      assert.deepEqual(await store.recordAdoption(h('a'), 'adopt', at), first);
      const second = await store.recordAdoption(h('b'), 'adopt', at);
      const third = await store.recordAdoption(h('a'), 'rollback', at);
      assert.ok(first.cursor < second.cursor && second.cursor < third.cursor);
      assert.deepEqual((await store.adoptionsAfter(0, 10)).map((e) => [e.hash, e.action]), [[h('a'), 'adopt'], [h('b'), 'adopt'], [h('a'), 'rollback']]);
      assert.deepEqual((await store.adoptionsAfter(first.cursor, 1)).map((e) => e.cursor), [second.cursor]);
      assert.deepEqual(await store.adoptionsAfter(third.cursor, 10), []);
      // At-least-once: every new entry was announced (possibly more than once).
      for (const c of [first.cursor, second.cursor, third.cursor]) assert.ok(await waitUntil(() => heard.includes(c)), `cursor ${c} announced`);
      off();
      const count = heard.length;
      await store.recordAdoption(h('c'), 'adopt', at);
      await new Promise((r) => setTimeout(r, 200));
      assert.equal(heard.length, count, 'no call after unsubscribe');
    });

    it('transition: a compare-and-set on the latest action that journals itself once, with the new cursor', async () => {
      const heard: number[] = [];
      const off = store.onAdoption((c) => heard.push(c));
      assert.equal(await store.latestAdoption(h('a')), undefined);
      assert.deepEqual(await store.transition(h('a'), 'adopt', 'rollback', at, { action: 'rolled-back', detail: {} }), { entry: undefined, appended: false }, 'no rollback of what was never adopted');
      const adopted = await store.transition(h('a'), 'none', 'adopt', at, { action: 'adopted', detail: { quorum: 2, signers: ['k1', 'k2'] } });
      assert.equal(adopted.appended, true);
      assert.equal(adopted.entry?.action, 'adopt');
      assert.deepEqual(await store.latestAdoption(h('a')), adopted.entry);
      assert.deepEqual(await store.transition(h('a'), 'none', 'adopt', at, { action: 'adopted', detail: {} }), { entry: adopted.entry, appended: false }, 'adopted once');
      const rolled = await store.transition(h('a'), 'adopt', 'rollback', at, { action: 'rolled-back', detail: { by: 'k1' } });
      assert.equal(rolled.appended, true);
      assert.ok(rolled.entry!.cursor > adopted.entry!.cursor);
      assert.deepEqual(await store.transition(h('a'), 'none', 'adopt', at, { action: 'adopted', detail: {} }), { entry: rolled.entry, appended: false }, 'a rolled-back artifact is not adopted again');
      assert.deepEqual(
        (await store.journal()).map((j) => [j.action, j.hash, j.detail]),
        [
          ['adopted', h('a'), { cursor: adopted.entry!.cursor, quorum: 2, signers: ['k1', 'k2'] }],
          ['rolled-back', h('a'), { cursor: rolled.entry!.cursor, by: 'k1' }],
        ],
      );
      for (const c of [adopted.entry!.cursor, rolled.entry!.cursor]) assert.ok(await waitUntil(() => heard.includes(c)), `cursor ${c} announced`);
      off();
    });

    it('transition: many concurrent adoptions of one artifact append and journal exactly one', async () => {
      const results = await Promise.all(Array.from({ length: 12 }, (_, i) => store.transition(h('b'), 'none', 'adopt', at, { action: 'adopted', detail: { attempt: i } })));
      assert.equal(results.filter((r) => r.appended).length, 1);
      assert.equal(new Set(results.map((r) => r.entry?.cursor)).size, 1, 'every caller sees the one entry');
      assert.equal((await store.adoptionsAfter(0, 100)).length, 1);
      assert.equal((await store.journal()).filter((j) => j.action === 'adopted').length, 1);
    });

    it('node keys: the first binding wins, once, however many bind at the same moment', async () => {
      assert.equal(await store.nodeKey('node-a'), undefined);
      const results = await Promise.all(['k1', 'k2', 'k3', 'k1'].map((k) => store.bindNodeKey('node-a', k, at)));
      assert.equal(results.filter((r) => r.bound).length, 1);
      const winner = results.find((r) => r.bound)!.keyId;
      assert.ok(results.every((r) => r.keyId === winner), 'every caller learns the winning key');
      assert.equal(await store.nodeKey('node-a'), winner);
      assert.deepEqual(await store.bindNodeKey('node-a', 'k9', at), { keyId: winner, bound: false });
      assert.deepEqual(await store.bindNodeKey('node-b', 'k9', at), { keyId: 'k9', bound: true }, 'bindings are per node');
    });

    it('applied: agents in order of first acknowledgement, each once', async () => {
      await store.markApplied(h('a'), 'agent-2', at);
      await store.markApplied(h('a'), 'agent-1', at);
      await store.markApplied(h('a'), 'agent-2', at);
      assert.deepEqual(await store.appliedBy(h('a')), ['agent-2', 'agent-1']);
      assert.deepEqual(await store.appliedBy(h('b')), []);
    });

    it('statistics: a node keeps its highest version only', async () => {
      assert.equal(await store.putStatsContribution({ node: 'b', version: 2, payload: { v: 2 } }), true);
      assert.equal(await store.putStatsContribution({ node: 'b', version: 1, payload: { v: 1 } }), false);
      assert.equal(await store.putStatsContribution({ node: 'b', version: 2, payload: { v: 'again' } }), false);
      assert.equal(await store.putStatsContribution({ node: 'a', version: 1, payload: { v: 1 } }), true);
      assert.equal(await store.putStatsContribution({ node: 'b', version: 3, payload: { v: 3 } }), true);
      const rows = (await store.statsContributions()).sort((x, y) => x.node.localeCompare(y.node));
      assert.deepEqual(rows, [{ node: 'a', version: 1, payload: { v: 1 } }, { node: 'b', version: 3, payload: { v: 3 } }]);
    });

    it('journal: entries in append order, hash optional', async () => {
      await store.appendJournal({ at, action: 'submitted', hash: h('a'), detail: { by: 'k1' } });
      await store.appendJournal({ at, action: 'stats', detail: { kept: ['a'] } });
      assert.deepEqual(await store.journal(), [
        { at, action: 'submitted', hash: h('a'), detail: { by: 'k1' } },
        { at, action: 'stats', detail: { kept: ['a'] } },
      ]);
    });

    if (reopen) {
      it('everything acknowledged survives close and reopen', async () => {
        await store.putEnvelope(h('a'), { e: 1 }, at);
        await store.addSignature(h('a'), 'k1', 's');
        const entry = await store.recordAdoption(h('a'), 'adopt', at);
        await store.markApplied(h('a'), 'agent-1', at);
        await store.putStatsContribution({ node: 'a', version: 1, payload: {} });
        await store.appendJournal({ at, action: 'adopted', hash: h('a'), detail: null });
        await store.close();
        store = await reopen();
        assert.deepEqual(await store.getEnvelope(h('a')), { e: 1 });
        assert.deepEqual(await store.addSignature(h('a'), 'k1', 's'), ['k1']);
        assert.deepEqual(await store.adoptionsAfter(0, 10), [entry]);
        assert.deepEqual(await store.appliedBy(h('a')), ['agent-1']);
        assert.equal((await store.statsContributions()).length, 1);
        assert.equal((await store.journal()).length, 1);
        // New cursors continue after the old ones.
        assert.ok((await store.recordAdoption(h('b'), 'adopt', at)).cursor > entry.cursor);
      });
    }
  });
}

async function waitUntil(check: () => boolean, timeoutMs = 10_000): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) return false;
    await new Promise((r) => setTimeout(r, 10));
  }
  return true;
}

// ---------------------------------------------------------------------------------------------------
// The same port, from the other side's edge cases: an envelope is never overwritten by different content,
// concurrent adoptions of one artifact make one entry, concurrent statistics end at the highest version,
// idempotence and cursors survive a restart. Each test gets a fresh backing (a new file or a new
// database), so no test reads another's leftovers. Run on sql.js and on PostgreSQL.

export interface HubStoreBacking {
  /** Opens a store on this backing; after close(), opening again sees what the closed one stored. */
  open(): Promise<HubStore>;
  /** Removes the backing (file or database). */
  dispose(): Promise<void>;
}

const T0 = '2026-12-01T10:00:00.000Z';
const time = (s: number) => new Date(Date.parse(T0) + s * 1000).toISOString();

function envelope(n: number) {
  return {
    kind: 'kaizen.artifact/1',
    hash: `h${n}`.padEnd(64, '0'),
    // Keys out of order and non-ASCII text: the store keeps the value, never re-interprets it.
    payload: { z: 1, a: [1, 2.5, null, true], text: `prompt ${n} — café ✓`, nested: { b: { c: 'd' } } },
    signatures: [{ keyId: 'k1', sig: 'c2ln' }],
  };
}

async function eventually(check: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) assert.fail(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export function hubStoreContract(name: string, makeBacking: () => Promise<HubStoreBacking>): void {
  describe(`HubStore edge cases: ${name}`, function () {
    this.timeout(120_000);
    let backing: HubStoreBacking;
    let store: HubStore;
    beforeEach(async () => {
      backing = await makeBacking();
      store = await backing.open();
    });
    afterEach(async () => {
      await store?.close().catch(() => undefined);
      await backing?.dispose();
    });

    it('stores an envelope once under its hash and never overwrites it', async () => {
      const e = envelope(1);
      assert.equal(await store.putEnvelope(e.hash, e, time(0)), true);
      assert.equal(await store.putEnvelope(e.hash, e, time(1)), false, 'a re-sent envelope is not new');
      assert.equal(await store.putEnvelope(e.hash, { ...e, payload: { other: true } }, time(2)), false);
      assert.deepEqual(await store.getEnvelope(e.hash), e, 'the first envelope stays, value for value');
      assert.equal(await store.getEnvelope('f'.repeat(64)), undefined);
    });

    it('keeps distinct signers oldest first and ignores a second signature by the same key', async () => {
      const h = envelope(2).hash;
      await store.putEnvelope(h, envelope(2), time(0));
      assert.deepEqual(await store.addSignature(h, 'carol', 'sig-c'), ['carol']);
      assert.deepEqual(await store.addSignature(h, 'alice', 'sig-a'), ['carol', 'alice']);
      assert.deepEqual(await store.addSignature(h, 'carol', 'sig-c2'), ['carol', 'alice'], 'same keyId again changes nothing');
      assert.deepEqual(await store.addSignature(h, 'bob', 'sig-b'), ['carol', 'alice', 'bob']);
      const other = envelope(3).hash;
      assert.deepEqual(await store.addSignature(other, 'alice', 'x'), ['alice'], 'signers are per artifact');
    });

    it('appends to the adoption log only on a change of action and returns the entry either way', async () => {
      const a = envelope(4).hash;
      const b = envelope(5).hash;
      const adoptA = await store.recordAdoption(a, 'adopt', time(1));
      assert.equal(adoptA.hash, a);
      assert.equal(adoptA.action, 'adopt');
      assert.equal(adoptA.at, time(1));
      assert.deepEqual(await store.recordAdoption(a, 'adopt', time(2)), adoptA, 'a repeated adopt is the same entry');
      const adoptB = await store.recordAdoption(b, 'adopt', time(3));
      const rollbackA = await store.recordAdoption(a, 'rollback', time(4));
      assert.deepEqual(await store.recordAdoption(a, 'rollback', time(5)), rollbackA);
      const readoptA = await store.recordAdoption(a, 'adopt', time(6));
      const cursors = [adoptA, adoptB, rollbackA, readoptA].map((e) => e.cursor);
      assert.deepEqual([...cursors].sort((x, y) => x - y), cursors, 'cursors increase');
      assert.equal(new Set(cursors).size, 4);
      assert.ok(cursors.every((c) => Number.isSafeInteger(c) && c > 0), `cursors are positive integers: ${cursors.join(',')}`);

      assert.deepEqual(await store.adoptionsAfter(0, 100), [adoptA, adoptB, rollbackA, readoptA]);
      assert.deepEqual(await store.adoptionsAfter(adoptA.cursor, 100), [adoptB, rollbackA, readoptA]);
      assert.deepEqual(await store.adoptionsAfter(adoptA.cursor, 2), [adoptB, rollbackA], 'at most `limit`');
      assert.deepEqual(await store.adoptionsAfter(readoptA.cursor, 100), []);
    });

    it('records one entry when the same adoption arrives many times at once', async () => {
      const h = envelope(6).hash;
      const entries = await Promise.all(Array.from({ length: 12 }, (_, i) => store.recordAdoption(h, 'adopt', time(i))));
      assert.equal(new Set(entries.map((e) => e.cursor)).size, 1, 'every caller gets the one entry');
      assert.equal((await store.adoptionsAfter(0, 100)).length, 1);
    });

    it('records applied acks once per agent, in order of first acknowledgement', async () => {
      const h = envelope(7).hash;
      await store.markApplied(h, 'agent-2', time(1));
      await store.markApplied(h, 'agent-1', time(2));
      await store.markApplied(h, 'agent-2', time(3));
      await store.markApplied(envelope(8).hash, 'agent-3', time(4));
      assert.deepEqual(await store.appliedBy(h), ['agent-2', 'agent-1']);
      assert.deepEqual(await store.appliedBy(envelope(8).hash), ['agent-3']);
      assert.deepEqual(await store.appliedBy('0'.repeat(64)), []);
    });

    it('keeps the newest statistics version per node and refuses older or equal ones', async () => {
      const p = (v: number) => ({ patterns: { 'greet>verify': { n: 10 * v, successes: v } } });
      assert.equal(await store.putStatsContribution({ node: 'n1', version: 2, payload: p(2) }), true);
      assert.equal(await store.putStatsContribution({ node: 'n1', version: 1, payload: p(1) }), false, 'older refused');
      assert.equal(await store.putStatsContribution({ node: 'n1', version: 2, payload: p(99) }), false, 'equal refused');
      assert.equal(await store.putStatsContribution({ node: 'n2', version: 1, payload: p(1) }), true);
      assert.equal(await store.putStatsContribution({ node: 'n1', version: 3, payload: p(3) }), true);
      const rows = (await store.statsContributions()).sort((x, y) => x.node.localeCompare(y.node));
      assert.deepEqual(rows, [
        { node: 'n1', version: 3, payload: p(3) },
        { node: 'n2', version: 1, payload: p(1) },
      ]);
    });

    it('ends with the highest version whatever order concurrent contributions arrive in', async () => {
      const versions = [7, 3, 12, 1, 9, 12, 4, 11, 2, 10, 5, 8, 6];
      const kept = await Promise.all(versions.map((v) => store.putStatsContribution({ node: 'n', version: v, payload: { v } })));
      assert.ok(kept.filter(Boolean).length >= 1);
      assert.deepEqual(await store.statsContributions(), [{ node: 'n', version: 12, payload: { v: 12 } }]);
    });

    it('journals in order, with or without a hash', async () => {
      await store.appendJournal({ at: time(1), action: 'submitted', hash: 'h1', detail: { signers: [] } });
      await store.appendJournal({ at: time(2), action: 'stats.merged', detail: { nodes: 2, note: 'naïve' } });
      await store.appendJournal({ at: time(3), action: 'adopted', hash: 'h1', detail: { signers: ['a', 'b'], quorum: 2 } });
      assert.deepEqual(await store.journal(), [
        { at: time(1), action: 'submitted', hash: 'h1', detail: { signers: [] } },
        { at: time(2), action: 'stats.merged', detail: { nodes: 2, note: 'naïve' } },
        { at: time(3), action: 'adopted', hash: 'h1', detail: { signers: ['a', 'b'], quorum: 2 } },
      ]);
    });

    it('tells listeners of recorded adoptions until they unsubscribe', async () => {
      const heard: number[] = [];
      const unsubscribe = store.onAdoption((c) => heard.push(c));
      const first = await store.recordAdoption(envelope(9).hash, 'adopt', time(1));
      await eventually(() => heard.some((c) => c >= first.cursor), 'the first adoption to be announced');
      // At-least-once: whatever cursor was announced, the log read from before it holds the entry.
      assert.deepEqual(await store.adoptionsAfter(0, 10), [first]);
      unsubscribe();
      const count = heard.length;
      await store.recordAdoption(envelope(10).hash, 'adopt', time(2));
      await new Promise((r) => setTimeout(r, 300));
      assert.equal(heard.length, count, 'no call after unsubscribe');
    });

    it('keeps everything across close and reopen', async () => {
      const e = envelope(11);
      await store.putEnvelope(e.hash, e, time(0));
      await store.addSignature(e.hash, 'alice', 's');
      const adopted = await store.recordAdoption(e.hash, 'adopt', time(1));
      await store.markApplied(e.hash, 'agent-1', time(2));
      await store.putStatsContribution({ node: 'n1', version: 5, payload: { x: 1 } });
      await store.appendJournal({ at: time(3), action: 'adopted', hash: e.hash, detail: null });
      await store.close();
      store = await backing.open();
      assert.deepEqual(await store.getEnvelope(e.hash), e);
      assert.deepEqual(await store.addSignature(e.hash, 'bob', 's2'), ['alice', 'bob']);
      assert.deepEqual(await store.adoptionsAfter(0, 10), [adopted]);
      assert.deepEqual(await store.recordAdoption(e.hash, 'adopt', time(9)), adopted, 'idempotence survives a restart');
      assert.deepEqual(await store.appliedBy(e.hash), ['agent-1']);
      assert.equal(await store.putStatsContribution({ node: 'n1', version: 4, payload: { x: 0 } }), false);
      assert.deepEqual(await store.journal(), [{ at: time(3), action: 'adopted', hash: e.hash, detail: null }]);
      const next = await store.recordAdoption(envelope(12).hash, 'adopt', time(10));
      assert.ok(next.cursor > adopted.cursor, 'cursors keep increasing after a restart');
    });
  });
}

/**
 * Two hub replicas (HubServices over `open()`'s two stores, which share their data) receive the two
 * signatures that complete a quorum at the same moment: each artifact is adopted once, with one
 * "adopted" journal line, and both replicas answer "adopted".
 */
export function concurrentQuorumContract(name: string, openPair: () => Promise<{ a: HubStore; b: HubStore; dispose(): Promise<void> }>): void {
  describe(`concurrent quorum on two replicas: ${name}`, function () {
    this.timeout(120_000);
    it('adopts and journals each artifact exactly once when two approvals reach the quorum on two replicas at once', async () => {
      const keys = [newKey(), newKey(), newKey()];
      const trust = trustOf(keys);
      const pair = await openPair();
      try {
        const service = (store: HubStore) =>
          new HubService({ store, quorum: 2, trust, validator: createComplianceValidator(), hashing: crypto.hashing, ed25519: crypto.ed25519, clock: systemClock });
        const [a, b] = [service(pair.a), service(pair.b)];
        const hashes: string[] = [];
        for (let i = 0; i < 8; i++) {
          const env = packEnvelope(samplePayload(`race-${i}`), keys[0]!, crypto);
          assert.equal((await a.submit(env)).status, 'pending');
          const answers = await Promise.all([a.sign(env.hash, signPayload(env.payload, keys[1]!, crypto)), b.sign(env.hash, signPayload(env.payload, keys[2]!, crypto))]);
          assert.deepEqual(answers.map((x) => x.status), ['adopted', 'adopted'], `artifact ${i}: both replicas answer adopted`);
          hashes.push(env.hash);
        }
        const log = await pair.a.adoptionsAfter(0, 1000);
        const journal = await pair.b.journal();
        for (const hash of hashes) {
          assert.equal(log.filter((e) => e.hash === hash).length, 1, `one adoption log entry for ${hash}`);
          assert.equal(journal.filter((j) => j.hash === hash && j.action === 'adopted').length, 1, `one "adopted" journal line for ${hash}`);
        }
      } finally {
        await pair.dispose();
      }
    });
  });
}
