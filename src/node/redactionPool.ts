import { availableParallelism } from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Conversation } from '../engine/model';
import type { PrivacyPolicy } from '../engine/privacy';

export interface RedactionPool {
  /** `importFile`'s `redactBatch`: the batch is redacted by the least busy worker. */
  redactBatch(calls: Conversation[]): Promise<Conversation[]>;
  readonly size: number;
  close(): Promise<void>;
}

/**
 * A pool of `node:worker_threads` that redact import batches off the main thread (which reads the
 * file and is the store's single writer). Sized to the cores less the main thread by default. Each
 * worker builds its own redactor from the same key and policy, so its output is what the main
 * thread's redactor would give.
 */
export function createRedactionPool(options: { hmacKey: Uint8Array; policy?: PrivacyPolicy; size?: number }): RedactionPool {
  const size = Math.max(1, options.size ?? availableParallelism() - 1);
  // From TypeScript sources (tests, benches under tsx) the worker needs tsx's loader too.
  const ts = __filename.endsWith('.ts');
  const file = path.join(__dirname, ts ? 'redactionWorker.ts' : 'redactionWorker.js');
  const workers = Array.from({ length: size }, () => {
    const workerData = { hmacKey: options.hmacKey, policy: options.policy };
    const worker = ts
      ? new Worker(`require('tsx/cjs'); require(${JSON.stringify(file)});`, { eval: true, workerData })
      : new Worker(file, { workerData });
    worker.unref();
    return { worker, busy: 0 };
  });
  const pending = new Map<number, { resolve(c: Conversation[]): void; reject(e: Error): void; slot: (typeof workers)[number] }>();
  let nextId = 0;
  for (const slot of workers) {
    slot.worker.on('message', (m: { id: number; calls?: Conversation[]; error?: string }) => {
      const p = pending.get(m.id);
      if (!p) return;
      pending.delete(m.id);
      p.slot.busy--;
      if (m.error !== undefined) p.reject(new Error(`redaction worker: ${m.error}`));
      else p.resolve(m.calls!);
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
