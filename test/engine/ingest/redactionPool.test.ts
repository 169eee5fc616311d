import assert from 'node:assert/strict';
import { priorOutcomeModel } from '../../../src/engine/analysis';
import type { CallAnalysis } from '../../../src/engine/analysis';
import { importFile } from '../../../src/engine/ingest';
import type { Conversation } from '../../../src/engine/model';
import { createImportAnalysis } from '../../../src/engine/pipeline';
import type { AnalyzedElsewhere } from '../../../src/engine/pipeline';
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

  describe('analysis in the workers too (analyzeWith)', () => {
    let analyzing: RedactionPool;
    before(() => {
      analyzing = createRedactionPool({ hmacKey, size: 2, analyzeWith: { outcomeModel: priorOutcomeModel() } });
    });
    after(async () => {
      await analyzing.close();
    });
    /** Imports with analysis in the import; `elsewhere` counts the worker analyses it hands out. */
    const importAnalyzed = async (file: string, inWorkers: boolean, outcomeModel = priorOutcomeModel()) => {
      const store = await openSqlStore({ ports });
      stores.push(store);
      const redactor = createRedactor({ hmacKey, hashing: ports.hashing });
      let used = 0;
      const elsewhere: AnalyzedElsewhere | undefined = inWorkers
        ? {
            outcomeModel: analyzing.analyzed!.outcomeModel,
            analysisOf: (c: Conversation): CallAnalysis | undefined => {
              const a = analyzing.analyzed!.analysisOf(c);
              if (a) used++;
              return a;
            },
          }
        : undefined;
      const analysis = createImportAnalysis({ ports, outcomeModel, analyzedElsewhere: elsewhere });
      const report = await importFile(fixture(file), {
        ports,
        store,
        redactor,
        baseTs: 1_700_000_000_000,
        batchSize: 2,
        analyzeBatch: analysis.analyzeBatch,
        ...(inWorkers ? { redactBatch: analyzing.redactBatch, parallelBatches: 3 } : {}),
      });
      const summary = await analysis.finish(store);
      const calls = await store.listCalls();
      const analyses = await Promise.all(calls.map(async (c) => ({ ...(await store.getCallAnalysis(c.callId))!, analyzedAt: 0 })));
      const patterns = (await store.listPatterns()).map((p) => ({ ...p, updatedAt: 0 }));
      const fingerprints = await store.listErrorFingerprints();
      return { report: { ...report, durationMs: 0 }, summary, analyses, patterns, fingerprints, used: () => used };
    };

    for (const file of ['tau.json', 'kaizen.jsonl', 'uss.jsonl', 'retell.json', 'vapi.json']) {
      it(`stores the same analyses, patterns and error fingerprints as the single-thread path (${file})`, async () => {
        const inWorkers = await importAnalyzed(file, true);
        const here = await importAnalyzed(file, false);
        assert.ok(here.analyses.length > 0);
        assert.equal(inWorkers.used(), here.analyses.length, 'every stored call was analyzed in a worker');
        assert.deepEqual(inWorkers.report, here.report);
        assert.deepEqual(inWorkers.summary, here.summary);
        assert.deepEqual(inWorkers.analyses, here.analyses);
        assert.deepEqual(inWorkers.patterns, here.patterns);
        assert.deepEqual(inWorkers.fingerprints, here.fingerprints);
      });
    }

    it('analyses made with another outcome model are not used: the main thread analyzes', async () => {
      const other = { ...priorOutcomeModel(), bias: 0.5 };
      const inWorkers = await importAnalyzed('tau.json', true, other);
      const here = await importAnalyzed('tau.json', false, other);
      assert.equal(inWorkers.used(), 0);
      assert.deepEqual(inWorkers.analyses, here.analyses);
    });
  });
});
