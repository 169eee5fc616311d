import type { Database } from 'sql.js';
import type { ConversationEvent } from '../model';
import { unpackJson } from './codec';

/** Written into the SQLite header (PRAGMA application_id) and the meta table: "KZN1". */
export const APPLICATION_ID = 0x4b5a4e31;
export const STORE_FORMAT = 'kaizen-learning-store';

export interface Migration {
  version: number;
  description: string;
  up(db: Database): void;
}

/**
 * Ordered, append-only. A shipped step is never edited: a change is a new step, so a file written by
 * any earlier build walks the same path to the current schema.
 */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'calls with compressed transcripts, analyses, patterns, versioned artifacts, experiments, journal, error fingerprints',
    up(db) {
      db.exec(`
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE calls (
          call_id TEXT PRIMARY KEY,
          agent_id TEXT NOT NULL,
          started_at REAL NOT NULL,
          ended_at REAL,
          source_file TEXT,
          source_json TEXT,
          outcome_json TEXT,
          turn_count INTEGER NOT NULL,
          event_count INTEGER NOT NULL,
          events BLOB,
          transcript_purged_at REAL,
          intent TEXT,
          outcome_label TEXT,
          imported_at REAL NOT NULL
        );
        CREATE INDEX calls_started ON calls(started_at, call_id);
        CREATE INDEX calls_agent ON calls(agent_id, started_at);
        CREATE INDEX calls_source ON calls(source_file, started_at);
        CREATE TABLE analyses (
          call_id TEXT PRIMARY KEY,
          agent_id TEXT NOT NULL,
          intent TEXT NOT NULL,
          intent_confidence REAL NOT NULL,
          outcome_label TEXT NOT NULL,
          outcome_probability REAL NOT NULL,
          signals_json TEXT NOT NULL,
          detail_json TEXT,
          analyzed_at REAL NOT NULL
        );
        CREATE TABLE patterns (
          id TEXT PRIMARY KEY,
          intent TEXT NOT NULL,
          strategy TEXT NOT NULL,
          support INTEGER NOT NULL,
          success_rate REAL NOT NULL,
          confidence_low REAL NOT NULL,
          lift REAL NOT NULL,
          json TEXT NOT NULL
        );
        CREATE INDEX patterns_intent ON patterns(intent);
        CREATE TABLE artifact_versions (
          artifact_id TEXT NOT NULL,
          version INTEGER NOT NULL,
          parent_version INTEGER,
          status TEXT NOT NULL,
          content_hash TEXT NOT NULL,
          kind TEXT NOT NULL,
          agent_id TEXT,
          title TEXT NOT NULL,
          note TEXT,
          payload BLOB NOT NULL,
          created_at REAL NOT NULL,
          PRIMARY KEY (artifact_id, version)
        );
        CREATE INDEX artifact_versions_hash ON artifact_versions(content_hash);
        CREATE TABLE experiments (id TEXT PRIMARY KEY, created_at REAL NOT NULL, json TEXT NOT NULL);
        CREATE TABLE journal (
          stream TEXT NOT NULL,
          seq INTEGER NOT NULL,
          kind TEXT NOT NULL,
          ts REAL NOT NULL,
          payload TEXT NOT NULL,
          PRIMARY KEY (stream, seq)
        );
        CREATE INDEX journal_ts ON journal(ts);
        CREATE TABLE journal_heads (stream TEXT PRIMARY KEY, last_seq INTEGER NOT NULL);
        CREATE TABLE error_fingerprints (
          fingerprint TEXT PRIMARY KEY,
          last_seen REAL NOT NULL,
          count INTEGER NOT NULL,
          json TEXT NOT NULL
        );
      `);
    },
  },
  {
    version: 2,
    description: 'per-call error counts (backfilled from transcripts), call↔fingerprint links, intent and outcome indexes',
    up(db) {
      db.exec(`
        ALTER TABLE calls ADD COLUMN error_count INTEGER NOT NULL DEFAULT 0;
        CREATE TABLE call_fingerprints (
          fingerprint TEXT NOT NULL,
          call_id TEXT NOT NULL,
          PRIMARY KEY (fingerprint, call_id)
        ) WITHOUT ROWID;
        CREATE INDEX calls_intent ON calls(intent, started_at);
        CREATE INDEX calls_outcome ON calls(outcome_label, started_at);
      `);
      const read = db.prepare('SELECT rowid, events FROM calls WHERE events IS NOT NULL');
      const write = db.prepare('UPDATE calls SET error_count = ? WHERE rowid = ?');
      try {
        while (read.step()) {
          const [rowid, blob] = read.get() as [number, Uint8Array];
          const errors = unpackJson<ConversationEvent[]>(blob).filter((e) => e.type === 'agent.error').length;
          if (errors > 0) write.run([errors, rowid]);
        }
      } finally {
        read.free();
        write.free();
      }
    },
  },
  {
    version: 3,
    description: 'old transcripts can live in immutable archive files beside the store',
    up(db) {
      db.exec(`
        ALTER TABLE calls ADD COLUMN archive_id TEXT;
        CREATE INDEX calls_archive ON calls(archive_id) WHERE archive_id IS NOT NULL;
        CREATE TABLE archives (
          id TEXT PRIMARY KEY,
          calls INTEGER NOT NULL,
          first_started REAL NOT NULL,
          last_started REAL NOT NULL,
          created_at REAL NOT NULL
        );
      `);
    },
  },
  {
    version: 4,
    description: 'old calls can be sealed into immutable segment files; the hot file keeps an index of them',
    up(db) {
      db.exec(`
        CREATE TABLE segments (
          num INTEGER PRIMARY KEY,
          id TEXT NOT NULL UNIQUE,
          calls INTEGER NOT NULL,
          first_started REAL NOT NULL,
          last_started REAL NOT NULL,
          created_at REAL NOT NULL,
          summary TEXT NOT NULL
        );
        CREATE TABLE sealed_calls (call_key INTEGER PRIMARY KEY, segment INTEGER NOT NULL);
      `);
    },
  },
  {
    version: 5,
    description: 'llm cost ledger: one row per billed Claude answer (tokens by kind, USD cost, batch or not)',
    up(db) {
      db.exec(`
        CREATE TABLE llm_usage (
          seq INTEGER PRIMARY KEY AUTOINCREMENT,
          ts REAL NOT NULL,
          purpose TEXT NOT NULL,
          model TEXT NOT NULL,
          request_id TEXT,
          batch INTEGER NOT NULL,
          input_tokens INTEGER NOT NULL,
          output_tokens INTEGER NOT NULL,
          cache_creation_input_tokens INTEGER NOT NULL,
          cache_read_input_tokens INTEGER NOT NULL,
          cost_usd REAL NOT NULL
        );
        CREATE INDEX llm_usage_ts ON llm_usage(ts);
      `);
    },
  },
  {
    version: 6,
    description: 'quarantine: damaged call rows that `kaizen doctor --quarantine` moved aside, byte for byte',
    up(db) {
      // IF NOT EXISTS: builds before this step created the table on demand, and a store may already hold one.
      db.exec(`
        CREATE TABLE IF NOT EXISTS quarantined_calls (
          call_id TEXT NOT NULL,
          quarantined_at REAL NOT NULL,
          problem_column TEXT NOT NULL,
          reason TEXT NOT NULL,
          row_json TEXT NOT NULL,
          events BLOB
        );
      `);
    },
  },
];

export const CURRENT_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;

/**
 * Per-connection settings. The database lives in sql.js memory and reaches disk only through
 * `export()` + an atomic write, so SQLite's own journal file and syncs protect nothing: the rollback
 * journal stays in memory (ROLLBACK still works) and syncs are off. ~20 % less CPU per insert.
 */
export function tuneConnection(db: Database): void {
  db.exec('PRAGMA journal_mode = MEMORY; PRAGMA synchronous = OFF; PRAGMA temp_store = MEMORY;');
}

export function readUserVersion(db: Database): number {
  return Number(db.exec('PRAGMA user_version')[0]?.values[0]?.[0] ?? 0);
}

/** Applies every step above `from` up to `target` in one transaction: a failed step leaves the file as it was. */
export function migrate(db: Database, target: number = CURRENT_SCHEMA_VERSION): { from: number; to: number } {
  const from = readUserVersion(db);
  if (from >= target) return { from, to: from };
  db.exec('BEGIN');
  try {
    for (const step of MIGRATIONS) {
      if (step.version <= from || step.version > target) continue;
      step.up(db);
    }
    if (from === 0) {
      db.exec(`PRAGMA application_id = ${APPLICATION_ID}`);
      db.run('INSERT INTO meta(key, value) VALUES (?, ?), (?, ?)', ['format', STORE_FORMAT, 'createdAtSchema', String(target)]);
    }
    db.exec(`PRAGMA user_version = ${target}`);
    db.exec('COMMIT');
  } catch (err) {
    db.exec('ROLLBACK');
    throw err;
  }
  return { from, to: target };
}
