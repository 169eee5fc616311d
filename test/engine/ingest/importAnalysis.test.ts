import assert from 'node:assert/strict';
import { priorOutcomeModel } from '../../../src/engine/analysis';
import { analyzeStore, createImportAnalysis } from '../../../src/engine/pipeline';
import { importFile } from '../../../src/engine/ingest';
import type { EnginePorts } from '../../../src/engine/ports';
import { createRedactor } from '../../../src/engine/privacy';
import { openSqlStore } from '../../../src/engine/store';
import type { LearningStore } from '../../../src/engine/store';
import { createNodePorts } from '../../../src/node/nodePorts';
import { fixture } from './helpers';

describe('ingest: analysis inside the import (analyzeBatch)', () => {
  let ports: EnginePorts;
  const stores: LearningStore[] = [];
  afterEach(async () => {
    for (const s of stores.splice(0)) await s.close();
  });
  const importWith = async (file: string, analyze: boolean) => {
    const store = await openSqlStore({ ports });
    stores.push(store);
    const redactor = createRedactor({ hmacKey: new Uint8Array(32).fill(7), hashing: ports.hashing });
    const analysis = createImportAnalysis({ ports, outcomeModel: priorOutcomeModel() });
    const report = await importFile(fixture(file), { ports, store, redactor, baseTs: 1_700_000_000_000, batchSize: 2, analyzeBatch: analyze ? analysis.analyzeBatch : undefined });
    return { store, report, analysis };
  };
  beforeEach(() => {
    ports = createNodePorts();
  });

  for (const file of ['tau.json', 'kaizen.jsonl', 'uss.jsonl', 'vapi.json']) {
    it(`stores the same analyses and patterns as a separate analyzeStore pass (${file})`, async () => {
      const inImport = await importWith(file, true);
      const summary = await inImport.analysis.finish(inImport.store);
      const separate = await importWith(file, false);
      // Import-time analysis labels with what exists before the import (the built-in taxonomy, a model);
      // the store-wide pass adds induced vocabulary, so compare with induction off.
      await analyzeStore(separate.store, { ports, outcomeModel: priorOutcomeModel(), induce: false, seeds: 'on' });
      const calls = await separate.store.listCalls();
      assert.ok(calls.length > 0);
      assert.equal(summary.calls, calls.length);
      for (const c of calls) {
        const a = await inImport.store.getCallAnalysis(c.callId);
        const b = await separate.store.getCallAnalysis(c.callId);
        assert.ok(a && b, c.callId);
        assert.deepEqual({ ...a, analyzedAt: 0 }, { ...b, analyzedAt: 0 }, c.callId);
      }
      const strip = (ps: Awaited<ReturnType<LearningStore['listPatterns']>>) => ps.map((p) => ({ ...p, updatedAt: 0 }));
      assert.deepEqual(strip(await inImport.store.listPatterns()), strip(await separate.store.listPatterns()));
      assert.equal(inImport.report.callsNotAnalyzed, undefined);
    });
  }

  it('leaves calls that merged into stored ones for `kaizen analyze`, and counts them', async () => {
    const { store, report } = await importWith('tau.json', true);
    assert.equal(report.callsNotAnalyzed, undefined);
    const redactor = createRedactor({ hmacKey: new Uint8Array(32).fill(7), hashing: ports.hashing });
    const again = await importFile(fixture('tau.json'), { ports, store, redactor, baseTs: 1_700_000_000_000, analyzeBatch: async () => assert.fail('a re-import is not analyzed') });
    assert.equal(again.callsNotAnalyzed, again.calls);
  });
});
