import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import initSqlJs from 'sql.js';
import type { SqlJsStatic } from 'sql.js';
import { StoreFileError, openSqlStore } from '../../../src/engine/store';
import type { LearningStore, SqlLearningStore } from '../../../src/engine/store';
import { locateSqlWasm } from '../../../src/node/nodePorts';
import { buildCall, tempDir, testPorts } from './builders';

let SQL: SqlJsStatic;
before(async () => {
  SQL = await initSqlJs({ wasmBinary: fs.readFileSync(locateSqlWasm()) as unknown as ArrayBuffer });
});

/** Whether opening ran SQLite's full check (the store says so; the tampering cases below prove it matters). */
const checked = (s: LearningStore): boolean => (s as SqlLearningStore).integrityChecked;

describe('store: the save record lets an untouched file skip the full check on open', () => {
  let tmp: ReturnType<typeof tempDir>;
  let file: string;
  const open: LearningStore[] = [];
  const openStore = async (options: Partial<Parameters<typeof openSqlStore>[0]> = {}): Promise<LearningStore> => {
    const s = await openSqlStore({ path: file, ports: testPorts(), saveDebounceMs: 60_000, ...options });
    open.push(s);
    return s;
  };
  /** A saved store of 300 calls: enough pages that damage in the middle hits b-tree pages. */
  const savedStore = async (): Promise<void> => {
    const s = await openStore();
    await s.putConversations(Array.from({ length: 300 }, (_, i) => buildCall(`c${i}`, { turns: 6 })));
    await s.close();
  };
  const expectCorrupt = async (): Promise<void> => {
    await assert.rejects(openStore(), (err: unknown) => {
      assert.ok(err instanceof StoreFileError, String(err));
      assert.equal(err.reason, 'corrupt');
      assert.equal(err.path, file);
      assert.match(err.message, /left the file untouched\. Restore it from a backup or an exported bundle/);
      return true;
    });
  };
  beforeEach(() => {
    tmp = tempDir();
    file = path.join(tmp.dir, 'learning.db');
  });
  afterEach(async () => {
    for (const s of open.splice(0)) await s.close().catch(() => undefined);
    tmp.cleanup();
  });

  it('an untouched file opens without the check, and reads back whole', async () => {
    await savedStore();
    assert.ok(fs.existsSync(`${file}.saved.json`), 'the save left its record');
    const record = JSON.parse(fs.readFileSync(`${file}.saved.json`, 'utf8')) as { size: number };
    assert.equal(record.size, fs.statSync(file).size);
    const again = await openStore();
    assert.equal(checked(again), false);
    assert.equal((await again.stats()).calls, 300);
    assert.deepEqual(await again.getConversation('c7'), buildCall('c7', { turns: 6 }));
  });

  it('verify: true (kaizen doctor) runs the check even on an untouched file', async () => {
    await savedStore();
    assert.equal(checked(await openStore({ verify: true })), true);
  });

  it('a file damaged in place (same size, same mtime) is still refused', async () => {
    await savedStore();
    const st = fs.statSync(file);
    const bytes = new Uint8Array(fs.readFileSync(file));
    bytes.fill(0x5a, 4096 * 3, 4096 * 6); // overwrite b-tree pages, as disk damage would
    fs.writeFileSync(file, bytes);
    fs.utimesSync(file, st.atime, st.mtime);
    const original = fs.readFileSync(file);
    for (let attempt = 0; attempt < 2; attempt++) await expectCorrupt();
    assert.deepEqual(fs.readFileSync(file), original, 'never written');
  });

  it('a truncated file is still refused', async () => {
    await savedStore();
    const bytes = fs.readFileSync(file);
    fs.writeFileSync(file, bytes.subarray(0, Math.floor(bytes.length / 2 / 4096) * 4096));
    await expectCorrupt();
  });

  it('a file edited by another tool is checked in full, then recorded, so the next open is quick again', async () => {
    await savedStore();
    const db = new SQL.Database(fs.readFileSync(file));
    db.run("UPDATE calls SET agent_id = 'edited' WHERE call_id = 'c1'");
    fs.writeFileSync(file, db.export());
    db.close();
    const edited = await openStore();
    assert.equal(checked(edited), true, 'bytes the last save did not write are checked');
    await edited.close();
    assert.equal(checked(await openStore()), false, 'checked once, trusted after');
  });

  it('a missing, torn or stale record means the full check (a crash between the file and its record)', async () => {
    await savedStore();
    const record = fs.readFileSync(`${file}.saved.json`);
    // Stale: a later save landed but its record did not.
    const s = await openStore();
    await s.putConversations([buildCall('late')]);
    await s.close();
    fs.writeFileSync(`${file}.saved.json`, record);
    assert.equal(checked(await openStore()), true, 'stale record');
    await open.pop()!.close();
    fs.writeFileSync(`${file}.saved.json`, record.subarray(0, 20));
    assert.equal(checked(await openStore()), true, 'torn record');
    await open.pop()!.close();
    fs.rmSync(`${file}.saved.json`);
    const missing = await openStore();
    assert.equal(checked(missing), true, 'no record');
    assert.equal((await missing.stats()).calls, 301);
  });

  it('a record forged to match a damaged file is the only way past the check: the record is what gates it', async () => {
    // Not a threat model (whoever can write the record can write the file): it shows the check is
    // really skipped for matching bytes and really run otherwise, rather than both paths checking.
    await savedStore();
    const bytes = new Uint8Array(fs.readFileSync(file));
    const last = bytes.length - 4096;
    bytes.fill(0x5a, last + 100, last + 4000); // the last page's cells: the header and schema stay readable
    fs.writeFileSync(file, bytes);
    await expectCorrupt();
    const { createHash } = await import('node:crypto');
    fs.writeFileSync(`${file}.saved.json`, JSON.stringify({ format: 'kaizen-store-save-record-1', size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') }));
    const forged = await openStore({ saveDebounceMs: 60_000 });
    assert.equal(checked(forged), false);
    // Left unsaved: closing a store with no writes writes nothing.
  });
});
