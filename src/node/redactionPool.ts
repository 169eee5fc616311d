import { availableParallelism } from 'node:os';
import type { CallAnalysis, OutcomeModel } from '../engine/analysis';
import type { Conversation } from '../engine/model';
import type { PrivacyPolicy } from '../engine/privacy';
import type { AnalyzedElsewhere } from '../engine/pipeline';
import { startWorker } from './workerThread';

export interface RedactionPool {
  /** `importFile`'s `redactBatch`: the batch is redacted by the least busy worker. */
  redactBatch(calls: Conversation[]): Promise<Conversation[]>;
  /**
   * With `analyzeWith`: the analyses the workers made of the calls `redactBatch` returned, for
   * `createImportAnalysis({ analyzedElsewhere })` (a call replaced after redaction, e.g. merged into
   * a stored one, has none and is analyzed on the main thread).
   */
  readonly analyzed?: AnalyzedElsewhere;
  readonly size: number;
  close(): Promise<void>;
}

/**
 * A pool of `node:worker_threads` that redact import batches off the main thread (which reads the
 * file and is the store's single writer). Sized to the cores less the main thread by default. Each
 * worker builds its own redactor from the same key and policy, so its output is what the main
 * thread's redactor would give.
 */
export function createRedactionPool(options: {
  hmacKey: Uint8Array;
  policy?: PrivacyPolicy;
  size?: number;
  /** Also analyze each redacted call in the workers, with the analyzer's defaults and this outcome model. */
  analyzeWith?: { outcomeModel: OutcomeModel };
}): RedactionPool {
  const size = Math.max(1, options.size ?? availableParallelism() - 1);
  const workers = Array.from({ length: size }, () => {
    const worker = startWorker('redactionWorker', { hmacKey: options.hmacKey, policy: options.policy, outcomeModel: options.analyzeWith?.outcomeModel });
    return { worker, busy: 0 };
  });
  const pending = new Map<number, { resolve(c: Conversation[]): void; reject(e: Error): void; slot: (typeof workers)[number] }>();
  // Keyed by the very conversation object handed back: whatever replaces it later is not found.
  const analyses = new WeakMap<Conversation, CallAnalysis>();
  let nextId = 0;
  for (const slot of workers) {
    slot.worker.on('message', (m: { id: number; calls?: Conversation[]; analyses?: CallAnalysis[]; error?: string }) => {
      const p = pending.get(m.id);
      if (!p) return;
      pending.delete(m.id);
      p.slot.busy--;
      if (m.error !== undefined) return p.reject(new Error(`redaction worker: ${m.error}`));
      if (m.analyses) m.calls!.forEach((c, i) => analyses.set(c, m.analyses![i]!));
      p.resolve(m.calls!);
    });
    slot.worker.on('error', (err) => {
      for (const [id, p] of pending) {
        if (p.slot !== slot) continue;
        pending.delete(id);
        p.reject(err);
      }
    });
  }
  return {
    size,
    ...(options.analyzeWith ? { analyzed: { outcomeModel: options.analyzeWith.outcomeModel, analysisOf: (c: Conversation) => analyses.get(c) } } : {}),
    redactBatch(calls) {
      const slot = workers.reduce((a, b) => (b.busy < a.busy ? b : a));
      const id = nextId++;
      slot.busy++;
      return new Promise<Conversation[]>((resolve, reject) => {
        pending.set(id, { resolve, reject, slot });
        slot.worker.postMessage({ id, calls });
      });
    },
    async close() {
      await Promise.all(workers.map((w) => w.worker.terminate()));
    },
  };
}
