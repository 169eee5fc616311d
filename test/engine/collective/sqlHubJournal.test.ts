// The embedded hub store's durability: each acknowledged write is an fdatasync'ed journal line beside the
// database file, replayed on open. A real `kaizen serve --hub` process killed with SIGKILL right after
// answering adoptions loses none of them; torn, corrupt and re-applied journals behave as documented.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { addSignature, journalFile, openSqlHubStore, packEnvelope } from '../../../src/engine/collective';
import { createNodePorts } from '../../../src/node/nodePorts';
import { startHubReplica } from '../../support/hubReplica';
import type { HubReplica } from '../../support/hubReplica';
import { crypto, newKey, samplePayload } from './helpers';
import { openHubStore, post, tempDir } from './hubNet';

const T0 = '2026-12-03T18:00:00.000Z';

describe('collective: the embedded hub store journal (durability without a whole-file save per write)', function () {
  this.timeout(180_000);
  let replica: HubReplica | undefined;
  afterEach(async () => {
    await replica?.kill();
    replica = undefined;
  });

  it('a hub process killed with SIGKILL right after answering keeps every adoption it answered', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'hub.db');
    const a = newKey();
    const b = newKey();
    fs.writeFileSync(path.join(dir, 'trust.json'), JSON.stringify({ keys: [a, b].map((k) => ({ keyId: k.keyId, publicKey: k.publicKey })) }));
    replica = await startHubReplica(['--hub-store', file, '--trust', path.join(dir, 'trust.json'), '--quorum', '2']);
    const adopted: string[] = [];
    for (let i = 0; i < 5; i++) {
      const env = addSignature(packEnvelope(samplePayload(`artifact-${i}`, 1), a, crypto), b, crypto);
      const res = await post(`${replica.http}/v1/artifacts`, env);
      assert.equal(res.json.status, 'adopted', JSON.stringify(res.json));
      adopted.push(env.hash);
    }
    // The moment the last answer arrived: no clean shutdown, no compaction.
    await replica.kill();
    replica = undefined;
    assert.ok(fs.statSync(journalFile(file)).size > 0, 'the answered writes are in the journal');
    // The database file alone (as the last compaction left it) lacks them: the journal is what kept them.
    const bare = path.join(tempDir(), 'bare.db');
    fs.copyFileSync(file, bare);
    const without = await openHubStore(bare);
    assert.deepEqual(await without.adoptionsAfter(0, 100), []);
    await without.close();

    const store = await openHubStore(file);
    try {
      const log = await store.adoptionsAfter(0, 100);
      assert.deepEqual(log.map((e) => e.hash), adopted);
      assert.deepEqual(log.map((e) => e.cursor), [1, 2, 3, 4, 5]);
      const journal = await store.journal();
      assert.equal(journal.filter((j) => j.action === 'adopted').length, 5);
      assert.equal(journal.filter((j) => j.action === 'submitted').length, 5);
      for (const hash of adopted) assert.ok(await store.getEnvelope(hash), `envelope ${hash} kept`);
      // Opening folded the journal into the database file.
      assert.equal(fs.existsSync(journalFile(file)), false);
    } finally {
      await store.close();
    }
  });

  it('ignores a torn last line (a save cut off before it was acknowledged) and keeps every line before it', async () => {
    const file = path.join(tempDir(), 'hub.db');
    await withKilledStore(file, async (store) => {
      await store.transition('h1', 'none', 'adopt', T0, { action: 'adopted', detail: {} });
      await store.transition('h2', 'none', 'adopt', T0, { action: 'adopted', detail: {} });
    });
    fs.appendFileSync(journalFile(file), '[["adoption",3,"h3","adopt"');
    const store = await openHubStore(file);
    try {
      assert.deepEqual((await store.adoptionsAfter(0, 10)).map((e) => e.hash), ['h1', 'h2']);
    } finally {
      await store.close();
    }
  });

  it('refuses a journal with an unreadable line in the middle, naming it, and changes nothing on disk', async () => {
    const file = path.join(tempDir(), 'hub.db');
    await withKilledStore(file, async (store) => {
      await store.transition('h1', 'none', 'adopt', T0, { action: 'adopted', detail: {} });
    });
    fs.appendFileSync(journalFile(file), '{not json}\n[["adoption",9,"h9","adopt","t"]]\n');
    const before = [fs.readFileSync(file), fs.readFileSync(journalFile(file))];
    await assert.rejects(openHubStore(file), /hub\.db\.journal line 2 is unreadable .*left the hub database and its journal untouched/);
    assert.deepEqual([fs.readFileSync(file), fs.readFileSync(journalFile(file))], before);
    // The lock was released: the file can be opened once the journal is dealt with.
    fs.writeFileSync(journalFile(file), before[1]!.toString().split('\n')[0] + '\n');
    const store = await openHubStore(file);
    assert.deepEqual((await store.adoptionsAfter(0, 10)).map((e) => e.hash), ['h1']);
    await store.close();
  });

  it('replaying a journal over a database that already holds it changes nothing (a crash between compaction and journal removal)', async () => {
    const file = path.join(tempDir(), 'hub.db');
    let saved = '';
    await withKilledStore(file, async (store) => {
      await store.putEnvelope('h1', { kind: 'x' }, T0);
      await store.addSignature('h1', 'k1', 's1');
      await store.addSignature('h1', 'k2', 's2');
      await store.transition('h1', 'none', 'adopt', T0, { action: 'adopted', detail: { n: 1 } });
      await Promise.all(['agent-b', 'agent-a'].map((id) => store.markApplied('h1', id, T0)));
      await store.putStatsContribution({ node: 'n', version: 2, payload: { k: 1 } });
      await store.putStatsContribution({ node: 'n', version: 3, payload: { k: 2 } });
      await store.bindNodeKey('n', 'k1', T0);
      saved = fs.readFileSync(journalFile(file), 'utf8');
    });
    // Open (replays and compacts), close, then put the old journal back as if its removal never happened.
    await (await openHubStore(file)).close();
    fs.writeFileSync(journalFile(file), saved);
    const store = await openHubStore(file);
    try {
      assert.deepEqual(await store.adoptionsAfter(0, 10), [{ cursor: 1, hash: 'h1', action: 'adopt', at: T0 }]);
      assert.deepEqual(await store.addSignature('h1', 'k1', 's1'), ['k1', 'k2']);
      assert.deepEqual(await store.appliedBy('h1'), ['agent-b', 'agent-a']);
      assert.deepEqual(await store.statsContributions(), [{ node: 'n', version: 3, payload: { k: 2 } }]);
      assert.deepEqual((await store.journal()).map((j) => [j.action, j.detail]), [['adopted', { cursor: 1, n: 1 }]]);
      assert.equal(await store.nodeKey('n'), 'k1');
      // The next adoption takes the next cursor.
      assert.equal((await store.transition('h2', 'none', 'adopt', T0, { action: 'adopted', detail: {} })).entry!.cursor, 2);
    } finally {
      await store.close();
    }
  });

  it('compacts once the journal passes its size limit, and keeps everything', async () => {
    const file = path.join(tempDir(), 'hub.db');
    const store = await openSqlHubStore({ ports: createNodePorts(), path: file, compactAfterBytes: 400 });
    const sizes: number[] = [];
    for (let i = 0; i < 20; i++) {
      await store.transition(`h${i}`, 'none', 'adopt', T0, { action: 'adopted', detail: { i } });
      sizes.push(fs.existsSync(journalFile(file)) ? fs.statSync(journalFile(file)).size : 0);
    }
    assert.ok(Math.max(...sizes) < 400 + 300, `the journal stayed near its limit: ${sizes.join(', ')}`);
    assert.ok(sizes.some((s, i) => i > 0 && s < sizes[i - 1]!), 'the journal was emptied at least once');
    await store.close();
    const reopened = await openHubStore(file);
    assert.equal((await reopened.adoptionsAfter(0, 100)).length, 20);
    await reopened.close();
  });
});

/**
 * Runs `work` on a store over `file`, then leaves the files as a killed process would: the journal
 * unfolded (the store is dropped without close; its lock is released by hand, as a dead pid's would be
 * taken over).
 */
async function withKilledStore(file: string, work: (store: Awaited<ReturnType<typeof openHubStore>>) => Promise<void>): Promise<void> {
  const store = await openHubStore(file);
  await work(store);
  // What a request's answer waits for: everything written so far in the journal.
  await store.flush();
  fs.rmSync(`${file}.lock`, { force: true });
}
