// The live client's redaction thread: keeps each open call's raw events and redacts every new batch in
// the context of the whole call so far (`LiveCallHistory`), so only new events cross threads. Started by
// `createLiveRedaction`; builds the same redactor as the main thread (same key, same policy).
import { parentPort, workerData } from 'node:worker_threads';
import { createRedactor } from '../engine/privacy';
import type { PrivacyPolicy } from '../engine/privacy';
import type { LiveCallBatch } from '../engine/realtime';
import { LiveCallHistory } from '../engine/realtime';
import { createNodePorts } from './nodePorts';

const { hmacKey, policy } = workerData as { hmacKey: Uint8Array; policy?: PrivacyPolicy };
const history = new LiveCallHistory(createRedactor({ hmacKey, policy, hashing: createNodePorts().hashing }));

parentPort!.on('message', ({ id, batches }: { id: number; batches: LiveCallBatch[] }) => {
  try {
    parentPort!.postMessage({ id, calls: batches.map((b) => history.redact(b)) });
  } catch (err) {
    parentPort!.postMessage({ id, error: (err as Error).message });
  }
});
