import type { Database, SqlValue, Statement } from 'sql.js';
import type { EnginePorts, FileStat } from '../ports';
import type {
  ArtifactStatus,
  CallOutcome,
  CallSource,
  Conversation,
  ConversationEvent,
  ErrorFingerprint,
  Experiment,
  LearningArtifact,
  Pattern,
} from '../model';
import { LearningArtifactSchema, callMetricsOf, callOutcomeOf, callPlatformOf } from '../model';
import { canonicalJson, fflateCodec, packJson, unpackJson } from './codec';
import type { DeflateCodec } from './codec';
import type {
  ArtifactFilter,
  BundleImportResult,
  CallAnalysisRecord,
  CallFilter,
  CallSummary,
  JournalEntry,
  JournalEntryInput,
  LearningStore,
  OutcomeLabel,
  PatternFilter,
  PutConversationsResult,
  RetentionPolicy,
  RetentionResult,
  SaveArtifactInput,
  StoreStats,
} from './learningStore';
import { StoreFileError } from './learningStore';
import type { StoreLock } from './lock';
import { CURRENT_SCHEMA_VERSION } from './schema';
import { exportStoreBundle, importStoreBundle } from './bundleIo';
import type { TranscriptArchives } from './archive';
import { findMergeConflict } from './callMerge';
import { UnreadableRows, checkEvents, decodeColumn, jsonObjectColumn } from './rowGuard';
import type { UnreadableRow } from './rowGuard';

const DAY_MS = 86_400_000;
const PAGE_SIZE = 256;
const SAVE_BUDGET = 10;

/** What the store keeps per call besides the transcript: the row a bundle carries for a purged call. */
export interface CallRow
  extends Pick<CallSummary, 'callId' | 'agentId' | 'startedAt' | 'endedAt' | 'source' | 'outcome' | 'turnCount' | 'eventCount' | 'errorCount'> {
  importedAt: number;
  transcriptPurgedAt?: number;
  /** `undefined` once retention deleted the transcript. */
  events?: ConversationEvent[];
}

export interface SqlStoreInit {
  db: Database;
  ports: EnginePorts;
  path?: string;
  lock?: StoreLock;
  saveDebounceMs: number;
  /** The file was migrated on open and must be written back. */
  dirty: boolean;
  /** Size and mtime of the file as read, to notice a file replaced behind our back. */
  onDisk?: FileStat;
  codec?: DeflateCodec;
  /** Archive files for old transcripts (file-backed stores only). */
  archives?: TranscriptArchives;
  archivePolicy?: ArchivePolicy;
}

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

const CALL_COLUMNS =
  'call_id, agent_id, started_at, ended_at, source_json, outcome_json, turn_count, event_count, error_count, intent, outcome_label, (events IS NOT NULL OR archive_id IS NOT NULL)';
/** The columns `toConversation` reads, in its order. */
const CONVERSATION_COLUMNS = 'call_id, agent_id, started_at, ended_at, source_json, outcome_json, events, archive_id';
const HAS_TRANSCRIPT = '(events IS NOT NULL OR archive_id IS NOT NULL)';

function opt<T>(v: SqlValue | undefined, map: (v: SqlValue) => T): T | undefined {
  return v === null || v === undefined ? undefined : map(v);
}

function nul(v: unknown): SqlValue {
  return v === undefined ? null : (v as SqlValue);
}

function digest(events: readonly ConversationEvent[]): { turns: number; errors: number } {
  let turns = 0;
  let errors = 0;
  for (const e of events) {
    if (e.type === 'turn') turns++;
    else if (e.type === 'agent.error') errors++;
  }
  return { turns, errors };
}

/** Drops repeated eventIds (first wins) and orders by time, keeping arrival order within a timestamp. */
function uniqueEvents(events: readonly ConversationEvent[], seen = new Set<string>()): ConversationEvent[] {
  const out: ConversationEvent[] = [];
  for (const e of events) {
    if (seen.has(e.eventId)) continue;
    seen.add(e.eventId);
    out.push(e);
  }
  return out;
}

function byTime(events: ConversationEvent[]): ConversationEvent[] {
  return events
    .map((event, arrival) => ({ event, arrival }))
    .sort((a, b) => a.event.ts - b.event.ts || a.arrival - b.arrival)
    .map((x) => x.event);
}

export class SqlLearningStore implements LearningStore {
  private readonly db: Database;
  private readonly ports: EnginePorts;
  private readonly path: string | undefined;
  private readonly lock: StoreLock | undefined;
  private readonly saveDebounceMs: number;
  private readonly statements = new Map<string, Statement>();
  private dirty: boolean;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private saving: Promise<void> = Promise.resolve();
  private closed = false;
  private closing: Promise<void> | undefined;
  private onDisk: FileStat | undefined;
  private lastSaveMs = 0;
  private readonly codec: DeflateCodec;
  private readonly archives: TranscriptArchives | undefined;
  private readonly archivePolicy: ArchivePolicy;
  /** Archives no longer listed; their files go once a save has recorded that. */
  private pendingRemovals: string[] = [];
  private readonly unreadable = new UnreadableRows();

  constructor(init: SqlStoreInit) {
    this.db = init.db;
    this.ports = init.ports;
    this.path = init.path;
    this.lock = init.lock;
    this.saveDebounceMs = init.saveDebounceMs;
    this.dirty = init.dirty;
    this.onDisk = init.onDisk;
    this.codec = init.codec ?? fflateCodec;
    this.archives = init.archives;
    this.archivePolicy = init.archivePolicy ?? DEFAULT_ARCHIVE_POLICY;
    if (this.dirty) this.scheduleSave();
  }

  // ---- plumbing ----------------------------------------------------------------------------

  private stmt(sql: string): Statement {
    let s = this.statements.get(sql);
    if (!s) {
      s = this.db.prepare(sql);
      this.statements.set(sql, s);
    }
    return s;
  }

  /** Runs `sql` and returns its rows as arrays; the statement is cached and reset. */
  private rows(sql: string, params: SqlValue[] = []): SqlValue[][] {
    const s = this.stmt(sql);
    try {
      s.bind(params);
      const out: SqlValue[][] = [];
      while (s.step()) out.push(s.get());
      return out;
    } finally {
      s.reset();
    }
  }

  private run(sql: string, params: SqlValue[] = []): number {
    const s = this.stmt(sql);
    try {
      s.run(params);
    } finally {
      s.reset();
    }
    return this.db.getRowsModified();
  }

  private scalar(sql: string, params: SqlValue[] = []): SqlValue | undefined {
    return this.rows(sql, params)[0]?.[0];
  }

  private assertOpen(): void {
    if (this.closed || this.closing) throw new Error('The learning store is closed.');
  }

  /** All-or-nothing: a throw rolls every statement of `fn` back. */
  private transaction<T>(fn: () => T): T {
    this.assertOpen();
    return this.inTransaction(fn);
  }

  /** For the save path, which also runs while `close()` flushes. */
  private inTransaction<T>(fn: () => T): T {
    this.db.exec('BEGIN');
    try {
      const result = fn();
      this.db.exec('COMMIT');
      return result;
    } catch (err) {
      this.db.exec('ROLLBACK');
      throw err;
    }
  }

  private markDirty(): void {
    this.dirty = true;
    this.scheduleSave();
  }

  /**
   * sql.js rewrites the whole file on every save, so a big store under steady writes could spend
   * most of its time saving. The wait after a write is therefore at least SAVE_BUDGET × the last
   * save's duration: saving takes at most ~1/SAVE_BUDGET of wall time, whatever the size.
   */
  private scheduleSave(): void {
    if (this.path === undefined || this.timer || this.closed) return;
    const delay = Math.max(this.saveDebounceMs, SAVE_BUDGET * this.lastSaveMs);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.save().catch((err: unknown) => this.ports.logger.error(`saving the learning store failed: ${(err as Error).message}`, { path: this.path }));
    }, delay);
    // A pending save must not keep a CLI alive; close() flushes it.
    (this.timer as { unref?: () => void }).unref?.();
  }

  // ---- calls -------------------------------------------------------------------------------

  async putConversations(conversations: readonly Conversation[]): Promise<PutConversationsResult> {
    const result: PutConversationsResult = { callsInserted: 0, callsMerged: 0, callsUnchanged: 0, eventsInserted: 0, eventsDuplicate: 0 };
    if (conversations.length === 0) return result;
    const now = this.ports.clock.now();
    await this.loadArchivesOf(conversations.map((c) => c.callId));
    this.transaction(() => {
      for (const conv of conversations) this.putOne(conv, now, result);
    });
    this.archives?.trim();
    this.markDirty();
    return result;
  }

  /** Loads the archives holding these calls' transcripts, so a merge inside a transaction can read them. */
  private async loadArchivesOf(callIds: readonly string[]): Promise<void> {
    if (!this.archives || this.scalar('SELECT 1 FROM archives LIMIT 1') === undefined) return;
    const ids = new Set<string>();
    for (const callId of callIds) {
      const id = this.scalar('SELECT archive_id FROM calls WHERE call_id = ? AND archive_id IS NOT NULL', [callId]);
      if (id !== undefined) ids.add(id as string);
    }
    for (const id of ids) await this.archives.load(id);
  }

  /** The transcript blob of a call, from the main file or its (loaded) archive. */
  private blobOf(callId: string, events: SqlValue, archiveId: SqlValue): Uint8Array | undefined {
    if (events !== null) return events as Uint8Array;
    if (archiveId === null || !this.archives) return undefined;
    const blob = this.archives.blob(archiveId as string, callId);
    if (!blob) throw new Error(`The transcript of ${callId} is missing from archive ${archiveId as string}.`);
    return blob;
  }

  private putOne(conv: Conversation, now: number, result: PutConversationsResult): void {
    const events = uniqueEvents(conv.events);
    // A primary-key probe (~µs) first, so a re-import never pays for compressing what it will not store.
    if (this.scalar('SELECT 1 FROM calls WHERE call_id = ?', [conv.callId]) !== undefined) {
      this.mergeInto(conv, events, result);
      return;
    }
    const { turns, errors } = digest(events);
    this.run(
      `INSERT INTO calls (call_id, agent_id, started_at, ended_at, source_file, source_json, outcome_json, turn_count, event_count, error_count, events, imported_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        conv.callId,
        conv.agentId,
        conv.startedAt,
        nul(conv.endedAt),
        nul(conv.source?.file),
        conv.source ? JSON.stringify(conv.source) : null,
        conv.outcome ? JSON.stringify(conv.outcome) : null,
        turns,
        events.length,
        errors,
        packJson(events, this.codec),
        now,
      ],
    );
    result.callsInserted++;
    result.eventsInserted += events.length;
    result.eventsDuplicate += conv.events.length - events.length;
  }

  private mergeInto(conv: Conversation, incoming: ConversationEvent[], result: PutConversationsResult): void {
    const row = this.rows('SELECT events, started_at, ended_at, source_json, outcome_json, archive_id FROM calls WHERE call_id = ?', [conv.callId])[0]!;
    const [events, startedAt, endedAt, sourceJson, outcomeJson, archiveId] = row;
    const blob = this.blobOf(conv.callId, events!, archiveId!);
    if (blob === undefined) {
      // Retention deleted this transcript on purpose; a re-import must not bring it back.
      result.callsUnchanged++;
      result.eventsDuplicate += conv.events.length;
      return;
    }
    let stored: ConversationEvent[];
    try {
      stored = decodeColumn('events', () => checkEvents(conv.callId, unpackJson<unknown>(blob, this.codec)));
    } catch (err) {
      this.unreadable.note(conv.callId, err);
      (result.conflicts ??= []).push({
        callId: conv.callId,
        eventId: '(stored row)',
        field: 'events',
        reason: 'the stored row of this call is damaged, so nothing was merged into it; run `kaizen doctor --quarantine`, then import again',
      });
      return;
    }
    const conflict = findMergeConflict(conv.callId, stored, incoming);
    if (conflict) {
      // Never applied silently: the stored call stays as it was and the caller reports the conflict.
      (result.conflicts ??= []).push(conflict);
      return;
    }
    const seen = new Set(stored.map((e) => e.eventId));
    const fresh = uniqueEvents(incoming, seen);
    result.eventsDuplicate += conv.events.length - fresh.length;
    if (fresh.length === 0) {
      result.callsUnchanged++;
      return;
    }
    const merged = byTime([...stored, ...fresh]);
    const { turns, errors } = digest(merged);
    const source = sourceJson !== null ? (sourceJson as string) : conv.source ? JSON.stringify(conv.source) : null;
    // From every call.ended now stored, so two reports of one call merge the same in either import order.
    const mergedOutcome = callOutcomeOf(merged);
    const outcome = mergedOutcome ? JSON.stringify(mergedOutcome) : (outcomeJson as string | null);
    const ended = Math.max(Number(endedAt ?? -Infinity), conv.endedAt ?? -Infinity);
    this.run(
      `UPDATE calls SET started_at = ?, ended_at = ?, source_file = COALESCE(source_file, ?), source_json = ?, outcome_json = ?,
         turn_count = ?, event_count = ?, error_count = ?, events = ?, archive_id = NULL WHERE call_id = ?`,
      [
        Math.min(Number(startedAt), conv.startedAt),
        Number.isFinite(ended) ? ended : null,
        nul(conv.source?.file),
        source,
        outcome,
        turns,
        merged.length,
        errors,
        packJson(merged, this.codec),
        conv.callId,
      ],
    );
    result.callsMerged++;
    result.eventsInserted += fresh.length;
  }

  async getConversation(callId: string): Promise<Conversation | undefined> {
    this.assertOpen();
    const row = this.rows(`SELECT ${CONVERSATION_COLUMNS} FROM calls WHERE call_id = ?`, [callId])[0];
    if (!row) return undefined;
    if (row[6] === null && row[7] !== null && this.archives) await this.archives.load(row[7] as string);
    const conv = this.toConversation(row);
    this.archives?.trim();
    return conv;
  }

  private toConversation(row: SqlValue[]): Conversation {
    const [callId, agentId, startedAt, endedAt, sourceJson, outcomeJson, events, archiveId] = row;
    const blob = this.blobOf(callId as string, events!, archiveId!);
    const conv: Conversation = { callId: callId as string, agentId: agentId as string, startedAt: Number(startedAt), events: [] };
    if (endedAt !== null) conv.endedAt = Number(endedAt);
    if (sourceJson !== null) conv.source = jsonObjectColumn<CallSource>('source_json', sourceJson);
    if (outcomeJson !== null) conv.outcome = jsonObjectColumn<CallOutcome>('outcome_json', outcomeJson);
    if (blob !== undefined) conv.events = decodeColumn('events', () => checkEvents(conv.callId, unpackJson<unknown>(blob, this.codec)));
    const platform = callPlatformOf(conv.events);
    if (platform) conv.platform = platform;
    const metrics = callMetricsOf(conv.events);
    if (metrics) conv.metrics = metrics;
    return conv;
  }

  private where(filter: CallFilter = {}): { sql: string; params: SqlValue[] } {
    const w = whereClause();
    if (filter.agentId !== undefined) w.add('agent_id = ?', filter.agentId);
    if (filter.intent !== undefined) w.add('intent = ?', filter.intent);
    if (filter.outcome !== undefined) w.add('outcome_label = ?', filter.outcome);
    if (filter.sourceFile !== undefined) w.add('source_file = ?', filter.sourceFile);
    if (filter.since !== undefined) w.add('started_at >= ?', filter.since);
    if (filter.until !== undefined) w.add('started_at < ?', filter.until);
    if (filter.fingerprint !== undefined) w.add('call_id IN (SELECT call_id FROM call_fingerprints WHERE fingerprint = ?)', filter.fingerprint);
    return { sql: w.sql(), params: w.params };
  }


  private listSql(filter: CallFilter): { sql: string; params: SqlValue[] } {
    const { sql, params } = this.where(filter);
    return { sql: `SELECT ${CALL_COLUMNS} FROM calls ${sql} ORDER BY started_at, call_id LIMIT ? OFFSET ?`, params: [...params, filter.limit ?? -1, filter.offset ?? 0] };
  }

  /** SQLite's plan for `listCalls(filter)`: which index answers it (for tests and `--explain`). */
  queryPlan(filter: CallFilter = {}): string[] {
    this.assertOpen();
    const { sql, params } = this.listSql(filter);
    return this.rows(`EXPLAIN QUERY PLAN ${sql}`, params).map((r) => String(r[3]));
  }

  async listCalls(filter: CallFilter = {}): Promise<CallSummary[]> {
    this.assertOpen();
    const { sql, params } = this.listSql(filter);
    const rows = this.rows(sql, params);
    return rows.flatMap((r) => {
      try {
        return [this.toSummary(r)];
      } catch (err) {
        this.unreadable.note(r[0] as string, err);
        return [];
      }
    });
  }

  private toSummary(r: SqlValue[]): CallSummary {
    const summary: CallSummary = {
      callId: r[0] as string,
      agentId: r[1] as string,
      startedAt: Number(r[2]),
      turnCount: Number(r[6]),
      eventCount: Number(r[7]),
      errorCount: Number(r[8]),
      hasTranscript: r[11] === 1,
    };
    const endedAt = opt(r[3], Number);
    if (endedAt !== undefined) summary.endedAt = endedAt;
    if (r[4] !== null) summary.source = jsonObjectColumn<CallSource>('source_json', r[4]);
    if (r[5] !== null) summary.outcome = jsonObjectColumn<CallOutcome>('outcome_json', r[5]);
    if (r[9] !== null) summary.intent = r[9] as string;
    if (r[10] !== null) summary.outcomeLabel = r[10] as OutcomeLabel;
    return summary;
  }

  /** Rows skipped by readers since the store was opened (see rowGuard.ts; `kaizen doctor` finds them all). */
  unreadableRows(): UnreadableRow[] {
    return this.unreadable.list();
  }

  /** @internal For `store/doctor.ts`, which scans and quarantines rows. */
  get database(): Database {
    this.assertOpen();
    return this.db;
  }

  /** @internal Decodes one `CONVERSATION_COLUMNS` row, throwing RowDecodeError (for the doctor). */
  decodeConversationRow(row: SqlValue[]): Conversation {
    return this.toConversation(row);
  }

  /** @internal */
  markChanged(): void {
    this.markDirty();
  }

  async countCalls(filter: CallFilter = {}): Promise<number> {
    this.assertOpen();
    const { sql, params } = this.where(filter);
    return Number(this.scalar(`SELECT COUNT(*) FROM calls ${sql}`, params));
  }

  /**
   * Pages by (started_at, call_id) so each page is an index seek, not an ever-growing OFFSET scan.
   * Calls whose transcript retention deleted are skipped: there is nothing to re-read.
   */
  async *iterateConversations(filter: CallFilter = {}): AsyncIterable<Conversation> {
    this.assertOpen();
    const { sql, params } = this.where(filter);
    const base = `${sql ? `${sql} AND` : 'WHERE'} ${HAS_TRANSCRIPT}`;
    let remaining = filter.limit ?? Infinity;
    let offset = filter.offset ?? 0;
    let cursor: [number, string] | undefined;
    while (remaining > 0) {
      this.assertOpen();
      const page = Math.min(PAGE_SIZE, remaining);
      const keyset = cursor ? 'AND (started_at > ? OR (started_at = ? AND call_id > ?))' : '';
      const rows = this.rows(
        `SELECT ${CONVERSATION_COLUMNS} FROM calls ${base} ${keyset}
         ORDER BY started_at, call_id LIMIT ? OFFSET ?`,
        [...params, ...(cursor ? [cursor[0], cursor[0], cursor[1]] : []), page, offset],
      );
      offset = 0;
      if (rows.length === 0) return;
      const last = rows[rows.length - 1]!;
      cursor = [Number(last[2]), last[0] as string];
      const pageConvs: Conversation[] = [];
      if (this.archives) {
        for (const id of new Set(rows.filter((r) => r[6] === null && r[7] !== null).map((r) => r[7] as string))) await this.archives.load(id);
      }
      for (const row of rows) {
        try {
          pageConvs.push(this.toConversation(row));
        } catch (err) {
          this.unreadable.note(row[0] as string, err);
        }
      }
      this.archives?.trim();
      for (const conv of pageConvs) {
        remaining--;
        yield conv;
      }
      if (rows.length < page) return;
    }
  }

  // ---- analysis results --------------------------------------------------------------------

  async putCallAnalyses(analyses: readonly CallAnalysisRecord[]): Promise<void> {
    if (analyses.length === 0) return;
    this.transaction(() => {
      for (const a of analyses) this.putAnalysis(a);
    });
    this.markDirty();
  }

  private putAnalysis(a: CallAnalysisRecord): void {
    this.run(
      `INSERT OR REPLACE INTO analyses (call_id, agent_id, intent, intent_confidence, outcome_label, outcome_probability, signals_json, detail_json, analyzed_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        a.callId,
        a.agentId,
        a.intent,
        a.intentConfidence,
        a.outcome.label,
        a.outcome.probability,
        JSON.stringify({ signals: a.signals, errorFingerprints: a.errorFingerprints }),
        a.detail === undefined ? null : JSON.stringify(a.detail),
        a.analyzedAt,
      ],
    );
    this.run('UPDATE calls SET intent = ?, outcome_label = ? WHERE call_id = ?', [a.intent, a.outcome.label, a.callId]);
    for (const fp of a.errorFingerprints ?? []) {
      this.run('INSERT OR IGNORE INTO call_fingerprints (fingerprint, call_id) VALUES (?, ?)', [fp, a.callId]);
    }
  }

  async getCallAnalysis(callId: string): Promise<CallAnalysisRecord | undefined> {
    this.assertOpen();
    const r = this.rows(
      'SELECT call_id, agent_id, intent, intent_confidence, outcome_label, outcome_probability, signals_json, detail_json, analyzed_at FROM analyses WHERE call_id = ?',
      [callId],
    )[0];
    return r ? this.toAnalysis(r) : undefined;
  }

  private toAnalysis(r: SqlValue[]): CallAnalysisRecord {
    const extra = JSON.parse(r[6] as string) as Pick<CallAnalysisRecord, 'signals' | 'errorFingerprints'>;
    const record: CallAnalysisRecord = {
      callId: r[0] as string,
      agentId: r[1] as string,
      intent: r[2] as string,
      intentConfidence: Number(r[3]),
      outcome: { label: r[4] as OutcomeLabel, probability: Number(r[5]) },
      signals: extra.signals,
      analyzedAt: Number(r[8]),
    };
    if (extra.errorFingerprints !== undefined) record.errorFingerprints = extra.errorFingerprints;
    if (r[7] !== null) record.detail = JSON.parse(r[7] as string);
    return record;
  }

  /** @internal for bundles */
  allAnalyses(): CallAnalysisRecord[] {
    return this.rows(
      'SELECT call_id, agent_id, intent, intent_confidence, outcome_label, outcome_probability, signals_json, detail_json, analyzed_at FROM analyses ORDER BY call_id',
    ).map((r) => this.toAnalysis(r));
  }

  async replacePatterns(patterns: readonly Pattern[]): Promise<void> {
    this.transaction(() => {
      this.run('DELETE FROM patterns');
      for (const p of patterns) this.putPattern(p);
    });
    this.markDirty();
  }

  private putPattern(p: Pattern): void {
    this.run('INSERT OR REPLACE INTO patterns (id, intent, strategy, support, success_rate, confidence_low, lift, json) VALUES (?, ?, ?, ?, ?, ?, ?, ?)', [
      p.id,
      p.intent,
      p.strategy,
      p.support,
      p.successRate,
      p.confidence.low,
      p.lift,
      JSON.stringify(p),
    ]);
  }

  async listPatterns(filter: PatternFilter = {}): Promise<Pattern[]> {
    this.assertOpen();
    const w = whereClause();
    if (filter.intent !== undefined) w.add('intent = ?', filter.intent);
    if (filter.strategy !== undefined) w.add('strategy = ?', filter.strategy);
    if (filter.minSupport !== undefined) w.add('support >= ?', filter.minSupport);
    // "confidence" ranks by the interval's lower bound: a pattern we are sure of beats a lucky one.
    const order = { lift: 'lift', confidence: 'confidence_low', support: 'support', successRate: 'success_rate' }[filter.sortBy ?? 'lift'];
    const rows = this.rows(
      `SELECT json FROM patterns ${w.sql()} ORDER BY ${order} DESC, support DESC, id LIMIT ?`,
      [...w.params, filter.limit ?? -1],
    );
    return rows.map((r) => JSON.parse(r[0] as string) as Pattern);
  }

  // ---- versioned artifacts -----------------------------------------------------------------

  /** sha-256 of the canonical JSON of the payload (which carries its kind). */
  contentHash(payload: LearningArtifact['payload']): string {
    return this.ports.hashing.sha256(canonicalJson(payload));
  }

  private newArtifactId(): string {
    return `art-${[...this.ports.hashing.randomBytes(8)].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
  }

  private insertVersion(a: LearningArtifact): void {
    this.run(
      `INSERT INTO artifact_versions (artifact_id, version, parent_version, status, content_hash, kind, agent_id, title, note, payload, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [a.artifactId, a.version, a.parentVersion, a.status, a.contentHash, a.payload.kind, nul(a.agentId), a.title, nul(a.note), packJson(a.payload, this.codec), a.createdAt],
    );
  }

  private static readonly ARTIFACT_COLUMNS =
    'artifact_id, version, parent_version, status, content_hash, agent_id, title, note, payload, created_at';

  private toArtifact(r: SqlValue[]): LearningArtifact {
    const a: LearningArtifact = {
      artifactId: r[0] as string,
      version: Number(r[1]),
      parentVersion: r[2] === null ? null : Number(r[2]),
      status: r[3] as ArtifactStatus,
      contentHash: r[4] as string,
      payload: unpackJson<LearningArtifact['payload']>(r[8] as Uint8Array, this.codec),
      title: r[6] as string,
      createdAt: Number(r[9]),
    };
    if (r[5] !== null) a.agentId = r[5] as string;
    if (r[7] !== null) a.note = r[7] as string;
    this.checkArtifact(a);
    return a;
  }

  /**
   * Artifacts are what agents get served, and a store file can be edited outside Kaizen: each one
   * read is checked against its schema and its content hash (a few µs; artifacts are few and small).
   */
  private checkArtifact(a: LearningArtifact): void {
    const where = `Artifact ${a.artifactId} v${a.version}${this.path ? ` in ${this.path}` : ''}`;
    const parsed = LearningArtifactSchema.safeParse(a);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new Error(`${where} is malformed (${issue.path.join('.')}: ${issue.message}); the file was changed outside Kaizen. Restore it from a bundle.`);
    }
    if (this.contentHash(a.payload) !== a.contentHash) {
      throw new Error(`${where} does not match its content hash; the file was changed outside Kaizen. Restore it from a bundle.`);
    }
  }

  private latest(artifactId: string): LearningArtifact | undefined {
    const r = this.rows(
      `SELECT ${SqlLearningStore.ARTIFACT_COLUMNS} FROM artifact_versions WHERE artifact_id = ? ORDER BY version DESC LIMIT 1`,
      [artifactId],
    )[0];
    return r ? this.toArtifact(r) : undefined;
  }

  /**
   * A save that changes nothing (same payload hash, status, title) returns the current version
   * instead of adding one, so a synthesizer re-run does not pile up identical versions.
   */
  async saveArtifact(input: SaveArtifactInput): Promise<LearningArtifact> {
    const saved = this.transaction(() => {
      const current = input.artifactId !== undefined ? this.latest(input.artifactId) : undefined;
      const contentHash = this.contentHash(input.payload);
      const status = input.status ?? 'draft';
      const title = input.title ?? current?.title ?? '';
      if (current && current.contentHash === contentHash && current.status === status && current.title === title && input.note === undefined) {
        return { artifact: current, changed: false };
      }
      if (current && current.payload.kind !== input.payload.kind) {
        throw new Error(`Artifact ${current.artifactId} is a ${current.payload.kind}; a new version cannot be a ${input.payload.kind}.`);
      }
      const artifact: LearningArtifact = {
        artifactId: input.artifactId ?? this.newArtifactId(),
        version: (current?.version ?? 0) + 1,
        parentVersion: current?.version ?? null,
        status,
        contentHash,
        payload: input.payload,
        title,
        createdAt: this.ports.clock.now(),
      };
      const agentId = input.agentId ?? current?.agentId;
      if (agentId !== undefined) artifact.agentId = agentId;
      if (input.note !== undefined) artifact.note = input.note;
      this.insertVersion(artifact);
      return { artifact, changed: true };
    });
    if (saved.changed) this.markDirty();
    return saved.artifact;
  }

  async getArtifact(artifactId: string, version?: number): Promise<LearningArtifact | undefined> {
    this.assertOpen();
    if (version === undefined) return this.latest(artifactId);
    const r = this.rows(`SELECT ${SqlLearningStore.ARTIFACT_COLUMNS} FROM artifact_versions WHERE artifact_id = ? AND version = ?`, [artifactId, version])[0];
    return r ? this.toArtifact(r) : undefined;
  }

  async artifactHistory(artifactId: string): Promise<LearningArtifact[]> {
    this.assertOpen();
    return this.rows(`SELECT ${SqlLearningStore.ARTIFACT_COLUMNS} FROM artifact_versions WHERE artifact_id = ? ORDER BY version`, [artifactId]).map((r) =>
      this.toArtifact(r),
    );
  }

  async listArtifacts(filter: ArtifactFilter = {}): Promise<LearningArtifact[]> {
    this.assertOpen();
    const w = whereClause();
    if (filter.latestOnly ?? true) w.add('version = (SELECT MAX(version) FROM artifact_versions v WHERE v.artifact_id = a.artifact_id)');
    if (filter.kind !== undefined) w.add('kind = ?', filter.kind);
    if (filter.status !== undefined) w.add('status = ?', filter.status);
    if (filter.agentId !== undefined) w.add('agent_id = ?', filter.agentId);
    return this.rows(
      `SELECT ${SqlLearningStore.ARTIFACT_COLUMNS} FROM artifact_versions a ${w.sql()} ORDER BY artifact_id, version`,
      w.params,
    ).map((r) => this.toArtifact(r));
  }

  /** The new version takes the payload and status of `toVersion`; its parent is the current version. */
  async rollbackArtifact(artifactId: string, toVersion: number, note?: string): Promise<LearningArtifact> {
    const artifact = this.transaction(() => {
      const current = this.latest(artifactId);
      if (!current) throw new Error(`No artifact ${artifactId} to roll back.`);
      const target = this.rows(`SELECT ${SqlLearningStore.ARTIFACT_COLUMNS} FROM artifact_versions WHERE artifact_id = ? AND version = ?`, [artifactId, toVersion])[0];
      if (!target) throw new Error(`Artifact ${artifactId} has no version ${toVersion} (versions 1..${current.version}).`);
      const from = this.toArtifact(target);
      return this.deriveVersion(current, { payload: from.payload, contentHash: from.contentHash, status: from.status, note: note ?? `rollback to v${toVersion}` });
    });
    this.markDirty();
    return artifact;
  }

  async setArtifactStatus(artifactId: string, status: ArtifactStatus, note?: string): Promise<LearningArtifact> {
    const artifact = this.transaction(() => {
      const current = this.latest(artifactId);
      if (!current) throw new Error(`No artifact ${artifactId} to change the status of.`);
      return this.deriveVersion(current, { payload: current.payload, contentHash: current.contentHash, status, note });
    });
    this.markDirty();
    return artifact;
  }

  private deriveVersion(
    current: LearningArtifact,
    change: Pick<LearningArtifact, 'payload' | 'contentHash' | 'status'> & { note: string | undefined },
  ): LearningArtifact {
    const next: LearningArtifact = {
      artifactId: current.artifactId,
      version: current.version + 1,
      parentVersion: current.version,
      status: change.status,
      contentHash: change.contentHash,
      payload: change.payload,
      title: current.title,
      createdAt: this.ports.clock.now(),
    };
    if (current.agentId !== undefined) next.agentId = current.agentId;
    if (change.note !== undefined) next.note = change.note;
    this.insertVersion(next);
    return next;
  }

  // ---- experiments and journal -------------------------------------------------------------

  async putExperiment(experiment: Experiment): Promise<void> {
    this.transaction(() => {
      this.run('INSERT OR REPLACE INTO experiments (id, created_at, json) VALUES (?, ?, ?)', [experiment.id, experiment.createdAt, JSON.stringify(experiment)]);
    });
    this.markDirty();
  }

  async getExperiment(id: string): Promise<Experiment | undefined> {
    this.assertOpen();
    const json = this.scalar('SELECT json FROM experiments WHERE id = ?', [id]);
    return json === undefined ? undefined : (JSON.parse(json as string) as Experiment);
  }

  async listExperiments(): Promise<Experiment[]> {
    this.assertOpen();
    return this.rows('SELECT json FROM experiments ORDER BY created_at, id').map((r) => JSON.parse(r[0] as string) as Experiment);
  }

  async appendJournal(entries: readonly JournalEntryInput[]): Promise<void> {
    if (entries.length === 0) return;
    this.transaction(() => {
      for (const e of entries) this.appendOne(e);
    });
    this.markDirty();
  }

  /** Seqs come from a per-stream head, so they never repeat even after retention empties a stream. */
  private appendOne(e: JournalEntryInput, seq?: number): number {
    const head = Number(this.scalar('SELECT last_seq FROM journal_heads WHERE stream = ?', [e.stream]) ?? 0);
    const next = seq ?? head + 1;
    this.run('INSERT OR REPLACE INTO journal_heads (stream, last_seq) VALUES (?, ?)', [e.stream, Math.max(head, next)]);
    this.run('INSERT INTO journal (stream, seq, kind, ts, payload) VALUES (?, ?, ?, ?, ?)', [e.stream, next, e.kind, e.ts, JSON.stringify(e.payload ?? null)]);
    return next;
  }

  async readJournal(stream: string, options: { since?: number; kind?: string } = {}): Promise<JournalEntry[]> {
    this.assertOpen();
    const params: SqlValue[] = [stream, options.since ?? 0];
    let kind = '';
    if (options.kind !== undefined) {
      kind = 'AND kind = ?';
      params.push(options.kind);
    }
    return this.rows(`SELECT stream, seq, kind, ts, payload FROM journal WHERE stream = ? AND seq > ? ${kind} ORDER BY seq`, params).map((r) => ({
      stream: r[0] as string,
      seq: Number(r[1]),
      kind: r[2] as string,
      ts: Number(r[3]),
      payload: JSON.parse(r[4] as string) as unknown,
    }));
  }

  // ---- errors ------------------------------------------------------------------------------

  async upsertErrorFingerprints(fingerprints: readonly ErrorFingerprint[]): Promise<void> {
    if (fingerprints.length === 0) return;
    this.transaction(() => {
      for (const f of fingerprints) this.putFingerprint(f);
    });
    this.markDirty();
  }

  private putFingerprint(f: ErrorFingerprint): void {
    this.run('INSERT OR REPLACE INTO error_fingerprints (fingerprint, last_seen, count, json) VALUES (?, ?, ?, ?)', [f.fingerprint, f.lastSeen, f.count, JSON.stringify(f)]);
    for (const callId of f.exampleCallIds) this.run('INSERT OR IGNORE INTO call_fingerprints (fingerprint, call_id) VALUES (?, ?)', [f.fingerprint, callId]);
  }

  async listErrorFingerprints(): Promise<ErrorFingerprint[]> {
    this.assertOpen();
    return this.rows('SELECT json FROM error_fingerprints ORDER BY count DESC, fingerprint').map((r) => JSON.parse(r[0] as string) as ErrorFingerprint);
  }

  // ---- housekeeping ------------------------------------------------------------------------

  async applyRetention(policy: RetentionPolicy, now: number): Promise<RetentionResult> {
    const result = this.transaction(() => {
      let transcriptsDeleted = 0;
      let journalEntriesDeleted = 0;
      if (policy.transcriptDays !== undefined) {
        transcriptsDeleted = this.run(`UPDATE calls SET events = NULL, archive_id = NULL, transcript_purged_at = ? WHERE ${HAS_TRANSCRIPT} AND started_at < ?`, [
          now,
          now - policy.transcriptDays * DAY_MS,
        ]);
      }
      if (policy.journalDays !== undefined) {
        journalEntriesDeleted = this.run('DELETE FROM journal WHERE ts < ?', [now - policy.journalDays * DAY_MS]);
      }
      return { transcriptsDeleted, journalEntriesDeleted };
    });
    if (policy.transcriptDays !== undefined) await this.pruneArchives(now - policy.transcriptDays * DAY_MS);
    if (result.transcriptsDeleted || result.journalEntriesDeleted) {
      // Freed pages would otherwise stay in the file: sql.js saves every page it has.
      this.db.exec('VACUUM');
      this.markDirty();
    }
    return result;
  }

  /**
   * Archives are immutable, so an archive that holds any call older than the cutoff is replaced by a
   * new one with only the transcripts still referenced (none: it just goes). Old files are deleted
   * only after a save has recorded the change, so a crash never leaves the main file pointing at a
   * missing archive.
   */
  private async pruneArchives(cutoff: number): Promise<void> {
    if (!this.archives) return;
    const archives = this.archives;
    const affected = this.rows('SELECT id FROM archives WHERE first_started < ?', [cutoff]).map((r) => r[0] as string);
    for (const id of affected) {
      const keep = this.rows('SELECT call_id FROM calls WHERE archive_id = ?', [id]).map((r) => r[0] as string);
      let replacement: string | undefined;
      if (keep.length > 0) {
        await archives.load(id);
        replacement = await archives.write(keep.map((callId) => [callId, archives.blob(id, callId)!] as const));
      }
      this.transaction(() => {
        if (replacement) {
          this.run('UPDATE calls SET archive_id = ? WHERE archive_id = ?', [replacement, id]);
          this.recordArchive(replacement);
        }
        this.run('DELETE FROM archives WHERE id = ?', [id]);
      });
      this.pendingRemovals.push(id);
      this.markDirty();
    }
    archives.trim();
  }

  private recordArchive(id: string): number {
    const [count, first, last] = this.rows('SELECT COUNT(*), MIN(started_at), MAX(started_at) FROM calls WHERE archive_id = ?', [id])[0]!;
    if (Number(count) === 0) return 0;
    this.run('INSERT OR REPLACE INTO archives (id, calls, first_started, last_started, created_at) VALUES (?, ?, ?, ?, ?)', [
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
  private async archiveOldTranscripts(): Promise<void> {
    if (!this.archives) return;
    const { afterDays, minCalls, maxCalls } = this.archivePolicy;
    const cutoff = this.ports.clock.now() - afterDays * DAY_MS;
    const waiting = Number(this.scalar('SELECT COUNT(*) FROM calls WHERE events IS NOT NULL AND started_at < ?', [cutoff]));
    if (waiting < minCalls) return;
    const rows = this.rows('SELECT call_id, events FROM calls WHERE events IS NOT NULL AND started_at < ? ORDER BY started_at LIMIT ?', [cutoff, maxCalls]).map(
      (r) => [r[0] as string, r[1] as Uint8Array] as const,
    );
    const id = await this.archives.write(rows);
    // Writes may have landed while the archive was written: only a transcript that is still the
    // archived one leaves the main file (a merged one stays, and the archive's copy is never read).
    const moved = this.inTransaction(() => {
      for (const [callId, blob] of rows) this.run('UPDATE calls SET events = NULL, archive_id = ? WHERE call_id = ? AND events = ?', [id, callId, blob]);
      return this.recordArchive(id);
    });
    if (moved === 0) await this.archives.remove(id);
    else this.db.exec('VACUUM');
    this.ports.logger.info(`archived ${moved} transcripts`, { path: this.path, archive: id });
  }

  async exportBundle(): Promise<Uint8Array> {
    this.assertOpen();
    return exportStoreBundle(this, this.ports);
  }

  async importBundle(bundle: Uint8Array): Promise<BundleImportResult> {
    this.assertOpen();
    const result = await importStoreBundle(this, this.ports, bundle);
    this.markDirty();
    return result;
  }

  async stats(): Promise<StoreStats> {
    this.assertOpen();
    const n = (sql: string): number => Number(this.scalar(sql) ?? 0);
    const stats: StoreStats = {
      schemaVersion: CURRENT_SCHEMA_VERSION,
      calls: n('SELECT COUNT(*) FROM calls'),
      events: n('SELECT COALESCE(SUM(event_count), 0) FROM calls'),
      transcriptsRetained: n(`SELECT COUNT(*) FROM calls WHERE ${HAS_TRANSCRIPT}`),
      analyses: n('SELECT COUNT(*) FROM analyses'),
      patterns: n('SELECT COUNT(*) FROM patterns'),
      artifacts: n('SELECT COUNT(DISTINCT artifact_id) FROM artifact_versions'),
      artifactVersions: n('SELECT COUNT(*) FROM artifact_versions'),
      experiments: n('SELECT COUNT(*) FROM experiments'),
      errorFingerprints: n('SELECT COUNT(*) FROM error_fingerprints'),
    };
    if (this.path !== undefined) {
      const st = await this.ports.fs.stat(this.path);
      if (st) stats.fileBytes = st.size;
      stats.lastSaveMs = this.lastSaveMs;
    }
    return stats;
  }

  // ---- bundle access (used by bundleIo.ts) -------------------------------------------------

  /** @internal */
  async *allCallRows(): AsyncIterable<CallRow> {
    // In start-time order, as archives are cut: a page touches one or two archives, not all of them.
    let cursor: [number, string] = [-Infinity, ''];
    for (;;) {
      const rows = this.rows(
        `SELECT call_id, agent_id, started_at, ended_at, source_json, outcome_json, turn_count, event_count, error_count, imported_at, transcript_purged_at, events, archive_id
         FROM calls WHERE started_at > ? OR (started_at = ? AND call_id > ?) ORDER BY started_at, call_id LIMIT ${PAGE_SIZE}`,
        [cursor[0], cursor[0], cursor[1]],
      );
      if (this.archives) {
        for (const id of new Set(rows.filter((r) => r[11] === null && r[12] !== null).map((r) => r[12] as string))) await this.archives.load(id);
      }
      const page: CallRow[] = [];
      for (const r of rows) {
        const row: CallRow = {
          callId: r[0] as string,
          agentId: r[1] as string,
          startedAt: Number(r[2]),
          turnCount: Number(r[6]),
          eventCount: Number(r[7]),
          errorCount: Number(r[8]),
          importedAt: Number(r[9]),
        };
        if (r[3] !== null) row.endedAt = Number(r[3]);
        try {
          if (r[4] !== null) row.source = jsonObjectColumn<CallSource>('source_json', r[4]);
          if (r[5] !== null) row.outcome = jsonObjectColumn<CallOutcome>('outcome_json', r[5]);
          if (r[10] !== null) row.transcriptPurgedAt = Number(r[10]);
          const blob = this.blobOf(row.callId, r[11]!, r[12]!);
          if (blob !== undefined) row.events = decodeColumn('events', () => checkEvents(row.callId, unpackJson<unknown>(blob, this.codec)));
        } catch (err) {
          // A damaged row is left out of the bundle and reported, not exported as garbage.
          this.unreadable.note(row.callId, err);
          continue;
        }
        page.push(row);
      }
      this.archives?.trim();
      yield* page;
      if (rows.length < PAGE_SIZE) return;
      const last = rows[rows.length - 1]!;
      cursor = [Number(last[2]), last[0] as string];
    }
  }

  /** @internal */
  allArtifactVersions(): LearningArtifact[] {
    return this.rows(`SELECT ${SqlLearningStore.ARTIFACT_COLUMNS} FROM artifact_versions ORDER BY artifact_id, version`).map((r) => this.toArtifact(r));
  }

  /** @internal */
  allJournal(): JournalEntry[] {
    return this.rows('SELECT stream, seq, kind, ts, payload FROM journal ORDER BY stream, seq').map((r) => ({
      stream: r[0] as string,
      seq: Number(r[1]),
      kind: r[2] as string,
      ts: Number(r[3]),
      payload: JSON.parse(r[4] as string) as unknown,
    }));
  }

  /** @internal */
  allCallFingerprints(): Array<{ fingerprint: string; callId: string }> {
    return this.rows('SELECT fingerprint, call_id FROM call_fingerprints ORDER BY fingerprint, call_id').map((r) => ({
      fingerprint: r[0] as string,
      callId: r[1] as string,
    }));
  }

  /** @internal Merges validated bundle records in one transaction; see bundleIo.ts for the rules. */
  async mergeBundle(records: BundleRecords, fromSchemaVersion: number): Promise<BundleImportResult> {
    await this.loadArchivesOf(records.calls.filter((c) => c.events).map((c) => c.callId));
    const result: BundleImportResult = {
      fromSchemaVersion,
      callsInserted: 0,
      callsMerged: 0,
      artifactVersionsInserted: 0,
      artifactVersionsSkipped: 0,
      patternsImported: 0,
      experimentsImported: 0,
      journalEntriesInserted: 0,
      analysesImported: 0,
      errorFingerprintsImported: 0,
      conflicts: [],
    };
    const now = this.ports.clock.now();
    this.transaction(() => {
      const puts: PutConversationsResult = { callsInserted: 0, callsMerged: 0, callsUnchanged: 0, eventsInserted: 0, eventsDuplicate: 0 };
      for (const call of records.calls) {
        const exists = this.scalar('SELECT 1 FROM calls WHERE call_id = ?', [call.callId]) !== undefined;
        if (!exists) {
          this.insertCallRow(call);
          result.callsInserted++;
        } else if (call.events) {
          const conv: Conversation = { callId: call.callId, agentId: call.agentId, startedAt: call.startedAt, events: call.events };
          if (call.endedAt !== undefined) conv.endedAt = call.endedAt;
          if (call.source) conv.source = call.source;
          if (call.outcome) conv.outcome = call.outcome;
          this.putOne(conv, now, puts);
        }
      }
      result.callsMerged = puts.callsMerged;
      for (const c of puts.conflicts ?? []) result.conflicts.push({ kind: 'call', ...c });
      for (const a of records.analyses) {
        const storedAt = this.scalar('SELECT analyzed_at FROM analyses WHERE call_id = ?', [a.callId]);
        if (storedAt !== undefined && Number(storedAt) >= a.analyzedAt) continue;
        this.putAnalysis(a);
        result.analysesImported++;
      }
      for (const p of records.patterns) {
        const stored = this.scalar('SELECT json FROM patterns WHERE id = ?', [p.id]);
        if (stored !== undefined && (JSON.parse(stored as string) as Pattern).updatedAt >= p.updatedAt) continue;
        this.putPattern(p);
        result.patternsImported++;
      }
      for (const a of records.artifacts) {
        const storedHash = this.scalar('SELECT content_hash FROM artifact_versions WHERE artifact_id = ? AND version = ?', [a.artifactId, a.version]);
        if (storedHash === undefined) {
          this.insertVersion(a);
          result.artifactVersionsInserted++;
        } else {
          result.artifactVersionsSkipped++;
          if (storedHash !== a.contentHash) {
            result.conflicts.push({ kind: 'artifact-version', artifactId: a.artifactId, version: a.version, storedHash: storedHash as string, bundleHash: a.contentHash });
          }
        }
      }
      for (const e of records.experiments) {
        if (this.scalar('SELECT 1 FROM experiments WHERE id = ?', [e.id]) !== undefined) continue;
        this.run('INSERT INTO experiments (id, created_at, json) VALUES (?, ?, ?)', [e.id, e.createdAt, JSON.stringify(e)]);
        result.experimentsImported++;
      }
      for (const j of records.journal) {
        const stored = this.rows('SELECT kind, ts, payload FROM journal WHERE stream = ? AND seq = ?', [j.stream, j.seq])[0];
        const payload = JSON.stringify(j.payload ?? null);
        if (stored && stored[0] === j.kind && Number(stored[1]) === j.ts && stored[2] === payload) continue;
        const head = Number(this.scalar('SELECT last_seq FROM journal_heads WHERE stream = ?', [j.stream]) ?? 0);
        // Keep the bundle's seq when it is free and ahead of the stream; otherwise append after the head.
        this.appendOne(j, !stored && j.seq > head ? j.seq : undefined);
        result.journalEntriesInserted++;
      }
      for (const f of records.errorFingerprints) {
        const storedJson = this.scalar('SELECT json FROM error_fingerprints WHERE fingerprint = ?', [f.fingerprint]);
        const merged = storedJson === undefined ? f : mergeFingerprint(JSON.parse(storedJson as string) as ErrorFingerprint, f);
        if (storedJson !== undefined && JSON.stringify(merged) === storedJson) continue;
        this.putFingerprint(merged);
        result.errorFingerprintsImported++;
      }
      for (const link of records.callFingerprints) {
        this.run('INSERT OR IGNORE INTO call_fingerprints (fingerprint, call_id) VALUES (?, ?)', [link.fingerprint, link.callId]);
      }
    });
    this.archives?.trim();
    return result;
  }

  private insertCallRow(c: CallRow): void {
    // With a transcript at hand the counts come from it, not from what the bundle claims.
    const events = c.events ? uniqueEvents(c.events) : undefined;
    const counts = events ? { ...digest(events), events: events.length } : { turns: c.turnCount, errors: c.errorCount, events: c.eventCount };
    this.run(
      `INSERT INTO calls (call_id, agent_id, started_at, ended_at, source_file, source_json, outcome_json, turn_count, event_count, error_count, events, transcript_purged_at, imported_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        c.callId,
        c.agentId,
        c.startedAt,
        nul(c.endedAt),
        nul(c.source?.file),
        c.source ? JSON.stringify(c.source) : null,
        c.outcome ? JSON.stringify(c.outcome) : null,
        counts.turns,
        counts.events,
        counts.errors,
        events ? packJson(events, this.codec) : null,
        nul(c.transcriptPurgedAt),
        c.importedAt,
      ],
    );
  }

  // ---- persistence -------------------------------------------------------------------------

  /** Debounced saves, `save()` and `close()` share one queue, so two writes of the file never overlap. */
  save(): Promise<void> {
    // This save covers every write so far; the debounce restarts from the next write.
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const next = this.saving.then(() => this.writeFile());
    this.saving = next.catch(() => undefined);
    return next;
  }

  private async writeFile(): Promise<void> {
    if (this.path === undefined || !this.dirty || this.closed) return;
    if (this.lock && !(await this.lock.stillHeld())) {
      throw new StoreFileError(
        `Another process took over the lock of ${this.path}; this window's unsaved changes were not written, so the other process's file stays whole.`,
        this.path,
        'locked',
      );
    }
    if (this.onDisk) {
      const now = await this.ports.fs.stat(this.path);
      if (!now || now.size !== this.onDisk.size || now.mtimeMs !== this.onDisk.mtimeMs) {
        throw new StoreFileError(
          `${this.path} was ${now ? 'replaced or changed' : 'deleted'} by something other than this store since it was opened; ` +
            'Kaizen did not write over it. Close this store and open the file again (or export a bundle first to keep the unsaved changes).',
          this.path,
          'foreign',
        );
      }
    }
    const started = this.ports.clock.now();
    await this.archiveOldTranscripts();
    this.dirty = false;
    const bytes = this.db.export();
    try {
      await this.ports.fs.writeFileAtomic(this.path, bytes);
    } catch (err) {
      this.dirty = true;
      throw err;
    }
    this.lastSaveMs = Math.max(0, this.ports.clock.now() - started);
    this.onDisk = await this.ports.fs.stat(this.path);
    // The saved file no longer lists these archives: now their files can go.
    for (const id of this.pendingRemovals.splice(0)) await this.archives?.remove(id);
    // Writes that landed while the file was being written wait for the next save.
    if (this.dirty) this.scheduleSave();
  }

  close(): Promise<void> {
    if (!this.closing) {
      this.closing = (async () => {
        if (this.timer) clearTimeout(this.timer);
        this.timer = undefined;
        try {
          await this.save();
        } finally {
          this.closed = true;
          for (const s of this.statements.values()) s.free();
          this.statements.clear();
          this.archives?.closeAll();
          this.db.close();
          await this.lock?.release();
        }
      })();
    }
    return this.closing;
  }

  dispose(): void {
    this.close().catch((err: unknown) => this.ports.logger.error(`closing the learning store failed: ${(err as Error).message}`, { path: this.path }));
  }
}

export interface BundleRecords {
  calls: CallRow[];
  analyses: CallAnalysisRecord[];
  patterns: Pattern[];
  artifacts: LearningArtifact[];
  experiments: Experiment[];
  journal: JournalEntry[];
  errorFingerprints: ErrorFingerprint[];
  callFingerprints: Array<{ fingerprint: string; callId: string }>;
}

function mergeFingerprint(a: ErrorFingerprint, b: ErrorFingerprint): ErrorFingerprint {
  const merged: ErrorFingerprint = {
    ...a,
    firstSeen: Math.min(a.firstSeen, b.firstSeen),
    lastSeen: Math.max(a.lastSeen, b.lastSeen),
    count: Math.max(a.count, b.count),
    exampleCallIds: [...new Set([...a.exampleCallIds, ...b.exampleCallIds])],
  };
  return merged;
}

/** Collects `AND`-ed conditions with their parameters, in order, for a WHERE clause. */
function whereClause(): { add(clause: string, ...values: SqlValue[]): void; sql(): string; params: SqlValue[] } {
  const clauses: string[] = [];
  const params: SqlValue[] = [];
  return {
    add(clause, ...values) {
      clauses.push(clause);
      params.push(...values);
    },
    sql: () => (clauses.length ? `WHERE ${clauses.join(' AND ')}` : ''),
    params,
  };
}

