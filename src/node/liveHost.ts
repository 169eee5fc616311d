import type { LiveHost } from '../engine/workspace';
import { createLiveRedaction } from './liveRedaction';
import { createLiveRelearning } from './liveRelearn';
import { nodeTimers, transportFor } from './liveTransports';

/**
 * What a Node host (the CLI, the extension host, the demo) gives `Workspace.live`: `ws`/`http` sockets,
 * Node timers, the redaction worker thread (dist/liveRedactionWorker.js) and the re-analysis thread of
 * `--learn` (dist/liveRelearnWorker.js), so both hosts run the live
 * path the same way.
 */
export const nodeLiveHost: LiveHost = {
  transportFor,
  timers: nodeTimers,
  random: Math.random,
  startRedaction: (options) => createLiveRedaction(options),
  startRelearning: (options) => createLiveRelearning(options),
};
