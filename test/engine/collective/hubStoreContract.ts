import { strict as assert } from 'node:assert';
import type { HubStore } from '../../../src/engine/collective';

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
