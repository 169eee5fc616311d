import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { IngestFormatError, SourceReader } from '../../../src/engine/ingest';
import type { Rejection } from '../../../src/engine/ingest';
import type { ConversationEvent } from '../../../src/engine/model';
import { nodeFileSystem, nodeHashing } from '../../../src/node/nodePorts';
import type { FileSystem } from '../../../src/engine/ports';
import { fixture, ofType, readFixture } from './helpers';

describe('ingest rejections', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'kaizen-ingest-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  async function readText(name: string, text: string | Uint8Array) {
    const file = path.join(dir, name);
    writeFileSync(file, text);
    const reader = new SourceReader(file, { fs: nodeFileSystem, hashing: nodeHashing, sourceName: name, baseTs: 0 });
    const calls: ConversationEvent[][] = [];
    const rejections: Rejection[] = [];
    for await (const item of reader.items()) {
      if (item.kind === 'call') calls.push(item.events);
      else rejections.push(item.rejection);
    }
    return { reader, calls, rejections };
  }

  it('kaizen-jsonl: names the line and the field of each bad record and keeps the good ones', async () => {
    const { calls, rejections, reader } = await readFixture('bad.jsonl');
    assert.deepEqual(
      rejections.map((r) => [r.line, r.field]),
      [
        [2, '(record)'],
        [3, 'text'],
        [4, 'text'],
        [5, 'role'],
        [6, 'type'],
      ],
    );
    assert.match(rejections[0]!.reason, /not valid JSON/);
    assert.match(rejections[1]!.reason, /text is missing; add it/);
    assert.match(rejections[2]!.reason, /text must be a string, not a number/);
    assert.match(rejections[3]!.reason, /"robot".*"user", "agent", "system"/);
    assert.match(rejections[4]!.reason, /"call.teleported" is not a known value/);
    assert.ok(rejections.every((r) => r.file === 'bad.jsonl'));
    assert.equal(calls.length, 1);
    assert.deepEqual(calls[0]!.map((e) => e.eventId), ['x-0', 'x-6', 'x-7']);
    assert.equal(reader.stats.records, 8);
  });

  it('json array: a bad element is rejected with its line and field path; the others are imported', async () => {
    const { calls, rejections } = await readFixture('tau_bad.json');
    assert.deepEqual(
      rejections.map((r) => [r.line, r.record, r.field]),
      [
        [3, 1, 'traj[1].role'],
        [4, 2, 'reward'],
        [5, 3, '(record)'],
      ],
    );
    assert.match(rejections[1]!.reason, /reward must be a number, not a string/);
    assert.deepEqual(calls.map((c) => ofType(c, 'call.started')[0]!.source!.externalId), ['1', '5']);
  });

  it('a file in no format is one clear error naming the formats tried', async () => {
    await assert.rejects(readFixture('unknown.csv'), (err: Error) => {
      assert.ok(err instanceof IngestFormatError);
      assert.match(err.message, /unknown\.csv: matches no known format \(tried kaizen-jsonl, openai-messages, uss, vapi, retell, openai-realtime\)/);
      assert.match(err.message, /--format/);
      return true;
    });
  });

  it('JSON records of no known shape are one error too', async () => {
    await assert.rejects(readText('other.jsonl', '{"hello":1}\n{"hello":2}\n'), /records match no known format .*keys hello/);
  });

  it('an empty file is an error, not an empty import', async () => {
    await assert.rejects(readText('empty.jsonl', '\n\n'), /the file is empty/);
  });

  it('a truncated JSON array keeps the complete elements and reports where it broke', async () => {
    const { calls, rejections } = await readText(
      'cut.json',
      '[{"task_id":1,"reward":1,"traj":[{"role":"user","content":"hi"}]},\n{"task_id":2,"reward":1,"traj":[{"role":"user"',
    );
    assert.equal(calls.length, 1);
    assert.equal(rejections.length, 1);
    assert.match(rejections[0]!.reason, /ends inside a value that starts at line 2/);
  });

  it('a USS line with bad ratings rejects that dialogue only, naming the line', async () => {
    const { calls, rejections } = await readText('u.txt', 'USER\thi\tX\t3,9\nSYSTEM\thello\t\t\n\nUSER\tok\t\t4\nUSER\tOVERALL\t\t4\n');
    assert.equal(calls.length, 1);
    assert.deepEqual([rejections[0]!.line, rejections[0]!.field], [1, 'ratings']);
    assert.match(rejections[0]!.reason, /whole numbers 1–5/);
  });

  it('reads CRLF files with a BOM', async () => {
    const text = '\uFEFFUSER\thi\tX\t3,3\r\nSYSTEM\thello\t\t\r\nUSER\tOVERALL\t\t3,4\r\n';
    const { calls, reader } = await readText('crlf.txt', text);
    assert.equal(reader.format, 'uss');
    const turns = ofType(calls[0]!, 'turn');
    assert.deepEqual(turns.map((t) => t.text), ['hi', 'hello']);
    assert.deepEqual(ofType(calls[0]!, 'call.ended')[0]!.annotations, { overallSat: [3, 4], overallSatMode: 3 });
  });
});

describe('ingest file handles', () => {
  it('closes the file when the reader stops early or the format is unknown', async () => {
    let open = 0;
    const fs: FileSystem = {
      ...nodeFileSystem,
      readChunks(p, options) {
        const inner = nodeFileSystem.readChunks(p, options);
        return (async function* () {
          open++;
          try {
            for await (const c of inner) yield c.subarray(0, c.byteLength);
          } finally {
            open--;
          }
        })();
      },
    };
    const reader = new SourceReader(fixture('kaizen.jsonl'), { fs, hashing: nodeHashing });
    for await (const item of reader.items()) {
      assert.equal(item.kind, 'call');
      break;
    }
    assert.equal(open, 0);
    await assert.rejects(async () => {
      for await (const _ of new SourceReader(fixture('unknown.csv'), { fs, hashing: nodeHashing }).items()) void _;
    }, /no known format/);
    assert.equal(open, 0);
  });
});
