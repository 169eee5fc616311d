import * as path from 'node:path';
import type { Event } from '../../engine/lifecycle';
import { Emitter } from '../../engine/lifecycle';
import type { EnginePorts } from '../../engine/ports';
import type { Redactor } from '../../engine/privacy/types';
import type { ComplianceValidator } from '../../engine/privacy/compliance';
import type { LearningStore } from '../../engine/store/learningStore';
import type { ImportReport, ImportProgress } from '../../engine/ingest/importer';
import type { Settings } from '../../shared/settings';
import { SecretKeys } from '../../shared/secretKeys';
import type { AnalyzeSummary } from './analyzeStore';
import { loadEngine } from './load';

export type EngineState = 'idle' | 'importing' | 'analyzing';

export interface EngineServiceOptions {
  ports: EnginePorts;
  settings: () => Settings;
  /** The first workspace folder, or extension global storage when no folder is open. */
  baseDir: () => string;
}

/**
 * The engine as the extension sees it: one learning store and one redactor per window, opened on
 * first use (sql.js and the redactor's lexicons load only then, so activation stays fast), and a
 * change event the views refresh on. All engine modules are imported lazily.
 */
export class EngineService {
  private storePromise: Promise<LearningStore> | undefined;
  private redactorPromise: Promise<Redactor> | undefined;
  private readonly changed = new Emitter<void>();
  readonly onDidChange: Event<void> = this.changed.event;
  private readonly stateChanged = new Emitter<EngineState>();
  readonly onDidChangeState: Event<EngineState> = this.stateChanged.event;
  private _state: EngineState = 'idle';
  private openedPath: string | undefined;
  private gateCache: { key: string; learned: ComplianceValidator; transcripts: ComplianceValidator } | undefined;

  constructor(private readonly options: EngineServiceOptions) {}

  get state(): EngineState {
    return this._state;
  }

  get storePath(): string {
    const configured = this.options.settings()['store.path'];
    return path.isAbsolute(configured) ? configured : path.join(this.options.baseDir(), configured);
  }

  /** Whether a store file exists yet (views show their empty state without creating one). */
  async hasStore(): Promise<boolean> {
    return this.storePromise !== undefined || (await this.options.ports.fs.exists(this.storePath));
  }

  /** After a settings change: a store opened at another path is closed, the redactor takes the new policy, views re-read. */
  async onSettingsChanged(): Promise<void> {
    this.redactorPromise = undefined;
    if (this.openedPath !== undefined && this.openedPath !== this.storePath) await this.close();
    this.changed.fire();
  }

  get isOpen(): boolean {
    return this.storePromise !== undefined;
  }

  store(): Promise<LearningStore> {
    if (!this.storePromise) {
      this.openedPath = this.storePath;
      const opening = (async () => {
        const { openSqlStore, withCompliance } = loadEngine();
        const raw = await openSqlStore({ path: this.storePath, ports: this.options.ports });
        // Every write and bundle passes the compliance gate, under the allowlist of the current settings.
        const learned: ComplianceValidator = { validate: (v, f) => this.gate().learned.validate(v, f), assertCompliant: (v, f) => this.gate().learned.assertCompliant(v, f) };
        const transcripts: ComplianceValidator = { validate: (v, f) => this.gate().transcripts.validate(v, f), assertCompliant: (v, f) => this.gate().transcripts.assertCompliant(v, f) };
        return withCompliance(raw, learned, { ports: this.options.ports, transcriptValidator: transcripts });
      })();
      this.storePromise = opening;
      opening.catch(() => {
        if (this.storePromise === opening) this.storePromise = undefined;
      });
    }
    return this.storePromise;
  }

  /** The compliance validators for the current privacy settings, rebuilt when they change. */
  private gate(): { learned: ComplianceValidator; transcripts: ComplianceValidator } {
    const s = this.options.settings();
    const key = JSON.stringify([s['privacy.allowlist'], s['privacy.minScore']]);
    if (this.gateCache?.key !== key) {
      const { createComplianceValidator, parsePolicy } = loadEngine();
      const policy = parsePolicy({ allowlist: s['privacy.allowlist'], minScore: s['privacy.minScore'] });
      this.gateCache = { key, learned: createComplianceValidator({ policy }), transcripts: createComplianceValidator({ policy, mode: 'residual' }) };
    }
    return this.gateCache;
  }

  redactor(): Promise<Redactor> {
    if (!this.redactorPromise) {
      const creating = (async () => {
        const { createRedactor, parsePolicy } = loadEngine();
        const s = this.options.settings();
        const policy = parsePolicy({ allowlist: s['privacy.allowlist'], minScore: s['privacy.minScore'] });
        return createRedactor({ hmacKey: await this.hmacKey(), hashing: this.options.ports.hashing, policy });
      })();
      this.redactorPromise = creating;
      creating.catch(() => {
        if (this.redactorPromise === creating) this.redactorPromise = undefined;
      });
    }
    return this.redactorPromise;
  }

  /** The per-workspace HMAC key (SecretStorage), created on first use; hashed identifiers join across imports under it. */
  private async hmacKey(): Promise<Uint8Array> {
    const { secrets, hashing } = this.options.ports;
    const existing = await secrets.get(SecretKeys.workspaceHmacKey);
    if (existing && /^[0-9a-f]{64}$/i.test(existing)) return Uint8Array.from(existing.match(/../g)!.map((h) => parseInt(h, 16)));
    const key = hashing.randomBytes(32);
    await secrets.set(SecretKeys.workspaceHmacKey, Array.from(key, (b) => b.toString(16).padStart(2, '0')).join(''));
    return key;
  }

  private setState(state: EngineState): void {
    this._state = state;
    this.stateChanged.fire(state);
  }

  async importFile(file: string, options: { signal?: AbortSignal; onProgress?: (p: ImportProgress) => void } = {}): Promise<ImportReport> {
    const { importFile } = loadEngine();
    const [store, redactor] = await Promise.all([this.store(), this.redactor()]);
    this.setState('importing');
    try {
      const base = this.options.baseDir();
      const rel = path.relative(base, file);
      const sourceName = (rel && !rel.startsWith('..') ? rel : file).split(path.sep).join('/');
      const report = await importFile(file, { ports: this.options.ports, store, redactor, signal: options.signal, onProgress: options.onProgress, sourceName });
      const days = this.options.settings()['privacy.transcriptRetentionDays'];
      if (days !== null) {
        const r = await store.applyRetention({ transcriptDays: days }, this.options.ports.clock.now());
        if (r.transcriptsDeleted > 0) this.options.ports.logger.info(`retention: deleted ${r.transcriptsDeleted} transcripts older than ${days} days`);
      }
      await store.save();
      return report;
    } finally {
      this.setState('idle');
      this.changed.fire();
    }
  }

  async analyze(options: { signal?: AbortSignal; onProgress?: (calls: number) => void } = {}): Promise<AnalyzeSummary> {
    const { analyzeWholeStore } = loadEngine();
    const store = await this.store();
    this.setState('analyzing');
    try {
      return await analyzeWholeStore(store, { ports: this.options.ports, ...options });
    } finally {
      this.setState('idle');
      this.changed.fire();
    }
  }

  /** Error fingerprints the store knows, as `code|stage|tool` (what the replay engine matches). */
  async knownFingerprints(): Promise<string[]> {
    if (!(await this.hasStore())) return [];
    const store = await this.store();
    return (await store.listErrorFingerprints()).filter((f) => f.code).map((f) => `${f.code}|${f.stage ?? ''}|${f.tool ?? ''}`);
  }

  async exportBundle(target: string): Promise<number> {
    const store = await this.store();
    const { signBundle } = loadEngine();
    // Signed with the workspace key, as `kaizen export` does.
    const bytes = signBundle(await store.exportBundle(), await this.hmacKey(), this.options.ports.hashing);
    await this.options.ports.fs.writeFileAtomic(target, bytes);
    return bytes.byteLength;
  }

  /**
   * Imports a bundle only when it is signed by this workspace's key, or the user accepted an unsigned /
   * unknown-key bundle (`trust`, asked by the command). A bundle this key signed that does not verify throws.
   */
  async importBundle(source: string, trust: { allowUnsigned?: boolean; trustUnknownKey?: boolean } = {}) {
    const { bundleTrustDecision, verifyBundle } = loadEngine();
    const bytes = await this.options.ports.fs.readFile(source);
    const verification = verifyBundle(bytes, await this.hmacKey(), this.options.ports.hashing);
    const decision = bundleTrustDecision(verification, trust);
    this.options.ports.logger.info(`import bundle ${source}: ${decision.message}`);
    if (!decision.accept) return { refused: verification.signed, message: decision.message } as const;
    const store = await this.store();
    const result = await store.importBundle(bytes);
    await store.save();
    this.changed.fire();
    return result;
  }

  /** Signals a change made elsewhere (e.g. a reloaded setting). */
  refresh(): void {
    this.changed.fire();
  }

  /** Closes the store (saving it) — e.g. when the store path setting changes. */
  async close(): Promise<void> {
    const pending = this.storePromise;
    this.storePromise = undefined;
    this.openedPath = undefined;
    if (pending) await (await pending.catch(() => undefined))?.close();
  }

  dispose(): void {
    void this.close();
    this.changed.dispose();
    this.stateChanged.dispose();
  }
}
