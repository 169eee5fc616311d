// The re-analysis thread of `kaizen live --learn`: receives a snapshot of the stored calls (in chunks, as the
// client's thread reads them) and the artifacts, runs `analyzeSnapshot` behind the same privacy gate as the
// real store (same policy), and answers with the writes and the vocabulary. Started by `createLiveRelearning`.
import * as os from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import type { Conversation, LearningArtifact } from '../engine/model';
import type { AnalyzeStoreOptions } from '../engine/pipeline';
import { analyzeSnapshot } from '../engine/pipeline';
import { createComplianceValidator, withCompliance } from '../engine/privacy';
import type { PrivacyPolicy } from '../engine/privacy';
import { createNodePorts } from './nodePorts';

export type RelearnRequest =
  | { type: 'start'; id: number; complete: boolean; artifacts: LearningArtifact[]; seeds?: AnalyzeStoreOptions['seeds'] }
  | { type: 'calls'; id: number; calls: Conversation[] }
  | { type: 'end'; id: number };

const { policy, hold } = workerData as { policy?: PrivacyPolicy; hold?: SharedArrayBuffer };
// This thread at the lowest priority: on a busy machine its analysis waits, not the thread that answers frames
// (Linux nice values are per thread; pid 0 is the calling thread). Where that is refused, it runs as it is.
try {
  os.setPriority(0, os.constants.priority.PRIORITY_LOW);
} catch {
  // not permitted here: same priority as the client
}
const ports = createNodePorts();
const learned = createComplianceValidator({ policy });
const transcripts = createComplianceValidator({ policy, mode: 'residual' });
/** The session's copy of the stored calls (by id, in the order first sent); a delta updates it. */
let held = new Map<string, Conversation>();
/** The analyses handed back so far this session (an unchanged one is not written again). */
let written = new Map<string, string>();
let job: { id: number; artifacts: LearningArtifact[]; seeds?: AnalyzeStoreOptions['seeds'] } | undefined;

parentPort!.on('message', (m: RelearnRequest) => {
  if (m.type === 'start') {
    job = { id: m.id, artifacts: m.artifacts, seeds: m.seeds };
    if (m.complete) [held, written] = [new Map(), new Map()];
  } else if (m.type === 'calls' && job?.id === m.id) for (const c of m.calls) held.set(c.callId, c);
  else if (m.type === 'end' && job?.id === m.id) {
    const { id, artifacts, seeds } = job;
    job = undefined;
    analyzeSnapshot(
      { calls: [...held.values()], artifacts, seeds },
      {
        ports,
        written,
        gate: (store) => withCompliance(store, learned, { ports, policy, transcriptValidator: transcripts }),
        // A test's hold: this thread stops inside the analysis (synchronously, as a long computation would)
        // until the test releases it, so the test can show the client answering frames meanwhile.
        onReading: hold
          ? () => {
              parentPort!.postMessage({ type: 'held', id });
              Atomics.wait(new Int32Array(hold), 0, 0);
            }
          : undefined,
      },
    ).then(
      (result) => parentPort!.postMessage({ type: 'done', id, result }),
      (err: unknown) => parentPort!.postMessage({ type: 'error', id, error: err instanceof Error ? err.message : String(err) }),
    );
  }
});
