/**
 * The engine's one composition root: from the host's ports and settings it builds the learning
 * store behind the compliance gate, the redactor, the workspace HMAC key, the privacy policy and
 * retention. The CLI and the VS Code extension supply ports (files, secrets, settings) and nothing
 * else, so the rules below hold the same in both hosts.
 */
import { SecretKeys } from '../shared/secretKeys';
import type { EnginePorts, Logger, SecretStore } from './ports';
import { importFile } from './ingest';
import type { ImportOptions, ImportReport } from './ingest';
import { createComplianceValidator, createRedactor, resolvePolicy, withCompliance } from './privacy';
import type { ComplianceValidator, KaizenRedactor, PrivacyPolicy, PrivacySettings } from './privacy';
import { readFingerprintRules } from './errors';
import { analyzeStore, createLiveLearning } from './pipeline';
import type { AnalyzeStoreOptions, AnalyzeSummary, LiveLearning, SnapshotAnalyzer } from './pipeline';
import type { Conversation } from './model';
import { CorrectionDecider, LiveClient } from './realtime';
import type { CorrectionRule, LiveCallBatch, LiveClientOptions, LiveSummary, LiveTransport, RandomSource, Timers } from './realtime';
import { openSqlStore } from './store';
import type { LearningStore, OpenSqlStoreOptions, RetentionResult } from './store';
import { joinPath, splitPath } from './store/paths';

/** The workspace privacy policy file, beside the store: `.kaizen/privacy.json`. */
export const POLICY_FILE = 'privacy.json';

/** User error-fingerprint rules, beside the store: `.kaizen/fingerprints.json` (errors/rules.ts). */
export const FINGERPRINT_RULES_FILE = 'fingerprints.json';

/** The workspace key is not what Kaizen writes (64 hex characters); it is never silently replaced. */
export class WorkspaceKeyError extends Error {
  readonly reason = 'invalid-key';
  constructor(message: string) {
    super(message);
    this.name = 'WorkspaceKeyError';
  }
}

/**
 * The workspace HMAC key when there is one; a malformed secret throws `WorkspaceKeyError`, because
 * identifiers hashed under the old key could no longer be joined with new ones.
 */
export async function readWorkspaceKey(secrets: SecretStore): Promise<Uint8Array | undefined> {
  const hex = await secrets.get(SecretKeys.workspaceHmacKey);
  if (hex === undefined || hex === '') return undefined;
  if (!/^[0-9a-f]{64}$/i.test(hex)) {
    throw new WorkspaceKeyError(
      `the secret ${SecretKeys.workspaceHmacKey} is not 64 hex characters; restore it from a backup (calls hashed under it cannot be joined without it)`,
    );
  }
  return Uint8Array.from(hex.match(/../g)!, (h) => parseInt(h, 16));
}

/** The workspace HMAC key, created (32 random bytes) on first use; hashed identifiers join across imports under it. */
export async function workspaceHmacKey(ports: Pick<EnginePorts, 'secrets' | 'hashing'>): Promise<Uint8Array> {
  const existing = await readWorkspaceKey(ports.secrets);
  if (existing) return existing;
  const key = ports.hashing.randomBytes(32);
  await ports.secrets.set(SecretKeys.workspaceHmacKey, Array.from(key, (b) => b.toString(16).padStart(2, '0')).join(''));
  return key;
}

/** A keyed digest naming the HMAC key (never the key itself): equal ids, equal keys. */
export function hashKeyId(key: Uint8Array, hashing: Pick<EnginePorts['hashing'], 'hmacSha256'>): string {
  return hashing.hmacSha256(key, 'kaizen/hash-key-id/1').slice(0, 16);
}

/**
 * Binds a store to the key its identifiers are hashed under. The CLI keeps its key in
 * `.kaizen/secrets.json` and VS Code in SecretStorage; two hosts with different keys would hash one
 * caller to two ids that never join, so the second key is refused with the way to share the first.
 */
export async function bindHashKey(store: LearningStore, key: Uint8Array, hashing: Pick<EnginePorts['hashing'], 'hmacSha256'>): Promise<void> {
  const id = hashKeyId(key, hashing);
  const recorded = await store.hashKeyId();
  if (recorded === undefined) return store.recordHashKeyId(id);
  if (recorded !== id) {
    throw new WorkspaceKeyError(
      `this store's identifiers were hashed under key ${recorded}, and this host's key is ${id}: new ids would never join the stored ones. ` +
        `Use the same key on every host: in VS Code run "Kaizen: Use the CLI's Workspace Key" (reads .kaizen/secrets.json), ` +
        `or copy the secret ${SecretKeys.workspaceHmacKey} of the host that created the store into .kaizen/secrets.json for the CLI.`,
    );
  }
}

/** What a host knows from its settings (VS Code `kaizen.*`, CLI flags). Read again on every use. */
export interface WorkspaceSettings {
  privacy?: PrivacySettings;
  /** Transcripts older than this many days are deleted after each import; `null`/absent keeps them. */
  transcriptRetentionDays?: number | null;
}

export interface WorkspaceOptions {
  ports: EnginePorts;
  /** Absolute path of the store file; the policy file is read from the same folder. */
  storePath: string;
  settings?: () => WorkspaceSettings;
  /** How a file is named in error messages (the CLI names it relative to its working folder). */
  describePath?: (path: string) => string;
  /** Where policy warnings go (a field the policy may not change, ignored); default `ports.logger.warn`. */
  onPolicyWarning?: (line: string) => void;
  /** Passed to `openSqlStore` (debounce, codec, archive policy, lock holder). */
  storeOptions?: Omit<OpenSqlStoreOptions, 'path' | 'ports'>;
}

/** What a host gives a live session besides its engine ports: sockets, timers and (optionally) a redaction thread. */
export interface LiveHost {
  /** The transport for an endpoint URL (WebSocket for ws://, SSE for http://); throws a message naming the fix. */
  transportFor(url: string): LiveTransport;
  timers: Timers;
  random: RandomSource;
  /**
   * A redaction thread built with the same key and policy (Node: `src/node/liveRedaction.ts`), so the thread
   * that handles frames never redacts. Without it the client redacts on its own thread, a slice at a time.
   */
  startRedaction?(options: { hmacKey: Uint8Array; policy: PrivacyPolicy }): { redactLive(batches: LiveCallBatch[]): Promise<Conversation[]>; close(): Promise<void> };
  /**
   * A re-analysis thread for `learn` (Node: `src/node/liveRelearn.ts`) behind a gate with the same policy, so
   * vocabulary induction, analysis and scoring never hold up frames. Without it the client's thread re-analyses,
   * giving way to frames every few ms.
   */
  startRelearning?(options: { policy: PrivacyPolicy }): SnapshotAnalyzer & { close(): Promise<void> };
}

export interface LiveSessionOptions extends Pick<LiveClientOptions, 'untilEnd' | 'resumeFrom' | 'onStatus' | 'onStored' | 'onCorrection' | 'onCallEnded'> {
  url: string;
  host: LiveHost;
  /** Rules the user wrote (`--rules`, `.kaizen/rules.json`); they stay first, whatever is learned. */
  userRules?: readonly CorrectionRule[];
  /** `kaizen live --learn`: relearn from the store as calls end (tool orders from drafts too). */
  learn?: boolean;
  maxCorrectionsPerCall?: number;
  seeds?: AnalyzeStoreOptions['seeds'];
  /** Where the client's warnings go; default the host's `ports.logger`. */
  logger?: Logger;
  /** Rules were (re)loaded: at start, and after each relearning with `learn`. */
  onRelearned?(info: { rules: number; patternRules: number; avoidanceRules: number; calls: number }): void;
  onLearnError?(err: unknown): void;
}

/** A live session built by the workspace: one composition for the CLI (`kaizen live`, the demo) and the extension. */
export interface LiveSession {
  readonly client: LiveClient;
  readonly decider: CorrectionDecider;
  readonly learning: LiveLearning;
  /** Runs the client until it ends or is stopped, then closes the redaction thread and waits for relearning. */
  run(): Promise<LiveSummary>;
  stop(): Promise<LiveSummary>;
}

export interface Workspace {
  readonly storePath: string;
  readonly isOpen: boolean;
  /** The privacy policy: the workspace file and the host settings through `resolvePolicy`. */
  policy(): Promise<PrivacyPolicy>;
  /** The store behind the compliance gate, opened on first use; every write and bundle is validated first. */
  store(): Promise<LearningStore>;
  /** The redactor under the current policy and the workspace key (created on first use). */
  redactor(): Promise<KaizenRedactor>;
  /** Imports one file (redacted, gated, saved by the importer), then applies retention from the settings and saves that. */
  importFile(file: string, options?: Omit<ImportOptions, 'ports' | 'store' | 'redactor'>): Promise<ImportReport>;
  /** Analyzes every stored call and synthesizes knowledge (the pipeline), then saves at once. */
  analyze(options?: Omit<AnalyzeStoreOptions, 'ports'>): Promise<AnalyzeSummary>;
  /**
   * A live session on this store: the decider with the user's rules and what the store learned (avoidance
   * rules, patterns in the labelling of its last analysis, tool orders), the redactor (in the host's
   * redaction thread when it has one) and the live client; with `learn`, relearning as calls end.
   */
  live(options: LiveSessionOptions): Promise<LiveSession>;
  /** Deletes transcripts older than the retention setting; `undefined` when none is set. */
  applyRetention(): Promise<RetentionResult | undefined>;
  /** The policy file or settings changed: the next write, redaction and bundle use the new policy. */
  settingsChanged(): void;
  /** Saves and closes the store (when open). */
  close(): Promise<void>;
}

/** Builds a workspace; nothing is opened or read until first use. */
export function createWorkspace(options: WorkspaceOptions): Workspace {
  const { ports, storePath } = options;
  const settings = () => options.settings?.() ?? {};
  const describe = options.describePath ?? ((p: string) => p);
  const policyFile = joinPath(splitPath(storePath).dir, POLICY_FILE);

  let fileText: Promise<string | undefined> | undefined;
  let current: { key: string; policy: PrivacyPolicy; learned: ComplianceValidator; transcripts: ComplianceValidator } | undefined;
  let redactorCache: { key: string; redactor: Promise<KaizenRedactor> } | undefined;
  let storePromise: Promise<LearningStore> | undefined;
  /** The same store without the gate: only for writes an identical gate already passed (a `--learn` worker's). */
  let ungated: LearningStore | undefined;

  const readPolicyFile = () =>
    (fileText ??= (async () => ((await ports.fs.exists(policyFile)) ? new TextDecoder().decode(await ports.fs.readFile(policyFile)) : undefined))());

  async function policyState() {
    const text = await readPolicyFile();
    const privacy = settings().privacy;
    const key = JSON.stringify([text, privacy?.allowlist, privacy?.minScore]);
    if (current?.key !== key) {
      const { policy, warnings } = resolvePolicy({ file: text === undefined ? undefined : { name: describe(policyFile), text }, settings: privacy });
      for (const line of warnings) (options.onPolicyWarning ?? ((l: string) => ports.logger.warn(l)))(line);
      current = { key, policy, learned: createComplianceValidator({ policy }), transcripts: createComplianceValidator({ policy, mode: 'residual' }) };
    }
    return current;
  }

  // The gate delegates to the validators of the policy in force, so a changed policy applies to the next write.
  const gate = (kind: 'learned' | 'transcripts'): ComplianceValidator => ({
    validate: (value, field) => current![kind].validate(value, field),
    assertCompliant: (value, field) => current![kind].assertCompliant(value, field),
  });

  const workspace: Workspace = {
    storePath,
    get isOpen() {
      return storePromise !== undefined;
    },
    policy: async () => (await policyState()).policy,
    store() {
      if (!storePromise) {
        const opening = (async () => {
          await policyState();
          const raw = await openSqlStore({ ...options.storeOptions, path: storePath, ports });
          ungated = raw;
          return withCompliance(raw, gate('learned'), { ports, transcriptValidator: gate('transcripts') });
        })();
        storePromise = opening;
        opening.catch(() => {
          if (storePromise === opening) storePromise = undefined;
        });
      }
      return storePromise;
    },
    async redactor() {
      const state = await policyState();
      if (redactorCache?.key !== state.key) {
        const creating = (async () => {
          const hmacKey = await workspaceHmacKey(ports);
          await bindHashKey(await workspace.store(), hmacKey, ports.hashing);
          return createRedactor({ hmacKey, hashing: ports.hashing, policy: state.policy });
        })();
        redactorCache = { key: state.key, redactor: creating };
        creating.catch(() => {
          if (redactorCache?.redactor === creating) redactorCache = undefined;
        });
      }
      return redactorCache.redactor;
    },
    async importFile(file, importOptions = {}) {
      const [store, redactor] = await Promise.all([workspace.store(), workspace.redactor()]);
      await policyState();
      // The importer saves what it stored (a failed save is in its report, and retention then waits).
      const report = await importFile(file, { ...importOptions, ports, store, redactor });
      if (report.saveError !== undefined) return report;
      const retention = await workspace.applyRetention();
      if (retention && retention.transcriptsDeleted + retention.journalEntriesDeleted > 0) await store.save();
      return report;
    },
    async analyze(analyzeOptions = {}) {
      const store = await workspace.store();
      // A bad rules file stops the analysis with the field named (readFingerprintRules), before anything is written.
      const rulesFile = joinPath(splitPath(storePath).dir, FINGERPRINT_RULES_FILE);
      const fingerprintRules =
        analyzeOptions.fingerprintRules ??
        ((await ports.fs.exists(rulesFile)) ? readFingerprintRules(parseJsonFile(describe(rulesFile), new TextDecoder().decode(await ports.fs.readFile(rulesFile)))).rules : undefined);
      const summary = await analyzeStore(store, { ...analyzeOptions, ports, ...(fingerprintRules ? { fingerprintRules } : {}) });
      // Saved at once, so a crash right after keeps the result.
      await store.save();
      return summary;
    },
    async live(live) {
      const transport = live.host.transportFor(live.url);
      const [store, redactor, policy] = await Promise.all([workspace.store(), workspace.redactor(), workspace.policy()]);
      const user = live.userRules ?? [];
      const decider = new CorrectionDecider({ rules: user, clock: ports.clock, maxPerCall: live.maxCorrectionsPerCall });
      const relearning = live.learn ? live.host.startRelearning?.({ policy }) : undefined;
      const learning = createLiveLearning({
        store,
        decider,
        ports,
        userRules: user,
        includeDrafts: Boolean(live.learn),
        seeds: live.seeds,
        // The client's thread reads the calls and applies the writes a slice at a time; the host's thread analyses.
        timers: live.host.timers,
        analyzer: relearning,
        // The worker's writes passed a gate built from this same policy there; checking each again here would
        // cost this thread more than the analysis did (the strict scan of every call's analysis).
        ...(relearning && ungated ? { analyzedWritesStore: ungated } : {}),
        onRelearned: live.onRelearned,
        onError: live.onLearnError,
      });
      await learning.loadLearned();
      const redaction = live.host.startRedaction?.({ hmacKey: await workspaceHmacKey(ports), policy });
      const client = new LiveClient({
        url: live.url,
        transport,
        timers: live.host.timers,
        random: live.host.random,
        clock: ports.clock,
        store,
        redactor,
        ...(redaction ? { redactLive: (batches: LiveCallBatch[]) => redaction.redactLive(batches) } : {}),
        decider,
        logger: live.logger ?? ports.logger,
        untilEnd: live.untilEnd,
        resumeFrom: live.resumeFrom,
        onStatus: live.onStatus,
        onStored: (event) => {
          if (live.learn) learning.callStored(event.callId);
          live.onStored?.(event);
        },
        onCorrection: live.onCorrection,
        onCallEnded: (callId) => {
          if (live.learn) learning.callEnded();
          live.onCallEnded?.(callId);
        },
      });
      let closed: Promise<void> | undefined;
      const close = () => (closed ??= (async () => {
        await redaction?.close();
        await learning.idle();
        await relearning?.close();
      })());
      return {
        client,
        decider,
        learning,
        async run() {
          try {
            return await client.run();
          } finally {
            await close();
          }
        },
        async stop() {
          const summary = await client.stop();
          await close();
          return summary;
        },
      };
    },
    async applyRetention() {
      const days = settings().transcriptRetentionDays;
      if (days === undefined || days === null) return undefined;
      const store = await workspace.store();
      const result = await store.applyRetention({ transcriptDays: days }, ports.clock.now());
      if (result.transcriptsDeleted > 0) ports.logger.info(`retention: deleted ${result.transcriptsDeleted} transcripts older than ${days} days`);
      return result;
    },
    settingsChanged() {
      fileText = undefined;
      // Re-read at once, so the open store's gate never runs on a stale policy longer than one read.
      void policyState().catch(() => undefined);
    },
    async close() {
      const pending = storePromise;
      storePromise = undefined;
      ungated = undefined;
      if (pending) await (await pending.catch(() => undefined))?.close();
    },
  };
  return workspace;
}

function parseJsonFile(name: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new Error(`${name}: not JSON (${(err as Error).message})`);
  }
}
