import assert from 'node:assert/strict';
import { importFile } from '../../../src/engine/ingest';
import type { ImportOptions } from '../../../src/engine/ingest';
import type { EnginePorts } from '../../../src/engine/ports';
import { createRedactor } from '../../../src/engine/privacy';
import { openSqlStore } from '../../../src/engine/store';
import type { LearningStore } from '../../../src/engine/store';
import { createNodePorts } from '../../../src/node/nodePorts';
import { fixture } from './helpers';

describe('ingest importFile (real sql.js store, real redactor)', () => {
  let ports: EnginePorts;
  let store: LearningStore;
  let opts: (extra?: Partial<ImportOptions>) => ImportOptions;

  beforeEach(async () => {
    ports = createNodePorts();
    store = await openSqlStore({ ports });
    const redactor = createRedactor({ hmacKey: new Uint8Array(32).fill(7), hashing: ports.hashing });
    opts = (extra = {}) => ({ ports, store, redactor, baseTs: 1_700_000_000_000, ...extra });
  });
  afterEach(async () => {
    await store.close();
  });

  it('imports τ-bench runs with exact counts; a second import is all duplicates', async () => {
    const first = await importFile(fixture('tau.json'), opts({ sourceName: 'tau.json' }));
    assert.equal(first.format, 'openai-messages');
    assert.deepEqual(
      [first.records, first.calls, first.callsInserted, first.turns, first.toolCalls, first.toolErrors, first.transfers, first.rejected, first.duplicates],
      [2, 2, 2, 10, 4, 1, 1, 0, 0],
    );
    assert.equal(first.eventsInserted, first.events);
    assert.equal(first.cancelled, false);

    const again = await importFile(fixture('tau.json'), opts({ sourceName: 'tau.json' }));
    assert.equal(again.callsInserted, 0);
    assert.equal(again.callsUnchanged, 2);
    assert.equal(again.eventsInserted, 0);
    assert.equal(again.duplicates, first.events);
    assert.equal(await store.countCalls(), 2);

    const listed = await store.listCalls({ sourceFile: 'tau.json' });
    assert.deepEqual(
      listed.map((c) => c.source),
      [
        { file: 'tau.json', index: 0, format: 'openai-messages', externalId: '7', trial: 0 },
        { file: 'tau.json', index: 1, format: 'openai-messages', externalId: '7', trial: 1 },
      ],
    );
  });

  it('counts in-file duplicate events and keeps good records of a file with bad ones', async () => {
    const dup = await importFile(fixture('kaizen.jsonl'), opts());
    assert.equal(dup.duplicates, 1);
    assert.equal(dup.calls, 3);
    const bad = await importFile(fixture('bad.jsonl'), opts({ sourceName: 'bad.jsonl' }));
    assert.equal(bad.rejected, 5);
    assert.deepEqual(bad.rejections.map((r) => r.line), [2, 3, 4, 5, 6]);
    assert.equal(bad.calls, 1);
    const stored = await store.getConversation('call-x');
    assert.deepEqual(stored?.events.map((e) => e.eventId), ['x-0', 'x-6', 'x-7']);
  });

  it('redacts before storing: no raw email or phone number reaches the store', async () => {
    const report = await importFile(fixture('vapi.json'), opts());
    assert.equal(report.calls, 1);
    const stored = await store.getConversation('vapi-call-1');
    assert.ok(stored);
    const json = JSON.stringify(stored);
    assert.ok(!json.includes('jane.doe@example.com'), 'email redacted');
    assert.ok(!json.includes('5551234567'), 'caller number hashed');
    const started = stored.events.find((e) => e.type === 'call.started');
    assert.match(started?.type === 'call.started' ? started.callerKey ?? '' : '', /^[0-9a-f]{64}$/);
  });

  it('writes in batches and reports progress up to the file size', async () => {
    const seen: number[] = [];
    const report = await importFile(fixture('uss.txt'), opts({ batchSize: 1, onProgress: (p) => seen.push(p.bytesRead) }));
    assert.equal(report.calls, 2);
    assert.equal(await store.countCalls(), 2);
    const size = (await ports.fs.stat(fixture('uss.txt')))!.size;
    assert.equal(seen.at(-1), size);
    assert.equal(report.bytes, size);
  });

  it('cancels: committed batches stay, the rest is not read, and a re-run completes it', async () => {
    const controller = new AbortController();
    const report = await importFile(
      fixture('uss.txt'),
      opts({ batchSize: 1, signal: controller.signal, onProgress: (p) => p.calls >= 1 && controller.abort() }),
    );
    assert.equal(report.cancelled, true);
    assert.equal(await store.countCalls(), 1);
    const rerun = await importFile(fixture('uss.txt'), opts());
    assert.equal(rerun.callsInserted, 1);
    assert.equal(rerun.callsUnchanged, 1);
    assert.equal(await store.countCalls(), 2);
  });

  it('throws a format error (and stores nothing) for a file in no known format', async () => {
    await assert.rejects(importFile(fixture('unknown.csv'), opts()), /matches no known format/);
    assert.equal(await store.countCalls(), 0);
  });
});
