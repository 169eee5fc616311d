import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SourceReader } from '../../../src/engine/ingest';
import type { Rejection } from '../../../src/engine/ingest';
import type { IngestFormat } from '../../../src/engine/model';
import { nodeFileSystem, nodeHashing } from '../../../src/node/nodePorts';

/**
 * Seeded byte-level fuzzing of every import format: records are mutated one at a time (truncated, a
 * character deleted, inserted, replaced, a slice duplicated), the file is read, and we check: no crash,
 * every record that came through the mutation unchanged is imported (found by the marker in its text),
 * every rejection has a line, a field and a reason, and records = calls + rejected + skipped.
 */

const SEED = 0x5eed13;
const RECORDS_PER_FILE = 25;
const FILES_PER_FORMAT = 50;

/** mulberry32: small, fast, deterministic. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const marker = (i: number) => `mk${i}x`;
const ts = 1_790_000_000_000;

interface FormatCase {
  format: IngestFormat;
  name: string;
  /** One record's text (may span lines); its user text carries `marker(i)`. */
  record(i: number): string;
  join(records: string[]): string;
  /** Whether each record is exactly one call (so records = calls + rejected + skipped). */
  oneCallPerRecord: boolean;
}

const jsonl = (records: string[]) => `${records.join('\n')}\n`;
const CASES: FormatCase[] = [
  {
    format: 'kaizen-jsonl',
    name: 'calls.jsonl',
    oneCallPerRecord: false,
    record: (i) =>
      [
        { eventId: `c${i}:0`, callId: `c${i}`, agentId: 'a', ts: ts + i * 10, type: 'call.started' },
        { eventId: `c${i}:1`, callId: `c${i}`, agentId: 'a', ts: ts + i * 10 + 1, type: 'turn', role: 'user', text: `where is ${marker(i)} please` },
        { eventId: `c${i}:2`, callId: `c${i}`, agentId: 'a', ts: ts + i * 10 + 2, type: 'call.ended', outcome: { endReason: 'completed', resolved: i % 2 === 0 } },
      ]
        .map((e) => JSON.stringify(e))
        .join('\n'),
    join: jsonl,
  },
  {
    format: 'openai-messages',
    name: 'tau.json',
    oneCallPerRecord: true,
    record: (i) => JSON.stringify({ task_id: i, trial: 0, reward: i % 2, traj: [{ role: 'system', content: 'policy' }, { role: 'user', content: `cancel ${marker(i)}` }, { role: 'assistant', content: 'ok' }] }),
    join: (records) => `[\n${records.map((r) => `  ${r}`).join(',\n')}\n]\n`,
  },
  {
    format: 'openai-messages',
    name: 'messages.jsonl',
    oneCallPerRecord: true,
    record: (i) => JSON.stringify({ id: `m${i}`, messages: [{ role: 'user', content: `hello ${marker(i)}` }, { role: 'assistant', content: 'hi' }] }),
    join: jsonl,
  },
  {
    format: 'uss',
    name: 'dialogues.txt',
    oneCallPerRecord: true,
    record: (i) => `USER\tI need ${marker(i)} now\tinform\t3,4\nSYSTEM\tsure\trequest\t\nUSER\tOVERALL\t\t4,4`,
    join: (records) => `${records.join('\n\n')}\n`,
  },
  {
    format: 'uss',
    name: 'dialogues.jsonl',
    oneCallPerRecord: true,
    record: (i) => JSON.stringify({ dataset: 'X', dialogue_idx: i, turns: [{ role: 'USER', text: `book ${marker(i)}`, sat: [3] }, { role: 'SYSTEM', text: 'done' }], overall_sat: [4] }),
    join: jsonl,
  },
  {
    format: 'vapi',
    name: 'reports.json',
    oneCallPerRecord: true,
    record: (i) =>
      JSON.stringify(
        {
          message: {
            type: 'end-of-call-report',
            endedReason: 'customer-ended-call',
            call: { id: `vapi-${i}`, assistantId: 'asst' },
            artifact: { messages: [{ role: 'user', message: `refund ${marker(i)}`, time: ts + i }, { role: 'bot', message: 'done', time: ts + i + 5 }] },
          },
        },
        null,
        2,
      ),
    join: (records) => `${records.join('\n')}\n`,
  },
  {
    format: 'retell',
    name: 'retell.jsonl',
    oneCallPerRecord: true,
    record: (i) =>
      JSON.stringify({ event: 'call_ended', call: { call_id: `rc-${i}`, start_timestamp: ts + i, disconnection_reason: 'user_hangup', transcript_object: [{ role: 'user', content: `change ${marker(i)}` }, { role: 'agent', content: 'ok' }] } }),
    join: jsonl,
  },
  {
    format: 'openai-realtime',
    name: 'realtime.jsonl',
    oneCallPerRecord: false,
    record: (i) =>
      [
        { type: 'session.created', event_id: `e${i}a`, session: { id: `sess_${i}`, instructions: 'be kind' } },
        { type: 'conversation.item.input_audio_transcription.completed', event_id: `e${i}b`, item_id: `u${i}`, transcript: `my ${marker(i)} is late` },
        { type: 'response.output_audio_transcript.done', event_id: `e${i}c`, item_id: `a${i}`, response_id: `r${i}`, transcript: 'sorry' },
      ]
        .map((e) => JSON.stringify(e))
        .join('\n'),
    join: jsonl,
  },
];

const INSERTS = ['{', '}', '[', ']', '"', ',', ':', '\n', '\\', ' ', 'x', '0', '\t', '\n\n'];
function mutate(text: string, r: () => number): string {
  const at = Math.floor(r() * text.length);
  switch (Math.floor(r() * 6)) {
    case 0:
      return text.slice(0, at); // truncated
    case 1:
      return text.slice(0, at) + text.slice(at + 1); // a character lost
    case 2:
      return text.slice(0, at) + INSERTS[Math.floor(r() * INSERTS.length)]! + text.slice(at); // one inserted
    case 3:
      return text.slice(0, at) + INSERTS[Math.floor(r() * INSERTS.length)]! + text.slice(at + 1); // one replaced
    case 4: {
      const len = 1 + Math.floor(r() * 20);
      return text.slice(0, at) + text.slice(at, at + len) + text.slice(at); // a slice repeated
    }
    default: {
      const len = 1 + Math.floor(r() * 40);
      return text.slice(0, at) + text.slice(at + len); // a slice lost
    }
  }
}

describe('ingest fuzz: seeded byte-level mutations across every format', function () {
  let dir: string;
  before(() => (dir = mkdtempSync(path.join(os.tmpdir(), 'kaizen-fuzz-'))));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('a truncated element of a JSON array or a truncated document does not take the next record with it', async () => {
    for (const c of CASES.filter((x) => x.name === 'tau.json' || x.name === 'reports.json')) {
      const texts = [c.record(0), c.record(1).slice(0, 60), c.record(2), c.record(3)];
      const file = path.join(dir, `truncated-${c.name}`);
      writeFileSync(file, c.join(texts));
      const reader = new SourceReader(file, { fs: nodeFileSystem, hashing: nodeHashing, sourceName: c.name, baseTs: ts });
      const markers: number[] = [];
      const rejections: Rejection[] = [];
      for await (const item of reader.items()) {
        if (item.kind === 'reject') rejections.push(item.rejection);
        else for (const e of item.events) if (e.type === 'turn') for (const m of e.text.matchAll(/mk(\d+)x/g)) markers.push(Number(m[1]));
      }
      assert.deepEqual(markers, [0, 2, 3], c.name);
      assert.deepEqual(rejections.map((x) => [x.record, x.field]), [[1, '(record)']], c.name);
      assert.equal(reader.stats.records, 4, c.name);
    }
  });

  it(`reads ${CASES.length * FILES_PER_FORMAT * RECORDS_PER_FILE} records (seed ${SEED.toString(16)}) without losing an intact one`, async () => {
    const r = rng(SEED);
    let records = 0;
    let mutated = 0;
    let rejected = 0;
    for (const c of CASES) {
      for (let f = 0; f < FILES_PER_FORMAT; f++) {
        const texts: string[] = [];
        const intact: number[] = [];
        for (let i = 0; i < RECORDS_PER_FILE; i++) {
          const original = c.record(i);
          // The first record stays whole so the format is detected (sniffing is tested elsewhere).
          const text = i > 0 && r() < 0.3 ? mutate(original, r) : original;
          if (text === original) intact.push(i);
          else mutated++;
          texts.push(text);
        }
        records += RECORDS_PER_FILE;
        const file = path.join(dir, `${f}-${c.name}`);
        writeFileSync(file, c.join(texts));
        const where = `${c.format} ${c.name} file ${f}`;
        const reader = new SourceReader(file, { fs: nodeFileSystem, hashing: nodeHashing, sourceName: c.name, baseTs: ts, format: c.format });
        const found = new Set<number>();
        const rejections: Rejection[] = [];
        let calls = 0;
        for await (const item of reader.items()) {
          if (item.kind === 'reject') {
            rejections.push(item.rejection);
            continue;
          }
          calls++;
          for (const e of item.events) {
            const text = e.type === 'turn' ? e.text : '';
            for (const m of text.matchAll(/mk(\d+)x/g)) found.add(Number(m[1]));
          }
        }
        rejected += rejections.length;
        const lost = intact.filter((i) => !found.has(i));
        assert.deepEqual(lost, [], `${where}: intact records not imported:\n${c.join(texts)}`);
        for (const rej of rejections) {
          assert.ok(rej.line !== undefined && rej.line >= 1, `${where}: a rejection without a line: ${JSON.stringify(rej)}`);
          assert.ok(rej.field.length > 0 && rej.reason.length > 0, `${where}: ${JSON.stringify(rej)}`);
        }
        const recordRejections = rejections.filter((x) => x.record !== undefined).length;
        if (c.oneCallPerRecord) assert.equal(reader.stats.records, calls + recordRejections + reader.stats.skipped, `${where}: counts do not add up`);
        else assert.ok(recordRejections <= reader.stats.records, where);
      }
    }
    console.log(`      fuzz: ${records} records (${mutated} mutated) in ${CASES.length} format layouts, ${rejected} rejections, seed ${SEED.toString(16)}`);
    assert.ok(records >= 10_000);
  });
});
