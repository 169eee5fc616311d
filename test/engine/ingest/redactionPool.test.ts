import assert from 'node:assert/strict';
import { importFile } from '../../../src/engine/ingest';
import { createRedactor } from '../../../src/engine/privacy';
import { openSqlStore } from '../../../src/engine/store';
import type { LearningStore } from '../../../src/engine/store';
import { createNodePorts } from '../../../src/node/nodePorts';
import { createRedactionPool } from '../../../src/node/redactionPool';
import type { RedactionPool } from '../../../src/node/redactionPool';
import { fixture } from './helpers';

describe('ingest: redaction in worker threads (createRedactionPool)', () => {
  const ports = createNodePorts();
  const hmacKey = new Uint8Array(32).fill(7);
  const stores: LearningStore[] = [];
  let pool: RedactionPool;
  before(() => {
    pool = createRedactionPool({ hmacKey, size: 2 });
  });
  after(async () => {
    await pool.close();
  });
  afterEach(async () => {
    for (const s of stores.splice(0)) await s.close();
  });

  for (const file of ['tau.json', 'kaizen.jsonl', 'uss.jsonl', 'retell.json', 'bad.jsonl']) {
    it(`stores exactly what the main-thread redactor stores, in order (${file})`, async () => {
      const run = async (parallel: boolean) => {
        const store = await openSqlStore({ ports });
        stores.push(store);
        const redactor = createRedactor({ hmacKey, hashing: ports.hashing });
        const report = await importFile(fixture(file), { ports, store, redactor, baseTs: 1_700_000_000_000, batchSize: 1, parallelBatches: 3, redactBatch: parallel ? pool.redactBatch : undefined });
        const calls = [];
        for await (const c of store.iterateConversations()) calls.push(c);
        return { report: { ...report, durationMs: 0 }, calls };
      };
      const inWorkers = await run(true);
      const here = await run(false);
      assert.ok(here.calls.length > 0);
      assert.deepEqual(inWorkers.report, here.report);
      assert.deepEqual(inWorkers.calls, here.calls);
    });
  }
});
