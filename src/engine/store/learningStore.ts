import type { Disposable } from '../lifecycle';
import type { CallConflict } from './callMerge';
import type { UnreadableRow } from './rowGuard';
import type {
  ArtifactPayload,
  ArtifactStatus,
  CallOutcome,
  CallSource,
  Conversation,
  ErrorFingerprint,
  Experiment,
  LearningArtifact,
  Pattern,
} from '../model';

/**
 * The learning store's contract. The embedded implementation is sql.js (sqlStore.ts); a team hub can
 * put a server database behind the same interface. Every method that takes data trusts it: callers
 * parse at the edges (ingest, bundle import, CLI) before they get here.
 */
export interface LearningStore extends Disposable {
  // ---- calls -------------------------------------------------------------------------------
  /**
   * Stores redacted conversations. Events already stored (same eventId within the call) are skipped,
   * so importing a file twice changes nothing. All-or-nothing per batch.
   */
  putConversations(conversations: readonly Conversation[]): Promise<PutConversationsResult>;
  getConversation(callId: string): Promise<Conversation | undefined>;
  /** Which of these calls the store holds (a key probe, nothing decoded): an import redacts those again with the stored part. */
  storedCallIds(callIds: readonly string[]): Promise<Set<string>>;
  listCalls(filter?: CallFilter): Promise<CallSummary[]>;
  countCalls(filter?: CallFilter): Promise<number>;
  /** Streams conversations in start-time order without holding them all. */
  iterateConversations(filter?: CallFilter): AsyncIterable<Conversation>;

  // ---- analysis results --------------------------------------------------------------------
  putCallAnalyses(analyses: readonly CallAnalysisRecord[]): Promise<void>;
  getCallAnalysis(callId: string): Promise<CallAnalysisRecord | undefined>;
  /** Replaces the current pattern set (patterns are recomputed from all calls). */
  replacePatterns(patterns: readonly Pattern[]): Promise<void>;
  listPatterns(filter?: PatternFilter): Promise<Pattern[]>;

  // ---- versioned artifacts -----------------------------------------------------------------
  /** Writes a new version (version 1 when `artifactId` is new). Never edits a stored version. */
  saveArtifact(input: SaveArtifactInput): Promise<LearningArtifact>;
  getArtifact(artifactId: string, version?: number): Promise<LearningArtifact | undefined>;
  artifactHistory(artifactId: string): Promise<LearningArtifact[]>;
  listArtifacts(filter?: ArtifactFilter): Promise<LearningArtifact[]>;
  /** A new version whose payload is that of `toVersion`; history is kept. */
  rollbackArtifact(artifactId: string, toVersion: number, note?: string): Promise<LearningArtifact>;
  setArtifactStatus(artifactId: string, status: ArtifactStatus, note?: string): Promise<LearningArtifact>;

  // ---- experiments and their journal -------------------------------------------------------
  putExperiment(experiment: Experiment): Promise<void>;
  getExperiment(id: string): Promise<Experiment | undefined>;
  listExperiments(): Promise<Experiment[]>;
  /** Append-only journal: decisions, transitions, exposures. Streams are free-form names. */
  appendJournal(entries: readonly JournalEntryInput[]): Promise<void>;
  /** Entries of `stream` in seq order; `since` is a seq (exclusive), for tailing. */
  readJournal(stream: string, options?: { since?: number; kind?: string }): Promise<JournalEntry[]>;

  // ---- errors ------------------------------------------------------------------------------
  upsertErrorFingerprints(fingerprints: readonly ErrorFingerprint[]): Promise<void>;
  listErrorFingerprints(): Promise<ErrorFingerprint[]>;

  // ---- identity ----------------------------------------------------------------------------
  /**
   * The id of the HMAC key this store's identifiers were hashed under (a keyed digest, never the key),
   * once a host has used one; hosts with another key must not write hashes that would never join.
   */
  hashKeyId(): Promise<string | undefined>;
  /** Records the id on first use; a store keeps the first id it was given. */
  recordHashKeyId(id: string): Promise<void>;

  // ---- llm cost ledger ---------------------------------------------------------------------
  /** Appends billed Claude answers to the cost ledger (`llm_usage`); rows are never edited. */
  recordLlmUsage(records: readonly LlmUsageRecord[]): Promise<void>;
  /** What the ledger holds in total (and per model), for ROI and `kaizen deep-analyze`. */
  llmSpend(filter?: LlmSpendFilter): Promise<LlmSpend>;

  // ---- housekeeping ------------------------------------------------------------------------
  /** Deletes transcripts older than the policy allows; aggregates (analyses, patterns, artifacts) stay. */
  applyRetention(policy: RetentionPolicy, now: number): Promise<RetentionResult>;
  exportBundle(): Promise<Uint8Array>;
  importBundle(bundle: Uint8Array): Promise<BundleImportResult>;
  stats(): Promise<StoreStats>;
  /**
   * Stored rows readers skipped since the store was opened because they cannot be decoded (see
   * rowGuard.ts): listed by `calls`, `export` and `analyze`; `kaizen doctor` finds and quarantines them.
   */
  unreadableRows?(): UnreadableRow[];
  /** Persists now (atomically). Writes are also saved on a debounce and on dispose. */
  save(): Promise<void>;
  close(): Promise<void>;
}

export interface PutConversationsResult {
  callsInserted: number;
  callsMerged: number;
  /** Calls already stored that gained no new event (a re-import). */
  callsUnchanged: number;
  eventsInserted: number;
  eventsDuplicate: number;
  /** Stored events replaced by a further-redacted version (a name learned in a later batch of the call). */
  eventsRedacted?: number;
  /** Calls left as stored because the incoming version changes a stored event (see callMerge.ts). */
  conflicts?: CallConflict[];
}

export type OutcomeLabel = 'success' | 'failure' | 'unknown';

export interface CallFilter {
  agentId?: string;
  intent?: string;
  outcome?: OutcomeLabel;
  sourceFile?: string;
  /** Calls linked to this error fingerprint (by analyses' `errorFingerprints` or a fingerprint's examples). */
  fingerprint?: string;
  /** Inclusive lower bound on `startedAt` (ms). */
  since?: number;
  /** Exclusive upper bound on `startedAt` (ms). */
  until?: number;
  limit?: number;
  offset?: number;
}

export interface CallSummary {
  callId: string;
  agentId: string;
  startedAt: number;
  endedAt?: number;
  source?: CallSource;
  outcome?: CallOutcome;
  turnCount: number;
  eventCount: number;
  /** `agent.error` events in the call. */
  errorCount: number;
  /** False once retention deleted the transcript; the fields above stay. */
  hasTranscript: boolean;
  intent?: string;
  outcomeLabel?: OutcomeLabel;
}

export interface CallSignalRecord {
  kind: string;
  polarity: 'success' | 'failure';
  turnIndex: number;
  strength: number;
}

export interface CallAnalysisRecord {
  callId: string;
  agentId: string;
  intent: string;
  intentConfidence: number;
  outcome: { label: OutcomeLabel; probability: number };
  signals: CallSignalRecord[];
  /** Error fingerprints seen in the call; they make the call findable with `CallFilter.fingerprint`. */
  errorFingerprints?: string[];
  /** Anything else the analyzer wants to keep per call (fragments, strategies used...). */
  detail?: unknown;
  analyzedAt: number;
}

/** One billed answer of the Claude API (a message, or one result of a batch). */
export interface LlmUsageRecord {
  ts: number;
  /** Which feature asked (`deep-analyze`, …). */
  purpose: string;
  model: string;
  /** The message id the API returned. */
  requestId?: string;
  /** Billed through Message Batches (half price). */
  batch: boolean;
  inputTokens: number;
  outputTokens: number;
  cacheCreationInputTokens: number;
  cacheReadInputTokens: number;
  costUsd: number;
}

export interface LlmSpendFilter {
  /** Inclusive lower bound on `ts` (ms). */
  since?: number;
  /** Exclusive upper bound on `ts` (ms). */
  until?: number;
  purpose?: string;
}

export interface LlmSpend {
  requests: number;
  inputTokens: number;
  outputTokens: number;
  cacheCreationInputTokens: number;
  cacheReadInputTokens: number;
  costUsd: number;
  byModel: Record<string, { requests: number; costUsd: number }>;
}

export interface PatternFilter {
  intent?: string;
  strategy?: string;
  minSupport?: number;
  sortBy?: 'lift' | 'confidence' | 'support' | 'successRate';
  limit?: number;
}

export interface SaveArtifactInput {
  artifactId?: string;
  payload: ArtifactPayload;
  status?: ArtifactStatus;
  title?: string;
  agentId?: string;
  note?: string;
}

export interface ArtifactFilter {
  kind?: ArtifactPayload['kind'];
  status?: ArtifactStatus;
  agentId?: string;
  /** Only the newest version of each artifact (default true). */
  latestOnly?: boolean;
}

export interface JournalEntryInput {
  stream: string;
  kind: string;
  ts: number;
  payload: unknown;
}
export interface JournalEntry extends JournalEntryInput {
  seq: number;
}

export interface RetentionPolicy {
  /** Keep redacted transcripts (events) this many days; `undefined` keeps them forever. */
  transcriptDays?: number;
  /** Keep journal entries this many days; `undefined` keeps them forever. */
  journalDays?: number;
}

export interface RetentionResult {
  transcriptsDeleted: number;
  journalEntriesDeleted: number;
}

export interface BundleImportResult {
  fromSchemaVersion: number;
  callsInserted: number;
  callsMerged: number;
  artifactVersionsInserted: number;
  artifactVersionsSkipped: number;
  patternsImported: number;
  experimentsImported: number;
  journalEntriesInserted: number;
  analysesImported: number;
  errorFingerprintsImported: number;
  /** Same (artifactId, version) with a different content hash: reported, the stored version is kept. */
  conflicts: BundleConflict[];
}

export type BundleConflict = ArtifactVersionConflict | ({ kind: 'call' } & CallConflict);

export interface ArtifactVersionConflict {
  kind: 'artifact-version';
  artifactId: string;
  version: number;
  storedHash: string;
  bundleHash: string;
}

export interface StoreStats {
  schemaVersion: number;
  calls: number;
  events: number;
  transcriptsRetained: number;
  analyses: number;
  patterns: number;
  artifacts: number;
  artifactVersions: number;
  experiments: number;
  errorFingerprints: number;
  fileBytes?: number;
  /** How long the last save took (export + atomic write), ms; saves grow with the file under sql.js. */
  lastSaveMs?: number;
}

/** Thrown for a file that is not a Kaizen store, is corrupt, or is newer than this build. Never overwritten. */
export class StoreFileError extends Error {
  constructor(
    message: string,
    readonly path: string,
    readonly reason: 'corrupt' | 'foreign' | 'too-new' | 'locked',
  ) {
    super(message);
    this.name = 'StoreFileError';
  }
}

/** Thrown by `importBundle` for a bundle that is damaged, tampered with or not a Kaizen bundle. Nothing is imported. */
export class BundleError extends Error {
  constructor(
    message: string,
    readonly reason: 'format' | 'checksum' | 'record' | 'too-new' | 'signature',
    readonly section?: string,
    readonly record?: number,
  ) {
    super(message);
    this.name = 'BundleError';
  }
}
