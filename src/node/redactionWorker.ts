// One redaction worker: builds the same redactor as the main thread (same key, same policy) and
// redacts whole batches of assembled conversations. With `outcomeModel` it also analyzes each redacted
// call (the analyzer's defaults plus that model), so the main thread only stores. Started by `createRedactionPool`.
import { parentPort, workerData } from 'node:worker_threads';
import type { Conversation } from '../engine/model';
import { analyzeEvents } from '../engine/analysis';
import type { CallAnalysis, OutcomeModel } from '../engine/analysis';
import { createRedactor } from '../engine/privacy';
import type { PrivacyPolicy } from '../engine/privacy';
import { createNodePorts } from './nodePorts';

const { hmacKey, policy, outcomeModel } = workerData as { hmacKey: Uint8Array; policy?: PrivacyPolicy; outcomeModel?: OutcomeModel };
const redactor = createRedactor({ hmacKey, policy, hashing: createNodePorts().hashing });

parentPort!.on('message', ({ id, calls }: { id: number; calls: Conversation[] }) => {
  try {
    const redacted = calls.map((c) => redactor.redactConversation(c));
    const analyses: CallAnalysis[] | undefined = outcomeModel ? redacted.map((c) => analyzeEvents(c.events, { outcomeModel })) : undefined;
    parentPort!.postMessage({ id, calls: redacted, analyses });
  } catch (err) {
    parentPort!.postMessage({ id, error: (err as Error).message });
  }
});
