import type { Database, SqlValue } from 'sql.js';
import type { EnginePorts, FileStat } from '../ports';
import type { ArtifactStatus, Conversation, ErrorFingerprint, Experiment, LearningArtifact, Pattern } from '../model';
import { fflateCodec } from './codec';
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
  LlmSpend,
  LlmSpendFilter,
  LlmUsageRecord,
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
import { SqlDb } from './sqlDb';
import { CallTable, emptyPutResult } from './callTable';
import { AnalysisTable } from './analysisTable';
import { PatternTable } from './patternTable';
import { ArtifactTable } from './artifactTable';
import { ExperimentTable } from './experimentTable';
import { JournalTable } from './journalTable';
import { ErrorTable } from './errorTable';
import { LlmUsageTable } from './llmUsageTable';
import { DEFAULT_ARCHIVE_POLICY, TranscriptHousekeeping } from './transcriptHousekeeping';
import type { ArchivePolicy } from './transcriptHousekeeping';
import { BundleTables } from './bundleTables';
import { CallSegments, DEFAULT_SEGMENT_POLICY } from './callSegments';
import type { SegmentPolicy } from './callSegments';
import type { SegmentFiles } from './segmentFiles';
import { UnreadableRows } from './rowGuard';
import { writeSaveRecord } from './saveRecord';
import type { UnreadableRow } from './rowGuard';

export type { CallRow } from './callTable';
export type { BundleRecords } from './bundleIo';
export { DEFAULT_ARCHIVE_POLICY, DEFAULT_SEGMENT_POLICY };
export type { ArchivePolicy, SegmentPolicy };

const DAY_MS = 86_400_000;
const SAVE_BUDGET = 10;

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
  /** Whether the open ran SQLite's full check (false: the file matched its save record). */
  integrityChecked?: boolean;
  codec?: DeflateCodec;
  /** Archive files for old transcripts (file-backed stores only). */
  archives?: TranscriptArchives;
  archivePolicy?: ArchivePolicy;
  /** Segment files for sealed old calls (file-backed stores only). */
  segments?: SegmentFiles;
  segmentPolicy?: SegmentPolicy;
}

/**
 * The learning store on one sql.js database. Each table family is its own small class over a shared
 * `SqlDb` (calls + transcripts, analyses, patterns, artifacts, experiments, journal, errors,
 * transcript housekeeping, bundles); this class composes them and owns what is common: the open
 * check, transactions, marking dirty, and the debounced atomic saves.
 */
export class SqlLearningStore implements LearningStore {
  private readonly sql: SqlDb;
  private readonly ports: EnginePorts;
  private readonly path: string | undefined;
  private readonly lock: StoreLock | undefined;
  private readonly saveDebounceMs: number;
  private dirty: boolean;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private saving: Promise<void> = Promise.resolve();
  private closed = false;
  private closing: Promise<void> | undefined;
  private onDisk: FileStat | undefined;
  private lastSaveMs = 0;
  /** Whether opening ran SQLite's full `quick_check` (false: the bytes matched the last save's record). */
  readonly integrityChecked: boolean;

  private readonly calls: CallTable;
  private readonly analyses: AnalysisTable;
  private readonly patterns: PatternTable;
  private readonly artifacts: ArtifactTable;
  private readonly experiments: ExperimentTable;
  private readonly journal: JournalTable;
  private readonly errors: ErrorTable;
  private readonly llmUsage: LlmUsageTable;
  private readonly transcripts: TranscriptHousekeeping;
  private readonly bundles: BundleTables;
  private readonly segments: CallSegments;
  private readonly archives: TranscriptArchives | undefined;
  /** Writes to calls and sealing take turns (a seal awaits a file write between its two halves). */
  private callWrites: Promise<unknown> = Promise.resolve();
  /** Iterations under way; sealing waits for the next save while any is open, so none misses a call. */
  private openIterations = 0;
  private readonly unreadable = new UnreadableRows();

  constructor(init: SqlStoreInit) {
    this.sql = new SqlDb(init.db);
    this.ports = init.ports;
    this.path = init.path;
    this.lock = init.lock;
    this.saveDebounceMs = init.saveDebounceMs;
    this.dirty = init.dirty;
    this.onDisk = init.onDisk;
    this.integrityChecked = init.integrityChecked ?? true;
    const codec = init.codec ?? fflateCodec;
    this.calls = new CallTable(this.sql, codec, init.archives, this.unreadable);
    this.analyses = new AnalysisTable(this.sql, this.calls);
    this.patterns = new PatternTable(this.sql);
    this.artifacts = new ArtifactTable(this.sql, init.ports, codec, init.path);
    this.experiments = new ExperimentTable(this.sql);
    this.journal = new JournalTable(this.sql);
    this.errors = new ErrorTable(this.sql);
    this.llmUsage = new LlmUsageTable(this.sql);
    this.transcripts = new TranscriptHousekeeping(this.sql, init.archives, init.archivePolicy ?? DEFAULT_ARCHIVE_POLICY, init.ports, init.path);
    this.archives = init.archives;
    this.segments = new CallSegments(this.sql, init.segments, init.segmentPolicy ?? DEFAULT_SEGMENT_POLICY, codec, init.ports, this.unreadable);
    this.bundles = new BundleTables(
      this.sql,
      { calls: this.calls, analyses: this.analyses, patterns: this.patterns, artifacts: this.artifacts, experiments: this.experiments, journal: this.journal, errors: this.errors },
      this.segments,
      init.ports,
    );
    if (this.dirty) this.scheduleSave();
  }

  // ---- plumbing ----------------------------------------------------------------------------

  private assertOpen(): void {
    if (this.closed || this.closing) throw new Error('The learning store is closed.');
  }

  /** All-or-nothing: a throw rolls every statement of `fn` back. */
  private transaction<T>(fn: () => T): T {
    this.assertOpen();
    return this.sql.transaction(fn);
  }

  /** Runs `fn` after every earlier call write or seal has finished, and before any later one starts. */
  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.callWrites.then(fn);
    this.callWrites = run.catch(() => undefined);
    return run;
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
    const result = emptyPutResult();
    if (conversations.length === 0) return result;
    this.assertOpen();
    await this.exclusive(async () => {
      const now = this.ports.clock.now();
      const ids = conversations.map((c) => c.callId);
      await this.segments.unseal(ids);
      await this.calls.loadArchivesOf(ids);
      this.transaction(() => {
        for (const conv of conversations) this.calls.put(conv, now, result);
      });
      this.calls.trimArchives();
    });
    this.markDirty();
    return result;
  }

  async getConversation(callId: string): Promise<Conversation | undefined> {
    this.assertOpen();
    return (await this.calls.get(callId)) ?? this.segments.get(callId);
  }

  async storedCallIds(callIds: readonly string[]): Promise<Set<string>> {
    this.assertOpen();
    const held = new Set(this.calls.existing(callIds));
    for (const id of callIds) if (!held.has(id) && this.segments.holds(id)) held.add(id);
    return held;
  }

  /** SQLite's plan for `listCalls(filter)`: which index answers it (for tests and `--explain`). */
  queryPlan(filter: CallFilter = {}): string[] {
    this.assertOpen();
    return this.calls.queryPlan(filter);
  }

  async listCalls(filter: CallFilter = {}): Promise<CallSummary[]> {
    this.assertOpen();
    return this.segments.list(filter, this.calls);
  }

  /** Rows skipped by readers since the store was opened (see rowGuard.ts; `kaizen doctor` finds them all). */
  unreadableRows(): UnreadableRow[] {
    return this.unreadable.list();
  }

  /** @internal For `store/doctor.ts`, which scans and quarantines rows of the hot file. */
  get database(): Database {
    this.assertOpen();
    return this.sql.db;
  }

  /** @internal Decodes one conversation row (call_id, agent_id, started_at, ended_at, source_json, outcome_json, events, archive_id), throwing RowDecodeError (for the doctor). */
  decodeConversationRow(row: SqlValue[]): Conversation {
    return this.calls.toConversation(row);
  }

  /** @internal For `store/doctor.ts`: each segment file of sealed calls, opened, or why it cannot be. */
  examineSegments(visit: Parameters<CallSegments['examineEach']>[0]): ReturnType<CallSegments['examineEach']> {
    this.assertOpen();
    return this.segments.examineEach(visit);
  }

  /** @internal */
  markChanged(): void {
    this.markDirty();
  }

  async countCalls(filter: CallFilter = {}): Promise<number> {
    this.assertOpen();
    return this.segments.count(filter, this.calls);
  }

  async *iterateConversations(filter: CallFilter = {}): AsyncIterable<Conversation> {
    this.assertOpen();
    this.openIterations++;
    try {
      yield* this.segments.iterate(filter, this.calls, () => this.assertOpen());
    } finally {
      this.openIterations--;
    }
  }

  // ---- analysis results --------------------------------------------------------------------

  async putCallAnalyses(analyses: readonly CallAnalysisRecord[]): Promise<void> {
    if (analyses.length === 0) return;
    this.assertOpen();
    await this.exclusive(async () => {
      await this.segments.unseal(analyses.map((a) => a.callId));
      this.transaction(() => {
        for (const a of analyses) this.analyses.put(a);
      });
    });
    this.markDirty();
  }

  async getCallAnalysis(callId: string): Promise<CallAnalysisRecord | undefined> {
    this.assertOpen();
    return this.analyses.get(callId) ?? this.segments.getAnalysis(callId);
  }

  async replacePatterns(patterns: readonly Pattern[]): Promise<void> {
    this.transaction(() => this.patterns.replaceAll(patterns));
    this.markDirty();
  }

  async listPatterns(filter: PatternFilter = {}): Promise<Pattern[]> {
    this.assertOpen();
    return this.patterns.list(filter);
  }

  // ---- versioned artifacts -----------------------------------------------------------------

  /** sha-256 of the canonical JSON of the payload (which carries its kind). */
  contentHash(payload: LearningArtifact['payload']): string {
    return this.artifacts.contentHash(payload);
  }

  async saveArtifact(input: SaveArtifactInput): Promise<LearningArtifact> {
    const saved = this.transaction(() => this.artifacts.save(input));
    if (saved.changed) this.markDirty();
    return saved.artifact;
  }

  async getArtifact(artifactId: string, version?: number): Promise<LearningArtifact | undefined> {
    this.assertOpen();
    return this.artifacts.get(artifactId, version);
  }

  async artifactHistory(artifactId: string): Promise<LearningArtifact[]> {
    this.assertOpen();
    return this.artifacts.history(artifactId);
  }

  async listArtifacts(filter: ArtifactFilter = {}): Promise<LearningArtifact[]> {
    this.assertOpen();
    return this.artifacts.list(filter);
  }

  async rollbackArtifact(artifactId: string, toVersion: number, note?: string): Promise<LearningArtifact> {
    const artifact = this.transaction(() => this.artifacts.rollback(artifactId, toVersion, note));
    this.markDirty();
    return artifact;
  }

  async setArtifactStatus(artifactId: string, status: ArtifactStatus, note?: string): Promise<LearningArtifact> {
    const artifact = this.transaction(() => this.artifacts.setStatus(artifactId, status, note));
    this.markDirty();
    return artifact;
  }

  // ---- experiments and journal -------------------------------------------------------------

  async putExperiment(experiment: Experiment): Promise<void> {
    this.transaction(() => this.experiments.put(experiment));
    this.markDirty();
  }

  async getExperiment(id: string): Promise<Experiment | undefined> {
    this.assertOpen();
    return this.experiments.get(id);
  }

  async listExperiments(): Promise<Experiment[]> {
    this.assertOpen();
    return this.experiments.list();
  }

  async appendJournal(entries: readonly JournalEntryInput[]): Promise<void> {
    if (entries.length === 0) return;
    this.transaction(() => {
      for (const e of entries) this.journal.append(e);
    });
    this.markDirty();
  }

  async readJournal(stream: string, options: { since?: number; kind?: string } = {}): Promise<JournalEntry[]> {
    this.assertOpen();
    return this.journal.read(stream, options);
  }

  // ---- errors ------------------------------------------------------------------------------

  async upsertErrorFingerprints(fingerprints: readonly ErrorFingerprint[]): Promise<void> {
    if (fingerprints.length === 0) return;
    this.assertOpen();
    await this.exclusive(async () => {
      // The example calls' links live beside the calls: sealed examples come back to the hot file.
      await this.segments.unseal(fingerprints.flatMap((f) => f.exampleCallIds));
      this.transaction(() => {
        for (const f of fingerprints) this.errors.put(f);
      });
    });
    this.markDirty();
  }

  async listErrorFingerprints(): Promise<ErrorFingerprint[]> {
    this.assertOpen();
    return this.errors.list();
  }

  // ---- llm cost ledger ---------------------------------------------------------------------

  async recordLlmUsage(records: readonly LlmUsageRecord[]): Promise<void> {
    if (records.length === 0) return;
    this.transaction(() => {
      for (const r of records) this.llmUsage.append(r);
    });
    this.markDirty();
  }

  async llmSpend(filter: LlmSpendFilter = {}): Promise<LlmSpend> {
    this.assertOpen();
    return this.llmUsage.spend(filter);
  }

  // ---- housekeeping ------------------------------------------------------------------------

  async applyRetention(policy: RetentionPolicy, now: number): Promise<RetentionResult> {
    this.assertOpen();
    const result = await this.exclusive(async () => {
      const cutoff = policy.transcriptDays !== undefined ? now - policy.transcriptDays * DAY_MS : undefined;
      const r = this.transaction(() => {
        const transcriptsDeleted = cutoff !== undefined ? this.transcripts.purgeBefore(cutoff, now) : 0;
        const journalEntriesDeleted = policy.journalDays !== undefined ? this.journal.expire(policy.journalDays, now) : 0;
        return { transcriptsDeleted, journalEntriesDeleted };
      });
      if (cutoff !== undefined) {
        if ((await this.transcripts.pruneArchives(cutoff)) > 0) this.markDirty();
        const sealed = await this.segments.purgeTranscripts(cutoff, now);
        if (sealed > 0) this.markDirty();
        r.transcriptsDeleted += sealed;
      }
      return r;
    });
    if (result.transcriptsDeleted || result.journalEntriesDeleted) {
      // Freed pages would otherwise stay in the file: sql.js saves every page it has.
      this.sql.exec('VACUUM');
      this.markDirty();
    }
    return result;
  }

  async exportBundle(): Promise<Uint8Array> {
    this.assertOpen();
    return exportStoreBundle(this.bundles, this.ports);
  }

  async importBundle(bundle: Uint8Array): Promise<BundleImportResult> {
    this.assertOpen();
    const result = await this.exclusive(() => importStoreBundle(this.bundles, this.ports, bundle));
    this.markDirty();
    return result;
  }

  async hashKeyId(): Promise<string | undefined> {
    this.assertOpen();
    const row = this.sql.rows("SELECT value FROM meta WHERE key = 'hashKeyId'")[0];
    return row ? String(row[0]) : undefined;
  }

  async recordHashKeyId(id: string): Promise<void> {
    this.assertOpen();
    if (this.sql.run("INSERT OR IGNORE INTO meta(key, value) VALUES ('hashKeyId', ?)", [id]) > 0) this.markDirty();
  }

  async stats(): Promise<StoreStats> {
    this.assertOpen();
    const counts = this.sql.rows('SELECT COUNT(*), COALESCE(SUM(event_count), 0) FROM calls')[0]!;
    const artifacts = this.artifacts.counts();
    const sealed = this.segments.totals();
    const stats: StoreStats = {
      schemaVersion: CURRENT_SCHEMA_VERSION,
      calls: Number(counts[0]) + sealed.calls,
      events: Number(counts[1]) + sealed.events,
      transcriptsRetained: this.transcripts.retainedCount() + sealed.transcripts,
      analyses: this.analyses.count() + sealed.analyses,
      patterns: this.patterns.count(),
      artifacts: artifacts.artifacts,
      artifactVersions: artifacts.versions,
      experiments: this.experiments.count(),
      errorFingerprints: this.errors.count(),
    };
    if (this.path !== undefined) {
      const st = await this.ports.fs.stat(this.path);
      if (st) stats.fileBytes = st.size;
      stats.lastSaveMs = this.lastSaveMs;
    }
    return stats;
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
    if (this.openIterations === 0) {
      const { emptiedArchives } = await this.exclusive(() => this.segments.seal(this.archives));
      this.transcripts.dropArchives(emptiedArchives);
    }
    await this.transcripts.archiveOld();
    this.dirty = false;
    const bytes = this.sql.export();
    // For the save record below (sha-256 runs at about 0.5 GB/s: ~40 ms for a 20 MB hot file).
    const digest = this.ports.hashing.sha256(bytes);
    try {
      await this.ports.fs.writeFileAtomic(this.path, bytes);
    } catch (err) {
      this.dirty = true;
      throw err;
    }
    this.onDisk = await this.ports.fs.stat(this.path);
    // Only now that the file is durable: a crash before this leaves the old record, which no longer
    // matches, so the next open checks the file in full. Losing the record costs time, never safety.
    try {
      await writeSaveRecord(this.ports, this.path, bytes.length, digest);
    } catch (err) {
      this.ports.logger.warn(`could not record the save of the learning store (the next open checks it in full): ${(err as Error).message}`, { path: this.path });
    }
    this.lastSaveMs = Math.max(0, this.ports.clock.now() - started);
    // The saved file no longer lists these archives: now their files can go.
    await this.transcripts.removeUnlisted();
    await this.segments.removeUnlisted();
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
          this.transcripts.closeAll();
          this.segments.closeAll();
          this.sql.close();
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
