import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MAX_JSON_DEPTH, SourceReader, readRecords, resolveLimits } from '../../../src/engine/ingest';
import type { Rejection } from '../../../src/engine/ingest';
import { nodeFileSystem, nodeHashing } from '../../../src/node/nodePorts';

const enc = new TextEncoder();
async function* chunks(text: string, size = 1000): AsyncGenerator<Uint8Array> {
  const bytes = enc.encode(text);
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

const event = (callId: string, n: number, extra: Record<string, unknown>) => JSON.stringify({ eventId: `${callId}:${n}`, callId, agentId: 'a', ts: 1_790_000_000_000 + n, ...extra });
const call = (callId: string, args: unknown = {}) => [
  event(callId, 0, { type: 'call.started' }),
  event(callId, 1, { type: 'tool.called', toolCallId: 't', name: 'lookup', arguments: { q: args } }),
  event(callId, 2, { type: 'call.ended', outcome: { endReason: 'completed' } }),
];

describe('ingest: limits (one record cannot sink a file)', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(path.join(os.tmpdir(), 'kaizen-limits-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  async function read(name: string, text: string) {
    const p = path.join(dir, name);
    writeFileSync(p, text);
    const reader = new SourceReader(p, { fs: nodeFileSystem, hashing: nodeHashing, sourceName: name, baseTs: 1 });
    const calls: string[] = [];
    const rejections: Rejection[] = [];
    for await (const item of reader.items()) {
      if (item.kind === 'call') calls.push(item.events[0]!.callId);
      else rejections.push(item.rejection);
    }
    return { calls, rejections };
  }

  it('arrays 2,000+ deep in tool arguments: that line is rejected naming the limit, the other calls are kept', async () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 2500; i++) deep = [deep];
    const lines = [...call('good1'), ...call('deep', deep), ...call('good2')];
    const { calls, rejections } = await read('deep.jsonl', lines.join('\n'));
    assert.deepEqual(calls.sort(), ['deep', 'good1', 'good2']);
    assert.equal(rejections.length, 1);
    assert.equal(rejections[0]!.line, 5);
    assert.match(rejections[0]!.reason, new RegExp(`more than ${MAX_JSON_DEPTH} deep`));
  });

  it('a deep record inside a JSON array and a deep USS-style document are rejected alone', async () => {
    let deep: unknown = 1;
    for (let i = 0; i < 3000; i++) deep = { a: deep };
    const run = (id: number, extra?: unknown) => ({ task_id: id, reward: 1, traj: [{ role: 'user', content: `hello ${id}` }, { role: 'assistant', content: 'hi', extra }] });
    const text = `[\n${[run(1), run(2, deep), run(3)].map((r) => `  ${JSON.stringify(r)}`).join(',\n')}\n]\n`;
    const { calls, rejections } = await read('deep.json', text);
    assert.equal(calls.length, 2);
    assert.deepEqual(rejections.map((r) => [r.line, r.record]), [[3, 1]]);
  });

  it('a line over the record limit is rejected with its line number and the limit, without being held', async () => {
    const limits = { maxRecordChars: 10_000, maxDepth: 64 };
    const long = event('x', 0, { type: 'turn', role: 'user', text: 'y'.repeat(50_000) });
    const text = [event('a', 0, { type: 'call.started' }), long, event('b', 0, { type: 'call.started' })].join('\n');
    const items = [];
    for await (const item of readRecords(chunks(text, 777), 'jsonl', limits)) items.push(item);
    assert.deepEqual(items.map((i) => i.kind), ['record', 'reject', 'record']);
    const r = items[1] as Extract<(typeof items)[number], { kind: 'reject' }>;
    assert.equal(r.rejection.line, 2);
    assert.match(r.rejection.reason, /over the limit of 10 kB/);
  });

  it('an array element or a document over the limit is skipped and the next one is read', async () => {
    const limits = { maxRecordChars: 5_000, maxDepth: 64 };
    const big = JSON.stringify({ n: 2, pad: 'z'.repeat(20_000) });
    for (const [container, text, line] of [
      ['json-array', `[\n  {"n":1},\n  ${big},\n  {"n":3}\n]`, 3],
      ['json-values', `{"n":1}\n${big}\n{"n":3}\n`, 2],
    ] as const) {
      const out = [];
      for await (const item of readRecords(chunks(text, 333), container, limits)) out.push(item.kind === 'record' ? (item.record.value as { n: number }).n : `reject@${item.rejection.line}`);
      assert.deepEqual(out, [1, `reject@${line}`, 3], container);
    }
  });

  it('limits can only be raised', () => {
    assert.deepEqual(resolveLimits({ maxRecordChars: 10, maxDepth: 2 }), resolveLimits());
    assert.equal(resolveLimits({ maxRecordChars: 2 ** 30 }).maxRecordChars, 2 ** 30);
  });
});
