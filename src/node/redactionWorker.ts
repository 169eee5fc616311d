// One redaction worker: builds the same redactor as the main thread (same key, same policy) and
// redacts whole batches of assembled conversations. Started by `createRedactionPool`.
import { parentPort, workerData } from 'node:worker_threads';
import type { Conversation } from '../engine/model';
import { createRedactor } from '../engine/privacy';
import type { PrivacyPolicy } from '../engine/privacy';
import { createNodePorts } from './nodePorts';

const { hmacKey, policy } = workerData as { hmacKey: Uint8Array; policy?: PrivacyPolicy };
const redactor = createRedactor({ hmacKey, policy, hashing: createNodePorts().hashing });

parentPort!.on('message', ({ id, calls }: { id: number; calls: Conversation[] }) => {
  try {
    parentPort!.postMessage({ id, calls: calls.map((c) => redactor.redactConversation(c)) });
  } catch (err) {
    parentPort!.postMessage({ id, error: (err as Error).message });
  }
});
