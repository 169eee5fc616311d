import { strict as assert } from 'node:assert';
import type { AgentServer } from '../../../src/node/agentServer';
import { startAgentServer } from '../../../src/node/agentServer';
import type { LiveRun } from './helpers';
import { sampleCalls, startClient } from './helpers';

/**
 * Over SSE an ack is a POST: the run must not end (and a CLI exit) before the final one is answered. The
 * client waits for the connection's `drain`, so the agent holds the last stream id as soon as the run resolves.
 */
describe('live over SSE: the final ack reaches the agent before the run ends', function () {
  this.timeout(120_000);
  let server: AgentServer | undefined;
  let run: LiveRun | undefined;
  afterEach(async () => {
    await run?.store.close();
    await server?.close();
    [server, run] = [undefined, undefined];
  });

  it('the agent saw every event acked when run() resolves', async () => {
    server = await startAgentServer({ calls: sampleCalls(12, 5), speed: 0 });
    run = await startClient(server.urls.events);
    const summary = await run.done;
    assert.equal(summary.stored, server.totalEvents);
    assert.equal(server.ackedIndex + 1, server.totalEvents, 'the final ack was answered before the run ended');
  });
});
