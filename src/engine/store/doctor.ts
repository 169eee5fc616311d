import type { SqlValue } from 'sql.js';
import type { Conversation } from '../model';
import type { SqlDb } from './sqlDb';
import type { SqlLearningStore } from './sqlStore';
import type { UnreadableRow } from './rowGuard';
import { RowDecodeError } from './rowGuard';

/**
 * `kaizen doctor`: reads every call row the way the readers do and lists those that cannot be decoded;
 * with `quarantine`, moves them (the whole row, byte for byte) into `quarantined_calls`, so the rest of
 * the store reads cleanly. Nothing is deleted: a quarantined row can be inspected or copied back.
 *
 * The quarantine table is created by schema step 6 (schema.ts); no reader or bundle uses it.
 */
export interface DoctorReport {
  callsScanned: number;
  problems: UnreadableRow[];
  quarantined: number;
  /** Rows already in quarantine (from earlier runs). */
  inQuarantine: number;
  /** Each segment file of sealed calls: calls read, damaged rows, or why the file cannot be read. */
  segments: SegmentExamination[];
  /** Stored fields that still look like personal data, by file (field path and type, never the value). */
  leaks: PiiLeak[];
}

export interface PiiLeak {
  file: string;
  field: string;
  entityType: string;
}

const PAGE = 256;
const COLUMNS = 'call_id, agent_id, started_at, ended_at, source_json, outcome_json, events, archive_id';

/** Reads every call row of one database page by page; `onCall` sees each call that decodes (a leak scan). */
function examineRows(
  rowsAfter: (after: string) => SqlValue[][],
  decode: (row: SqlValue[]) => Conversation,
  onCall?: (conversation: Conversation) => void,
): UnreadableRow[] & { scanned?: number } {
  const problems: UnreadableRow[] & { scanned?: number } = [];
  let scanned = 0;
  let after = '';
  for (;;) {
    const rows = rowsAfter(after);
    for (const row of rows) {
      scanned++;
      // Archived transcripts live in their own files (checked when read); the row's own columns are checked here.
      const own = row[6] === null ? [...row.slice(0, 6), null, null] : row;
      let conversation: Conversation | undefined;
      try {
        conversation = decode(own);
      } catch (err) {
        problems.push({
          table: 'calls',
          callId: String(row[0]),
          column: err instanceof RowDecodeError ? err.column : '(row)',
          reason: err instanceof Error ? err.message : String(err),
        });
      }
      if (conversation && onCall) onCall(conversation);
    }
    if (rows.length < PAGE) break;
    after = String(rows[rows.length - 1]![0]);
  }
  problems.scanned = scanned;
  return problems;
}

const PAGE_SQL = `SELECT ${COLUMNS} FROM calls WHERE call_id > ? ORDER BY call_id LIMIT ${PAGE}`;

/** The hot file's call rows that cannot be decoded; `onCall` sees every call that can. */
export function examineStore(store: SqlLearningStore, onCall?: (conversation: Conversation) => void): UnreadableRow[] & { scanned?: number } {
  const db = store.database;
  return examineRows((after) => (db.exec(PAGE_SQL, [after])[0]?.values ?? []) as SqlValue[][], (row) => store.decodeConversationRow(row), onCall);
}

/** What the doctor found in one segment file of sealed calls. */
export interface SegmentExamination {
  id: string;
  file: string;
  callsScanned: number;
  problems: UnreadableRow[];
  /** The file is missing or not a database: none of its calls can be read. */
  error?: string;
}

/**
 * Every segment file of the store, row by row, as `examineStore` reads the hot file. Segments are
 * immutable, so a damaged row there is reported, not quarantined. `onCall` sees every call that
 * decodes, with the segment's file (the leak scan names the file).
 */
export async function examineSegments(store: SqlLearningStore, onCall?: (file: string, conversation: Conversation) => void): Promise<SegmentExamination[]> {
  const found: SegmentExamination[] = [];
  const failed = await store.examineSegments((segment, db: SqlDb) => {
    let problems: UnreadableRow[] & { scanned?: number };
    try {
      problems = examineRows(
        (after) => db.rows(PAGE_SQL, [after]),
        (row) => store.decodeConversationRow(row),
        onCall && ((c) => onCall(segment.file, c)),
      );
    } catch (err) {
      // "file is not a database": sql.js opens any bytes and fails on the first query.
      found.push({ id: segment.id, file: segment.file, callsScanned: 0, problems: [], error: err instanceof Error ? err.message : String(err) });
      return;
    }
    found.push({ id: segment.id, file: segment.file, callsScanned: problems.scanned ?? 0, problems: [...problems] });
  });
  for (const f of failed) found.push({ id: f.id, file: f.file, callsScanned: 0, problems: [], error: f.error });
  return found;
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
