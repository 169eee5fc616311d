// The bench's agents, off the hub's thread: `workers` worker threads (bench/hubAgentsWorker.ts) share
// the agents between them. Both the hub runs and the bare `ws` broadcast use this one harness, so the
// two figures differ only by what the hub and the agents do with a frame.
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';

export interface AgentsWorkerData {
  mode: 'hub' | 'bare';
  /** Agent i connects to urls[i % urls.length] (i counted across workers). */
  urls: string[];
  agents: number;
  firstAgent: number;
  /** The hub agents' trust set (mode "hub"). */
  trust: { keyId: string; publicKey: string }[];
}

export type AgentsWorkerMessage = { type: 'ready' } | { type: 'stopped' } | { type: 'applied'; key: string; at: number[] };

/** The process-wide monotonic clock the workers stamp with (ms): comparable across threads and processes of this machine. */
export const monotonicMs = (): number => Number(process.hrtime.bigint()) / 1e6;

export interface AgentWorkers {
  /** Resolves with every agent's apply stamp (monotonicMs) for `key` (an envelope hash, or a bare round). */
  applied(key: string): Promise<number[]>;
  stop(): Promise<void>;
}

export async function startAgentWorkers(options: { mode: 'hub' | 'bare'; urls: string[]; agents: number; workers: number; trust?: { keyId: string; publicKey: string }[] }): Promise<AgentWorkers> {
  const file = path.join(__dirname, 'hubAgentsWorker.ts');
  const waiting = new Map<string, { at: number[]; reported: number; resolve?: (at: number[]) => void }>();
  const entry = (key: string) => {
    let e = waiting.get(key);
    if (!e) waiting.set(key, (e = { at: [], reported: 0 }));
    return e;
  };
  const finish = (key: string) => {
    const e = waiting.get(key)!;
    if (e.reported === workers.length && e.resolve) {
      waiting.delete(key);
      e.resolve(e.at);
    }
  };
  const per = Math.ceil(options.agents / options.workers);
  const workers: Worker[] = [];
  const ready: Promise<void>[] = [];
  for (let first = 0; first < options.agents; first += per) {
    const workerData: AgentsWorkerData = { mode: options.mode, urls: options.urls, agents: Math.min(per, options.agents - first), firstAgent: first, trust: options.trust ?? [] };
    const worker = new Worker(`require('tsx/cjs'); require(${JSON.stringify(file)});`, { eval: true, workerData });
    workers.push(worker);
    ready.push(
      new Promise<void>((resolve, reject) => {
        worker.once('error', reject);
        worker.on('message', (m: AgentsWorkerMessage) => {
          if (m.type === 'ready') resolve();
          if (m.type !== 'applied') return;
          const e = entry(m.key);
          e.at.push(...m.at);
          e.reported++;
          finish(m.key);
        });
      }),
    );
  }
  await Promise.all(ready);
  return {
    applied(key) {
      return new Promise((resolve) => {
        entry(key).resolve = resolve;
        finish(key);
      });
    },
    async stop() {
      await Promise.all(
        workers.map(
          (w) =>
            new Promise<void>((resolve) => {
              w.on('message', (m: AgentsWorkerMessage) => m.type === 'stopped' && resolve());
              w.postMessage({ type: 'stop' });
            }),
        ),
      );
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}
