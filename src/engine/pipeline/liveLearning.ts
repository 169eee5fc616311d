import { ErrorDetector, rulesFromArtifacts } from '../errors';
import type { CorrectionDecider, CorrectionRule, Timers } from '../realtime';
import { errorDetectorRule, patternRules, toolPatternRules } from '../realtime';
import type { Conversation, LearningArtifact } from '../model';
import type { LearningStore } from '../store/learningStore';
import { vocabularyLabeler } from '../analysis/discovery/vocabulary';
import type { AnalysisLabelling, AnalyzeStoreOptions } from './analyzeStore';
import { analysisLabelling, analyzeStore, lastAnalysisSeeds } from './analyzeStore';
import type { SnapshotAnalysis } from './snapshotAnalysis';
import { applySnapshotWrites } from './snapshotAnalysis';

/**
 * A host's analysis thread (Node: `src/node/liveRelearn.ts`, a worker running `analyzeSnapshot`): it takes the
 * stored calls as they are read and the artifacts, and answers with the analysis' writes and its vocabulary.
 */
export interface SnapshotAnalyzer {
  /**
   * `complete`: `calls` are every stored call (the analyzer's copy is replaced); otherwise only the calls stored
   * since its last analysis (its copy is updated with them). Analyses equal to ones it already handed back in
   * this session are left out of the writes (`analyzeSnapshot`'s `written`); a complete snapshot resets that.
   */
  analyze(snapshot: { calls: AsyncIterable<Conversation>; complete: boolean; artifacts: LearningArtifact[]; seeds?: AnalyzeStoreOptions['seeds'] }): Promise<SnapshotAnalysis>;
}

/** Every this many relearnings the analyzer gets the whole store again, not just what changed. */
const COMPLETE_SNAPSHOT_EVERY = 10;

export interface LiveLearningOptions {
  store: LearningStore;
  decider: CorrectionDecider;
  ports: AnalyzeStoreOptions['ports'];
  /** Rules the user wrote; they stay first, whatever is learned. */
  userRules?: readonly CorrectionRule[];
  /** Relearn after this many calls ended (default 25). */
  every?: number;
  /** Tool-order rules from draft artifacts too (an unattended loop has no one to approve them). */
  includeDrafts?: boolean;
  /** Taxonomy seeds (as `analyzeStore`); default: as the store's last analysis, else `auto`. */
  seeds?: AnalyzeStoreOptions['seeds'];
  /**
   * The live client's timers: a re-analysis runs on the client's thread, so it gives way to socket events
   * between calls every few ms (a timer, not a microtask, lets I/O in) and frames are handled in between.
   * Without it a re-analysis holds the thread until it ends.
   */
  timers?: Timers;
  /**
   * Re-analyses on another thread: this thread only reads the calls (a slice at a time, with `timers`), applies
   * the writes that come back (a slice at a time) and swaps the rules. Without it the analysis runs here.
   */
  analyzer?: SnapshotAnalyzer;
  /**
   * Where the `analyzer`'s writes go (default `store`): a host whose analyzer gates them with the store's own
   * policy passes the store without its gate, so they are not scanned twice (Workspace.live does).
   */
  analyzedWritesStore?: LearningStore;
  onRelearned?(info: { rules: number; patternRules: number; avoidanceRules: number; calls: number }): void;
  onError?(err: unknown): void;
}

export interface LiveLearning {
  /** Rules from what the store already learned (patterns, tool orders) and the labelling they were learned with; no re-analysis. */
  loadLearned(): Promise<void>;
  /** A call ended (stored): relearn once `every` calls have ended since the last time. */
  callEnded(): void;
  /** Events of this call were stored (with an `analyzer`, the next relearning sends it again). */
  callStored(callId: string): void;
  /** Re-analyses the store now and swaps the decider's rules (one relearning at a time). */
  relearn(): Promise<void>;
  /** Resolves when no relearning is running. */
  idle(): Promise<void>;
}

/**
 * The unattended loop of `kaizen live --learn`: as calls end, the store is re-analysed (vocabulary,
 * patterns, knowledge) and the decider gets rules from what was learned — the (intent, situation, move)
 * patterns, read in the labelling that analysis used, the error stage's avoidance rules (through its
 * pre-emptive detector) and tool orders — behind the user's own rules.
 */
export function createLiveLearning(options: LiveLearningOptions): LiveLearning {
  const every = options.every ?? 25;
  const user = options.userRules ?? [];
  let endedSince = 0;
  let running: Promise<void> | undefined;
  /** Calls ended while a relearning ran: one more follows it, so the last calls are never left out. */
  let again = false;
  /** Calls stored since the analyzer's copy was last brought up to date. */
  const touched = new Set<string>();
  /** The analyzer's copy matches the store (its last analysis was applied); else the next snapshot is complete. */
  let analyzerInSync = false;
  let sinceComplete = 0;

  const apply = async (labelling: AnalysisLabelling, calls: number) => {
    const learned = patternRules(await options.store.listPatterns());
    const tools = toolPatternRules(await options.store.listArtifacts({ kind: 'tool-pattern' }), { includeDrafts: options.includeDrafts });
    // The error stage's avoidance rules: a pending tool call likely to fail is stopped first.
    const avoidance = rulesFromArtifacts(await options.store.listArtifacts({ kind: 'avoidance-rule' }));
    const errors = avoidance.length > 0 ? [errorDetectorRule(new ErrorDetector(avoidance))] : [];
    options.decider.setRules([...user, ...errors, ...learned, ...tools], labelling);
    options.onRelearned?.({ rules: options.decider.ruleCount, patternRules: learned.length, avoidanceRules: avoidance.length, calls });
  };

  const relearn = (): Promise<void> => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      let labelling: AnalysisLabelling | undefined;
      // Without an explicit choice, relearning keeps the naming the store's patterns already use.
      const seeds = options.seeds ?? (await lastAnalysisSeeds(options.store));
      const store = options.timers ? slicedStore(options.store, options.timers) : options.store;
      if (options.analyzer) {
        const timers = options.timers;
        // Only the calls stored since the last relearning cross to the analyzer (it keeps the others); now and
        // then, and after a failure, the whole store again.
        const complete = !analyzerInSync || ++sinceComplete >= COMPLETE_SNAPSHOT_EVERY;
        if (complete) sinceComplete = 0;
        const ids = [...touched];
        touched.clear();
        analyzerInSync = false;
        const calls = complete ? store.iterateConversations() : storedCalls(options.store, ids, timers);
        const result = await options.analyzer.analyze({ calls, complete, artifacts: await options.store.listArtifacts(), seeds });
        await applySnapshotWrites(options.analyzedWritesStore ?? options.store, result.writes, timers && { now: () => timers.monotonicNow(), yieldNow: () => new Promise<void>((resolve) => timers.setTimeout(resolve, 0)) });
        // The labeler is rebuilt here from the vocabulary's data; the rules swap in one step (`apply`).
        analyzerInSync = true;
        await apply({ seeds: result.seedsUsed, labeler: result.vocabulary ? vocabularyLabeler(result.vocabulary) : undefined }, result.calls);
        return;
      }
      const summary = await analyzeStore(store, { ports: options.ports, seeds, onLabelling: (l) => (labelling = l) });
      await apply(labelling ?? {}, summary.calls);
    })()
      .catch((err: unknown) => options.onError?.(err))
      .finally(() => {
        running = undefined;
        if (again) {
          again = false;
          void relearn();
        }
      });
    return running;
  };

  return {
    async loadLearned() {
      const patterns = await options.store.listPatterns();
      // Labelling costs a pass over the store (and induction): only worth it when there are patterns to match.
      const labelling = patterns.length > 0 ? await analysisLabelling(options.store, { seeds: options.seeds }) : {};
      await apply(labelling, await options.store.countCalls());
    },
    callStored(callId) {
      if (options.analyzer) touched.add(callId);
    },
    callEnded() {
      if (++endedSince < every) return;
      endedSince = 0;
      void relearn();
    },
    relearn,
    idle: async () => {
      while (running) await running;
    },
  };
}

/** The stored calls of these ids (those still stored), read as `slicedStore` reads: giving way every few ms. */
async function* storedCalls(store: LearningStore, callIds: readonly string[], timers?: Timers): AsyncIterable<Conversation> {
  let sliceStart = timers?.monotonicNow() ?? 0;
  for (const callId of callIds) {
    if (timers && timers.monotonicNow() - sliceStart > RELEARN_SLICE_MS) {
      await new Promise<void>((resolve) => timers.setTimeout(resolve, 0));
      sliceStart = timers.monotonicNow();
    }
    const conv = await store.getConversation(callId);
    if (conv) yield conv;
  }
}

/** Work between yields of a re-analysis, in ms (the live client's own slices are as short). */
const RELEARN_SLICE_MS = 4;

/**
 * The store as the analysis reads it, yielding to the host's event loop every `RELEARN_SLICE_MS` while it
 * iterates the calls, so a relearning shares the thread with the frames a correction waits on.
 */
function slicedStore(store: LearningStore, timers: Timers): LearningStore {
  const iterate = (filter?: Parameters<LearningStore['iterateConversations']>[0]) => ({
    async *[Symbol.asyncIterator]() {
      let sliceStart = timers.monotonicNow();
      for await (const conv of store.iterateConversations(filter)) {
        if (timers.monotonicNow() - sliceStart > RELEARN_SLICE_MS) {
          await new Promise<void>((resolve) => timers.setTimeout(resolve, 0));
          sliceStart = timers.monotonicNow();
        }
        yield conv;
      }
    },
  });
  return new Proxy(store, {
    get(target, key) {
      if (key === 'iterateConversations') return iterate;
      const value: unknown = Reflect.get(target, key, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}
