import type { SqlJsStatic } from 'sql.js';
import type { EnginePorts } from '../ports';
import { joinPath } from './paths';
import { newSqliteFileId, removeOrphanSqliteFiles } from './sqliteFiles';
import { SqlDb } from './sqlDb';

/**
 * Immutable segment files of sealed calls beside the store: `<store>.segments/<id>.sqlite`, each a
 * sql.js database with the store's own schema holding the call rows (with transcripts), analyses and
 * fingerprint links of a run of old calls. The hot file's `segments` table lists the live ones; a
 * file it does not list is litter from a save that died in between, and is deleted on open.
 * Segments are opened on demand and the least recently used are closed (pinned ones stay open while
 * an iteration reads them).
 */
export class SegmentFiles {
  private readonly open = new Map<string, SqlDb>();
  private readonly pins = new Map<string, number>();

  constructor(
    private readonly SQL: SqlJsStatic,
    private readonly ports: EnginePorts,
    readonly dir: string,
    private readonly keepOpen = 3,
  ) {}

  private file(id: string): string {
    return joinPath(this.dir, `${id}.sqlite`);
  }

  /** The file of segment `id` (for reports). */
  pathOf(id: string): string {
    return this.file(id);
  }

  async get(id: string): Promise<SqlDb> {
    const db = this.open.get(id);
    if (db) {
      this.open.delete(id);
      this.open.set(id, db); // most recently used last
      return db;
    }
    let bytes: Uint8Array;
    try {
      bytes = await this.ports.fs.readFile(this.file(id));
    } catch (err) {
      throw new Error(
        `The call segment ${this.file(id)} is missing or unreadable (${(err as Error).message}); the calls sealed in it cannot be read. ` +
          'Restore the file from a backup.',
      );
    }
    const opened = new SqlDb(new this.SQL.Database(bytes));
    this.open.set(id, opened);
    this.trim();
    return opened;
  }

  pin(id: string): void {
    this.pins.set(id, (this.pins.get(id) ?? 0) + 1);
  }

  unpin(id: string): void {
    const n = (this.pins.get(id) ?? 1) - 1;
    if (n <= 0) this.pins.delete(id);
    else this.pins.set(id, n);
    this.trim();
  }

  /** A fresh, empty database to fill (the caller migrates it to the store's schema). */
  create(): SqlDb {
    return new SqlDb(new this.SQL.Database());
  }

  /** A writable copy of a segment (for a rewrite: the segment itself is never edited). */
  async copy(id: string): Promise<SqlDb> {
    const source = await this.get(id);
    return new SqlDb(new this.SQL.Database(source.export()));
  }

  /** Writes `db` atomically as a new segment, closes it and returns the new id. */
  async write(db: SqlDb): Promise<string> {
    const id = newSqliteFileId('s', this.ports);
    try {
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

  /** Deletes segment files (and temp files) that `live` does not list. */
  async removeOrphans(live: ReadonlySet<string>): Promise<string[]> {
    return removeOrphanSqliteFiles(this.ports, this.dir, live);
  }

  /** Closes all but the `keep` most recently used segments that no iteration has pinned. */
  trim(keep = this.keepOpen): void {
    for (const [id, db] of this.open) {
      if (this.open.size <= keep) return;
      if (this.pins.has(id)) continue;
      db.close();
      this.open.delete(id);
    }
  }

  closeAll(): void {
    for (const db of this.open.values()) db.close();
    this.open.clear();
    this.pins.clear();
  }
}
