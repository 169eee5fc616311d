import type { ArtifactStatus, Conversation, ErrorFingerprint, LearningArtifact, Pattern } from '../model';
import type { CallAnalysisRecord, JournalEntryInput, LearningStore, SaveArtifactInput } from '../store/learningStore';
import type { InducedVocabulary } from '../analysis/discovery/vocabulary';
import type { AnalyzeStoreOptions } from './analyzeStore';
import { analyzeStore } from './analyzeStore';

/**
 * A re-analysis off the live client's thread (`kaizen live --learn`): a host runs `analyzeSnapshot` in a
 * worker on a copy of the stored calls and artifacts, and the client's thread only writes back what it
 * wrote (`applySnapshotWrites`, a slice at a time) and swaps the decider's rules. Everything here is data
 * a host can post between threads (structured clone: plain objects, Maps, typed arrays).
 */

/** The store's state a re-analysis reads: the calls as stored (redacted) and the artifacts (knowledge, vocabulary ids). */
export interface AnalysisSnapshot {
  calls: Conversation[];
  artifacts: LearningArtifact[];
  /** As `analyzeStore`'s option; the client's side resolves the store's last choice first. */
  seeds?: AnalyzeStoreOptions['seeds'];
}

/** One store write of the analysis, in the order it was made (after the worker's own privacy gate passed it). */
export type StoreWrite =
  | { op: 'appendJournal'; entries: JournalEntryInput[] }
  | { op: 'putCallAnalyses'; records: CallAnalysisRecord[] }
  | { op: 'replacePatterns'; patterns: Pattern[] }
  | { op: 'saveArtifact'; input: SaveArtifactInput }
  | { op: 'setArtifactStatus'; artifactId: string; status: ArtifactStatus; note?: string }
  | { op: 'upsertErrorFingerprints'; fingerprints: ErrorFingerprint[] };

/** What a re-analysis hands back: its writes, and how it named things (so live calls are labelled as its patterns). */
export interface SnapshotAnalysis {
  writes: StoreWrite[];
  calls: number;
  seedsUsed: boolean;
  /** The induced vocabulary (plain data); the client's thread builds the labeler from it (`vocabularyLabeler`). */
  vocabulary?: InducedVocabulary;
}

export interface AnalyzeSnapshotOptions {
  ports: AnalyzeStoreOptions['ports'];
  /**
   * Wraps the snapshot store in the privacy gate the real store has (`withCompliance` with the same policy),
   * so a refused template or evidence is withheld here exactly as `analyzeStore` would on the real store.
   */
  gate?: (store: LearningStore) => LearningStore;
  /** Called once the calls are read into the analysis' first pass (a host's test hook may hold the thread there). */
  onReading?: () => void;
  /**
   * The analyses earlier runs of this session handed back (call id → content without `analyzedAt`): an equal
   * one is left out of the writes (the store holds it already), so applying costs the client's thread only the
   * calls whose analysis changed. Updated with what this run hands back.
   */
  written?: Map<string, string>;
}

/** Runs `analyzeStore` on a snapshot, recording its writes instead of storing them. */
export async function analyzeSnapshot(snapshot: AnalysisSnapshot, options: AnalyzeSnapshotOptions): Promise<SnapshotAnalysis> {
  const recorder = snapshotStore(snapshot, options.onReading);
  const store = options.gate ? options.gate(recorder.store) : recorder.store;
  let seedsUsed = false;
  let vocabulary: InducedVocabulary | undefined;
  const summary = await analyzeStore(store, {
    ports: options.ports,
    seeds: snapshot.seeds,
    onLabelling: (labelling, induced) => {
      seedsUsed = Boolean(labelling.seeds);
      vocabulary = induced;
    },
  });
  const writes = options.written ? withoutUnchangedAnalyses(recorder.writes, options.written) : recorder.writes;
  return { writes, calls: summary.calls, seedsUsed, vocabulary };
}

function withoutUnchangedAnalyses(writes: StoreWrite[], written: Map<string, string>): StoreWrite[] {
  const out: StoreWrite[] = [];
  for (const w of writes) {
    if (w.op !== 'putCallAnalyses') {
      out.push(w);
      continue;
    }
    const records = w.records.filter((r) => {
      const key = JSON.stringify({ ...r, analyzedAt: 0 });
      if (written.get(r.callId) === key) return false;
      written.set(r.callId, key);
      return true;
    });
    if (records.length > 0) out.push({ op: 'putCallAnalyses', records });
  }
  return out;
}

/** Work between yields while the writes are applied on the client's thread, in ms. */
const APPLY_SLICE_MS = 4;
/** Analysis records per store write while applying (under load, 25 held the thread 10–40 ms). */
const APPLY_CHUNK = 8;

/**
 * Applies a snapshot analysis' writes to the real store in order, yielding (`yieldNow`) every few ms, so
 * frames are handled between writes. The real store's gate checks them again.
 */
export async function applySnapshotWrites(store: LearningStore, writes: readonly StoreWrite[], pacing?: { now(): number; yieldNow(): Promise<void> }): Promise<void> {
  let sliceStart = pacing?.now() ?? 0;
  const step = async () => {
    if (!pacing || pacing.now() - sliceStart <= APPLY_SLICE_MS) return;
    await pacing.yieldNow();
    sliceStart = pacing.now();
  };
  for (const w of writes) {
    await step();
    switch (w.op) {
      case 'appendJournal':
        await store.appendJournal(w.entries);
        break;
      case 'putCallAnalyses':
        for (let i = 0; i < w.records.length; i += APPLY_CHUNK) {
          if (i > 0) await step();
          await store.putCallAnalyses(w.records.slice(i, i + APPLY_CHUNK));
        }
        break;
      case 'replacePatterns':
        await store.replacePatterns(w.patterns);
        break;
      case 'saveArtifact':
        await store.saveArtifact(w.input);
        break;
      case 'setArtifactStatus':
        await store.setArtifactStatus(w.artifactId, w.status, w.note);
        break;
      case 'upsertErrorFingerprints':
        await store.upsertErrorFingerprints(w.fingerprints);
        break;
    }
  }
}

/**
 * The snapshot as the part of `LearningStore` an analysis uses: reads from the copy, writes recorded (and
 * applied to the copy's artifacts, so a later read in the same run sees them). Any other method throws,
 * so an analysis that starts using one fails loudly here instead of reading nothing.
 */
function snapshotStore(snapshot: AnalysisSnapshot, onReading?: () => void): { store: LearningStore; writes: StoreWrite[] } {
  const writes: StoreWrite[] = [];
  const artifacts = new Map(snapshot.artifacts.map((a) => [a.artifactId, a]));
  let readings = 0;
  const update = (artifactId: string, change: Partial<LearningArtifact>): LearningArtifact => {
    const current = artifacts.get(artifactId);
    const next = { ...(current ?? { artifactId, version: 0, parentVersion: null, contentHash: '0'.repeat(64), title: '', createdAt: 0, status: 'draft' }), ...change } as LearningArtifact;
    next.version = (current?.version ?? 0) + 1;
    next.parentVersion = current?.version ?? null;
    artifacts.set(artifactId, next);
    return next;
  };
  const methods: Partial<LearningStore> = {
    countCalls: async () => snapshot.calls.length,
    iterateConversations: () => ({
      async *[Symbol.asyncIterator]() {
        if (readings++ === 0) onReading?.();
        yield* snapshot.calls;
      },
    }),
    getArtifact: async (artifactId) => artifacts.get(artifactId),
    listArtifacts: async (filter) =>
      [...artifacts.values()].filter((a) => (!filter?.kind || a.payload.kind === filter.kind) && (!filter?.status || a.status === filter.status) && (!filter?.agentId || a.agentId === filter.agentId)),
    appendJournal: async (entries) => void writes.push({ op: 'appendJournal', entries: [...entries] }),
    putCallAnalyses: async (records) => {
      // A batch the gate refused comes one record at a time: consecutive ones become one write again.
      const last = writes[writes.length - 1];
      if (last?.op === 'putCallAnalyses') last.records.push(...records);
      else writes.push({ op: 'putCallAnalyses', records: [...records] });
    },
    replacePatterns: async (patterns) => void writes.push({ op: 'replacePatterns', patterns: [...patterns] }),
    upsertErrorFingerprints: async (fingerprints) => void writes.push({ op: 'upsertErrorFingerprints', fingerprints: [...fingerprints] }),
    saveArtifact: async (input) => {
      writes.push({ op: 'saveArtifact', input });
      return update(input.artifactId ?? `snapshot-${writes.length}`, { payload: input.payload, title: input.title ?? '', status: input.status ?? 'draft', agentId: input.agentId, note: input.note });
    },
    setArtifactStatus: async (artifactId, status, note) => {
      writes.push({ op: 'setArtifactStatus', artifactId, status, note });
      return update(artifactId, { status, note });
    },
  };
  const store = new Proxy(methods, {
    get(target, key) {
      const value = Reflect.get(target, key) as unknown;
      // `then` stays undefined: the store is no promise.
      if (value !== undefined || typeof key === 'symbol' || key === 'then') return value;
      return () => {
        throw new Error(`a snapshot analysis has no store.${key}: add it to snapshotStore (pipeline/snapshotAnalysis.ts)`);
      };
    },
  }) as LearningStore;
  return { store, writes };
}
