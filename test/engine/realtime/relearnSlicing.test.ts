import { strict as assert } from 'node:assert';
import { ConversationEventSchema, assembleConversation } from '../../../src/engine/model';
import { createLiveLearning } from '../../../src/engine/pipeline';
import { CorrectionDecider } from '../../../src/engine/realtime';
import type { Timers } from '../../../src/engine/realtime';
import { iterateSampleCalls } from '../../../src/engine/samples';
import { openSqlStore } from '../../../src/engine/store';
import { createNodePorts } from '../../../src/node/nodePorts';

/**
 * `kaizen live --learn` re-analyses on the live client's thread: given the client's timers, it gives way to
 * the event loop while it reads the calls, so a socket frame waiting meanwhile is handled before it ends.
 * The clock is scripted (each reading 5 ms later), so every call read crosses a slice: no wall-clock dependence.
 */
describe('live learning: re-analysis gives way to frames', function () {
  this.timeout(120_000);

  it('yields to the event loop through the host timers while it re-analyses, and a pending macrotask runs before it ends', async () => {
    const ports = createNodePorts();
    const store = await openSqlStore({ ports });
    try {
      await store.putConversations([...iterateSampleCalls({ count: 40, seed: 11 })].map((c) => assembleConversation(c.events.map((e) => ConversationEventSchema.parse(e)))));
      let now = 0;
      let yields = 0;
      const timers: Timers = {
        monotonicNow: () => (now += 5),
        setTimeout(fn, ms) {
          yields++;
          const t = setTimeout(fn, ms);
          return { cancel: () => clearTimeout(t) };
        },
      };
      const decider = new CorrectionDecider({ rules: [], clock: ports.clock });
      let relearned = 0;
      const learning = createLiveLearning({ store, decider, ports, timers, onRelearned: () => relearned++ });
      let frameHandled = false;
      setImmediate(() => (frameHandled = true));
      const running = learning.relearn();
      assert.equal(frameHandled, false);
      await running;
      assert.equal(relearned, 1);
      assert.ok(yields >= 40, `one yield per call read at least (${yields})`);
      assert.equal(frameHandled, true, 'the waiting macrotask ran during the re-analysis');
    } finally {
      await store.close();
    }
  });
});
