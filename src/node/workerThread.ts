import { createRequire } from 'node:module';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';

/**
 * A worker thread from a module next to this one (`<name>.js` in the bundle, `<name>.ts` from sources):
 * under TypeScript sources (tests, benches under tsx) it needs tsx's loader too, resolved here, because an
 * eval'd worker resolves from the process' working folder, which may be anywhere. Unref'd: it never keeps
 * the process alive on its own.
 */
export function startWorker(name: string, workerData: unknown): Worker {
  const ts = __filename.endsWith('.ts');
  const file = path.join(__dirname, `${name}${ts ? '.ts' : '.js'}`);
  const worker = ts
    ? new Worker(`require(${JSON.stringify(createRequire(__filename).resolve('tsx/cjs'))}); require(${JSON.stringify(file)});`, { eval: true, workerData })
    : new Worker(file, { workerData });
  worker.unref();
  return worker;
}

export interface WorkerRequests<T> {
  /** A new request id and the promise its answer settles. */
  open(): { id: number; answer: Promise<T> };
  /** The worker's answer to request `id`: an error message, or the value. */
  settle(id: number, error: string | undefined, value: T): void;
  /** Set once the worker failed or exited: every later request is refused with it. */
  readonly failed: Error | undefined;
}

/**
 * Requests to one worker, answered by id. A worker that fails or exits rejects every open request (and,
 * through `failed`, every later one) with the reason, named by `label`.
 */
export function workerRequests<T>(worker: Worker, label: string): WorkerRequests<T> {
  const pending = new Map<number, { resolve(value: T): void; reject(e: Error): void }>();
  let nextId = 0;
  let failed: Error | undefined;
  const fail = (err: Error) => {
    failed = err;
    for (const p of pending.values()) p.reject(err);
    pending.clear();
  };
  worker.on('error', fail);
  worker.on('exit', (code) => fail(new Error(`${label} exited (${code})`)));
  return {
    open() {
      const id = nextId++;
      const answer = new Promise<T>((resolve, reject) => pending.set(id, { resolve, reject }));
      return { id, answer };
    },
    settle(id, error, value) {
      const p = pending.get(id);
      if (!p) return;
      pending.delete(id);
      if (error !== undefined) p.reject(new Error(`${label}: ${error}`));
      else p.resolve(value);
    },
    get failed() {
      return failed;
    },
  };
}
