import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import initSqlJs from 'sql.js';
import type { SqlJsStatic } from 'sql.js';
import type { Conversation } from '../../../src/engine/model';
import { openSqlStore } from '../../../src/engine/store';
import type { LearningStore } from '../../../src/engine/store';
import { locateSqlWasm } from '../../../src/node/nodePorts';
import { buildCall, manualClock, tempDir, testPorts } from './builders';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 5, 1);

let SQL: SqlJsStatic;
before(async () => {
  SQL = await initSqlJs({ wasmBinary: fs.readFileSync(locateSqlWasm()) as unknown as ArrayBuffer });
});

describe('store: transcript archives', () => {
  let tmp: ReturnType<typeof tempDir>;
  let file: string;
  let archiveDir: string;
  const stores: LearningStore[] = [];
  const clock = manualClock(NOW);
  const open = async (): Promise<LearningStore> => {
    const s = await openSqlStore({ path: file, ports: testPorts(clock), saveDebounceMs: 60_000, archive: { afterDays: 1, minCalls: 3 } });
    stores.push(s);
    return s;
  };
  const raw = (sql: string): unknown[][] => {
    const db = new SQL.Database(fs.readFileSync(file));
    try {
      return db.exec(sql)[0]?.values ?? [];
    } finally {
      db.close();
    }
  };
  const archiveFiles = (): string[] => (fs.existsSync(archiveDir) ? fs.readdirSync(archiveDir).sort() : []);
  const old = (i: number, daysAgo = 10): Conversation => buildCall(`old-${i}`, { startedAt: NOW - daysAgo * DAY + i });
  const fresh = buildCall('new', { startedAt: NOW - 3_600_000 });

  beforeEach(() => {
    tmp = tempDir();
    file = path.join(tmp.dir, 'learning.db');
    archiveDir = `${file}.archive`;
  });
  afterEach(async () => {
    for (const s of stores.splice(0)) await s.close().catch(() => undefined);
    tmp.cleanup();
  });

  it('moves old transcripts to an archive file on save; everything still reads the same', async () => {
    const s = await open();
    const calls = [0, 1, 2, 3].map((i) => old(i));
    await s.putConversations([...calls, fresh]);
    await s.save();
    assert.equal(archiveFiles().length, 1);
    assert.deepEqual(raw('SELECT COUNT(*) FROM calls WHERE events IS NOT NULL')[0], [1], 'only the recent transcript stays in the main file');
    assert.deepEqual(raw('SELECT calls FROM archives')[0], [4]);
    assert.deepEqual(await s.getConversation('old-2'), calls[2]);
    assert.ok((await s.listCalls()).every((c) => c.hasTranscript));
    const all: Conversation[] = [];
    for await (const c of s.iterateConversations()) all.push(c);
    assert.deepEqual(all, [...calls, fresh]);
    assert.equal((await s.stats()).transcriptsRetained, 5);
    await s.close();
    const again = await open();
    assert.deepEqual(await again.getConversation('old-0'), calls[0]);
  });

  it('a late event for an archived call brings its transcript back to the main file, merged', async () => {
    const s = await open();
    const whole = old(0);
    const n = whole.events.length;
    await s.putConversations([buildCall('old-0', { startedAt: whole.startedAt, keep: (i) => i < n - 1 }), old(1), old(2)]);
    await s.save();
    assert.equal(archiveFiles().length, 1);
    const r = await s.putConversations([whole]);
    assert.equal(r.callsMerged, 1);
    assert.equal(r.eventsInserted, 1);
    assert.deepEqual(await s.getConversation('old-0'), whole);
    await s.save();
    assert.deepEqual(raw("SELECT events IS NOT NULL, archive_id FROM calls WHERE call_id = 'old-0'")[0], [1, null]);
    assert.deepEqual(await s.getConversation('old-1'), old(1));
  });

  it('retention replaces or drops archives, and deletes their files only after the save', async () => {
    const s = await open();
    await s.putConversations([old(0, 40), old(1, 40), old(2, 10), old(3, 10), fresh]);
    await s.save();
    const [first] = archiveFiles();
    assert.ok(first);
    const r = await s.applyRetention({ transcriptDays: 30 }, NOW);
    assert.equal(r.transcriptsDeleted, 2);
    assert.equal(archiveFiles().length, 2, 'the old archive stays until a save no longer lists it');
    await s.save();
    const [second] = archiveFiles();
    assert.notEqual(second, first);
    assert.equal(archiveFiles().length, 1);
    assert.deepEqual((await s.getConversation('old-0'))!.events, []);
    assert.deepEqual(await s.getConversation('old-2'), old(2, 10));
    const db = new SQL.Database(fs.readFileSync(path.join(archiveDir, second!)));
    assert.deepEqual(db.exec('SELECT call_id FROM transcripts ORDER BY call_id')[0]!.values, [['old-2'], ['old-3']], 'expired transcripts are gone from disk');
    db.close();
    await s.applyRetention({ transcriptDays: 5 }, NOW);
    await s.save();
    assert.deepEqual(archiveFiles(), []);
    assert.deepEqual(await s.getConversation('new'), fresh);
  });

  it('removes archive files the store does not list (a save that died half-way), and nothing else', async () => {
    const s = await open();
    await s.putConversations([old(0), old(1), old(2)]);
    await s.close();
    const [live] = archiveFiles();
    fs.writeFileSync(path.join(archiveDir, 'tzzz-0badf00d.sqlite'), 'half a save');
    fs.writeFileSync(path.join(archiveDir, 'tq-0badf00d.sqlite.1.2.tmp'), 'temp');
    // Files Kaizen did not make are never its to delete, even in its own folder.
    const mine = ['notes.sqlite', 'backup-2026.sqlite', 'copy.tmp', 'tq.sqlite.1.2.tmp'];
    for (const f of mine) fs.writeFileSync(path.join(archiveDir, f), 'the user\'s');
    const again = await open();
    assert.deepEqual(archiveFiles(), [live!, ...mine].sort());
    for (const f of mine) assert.ok(fs.existsSync(path.join(archiveDir, f)), f);
    assert.deepEqual(await again.getConversation('old-1'), old(1));
  });

  it('exports archived transcripts in bundles', async () => {
    const s = await open();
    await s.putConversations([old(0), old(1), old(2), fresh]);
    await s.save();
    const copy = await openSqlStore({ ports: testPorts(clock) });
    stores.push(copy);
    await copy.importBundle(await s.exportBundle());
    assert.deepEqual(await copy.getConversation('old-1'), old(1));
    assert.equal((await copy.stats()).transcriptsRetained, 4);
  });

  it('a missing archive is a clear error, not a silent empty transcript', async () => {
    const s = await open();
    await s.putConversations([old(0), old(1), old(2)]);
    await s.close();
    for (const f of archiveFiles()) fs.rmSync(path.join(archiveDir, f));
    const again = await open();
    await assert.rejects(again.getConversation('old-0'), /transcript archive .* is missing or unreadable.*Restore the file from a backup/);
  });
});
