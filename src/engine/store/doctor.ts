import type { SqlValue } from 'sql.js';
import type { SqlLearningStore } from './sqlStore';
import type { UnreadableRow } from './rowGuard';
import { RowDecodeError } from './rowGuard';

/**
 * `kaizen doctor`: reads every call row the way the readers do and lists those that cannot be decoded;
 * with `quarantine`, moves them (the whole row, byte for byte) into `quarantined_calls`, so the rest of
 * the store reads cleanly. Nothing is deleted: a quarantined row can be inspected or copied back.
 *
 * The quarantine table is created by schema step 5 (schema.ts); no reader or bundle uses it.
 */
export interface DoctorReport {
  callsScanned: number;
  problems: UnreadableRow[];
  quarantined: number;
  /** Rows already in quarantine (from earlier runs). */
  inQuarantine: number;
}

const PAGE = 256;
const COLUMNS = 'call_id, agent_id, started_at, ended_at, source_json, outcome_json, events, archive_id';

export function examineStore(store: SqlLearningStore): UnreadableRow[] & { scanned?: number } {
  const db = store.database;
  const problems: UnreadableRow[] & { scanned?: number } = [];
  let scanned = 0;
  let after = '';
  for (;;) {
    const rows = (db.exec(`SELECT ${COLUMNS} FROM calls WHERE call_id > ? ORDER BY call_id LIMIT ${PAGE}`, [after])[0]?.values ?? []) as SqlValue[][];
    for (const row of rows) {
      scanned++;
      // Archived transcripts live in their own files (checked when read); the row's own columns are checked here.
      const own = row[6] === null ? [...row.slice(0, 6), null, null] : row;
      try {
        store.decodeConversationRow(own);
      } catch (err) {
        problems.push({
          table: 'calls',
          callId: String(row[0]),
          column: err instanceof RowDecodeError ? err.column : '(row)',
          reason: err instanceof Error ? err.message : String(err),
        });
      }
    }
    if (rows.length < PAGE) break;
    after = String(rows[rows.length - 1]![0]);
  }
  problems.scanned = scanned;
  return problems;
}

export function quarantineRows(store: SqlLearningStore, problems: readonly UnreadableRow[], now: number): number {
  if (problems.length === 0) return 0;
  const db = store.database;
  db.exec('BEGIN');
  try {
    let moved = 0;
    for (const p of problems) {
      const result = db.exec('SELECT * FROM calls WHERE call_id = ?', [p.callId])[0];
      if (!result || result.values.length === 0) continue;
      const values = result.values[0]!;
      const row: Record<string, SqlValue> = {};
      let events: SqlValue = null;
      result.columns.forEach((c, i) => {
        if (c === 'events') events = values[i]!;
        else row[c] = values[i]!;
      });
      db.run('INSERT INTO quarantined_calls (call_id, quarantined_at, problem_column, reason, row_json, events) VALUES (?, ?, ?, ?, ?, ?)', [
        p.callId,
        now,
        p.column,
        p.reason,
        JSON.stringify(row),
        events,
      ]);
      db.run('DELETE FROM calls WHERE call_id = ?', [p.callId]);
      moved++;
    }
    db.exec('COMMIT');
    store.markChanged();
    return moved;
  } catch (err) {
    db.exec('ROLLBACK');
    throw err;
  }
}

export function quarantineCount(store: SqlLearningStore): number {
  return Number(store.database.exec('SELECT COUNT(*) FROM quarantined_calls')[0]?.values[0]?.[0] ?? 0);
}
