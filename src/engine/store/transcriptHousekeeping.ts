import type { EnginePorts } from '../ports';
import type { TranscriptArchives } from './archive';
import { HAS_TRANSCRIPT } from './callTable';
import type { SqlDb } from './sqlDb';

const DAY_MS = 86_400_000;

/** When transcripts leave the main file for an archive file (checked on each save). */
export interface ArchivePolicy {
  /** Transcripts of calls that started more than this many days ago may be archived (default 14). */
  afterDays: number;
  /** ...once at least this many of them are in the main file (default 2000), so archives are not tiny. */
  minCalls: number;
  /** At most this many calls per archive file (default 50,000). */
  maxCalls: number;
}

export const DEFAULT_ARCHIVE_POLICY: ArchivePolicy = { afterDays: 14, minCalls: 2000, maxCalls: 50_000 };

/**
 * Where transcripts live over time: cut into archive files when they age (before a save), purged by
 * retention, and archive files replaced when retention empties part of them. The `archives` table
 * lists the live archive files.
 */
export class TranscriptHousekeeping {
  /** Archives no longer listed; their files go once a save has recorded that. */
  private pendingRemovals: string[] = [];

  constructor(
    private readonly sql: SqlDb,
    private readonly archives: TranscriptArchives | undefined,
    private readonly policy: ArchivePolicy,
    private readonly ports: Pick<EnginePorts, 'clock' | 'logger'>,
    private readonly path: string | undefined,
  ) {}

  /** Deletes transcripts of calls started before `cutoff` (the rows stay); run inside a transaction. */
  purgeBefore(cutoff: number, now: number): number {
    return this.sql.run(`UPDATE calls SET events = NULL, archive_id = NULL, transcript_purged_at = ? WHERE ${HAS_TRANSCRIPT} AND started_at < ?`, [now, cutoff]);
  }

  retainedCount(): number {
    return Number(this.sql.scalar(`SELECT COUNT(*) FROM calls WHERE ${HAS_TRANSCRIPT}`) ?? 0);
  }

  /**
   * Archives are immutable, so an archive that holds any call older than the cutoff is replaced by a
   * new one with only the transcripts still referenced (none: it just goes). Old files are deleted
   * only after a save has recorded the change, so a crash never leaves the main file pointing at a
   * missing archive. Returns how many archives changed.
   */
  async pruneArchives(cutoff: number): Promise<number> {
    if (!this.archives) return 0;
    const archives = this.archives;
    const affected = this.sql.rows('SELECT id FROM archives WHERE first_started < ?', [cutoff]).map((r) => r[0] as string);
    for (const id of affected) {
      const keep = this.sql.rows('SELECT call_id FROM calls WHERE archive_id = ?', [id]).map((r) => r[0] as string);
      let replacement: string | undefined;
      if (keep.length > 0) {
        await archives.load(id);
        replacement = await archives.write(keep.map((callId) => [callId, archives.blob(id, callId)!] as const));
      }
      this.sql.transaction(() => {
        if (replacement) {
          this.sql.run('UPDATE calls SET archive_id = ? WHERE archive_id = ?', [replacement, id]);
          this.recordArchive(replacement);
        }
        this.sql.run('DELETE FROM archives WHERE id = ?', [id]);
      });
      this.pendingRemovals.push(id);
    }
    archives.trim();
    return affected.length;
  }

  private recordArchive(id: string): number {
    const [count, first, last] = this.sql.rows('SELECT COUNT(*), MIN(started_at), MAX(started_at) FROM calls WHERE archive_id = ?', [id])[0]!;
    if (Number(count) === 0) return 0;
    this.sql.run('INSERT OR REPLACE INTO archives (id, calls, first_started, last_started, created_at) VALUES (?, ?, ?, ?, ?)', [
      id,
      count!,
      first!,
      last!,
      this.ports.clock.now(),
    ]);
    return Number(count);
  }

  /**
   * Moves transcripts of calls older than the policy's cutoff out of the main file into a new
   * archive, once there are enough of them. Runs inside the save queue, before the export.
   */
  async archiveOld(): Promise<void> {
    if (!this.archives) return;
    const { afterDays, minCalls, maxCalls } = this.policy;
    const cutoff = this.ports.clock.now() - afterDays * DAY_MS;
    const waiting = Number(this.sql.scalar('SELECT COUNT(*) FROM calls WHERE events IS NOT NULL AND started_at < ?', [cutoff]));
    if (waiting < minCalls) return;
    const rows = this.sql
      .rows('SELECT call_id, events FROM calls WHERE events IS NOT NULL AND started_at < ? ORDER BY started_at LIMIT ?', [cutoff, maxCalls])
      .map((r) => [r[0] as string, r[1] as Uint8Array] as const);
    const id = await this.archives.write(rows);
    // Writes may have landed while the archive was written: only a transcript that is still the
    // archived one leaves the main file (a merged one stays, and the archive's copy is never read).
    const moved = this.sql.transaction(() => {
      for (const [callId, blob] of rows) this.sql.run('UPDATE calls SET events = NULL, archive_id = ? WHERE call_id = ? AND events = ?', [id, callId, blob]);
      return this.recordArchive(id);
    });
    if (moved === 0) await this.archives.remove(id);
    else this.sql.exec('VACUUM');
    this.ports.logger.info(`archived ${moved} transcripts`, { path: this.path, archive: id });
  }

  /** Archives sealing emptied (already unlisted): their files go after the next save. */
  dropArchives(ids: readonly string[]): void {
    this.pendingRemovals.push(...ids);
  }

  /** After a save: deletes the files of archives the saved file no longer lists. */
  async removeUnlisted(): Promise<void> {
    for (const id of this.pendingRemovals.splice(0)) await this.archives?.remove(id);
  }

  closeAll(): void {
    this.archives?.closeAll();
  }
}
