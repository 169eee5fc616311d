import * as path from 'node:path';
import type { Event } from '../../engine/lifecycle';
import { Emitter } from '../../engine/lifecycle';
import type { EnginePorts } from '../../engine/ports';
import type { Redactor } from '../../engine/privacy';
import type { LearningStore } from '../../engine/store';
import type { ImportReport, ImportProgress } from '../../engine/ingest';
import type { Settings } from '../../shared/settings';
import type { LiveSession, LiveSessionOptions, Workspace } from '../../engine/workspace';
import type { ClaudeSettings, DeepAnalysisResult } from '../../engine/pipeline';
import type { AnalyzeSummary } from './analyzeStore';
import { toAnalyzeSummary } from './analyzeStore';
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
  private workspacePromise: { path: string; workspace: Workspace } | undefined;
  private readonly changed = new Emitter<void>();
  readonly onDidChange: Event<void> = this.changed.event;
  private readonly stateChanged = new Emitter<EngineState>();
  readonly onDidChangeState: Event<EngineState> = this.stateChanged.event;
  private _state: EngineState = 'idle';

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
    return this.isOpen || (await this.options.ports.fs.exists(this.storePath));
  }

  /** After a settings change: a store opened at another path is closed, the policy is re-read, views re-read. */
  async onSettingsChanged(): Promise<void> {
    if (this.workspacePromise !== undefined && this.workspacePromise.path !== this.storePath) await this.close();
    this.workspacePromise?.workspace.settingsChanged();
    this.changed.fire();
  }

  get isOpen(): boolean {
    return this.workspacePromise?.workspace.isOpen ?? false;
  }

  /**
   * The engine's workspace (src/engine/workspace.ts), built from this window's ports and settings
   * exactly as the CLI builds its own: same key, policy and retention rules.
   */
  private workspace(): Workspace {
    if (!this.workspacePromise) {
      const { createWorkspace } = loadEngine();
      const storePath = this.storePath;
      const workspace = createWorkspace({
        ports: this.options.ports,
        storePath,
        settings: () => {
          const s = this.options.settings();
          return {
            privacy: { allowlist: s['privacy.allowlist'], minScore: s['privacy.minScore'] },
            transcriptRetentionDays: s['privacy.transcriptRetentionDays'],
          };
        },
      });
      this.workspacePromise = { path: storePath, workspace };
      this.options.ports.logger.info(`learning store: ${storePath}`);
    }
    return this.workspacePromise.workspace;
  }

  /** The store behind the compliance gate (policy file and privacy settings), opened on first use. */
  store(): Promise<LearningStore> {
    return this.workspace().store();
  }

  redactor(): Promise<Redactor> {
    return this.workspace().redactor();
  }

  /**
   * A live session on this window's store, composed by the workspace exactly as `kaizen live` composes
   * its own (learned rules, redaction in the worker thread dist/liveRedactionWorker.js, the live client).
   */
  live(options: Omit<LiveSessionOptions, 'host'>): Promise<LiveSession> {
    return this.workspace().live({ ...options, host: loadEngine().nodeLiveHost });
  }

  /** The privacy policy in force (workspace file + settings), e.g. for the publishing gates. */
  policy(): ReturnType<Workspace['policy']> {
    return this.workspace().policy();
  }

  private setState(state: EngineState): void {
    this._state = state;
    this.stateChanged.fire(state);
  }

  async importFile(file: string, options: { signal?: AbortSignal; onProgress?: (p: ImportProgress) => void } = {}): Promise<ImportReport> {
    const workspace = this.workspace();
    await Promise.all([workspace.store(), workspace.redactor()]);
    this.setState('importing');
    try {
      const base = this.options.baseDir();
      const rel = path.relative(base, file);
      const sourceName = (rel && !rel.startsWith('..') ? rel : file).split(path.sep).join('/');
      return await workspace.importFile(file, { signal: options.signal, onProgress: options.onProgress, sourceName });
    } finally {
      this.setState('idle');
      this.changed.fire();
    }
  }

  async analyze(options: { signal?: AbortSignal; onProgress?: (calls: number) => void } = {}): Promise<AnalyzeSummary> {
    const workspace = this.workspace();
    await workspace.store();
    this.setState('analyzing');
    try {
      const summary = await workspace.analyze({
        signal: options.signal,
        onProgress: (p) => {
          if (p.phase === 'analyze') options.onProgress?.(p.done);
        },
      });
      return toAnalyzeSummary(summary);
    } finally {
      this.setState('idle');
      this.changed.fire();
    }
  }

  /** Deep analysis of the store (`kaizen deep-analyze`): with Claude settings, billed answers land in the store's cost ledger. */
  async deepAnalyze(claude: ClaudeSettings | undefined): Promise<DeepAnalysisResult> {
    const workspace = this.workspace();
    const [store, policy] = await Promise.all([workspace.store(), workspace.policy()]);
    const result = await loadEngine().deepAnalyze({ store, ports: this.options.ports, policy, claude });
    await store.save();
    return result;
  }

  /** Error fingerprints the store knows: the catalog's ids and their `code|stage|tool` form (the replay matches both). */
  async knownFingerprints(): Promise<string[]> {
    if (!(await this.hasStore())) return [];
    const store = await this.store();
    return (await store.listErrorFingerprints()).flatMap((f) => [f.fingerprint, ...(f.code ? [`${f.code}|${f.stage ?? ''}|${f.tool ?? ''}`] : [])]);
  }

  /** The store's avoidance rules (for the replay's `caughtBeforeError` check). */
  async avoidanceRules(): Promise<ReturnType<ReturnType<typeof loadEngine>['rulesFromArtifacts']>> {
    if (!(await this.hasStore())) return [];
    const store = await this.store();
    return loadEngine().rulesFromArtifacts(await store.listArtifacts({ kind: 'avoidance-rule' }));
  }

  async exportBundle(target: string): Promise<number> {
    const store = await this.store();
    const { signBundle } = loadEngine();
    // Signed with the workspace key, as `kaizen export` does.
    const bytes = signBundle(await store.exportBundle(), await loadEngine().workspaceHmacKey(this.options.ports), this.options.ports.hashing);
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
    const verification = verifyBundle(bytes, await loadEngine().workspaceHmacKey(this.options.ports), this.options.ports.hashing);
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
    const pending = this.workspacePromise;
    this.workspacePromise = undefined;
    await pending?.workspace.close();
  }

  dispose(): void {
    void this.close();
    this.changed.dispose();
    this.stateChanged.dispose();
  }
}
