import { createRequire } from 'node:module';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Conversation } from '../engine/model';
import type { PrivacyPolicy } from '../engine/privacy';
import type { LiveCallBatch } from '../engine/realtime';

export interface LiveRedaction {
  /** `LiveClientOptions.redactLive`: each batch's new events, redacted in the context of its whole call. */
  redactLive(batches: LiveCallBatch[]): Promise<Conversation[]>;
  close(): Promise<void>;
}

/**
 * One worker thread that redacts a live session's events (`liveRedactionWorker.ts`). It holds the open
 * calls' histories itself, so each batch sends only new events across threads; batches are answered in
 * order. The thread that handles frames then spends no time redacting.
 */
export function createLiveRedaction(options: { hmacKey: Uint8Array; policy?: PrivacyPolicy }): LiveRedaction {
  // From TypeScript sources (tests, benches under tsx) the worker needs tsx's loader too.
  const ts = __filename.endsWith('.ts');
  const file = path.join(__dirname, ts ? 'liveRedactionWorker.ts' : 'liveRedactionWorker.js');
  const workerData = { hmacKey: options.hmacKey, policy: options.policy };
  // tsx is resolved here (an eval'd worker resolves from the process' working folder, which may be anywhere).
  const worker = ts
    ? new Worker(`require(${JSON.stringify(createRequire(__filename).resolve('tsx/cjs'))}); require(${JSON.stringify(file)});`, { eval: true, workerData })
    : new Worker(file, { workerData });
  worker.unref();
  const pending = new Map<number, { resolve(c: Conversation[]): void; reject(e: Error): void }>();
  let nextId = 0;
  let failed: Error | undefined;
  worker.on('message', (m: { id: number; calls?: Conversation[]; error?: string }) => {
    const p = pending.get(m.id);
    if (!p) return;
    pending.delete(m.id);
    if (m.error !== undefined) p.reject(new Error(`live redaction worker: ${m.error}`));
    else p.resolve(m.calls!);
  });
  const fail = (err: Error) => {
    failed = err;
    for (const p of pending.values()) p.reject(err);
    pending.clear();
  };
  worker.on('error', fail);
  worker.on('exit', (code) => fail(new Error(`live redaction worker exited (${code})`)));
  return {
    redactLive(batches) {
      if (failed) return Promise.reject(failed);
      const id = nextId++;
      return new Promise<Conversation[]>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        worker.postMessage({ id, batches });
      });
    },
    async close() {
      await worker.terminate();
    },
  };
}
