// The end-to-end paths `scale.bench.ts` compares: each imports a file and leaves every call analyzed.
import * as os from 'node:os';
import { importFile } from '../src/engine/ingest';
import type { ImportOptions } from '../src/engine/ingest';
import { createImportAnalysis } from '../src/engine/pipeline';
import { priorOutcomeModel } from '../src/engine/analysis';
import type { analyzeStore } from '../src/engine/pipeline';
import { createNodePorts } from '../src/node/nodePorts';
import { createRedactionPool } from '../src/node/redactionPool';

export interface EndToEndMode {
  name: string;
  /** The one run that is profiled. */
  profile?: boolean;
  run(file: string, options: ImportOptions, analyze: typeof analyzeStore): Promise<{ calls: number }>;
}

const ports = createNodePorts();

export function modes(hmacKey: Uint8Array): EndToEndMode[] {
  return [
    {
      name: 'import, then analyzeStore (re-reads every call)',
      profile: true,
      async run(file, options, analyze) {
        const report = await importFile(file, options);
        await analyze(options.store, { ports });
        return { calls: report.calls };
      },
    },
    {
      name: 'import with analysis in the import (analyzeBatch)',
      profile: true,
      async run(file, options) {
        const analysis = createImportAnalysis({ ports });
        const report = await importFile(file, { ...options, analyzeBatch: analysis.analyzeBatch });
        await analysis.finish(options.store);
        return { calls: report.calls };
      },
    },
    {
      name: `same, redaction and analysis in a worker pool (${Math.max(1, os.availableParallelism() - 1)} workers)`,
      async run(file, options) {
        const pool = createRedactionPool({ hmacKey, analyzeWith: { outcomeModel: priorOutcomeModel() } });
        try {
          const analysis = createImportAnalysis({ ports, analyzedElsewhere: pool.analyzed });
          const report = await importFile(file, { ...options, analyzeBatch: analysis.analyzeBatch, redactBatch: pool.redactBatch, parallelBatches: pool.size + 1 });
          await analysis.finish(options.store);
          return { calls: report.calls };
        } finally {
          await pool.close();
        }
      },
    },
    {
      name: `same, redaction only in a worker pool (${Math.max(1, os.availableParallelism() - 1)} workers)`,
      async run(file, options) {
        const pool = createRedactionPool({ hmacKey });
        try {
          const analysis = createImportAnalysis({ ports });
          const report = await importFile(file, { ...options, analyzeBatch: analysis.analyzeBatch, redactBatch: pool.redactBatch, parallelBatches: pool.size + 1 });
          await analysis.finish(options.store);
          return { calls: report.calls };
        } finally {
          await pool.close();
        }
      },
    },
  ];
}
