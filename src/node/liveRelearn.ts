import type { Worker } from 'node:worker_threads';
import type { Conversation } from '../engine/model';
import type { SnapshotAnalysis, SnapshotAnalyzer } from '../engine/pipeline';
import type { PrivacyPolicy } from '../engine/privacy';
import type { RelearnRequest } from './liveRelearnWorker';
import { startWorker, workerRequests, type WorkerRequests } from './workerThread';

export interface LiveRelearning extends SnapshotAnalyzer {
  close(): Promise<void>;
}

export interface LiveRelearningOptions {
  policy?: PrivacyPolicy;
  /**
   * For tests: the worker stops inside each analysis until `Atomics.store(view, 0, 1); Atomics.notify(view, 0)`
   * on this buffer (an `Int32Array` view), after calling `onHeld`.
   */
  hold?: SharedArrayBuffer;
  onHeld?(): void;
}

/** Calls per message to the worker (a clone of a few calls at a time, between the client's frames). */
const CALLS_PER_MESSAGE = 16;

/**
 * The re-analysis thread of `kaizen live --learn` (`liveRelearnWorker.ts`): the live client's thread reads
 * the stored calls (a slice at a time) and posts them as it goes; vocabulary induction, analysis, scoring and
 * synthesis run in the worker, which answers with the store writes and the vocabulary. One analysis at a
 * time (`createLiveLearning` runs one relearning at a time).
 */
export function createLiveRelearning(options: LiveRelearningOptions = {}): LiveRelearning {
  let worker: Worker | undefined;
  let requests: WorkerRequests<SnapshotAnalysis> | undefined;

  // Started on the first relearning: a session that never relearns never pays for the thread.
  const start = (): { worker: Worker; requests: WorkerRequests<SnapshotAnalysis> } => {
    if (worker && requests) return { worker, requests };
    const w = startWorker('liveRelearnWorker', { policy: options.policy, hold: options.hold });
    const r = workerRequests<SnapshotAnalysis>(w, 'live re-analysis worker');
    w.on('message', (m: { type: 'held' | 'done' | 'error'; id: number; result?: SnapshotAnalysis; error?: string }) => {
      if (m.type === 'held') return options.onHeld?.();
      r.settle(m.id, m.type === 'error' ? (m.error ?? 'failed') : undefined, m.result!);
    });
    worker = w;
    requests = r;
    return { worker: w, requests: r };
  };

  return {
    async analyze({ calls, complete, artifacts, seeds }) {
      if (requests?.failed) throw requests.failed;
      const { worker: w, requests: r } = start();
      const { id, answer } = r.open();
      const post = (m: RelearnRequest) => w.postMessage(m);
      answer.catch(() => undefined); // awaited below; a failure while posting must not go unhandled
      post({ type: 'start', id, complete, artifacts, seeds });
      let chunk: Conversation[] = [];
      for await (const conv of calls) {
        chunk.push(conv);
        if (chunk.length < CALLS_PER_MESSAGE) continue;
        post({ type: 'calls', id, calls: chunk });
        chunk = [];
      }
      if (chunk.length > 0) post({ type: 'calls', id, calls: chunk });
      post({ type: 'end', id });
      return answer;
    },
    async close() {
      await worker?.terminate();
    },
  };
}
