import type { SqlValue } from 'sql.js';
import type { JournalEntry, JournalEntryInput } from './learningStore';
import type { SqlDb } from './sqlDb';

const DAY_MS = 86_400_000;

/** The append-only `journal` and its per-stream heads (so seqs are never reused after retention). */
export class JournalTable {
  constructor(private readonly sql: SqlDb) {}

  /** Seqs come from a per-stream head, so they never repeat even after retention empties a stream. */
  append(e: JournalEntryInput, seq?: number): number {
    const head = this.head(e.stream);
    const next = seq ?? head + 1;
    this.sql.run('INSERT OR REPLACE INTO journal_heads (stream, last_seq) VALUES (?, ?)', [e.stream, Math.max(head, next)]);
    this.sql.run('INSERT INTO journal (stream, seq, kind, ts, payload) VALUES (?, ?, ?, ?, ?)', [e.stream, next, e.kind, e.ts, JSON.stringify(e.payload ?? null)]);
    return next;
  }

  /**
   * A bundle's entry: skipped when the same entry is stored; keeps the bundle's seq when it is free
   * and ahead of the stream, otherwise appended after the head. Returns whether it was inserted.
   */
  merge(j: JournalEntry): boolean {
    const stored = this.sql.rows('SELECT kind, ts, payload FROM journal WHERE stream = ? AND seq = ?', [j.stream, j.seq])[0];
    const payload = JSON.stringify(j.payload ?? null);
    if (stored && stored[0] === j.kind && Number(stored[1]) === j.ts && stored[2] === payload) return false;
    this.append(j, !stored && j.seq > this.head(j.stream) ? j.seq : undefined);
    return true;
  }

  private head(stream: string): number {
    return Number(this.sql.scalar('SELECT last_seq FROM journal_heads WHERE stream = ?', [stream]) ?? 0);
  }

  read(stream: string, options: { since?: number; kind?: string } = {}): JournalEntry[] {
    const params: SqlValue[] = [stream, options.since ?? 0];
    let kind = '';
    if (options.kind !== undefined) {
      kind = 'AND kind = ?';
      params.push(options.kind);
    }
    return this.sql.rows(`SELECT stream, seq, kind, ts, payload FROM journal WHERE stream = ? AND seq > ? ${kind} ORDER BY seq`, params).map(toEntry);
  }

  all(): JournalEntry[] {
    return this.sql.rows('SELECT stream, seq, kind, ts, payload FROM journal ORDER BY stream, seq').map(toEntry);
  }

  /** Deletes entries older than `days` before `now`; returns how many. */
  expire(days: number, now: number): number {
    return this.sql.run('DELETE FROM journal WHERE ts < ?', [now - days * DAY_MS]);
  }
}

function toEntry(r: SqlValue[]): JournalEntry {
  return { stream: r[0] as string, seq: Number(r[1]), kind: r[2] as string, ts: Number(r[3]), payload: JSON.parse(r[4] as string) as unknown };
}
