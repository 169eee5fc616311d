import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { importFile } from '../../../src/engine/ingest';
import { createRedactor } from '../../../src/engine/privacy';
import { openSqlStore } from '../../../src/engine/store';
import type { LearningStore } from '../../../src/engine/store';
import { createNodePorts } from '../../../src/node/nodePorts';

const chat = (i: number) => ({ id: `chat-${i}`, messages: [{ role: 'user', content: `my parcel number ${i} is late` }, { role: 'assistant', content: 'Let me check.' }] });

describe('ingest: variants of one bad record (nesting hidden in strings, a broken record in a one-per-line array)', function () {
  this.timeout(120_000);
  let dir: string;
  let store: LearningStore;
  const ports = createNodePorts();
  const redactor = createRedactor({ hmacKey: new Uint8Array(32).fill(5), hashing: ports.hashing });
  const run = async (name: string, text: string) => {
    const p = path.join(dir, name);
    writeFileSync(p, text);
    return importFile(p, { ports, store, redactor });
  };
  beforeEach(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'kaizen-limit-variants-'));
    store = await openSqlStore({ ports });
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('tool arguments and a tool result nested 20,000 deep inside JSON strings: the call is kept (as text), and so are its neighbours', async () => {
    const deep = '['.repeat(20_000) + ']'.repeat(20_000);
    const hostile = {
      id: 'deep',
      messages: [
        { role: 'user', content: 'look it up' },
        { role: 'assistant', content: null, tool_calls: [{ id: 't1', type: 'function', function: { name: 'lookup', arguments: `{"q":${deep}}` } }] },
        { role: 'tool', tool_call_id: 't1', content: `{"rows":${deep}}` },
        { role: 'assistant', content: 'Found nothing.' },
      ],
    };
    const r = await run('deep.jsonl', [chat(1), hostile, chat(2)].map((x) => JSON.stringify(x)).join('\n'));
    assert.deepEqual([r.records, r.calls, r.rejected], [3, 3, 0], JSON.stringify(r.rejections));
    const stored = await store.listCalls();
    assert.equal(stored.length, 3);
    const deepCall = (await Promise.all(stored.map((c) => store.getConversation(c.callId)))).find((c) => c!.events.some((e) => e.type === 'tool.called'))!;
    const called = deepCall.events.find((e) => e.type === 'tool.called')!;
    assert.equal(called.type === 'tool.called' && typeof called.arguments.raw, 'string', 'the arguments are kept as text');
  });

  it('an unterminated string in a one-record-per-line array costs that record only; the records after it are read, and counted', async () => {
    const lines = [JSON.stringify(chat(1)), '{"id":"broken","messages":[{"role":"user","content":"it says }, {\\"id\\": and ] here', JSON.stringify(chat(2)), JSON.stringify(chat(3))];
    const r = await run('array.json', `[${lines.join(',\n')}]`);
    assert.deepEqual([r.calls, r.rejected], [3, 1], JSON.stringify(r.rejections));
    assert.equal(r.rejections[0]!.line, 2);
    assert.match(r.rejections[0]!.reason, /line 2 is broken .* read on from line 3/);
    assert.equal(r.records, 4, 'every record of the file is counted once');
  });

  it('an unterminated string in a one-line array costs that record only: the records after it on the same line are kept, and the report says where and how to fix it', async () => {
    // The broken record holds a nested array of objects, so a "}, {" inside it must not be taken for the next record.
    const broken = '{"id":"broken","messages":[{"role":"user","content":"first"},{"role":"user","content":"it never ends}]}';
    const r = await run('oneline.json', `[${JSON.stringify(chat(1))},${broken},${JSON.stringify(chat(2))}, ${JSON.stringify(chat(3))},${JSON.stringify(chat(4))}]`);
    assert.deepEqual([r.calls, r.rejected, r.records], [4, 1, 5], JSON.stringify(r.rejections));
    const rej = r.rejections[0]!;
    assert.equal(rej.line, 1);
    assert.equal(rej.record, 1, 'the second record of the file');
    assert.match(rej.reason, /record 2 .* broken .*unterminated string.* Fix that record's quotes/);
    const texts = (await Promise.all((await store.listCalls()).map((c) => store.getConversation(c.callId)))).map((c) => c!.events.map((e) => ('text' in e ? e.text : '')).join(' '));
    for (const i of [1, 2, 3, 4]) assert.ok(texts.some((t) => t.includes(`parcel number ${i} `)), `chat ${i} kept`);
  });

  it('a one-line array whose every record is broken after the first keeps the first and reports the rest, without hanging', async () => {
    const r = await run('allbroken.json', `[${JSON.stringify(chat(1))},${Array.from({ length: 50 }, (_, i) => `{"id":"b${i}","messages":[{"role":"user","content":"cut ${i}}]}`).join(',')}]`);
    assert.equal(r.calls, 1, JSON.stringify(r.rejections.slice(0, 3)));
    assert.ok(r.rejected >= 1);
  });

  it('a value left open at the end of the array still says the file is truncated', async () => {
    const r = await run('cut.json', `[${JSON.stringify(chat(1))},\n{"id":"cut","messages":[{"role":"user","content":"hel`);
    assert.deepEqual([r.calls, r.rejected], [1, 1]);
    assert.match(r.rejections.map((x) => x.reason).join(' '), /truncated/);
  });
});
