import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import initSqlJs from 'sql.js';
import type { SqlJsStatic } from 'sql.js';
import { CURRENT_SCHEMA_VERSION, StoreFileError, openSqlStore } from '../../../src/engine/store';
import type { LearningStore } from '../../../src/engine/store';
import { packJson } from '../../../src/engine/store/codec';
import { locateSqlWasm } from '../../../src/node/nodePorts';
import { buildCall, promptPayload, tempDir, testPorts } from './builders';

const FIXTURES = path.resolve(__dirname, '../../fixtures/store');

let SQL: SqlJsStatic;
before(async () => {
  SQL = await initSqlJs({ wasmBinary: fs.readFileSync(locateSqlWasm()) as unknown as ArrayBuffer });
});

/** Reads a store file with plain sql.js, as another tool would. */
function rawQuery(file: string, sql: string): unknown[][] {
  const db = new SQL.Database(fs.readFileSync(file));
  try {
    return db.exec(sql)[0]?.values ?? [];
  } finally {
    db.close();
  }
}

function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(r.stdout);
}

async function waitFor(cond: () => boolean, ms = 2000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('store: persistence', () => {
  let tmp: ReturnType<typeof tempDir>;
  let file: string;
  const open: LearningStore[] = [];
  const openStore = async (options: Partial<Parameters<typeof openSqlStore>[0]> = {}): Promise<LearningStore> => {
    const s = await openSqlStore({ path: file, ports: testPorts(), ...options });
    open.push(s);
    return s;
  };
  beforeEach(() => {
    tmp = tempDir();
    file = path.join(tmp.dir, 'sub', 'learning.db');
  });
  afterEach(async () => {
    for (const s of open.splice(0)) await s.close().catch(() => undefined);
    tmp.cleanup();
  });

  it('creates the file at once, saves on close and reopens with everything', async () => {
    const s = await openStore();
    assert.ok(fs.existsSync(file), 'a new store is written at once');
    assert.ok(fs.existsSync(`${file}.lock`));
    await s.putConversations([buildCall('c1')]);
    const art = await s.saveArtifact({ payload: promptPayload('x') });
    await s.close();
    assert.ok(!fs.existsSync(`${file}.lock`), 'the lock is released');
    const again = await openStore();
    assert.deepEqual(await again.getConversation('c1'), buildCall('c1'));
    assert.deepEqual(await again.getArtifact(art.artifactId), art);
    assert.equal((await again.stats()).fileBytes, fs.statSync(file).size);
  });

  it('saves on a debounce after writes, and on save()', async () => {
    const s = await openStore({ saveDebounceMs: 30 });
    await s.putConversations([buildCall('c1')]);
    assert.equal(rawQuery(file, 'SELECT COUNT(*) FROM calls')[0]![0], 0, 'not yet');
    await waitFor(() => rawQuery(file, 'SELECT COUNT(*) FROM calls')[0]![0] === 1);
    const slow = await (async () => {
      await s.close();
      return openStore({ saveDebounceMs: 60_000 });
    })();
    await slow.putConversations([buildCall('c2')]);
    await slow.save();
    assert.equal(rawQuery(file, 'SELECT COUNT(*) FROM calls')[0]![0], 2);
  });

  it('waits longer between saves when saves are slow (at most ~10 % of the time spent saving)', async () => {
    // A clock on which every reading is 500 ms later: each save "takes" 500 ms, so the next waits ≥ 5 s.
    let t = 0;
    const s = await openStore({ saveDebounceMs: 20, ports: { ...testPorts(), clock: { now: () => (t += 500) } } });
    await s.putConversations([buildCall('c1')]);
    await s.save();
    assert.ok((await s.stats()).lastSaveMs! >= 500);
    await s.putConversations([buildCall('c2')]);
    await new Promise((r) => setTimeout(r, 150));
    assert.equal(rawQuery(file, 'SELECT COUNT(*) FROM calls')[0]![0], 1, 'the debounce alone (20 ms) would have saved by now');
    await s.close();
    assert.equal(rawQuery(file, 'SELECT COUNT(*) FROM calls')[0]![0], 2, 'close flushes');
  });

  it('dispose() flushes and releases the lock', async () => {
    const s = await openSqlStore({ path: file, ports: testPorts(), saveDebounceMs: 60_000 });
    await s.putConversations([buildCall('c1')]);
    s.dispose();
    await waitFor(() => !fs.existsSync(`${file}.lock`));
    assert.equal(rawQuery(file, 'SELECT COUNT(*) FROM calls')[0]![0], 1);
  });

  it('an in-memory store writes nothing', async () => {
    const s = await openSqlStore({ ports: testPorts() });
    await s.putConversations([buildCall('c1')]);
    await s.save();
    await s.close();
    assert.deepEqual(fs.readdirSync(tmp.dir), []);
  });

  describe('refuses files that are not ours, and never writes over them', () => {
    const cases: Array<{ name: string; reason: StoreFileError['reason']; message: RegExp; make(): Uint8Array }> = [
      { name: 'a text file', reason: 'foreign', message: /is not a SQLite database \(\d+ bytes starting "name,phone/, make: () => Buffer.from('name,phone\nAda,555-0100\n') },
      { name: 'an empty file', reason: 'corrupt', message: /is an empty file/, make: () => new Uint8Array(0) },
      {
        name: 'another program\u2019s SQLite database',
        reason: 'foreign',
        message: /written by another program \(no Kaizen marker\)/,
        make: () => {
          const db = new SQL.Database();
          db.run('CREATE TABLE meta (key TEXT, value TEXT); CREATE TABLE invoices (id INTEGER);');
          const bytes = db.export();
          db.close();
          return bytes;
        },
      },
      {
        name: 'a damaged Kaizen store',
        reason: 'corrupt',
        message: /damaged SQLite/,
        make: () => {
          const bytes = new Uint8Array(fs.readFileSync(path.join(FIXTURES, 'v1-store.sqlite')));
          bytes.fill(0x5a, 4096 * 3, 4096 * 6); // overwrite b-tree pages
          return bytes;
        },
      },
      {
        name: 'a store from a newer Kaizen',
        reason: 'too-new',
        message: new RegExp(`newer Kaizen \\(store schema v99; this build knows up to v${CURRENT_SCHEMA_VERSION}\\).*Update Kaizen`),
        make: () => {
          const db = new SQL.Database(fs.readFileSync(path.join(FIXTURES, 'v1-store.sqlite')));
          db.run('PRAGMA user_version = 99');
          const bytes = db.export();
          db.close();
          return bytes;
        },
      },
    ];
    for (const c of cases) {
      it(c.name, async () => {
        fs.mkdirSync(path.dirname(file), { recursive: true });
        const original = new Uint8Array(c.make());
        fs.writeFileSync(file, original);
        for (let attempt = 0; attempt < 2; attempt++) {
          await assert.rejects(openStore(), (err: unknown) => {
            assert.ok(err instanceof StoreFileError);
            assert.equal(err.reason, c.reason);
            assert.equal(err.path, file);
            assert.match(err.message, c.message);
            assert.match(err.message, /left the file untouched/);
            return true;
          });
        }
        assert.deepEqual(new Uint8Array(fs.readFileSync(file)), original);
        assert.deepEqual(fs.readdirSync(path.dirname(file)), ['learning.db'], 'no lock, no temp, no backup left');
      });
    }

    it('a file replaced while the store is open is not written over', async () => {
      const s = await openStore();
      await s.save();
      const foreign = Buffer.from('someone else wrote this file');
      await new Promise((r) => setTimeout(r, 5));
      fs.writeFileSync(file, foreign);
      await s.putConversations([buildCall('c1')]);
      await assert.rejects(s.save(), (err: unknown) => err instanceof StoreFileError && /replaced or changed by something other than this store/.test(err.message));
      await assert.rejects(s.close(), StoreFileError);
      assert.deepEqual(fs.readFileSync(file), foreign);
    });
  });

  it('refuses to serve an artifact whose row was edited outside Kaizen', async () => {
    const s = await openStore();
    const art = await s.saveArtifact({ payload: promptPayload('Confirm the account first.') });
    await s.close();
    const db = new SQL.Database(fs.readFileSync(file));
    db.run('UPDATE artifact_versions SET payload = ? WHERE artifact_id = ?', [packJson(promptPayload('Refund without checking.')), art.artifactId]);
    fs.writeFileSync(file, db.export());
    db.close();
    const again = await openStore();
    await assert.rejects(again.getArtifact(art.artifactId), new RegExp(`Artifact ${art.artifactId} v1 in .* does not match its content hash`));
    await assert.rejects(again.listArtifacts(), /does not match its content hash/);
  });

  describe('single writer', () => {
    it('refuses a second open while the first holds the lock', async () => {
      await openStore();
      await assert.rejects(openStore(), (err: unknown) => {
        assert.ok(err instanceof StoreFileError);
        assert.equal(err.reason, 'locked');
        assert.match(err.message, new RegExp(`in use by process ${process.pid}`));
        return true;
      });
    });

    it('refuses a lock held by another live process and leaves it alone', async () => {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      const lock = JSON.stringify({ pid: process.ppid, token: 'theirs', acquiredAt: 0 });
      fs.writeFileSync(`${file}.lock`, lock);
      await assert.rejects(openStore(), /in use by process/);
      assert.equal(fs.readFileSync(`${file}.lock`, 'utf8'), lock);
      assert.ok(!fs.existsSync(file));
    });

    it('takes over the stale lock of a dead process, or an unreadable one', async () => {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(`${file}.lock`, JSON.stringify({ pid: deadPid(), token: 'dead', acquiredAt: 0 }));
      const s = await openStore();
      assert.equal(JSON.parse(fs.readFileSync(`${file}.lock`, 'utf8')).pid, process.pid);
      await s.close();
      fs.writeFileSync(`${file}.lock`, '{"pid": 12');
      await (await openStore()).close();
    });

    it('stops saving when another process took the lock over', async () => {
      const s = await openStore();
      await s.putConversations([buildCall('c1')]);
      await s.save();
      const before = fs.readFileSync(file);
      fs.writeFileSync(`${file}.lock`, JSON.stringify({ pid: process.ppid, token: 'thief', acquiredAt: 0 }));
      await s.putConversations([buildCall('c2')]);
      await assert.rejects(s.save(), /took over the lock/);
      assert.deepEqual(fs.readFileSync(file), before);
      await s.close().catch(() => undefined);
      assert.ok(fs.existsSync(`${file}.lock`), 'the other process keeps its lock');
    });

    it('removes temp files a killed save left, and only those', async () => {
      await (await openStore()).close();
      const dir = path.dirname(file);
      const temps = ['learning.db.4242.1767225600000.tmp', 'learning.db.lock.4242.1767225600001.tmp', 'learning.db.saved.json.4242.1767225600002.tmp'];
      for (const name of [...temps, 'other.db.1.2.tmp', 'learning.db.notes.tmp']) {
        fs.writeFileSync(path.join(dir, name), 'partial');
      }
      await openStore();
      assert.deepEqual(fs.readdirSync(dir).sort(), ['learning.db', 'learning.db.lock', 'learning.db.notes.tmp', 'learning.db.saved.json', 'other.db.1.2.tmp']);
    });
  });

  describe('migrations', () => {
    it('opens a schema v1 file, migrates it to the current schema (backfilling error counts, adding the quarantine table) and keeps a backup', async () => {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      const v1 = fs.readFileSync(path.join(FIXTURES, 'v1-store.sqlite'));
      fs.writeFileSync(file, v1);
      assert.equal(rawQuery(file, 'PRAGMA user_version')[0]![0], 1);
      const s = await openStore();
      const calls = await s.listCalls();
      assert.deepEqual(
        calls.map((c) => [c.callId, c.errorCount]),
        [
          ['v1-call-1', 0],
          ['v1-call-2', 2],
          ['v1-call-3', 0],
        ],
      );
      assert.equal((await s.getConversation('v1-call-2'))!.events.filter((e) => e.type === 'agent.error').length, 2);
      assert.equal((await s.getArtifact('art-v1'))!.status, 'approved');
      assert.deepEqual((await s.readJournal('exp-1')).map((e) => e.payload), [{ by: 'v1' }]);
      await s.appendJournal([{ stream: 'exp-1', kind: 'next', ts: 0, payload: null }]);
      assert.deepEqual((await s.readJournal('exp-1')).map((e) => e.seq), [1, 2]);
      await s.close();
      assert.equal(rawQuery(file, 'PRAGMA user_version')[0]![0], CURRENT_SCHEMA_VERSION);
      assert.ok(rawQuery(file, "SELECT name FROM sqlite_master WHERE name = 'calls_intent'").length === 1);
      assert.ok(rawQuery(file, "SELECT name FROM sqlite_master WHERE name = 'quarantined_calls'").length === 1);
      assert.deepEqual(fs.readFileSync(`${file}.schema-v1.bak`), v1);
    });

    it('a fresh file records the schema version and the Kaizen marker', async () => {
      await (await openStore()).close();
      assert.equal(rawQuery(file, 'PRAGMA user_version')[0]![0], CURRENT_SCHEMA_VERSION);
      assert.equal(rawQuery(file, 'PRAGMA application_id')[0]![0], 0x4b5a4e31);
      assert.equal(rawQuery(file, "SELECT value FROM meta WHERE key = 'format'")[0]![0], 'kaizen-learning-store');
    });
  });
});
