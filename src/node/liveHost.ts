import type { LiveHost } from '../engine/workspace';
import { createLiveRedaction } from './liveRedaction';
import { nodeTimers, transportFor } from './liveTransports';

/**
 * What a Node host (the CLI, the extension host, the demo) gives `Workspace.live`: `ws`/`http` sockets,
 * Node timers, and the redaction worker thread (dist/liveRedactionWorker.js), so both hosts run the live
 * path the same way.
 */
export const nodeLiveHost: LiveHost = {
  transportFor,
  timers: nodeTimers,
  random: Math.random,
  startRedaction: (options) => createLiveRedaction(options),
};
