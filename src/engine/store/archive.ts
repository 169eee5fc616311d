import type { Database, SqlJsStatic } from 'sql.js';
import type { EnginePorts } from '../ports';
import { joinPath } from './paths';
import { newSqliteFileId, removeOrphanSqliteFiles } from './sqliteFiles';

/**
 * Immutable archive files of old transcripts, beside the store: `<store>.archive/<id>.sqlite`, each a
 * small sql.js database `transcripts(call_id, events)`. sql.js rewrites the whole main file on every
 * save; moving transcripts that no longer change out of it roughly halves what each save writes and
 * what the main database holds in memory. An archive is written once (atomically) and never edited:
 * retention replaces it by a new one without the expired calls, and a merge into an archived call
 * moves that call's transcript back into the main file.
 *
 * The main file's `archives` table is the list of live archives. A file not on it is litter from a
 * process that died between writing the archive and saving the main file, and is deleted on open.
 */
export class TranscriptArchives {
  private readonly open = new Map<string, Database>();

  constructor(
    private readonly SQL: SqlJsStatic,
    private readonly ports: EnginePorts,
    readonly dir: string,
  ) {}

  private file(id: string): string {
    return joinPath(this.dir, `${id}.sqlite`);
  }

  /** Loads an archive (kept until `trim`), so synchronous reads can follow inside a transaction. */
  async load(id: string): Promise<void> {
    if (this.open.has(id)) {
      const db = this.open.get(id)!;
      this.open.delete(id);
      this.open.set(id, db); // most recently used last
      return;
    }
    let bytes: Uint8Array;
    try {
      bytes = await this.ports.fs.readFile(this.file(id));
    } catch (err) {
      throw new Error(
        `The transcript archive ${this.file(id)} is missing or unreadable (${(err as Error).message}); the transcripts archived in it cannot be read. ` +
          'Restore the file from a backup, or apply retention to drop those transcripts.',
      );
    }
    this.open.set(id, new this.SQL.Database(bytes));
  }

  /** The stored blob of `callId`; the archive must have been loaded. */
  blob(id: string, callId: string): Uint8Array | undefined {
    const db = this.open.get(id);
    if (!db) throw new Error(`transcript archive ${id} read before it was loaded`);
    const stmt = db.prepare('SELECT events FROM transcripts WHERE call_id = ?');
    try {
      stmt.bind([callId]);
      return stmt.step() ? (stmt.get()[0] as Uint8Array) : undefined;
    } finally {
      stmt.free();
    }
  }

  /** Writes a new archive atomically and returns its id. */
  async write(rows: ReadonlyArray<readonly [string, Uint8Array]>): Promise<string> {
    const id = newSqliteFileId('t', this.ports);
    const db = new this.SQL.Database();
    try {
      // A rowid table: ~1 KB blobs would spill into overflow pages in a WITHOUT ROWID b-tree.
      db.exec('PRAGMA journal_mode = MEMORY; CREATE TABLE transcripts (call_id TEXT PRIMARY KEY, events BLOB NOT NULL); BEGIN');
      const insert = db.prepare('INSERT OR REPLACE INTO transcripts (call_id, events) VALUES (?, ?)');
      try {
        for (const [callId, blob] of rows) insert.run([callId, blob]);
      } finally {
        insert.free();
      }
      db.exec('COMMIT');
      await this.ports.fs.mkdirp(this.dir);
      await this.ports.fs.writeFileAtomic(this.file(id), db.export());
    } finally {
      db.close();
    }
    return id;
  }

  async remove(id: string): Promise<void> {
    this.open.get(id)?.close();
    this.open.delete(id);
    await this.ports.fs.remove(this.file(id));
  }

  /** Deletes archive files (and temp files) that `live` does not list. */
  async removeOrphans(live: ReadonlySet<string>): Promise<string[]> {
    return removeOrphanSqliteFiles(this.ports, this.dir, live);
  }

  /** Closes all but the `keep` most recently used archives. */
  trim(keep = 2): void {
    while (this.open.size > keep) {
      const [id, db] = this.open.entries().next().value as [string, Database];
      db.close();
      this.open.delete(id);
    }
  }

  closeAll(): void {
    this.trim(0);
  }
}
