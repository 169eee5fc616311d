import { createRequire } from 'node:module';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Conversation } from '../engine/model';
import type { SnapshotAnalysis, SnapshotAnalyzer } from '../engine/pipeline';
import type { PrivacyPolicy } from '../engine/privacy';
import type { RelearnRequest } from './liveRelearnWorker';

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
  // From TypeScript sources (tests, benches under tsx) the worker needs tsx's loader too.
  const ts = __filename.endsWith('.ts');
  const file = path.join(__dirname, ts ? 'liveRelearnWorker.ts' : 'liveRelearnWorker.js');
  const workerData = { policy: options.policy, hold: options.hold };
  let worker: Worker | undefined;
  let failed: Error | undefined;
  const pending = new Map<number, { resolve(r: SnapshotAnalysis): void; reject(e: Error): void }>();
  let nextId = 0;

  // Started on the first relearning: a session that never relearns never pays for the thread.
  const start = (): Worker => {
    if (worker) return worker;
    const w = ts
      ? new Worker(`require(${JSON.stringify(createRequire(__filename).resolve('tsx/cjs'))}); require(${JSON.stringify(file)});`, { eval: true, workerData })
      : new Worker(file, { workerData });
    w.unref();
    w.on('message', (m: { type: 'held' | 'done' | 'error'; id: number; result?: SnapshotAnalysis; error?: string }) => {
      if (m.type === 'held') return options.onHeld?.();
      const p = pending.get(m.id);
      if (!p) return;
      pending.delete(m.id);
      if (m.type === 'error') p.reject(new Error(`live re-analysis worker: ${m.error}`));
      else p.resolve(m.result!);
    });
    const fail = (err: Error) => {
      failed = err;
      for (const p of pending.values()) p.reject(err);
      pending.clear();
    };
    w.on('error', fail);
    w.on('exit', (code) => fail(new Error(`live re-analysis worker exited (${code})`)));
    worker = w;
    return w;
  };

  return {
    async analyze({ calls, complete, artifacts, seeds }) {
      if (failed) throw failed;
      const w = start();
      const id = nextId++;
      const post = (m: RelearnRequest) => w.postMessage(m);
      const answer = new Promise<SnapshotAnalysis>((resolve, reject) => pending.set(id, { resolve, reject }));
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
