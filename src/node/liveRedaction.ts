import type { Conversation } from '../engine/model';
import type { PrivacyPolicy } from '../engine/privacy';
import type { LiveCallBatch } from '../engine/realtime';
import { startWorker, workerRequests } from './workerThread';

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
  const worker = startWorker('liveRedactionWorker', { hmacKey: options.hmacKey, policy: options.policy });
  const requests = workerRequests<Conversation[]>(worker, 'live redaction worker');
  worker.on('message', (m: { id: number; calls?: Conversation[]; error?: string }) => requests.settle(m.id, m.error, m.calls!));
  return {
    redactLive(batches) {
      if (requests.failed) return Promise.reject(requests.failed);
      const { id, answer } = requests.open();
      worker.postMessage({ id, batches });
      return answer;
    },
    async close() {
      await worker.terminate();
    },
  };
}
