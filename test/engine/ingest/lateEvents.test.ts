import assert from 'node:assert/strict';
import { importFile } from '../../../src/engine/ingest';
import { createRedactor } from '../../../src/engine/privacy';
import { openSqlStore } from '../../../src/engine/store';
import { createNodePorts } from '../../../src/node/nodePorts';
import { fixture } from './helpers';

describe('ingest: events after call.ended (post-call surveys)', () => {
  it('joins a late feedback event to its call: one call, one call.started, counted once', async () => {
    const ports = createNodePorts();
    const store = await openSqlStore({ ports });
    try {
      const redactor = createRedactor({ hmacKey: new Uint8Array(32).fill(3), hashing: ports.hashing });
      const report = await importFile(fixture('late-feedback.jsonl'), { ports, store, redactor, sourceName: 'late-feedback.jsonl' });
      assert.equal(report.calls, 2);
      assert.equal(report.callsInserted, 2);
      assert.equal(report.callsMerged, 0);
      const a = await store.getConversation('a');
      assert.deepEqual(
        a!.events.map((e) => e.type),
        ['call.started', 'turn', 'call.ended', 'feedback'],
      );
      assert.equal(a!.source?.index, 0);
      assert.equal((await store.getConversation('b'))!.source?.index, 1);
    } finally {
      await store.close();
    }
  });
});
