// The HubStore contract (src/engine/collective/hubStore.ts) as one suite, run against every
// implementation: the embedded sql.js store and PostgreSQL. Each test gets a fresh backing (a new file or
// a new database) so no test reads another's leftovers.
import assert from 'node:assert/strict';
import type { HubStore } from '../../../src/engine/collective';

export interface HubStoreBacking {
  /** Opens a store on this backing; after close(), opening again sees what the closed one stored. */
  open(): Promise<HubStore>;
  /** Removes the backing (file or database). */
  dispose(): Promise<void>;
}

const T0 = '2026-12-01T10:00:00.000Z';
const at = (s: number) => new Date(Date.parse(T0) + s * 1000).toISOString();

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
  describe(`HubStore contract: ${name}`, function () {
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
      assert.equal(await store.putEnvelope(e.hash, e, at(0)), true);
      assert.equal(await store.putEnvelope(e.hash, e, at(1)), false, 'a re-sent envelope is not new');
      assert.equal(await store.putEnvelope(e.hash, { ...e, payload: { other: true } }, at(2)), false);
      assert.deepEqual(await store.getEnvelope(e.hash), e, 'the first envelope stays, value for value');
      assert.equal(await store.getEnvelope('f'.repeat(64)), undefined);
    });

    it('keeps distinct signers oldest first and ignores a second signature by the same key', async () => {
      const h = envelope(2).hash;
      await store.putEnvelope(h, envelope(2), at(0));
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
      const adoptA = await store.recordAdoption(a, 'adopt', at(1));
      assert.equal(adoptA.hash, a);
      assert.equal(adoptA.action, 'adopt');
      assert.equal(adoptA.at, at(1));
      assert.deepEqual(await store.recordAdoption(a, 'adopt', at(2)), adoptA, 'a repeated adopt is the same entry');
      const adoptB = await store.recordAdoption(b, 'adopt', at(3));
      const rollbackA = await store.recordAdoption(a, 'rollback', at(4));
      assert.deepEqual(await store.recordAdoption(a, 'rollback', at(5)), rollbackA);
      const readoptA = await store.recordAdoption(a, 'adopt', at(6));
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
      const entries = await Promise.all(Array.from({ length: 12 }, (_, i) => store.recordAdoption(h, 'adopt', at(i))));
      assert.equal(new Set(entries.map((e) => e.cursor)).size, 1, 'every caller gets the one entry');
      assert.equal((await store.adoptionsAfter(0, 100)).length, 1);
    });

    it('records applied acks once per agent, in order of first acknowledgement', async () => {
      const h = envelope(7).hash;
      await store.markApplied(h, 'agent-2', at(1));
      await store.markApplied(h, 'agent-1', at(2));
      await store.markApplied(h, 'agent-2', at(3));
      await store.markApplied(envelope(8).hash, 'agent-3', at(4));
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
      await store.appendJournal({ at: at(1), action: 'submitted', hash: 'h1', detail: { signers: [] } });
      await store.appendJournal({ at: at(2), action: 'stats.merged', detail: { nodes: 2, note: 'naïve' } });
      await store.appendJournal({ at: at(3), action: 'adopted', hash: 'h1', detail: { signers: ['a', 'b'], quorum: 2 } });
      assert.deepEqual(await store.journal(), [
        { at: at(1), action: 'submitted', hash: 'h1', detail: { signers: [] } },
        { at: at(2), action: 'stats.merged', detail: { nodes: 2, note: 'naïve' } },
        { at: at(3), action: 'adopted', hash: 'h1', detail: { signers: ['a', 'b'], quorum: 2 } },
      ]);
    });

    it('tells listeners of recorded adoptions until they unsubscribe', async () => {
      const heard: number[] = [];
      const unsubscribe = store.onAdoption((c) => heard.push(c));
      const first = await store.recordAdoption(envelope(9).hash, 'adopt', at(1));
      await eventually(() => heard.some((c) => c >= first.cursor), 'the first adoption to be announced');
      // At-least-once: whatever cursor was announced, the log read from before it holds the entry.
      assert.deepEqual(await store.adoptionsAfter(0, 10), [first]);
      unsubscribe();
      const count = heard.length;
      await store.recordAdoption(envelope(10).hash, 'adopt', at(2));
      await new Promise((r) => setTimeout(r, 300));
      assert.equal(heard.length, count, 'no call after unsubscribe');
    });

    it('keeps everything across close and reopen', async () => {
      const e = envelope(11);
      await store.putEnvelope(e.hash, e, at(0));
      await store.addSignature(e.hash, 'alice', 's');
      const adopted = await store.recordAdoption(e.hash, 'adopt', at(1));
      await store.markApplied(e.hash, 'agent-1', at(2));
      await store.putStatsContribution({ node: 'n1', version: 5, payload: { x: 1 } });
      await store.appendJournal({ at: at(3), action: 'adopted', hash: e.hash, detail: null });
      await store.close();
      store = await backing.open();
      assert.deepEqual(await store.getEnvelope(e.hash), e);
      assert.deepEqual(await store.addSignature(e.hash, 'bob', 's2'), ['alice', 'bob']);
      assert.deepEqual(await store.adoptionsAfter(0, 10), [adopted]);
      assert.deepEqual(await store.recordAdoption(e.hash, 'adopt', at(9)), adopted, 'idempotence survives a restart');
      assert.deepEqual(await store.appliedBy(e.hash), ['agent-1']);
      assert.equal(await store.putStatsContribution({ node: 'n1', version: 4, payload: { x: 0 } }), false);
      assert.deepEqual(await store.journal(), [{ at: at(3), action: 'adopted', hash: e.hash, detail: null }]);
      const next = await store.recordAdoption(envelope(12).hash, 'adopt', at(10));
      assert.ok(next.cursor > adopted.cursor, 'cursors keep increasing after a restart');
    });
  });
}
