import type { Conversation } from '../model';
import type { EnginePorts } from '../ports';
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
} from '../store/learningStore';
// The bundle reader (not the store) decodes and checks a bundle without touching any store.
import { readBundle } from '../store/bundleIo';
import type { UnreadableRow } from '../store/rowGuard';
import type { ErrorFingerprint, Experiment, LearningArtifact, Pattern } from '../model';
import { PrivacyViolationError, createComplianceValidator } from './compliance';
import type { ComplianceFinding, ComplianceValidator } from './compliance';
import type { PrivacyPolicy } from './policy';

export interface ComplianceOptions {
  /** Needed to decode bundles (`importBundle`, `exportBundle`): their checksums go through `hashing`. */
  ports: EnginePorts;
  /** The workspace policy (allowlist, disabled types); the residual transcript check uses it too. */
  policy?: PrivacyPolicy;
  /**
   * The gate for transcripts (ingest and the transcripts inside exported/imported bundles). Default:
   * `createComplianceValidator({ policy, mode: 'residual' })`: only EMAIL, PHONE, CARD_NUMBER, SSN, IBAN and
   * IP_ADDRESS. Redacted transcripts keep words the redactor judged safe; re-judging them with the strict
   * validator would block legitimate text and double the ingest cost.
   */
  transcriptValidator?: ComplianceValidator;
}

/**
 * A learning store whose every write and every export passes the compliance validator first. A write
 * that still holds PII throws `PrivacyViolationError` (fields and types, never values) and stores
 * nothing of its batch; a bundle that holds PII is neither imported nor exported. Reads delegate as-is.
 *
 * Learned data (artifacts, patterns, analyses, journal payloads, error templates, experiments) is
 * checked by `validator` (normally strict); transcripts by the residual `transcriptValidator`.
 */
export function withCompliance(store: LearningStore, validator: ComplianceValidator, options: ComplianceOptions): LearningStore {
  return new CompliantLearningStore(store, validator, options.transcriptValidator ?? createComplianceValidator({ policy: options.policy, mode: 'residual' }), options.ports);
}

class CompliantLearningStore implements LearningStore {
  constructor(
    private readonly inner: LearningStore,
    private readonly validator: ComplianceValidator,
    private readonly transcripts: ComplianceValidator,
    private readonly ports: EnginePorts,
  ) {}

  // ---- writes: checked -------------------------------------------------------------------------
  async putConversations(conversations: readonly Conversation[]): Promise<PutConversationsResult> {
    const findings: ComplianceFinding[] = [];
    for (const c of conversations) findings.push(...this.transcripts.validate(c.events, `call ${c.callId}.events`).findings);
    if (findings.length) throw new PrivacyViolationError(findings);
    return this.inner.putConversations(conversations);
  }

  async putCallAnalyses(analyses: readonly CallAnalysisRecord[]): Promise<void> {
    const findings: ComplianceFinding[] = [];
    for (const a of analyses) findings.push(...this.validator.validate(a, `analysis ${a.callId}`).findings);
    if (findings.length) throw new PrivacyViolationError(findings);
    return this.inner.putCallAnalyses(analyses);
  }

  async replacePatterns(patterns: readonly Pattern[]): Promise<void> {
    const findings: ComplianceFinding[] = [];
    for (const p of patterns) findings.push(...this.validator.validate(p, `pattern ${p.id}`).findings);
    if (findings.length) throw new PrivacyViolationError(findings);
    return this.inner.replacePatterns(patterns);
  }

  async saveArtifact(input: SaveArtifactInput): Promise<LearningArtifact> {
    this.validator.assertCompliant({ payload: input.payload, title: input.title, note: input.note }, `artifact ${input.artifactId ?? '(new)'}`);
    return this.inner.saveArtifact(input);
  }

  async rollbackArtifact(artifactId: string, toVersion: number, note?: string): Promise<LearningArtifact> {
    if (note !== undefined) this.validator.assertCompliant({ note }, `artifact ${artifactId}`);
    return this.inner.rollbackArtifact(artifactId, toVersion, note);
  }

  async setArtifactStatus(artifactId: string, status: LearningArtifact['status'], note?: string): Promise<LearningArtifact> {
    if (note !== undefined) this.validator.assertCompliant({ note }, `artifact ${artifactId}`);
    return this.inner.setArtifactStatus(artifactId, status, note);
  }

  async putExperiment(experiment: Experiment): Promise<void> {
    this.validator.assertCompliant(experiment, `experiment ${experiment.id}`);
    return this.inner.putExperiment(experiment);
  }

  async appendJournal(entries: readonly JournalEntryInput[]): Promise<void> {
    const findings: ComplianceFinding[] = [];
    entries.forEach((e, i) => findings.push(...this.validator.validate(e.payload, `journal ${e.stream}[${i}].payload`).findings));
    if (findings.length) throw new PrivacyViolationError(findings);
    return this.inner.appendJournal(entries);
  }

  async upsertErrorFingerprints(fingerprints: readonly ErrorFingerprint[]): Promise<void> {
    const findings: ComplianceFinding[] = [];
    for (const f of fingerprints) findings.push(...this.validator.validate(f, `errorFingerprint ${f.fingerprint}`).findings);
    if (findings.length) throw new PrivacyViolationError(findings);
    return this.inner.upsertErrorFingerprints(fingerprints);
  }

  /** A bundle from elsewhere is shared data: it is decoded and checked whole before anything is merged. */
  async importBundle(bundle: Uint8Array): Promise<BundleImportResult> {
    this.checkBundle(bundle);
    return this.inner.importBundle(bundle);
  }

  /** What leaves the machine is checked after it is written and before it is handed out. */
  async exportBundle(): Promise<Uint8Array> {
    const bytes = await this.inner.exportBundle();
    this.checkBundle(bytes);
    return bytes;
  }

  private checkBundle(bytes: Uint8Array): void {
    // Throws BundleError for a damaged bundle, before the store is touched.
    const { records } = readBundle(bytes, this.ports);
    const findings: ComplianceFinding[] = [];
    const learned = (value: unknown, field: string) => findings.push(...this.validator.validate(value, field).findings);
    for (const c of records.calls) if (c.events) findings.push(...this.transcripts.validate(c.events, `bundle call ${c.callId}.events`).findings);
    for (const a of records.analyses) learned(a, `bundle analysis ${a.callId}`);
    for (const p of records.patterns) learned(p, `bundle pattern ${p.id}`);
    for (const a of records.artifacts) learned({ payload: a.payload, title: a.title, note: a.note }, `bundle artifact ${a.artifactId} v${a.version}`);
    for (const e of records.experiments) learned(e, `bundle experiment ${e.id}`);
    records.journal.forEach((j) => learned(j.payload, `bundle journal ${j.stream}#${j.seq}.payload`));
    for (const f of records.errorFingerprints) learned(f, `bundle errorFingerprint ${f.fingerprint}`);
    if (findings.length) throw new PrivacyViolationError(findings);
  }

  // ---- reads and housekeeping: delegated -------------------------------------------------------
  getConversation(callId: string): Promise<Conversation | undefined> {
    return this.inner.getConversation(callId);
  }
  storedCallIds(callIds: readonly string[]): Promise<Set<string>> {
    return this.inner.storedCallIds(callIds);
  }
  listCalls(filter?: CallFilter): Promise<CallSummary[]> {
    return this.inner.listCalls(filter);
  }
  countCalls(filter?: CallFilter): Promise<number> {
    return this.inner.countCalls(filter);
  }
  iterateConversations(filter?: CallFilter): AsyncIterable<Conversation> {
    return this.inner.iterateConversations(filter);
  }
  getCallAnalysis(callId: string): Promise<CallAnalysisRecord | undefined> {
    return this.inner.getCallAnalysis(callId);
  }
  listPatterns(filter?: PatternFilter): Promise<Pattern[]> {
    return this.inner.listPatterns(filter);
  }
  getArtifact(artifactId: string, version?: number): Promise<LearningArtifact | undefined> {
    return this.inner.getArtifact(artifactId, version);
  }
  artifactHistory(artifactId: string): Promise<LearningArtifact[]> {
    return this.inner.artifactHistory(artifactId);
  }
  listArtifacts(filter?: ArtifactFilter): Promise<LearningArtifact[]> {
    return this.inner.listArtifacts(filter);
  }
  getExperiment(id: string): Promise<Experiment | undefined> {
    return this.inner.getExperiment(id);
  }
  listExperiments(): Promise<Experiment[]> {
    return this.inner.listExperiments();
  }
  readJournal(stream: string, options?: { since?: number; kind?: string }): Promise<JournalEntry[]> {
    return this.inner.readJournal(stream, options);
  }
  listErrorFingerprints(): Promise<ErrorFingerprint[]> {
    return this.inner.listErrorFingerprints();
  }

  hashKeyId(): Promise<string | undefined> {
    return this.inner.hashKeyId();
  }

  recordHashKeyId(id: string): Promise<void> {
    return this.inner.recordHashKeyId(id);
  }
  applyRetention(policy: RetentionPolicy, now: number): Promise<RetentionResult> {
    return this.inner.applyRetention(policy, now);
  }
  /** Token counts, model names and prices only: nothing a caller said, so nothing to check. */
  recordLlmUsage(records: readonly LlmUsageRecord[]): Promise<void> {
    return this.inner.recordLlmUsage(records);
  }
  llmSpend(filter?: LlmSpendFilter): Promise<LlmSpend> {
    return this.inner.llmSpend(filter);
  }
  unreadableRows(): UnreadableRow[] {
    return this.inner.unreadableRows?.() ?? [];
  }

  stats(): Promise<StoreStats> {
    return this.inner.stats();
  }
  save(): Promise<void> {
    return this.inner.save();
  }
  close(): Promise<void> {
    return this.inner.close();
  }
  dispose(): void {
    this.inner.dispose();
  }
}
