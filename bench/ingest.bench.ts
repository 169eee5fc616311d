// Ingest throughput and memory. Run with `npm run bench -- ingest` (own process, --expose-gc).
// 1. parse + adapt + validate throughput per format (no store), on generated files in the real shapes;
// 2. the full pipeline (redactor + in-memory sql.js store) on generated Kaizen JSONL;
// 3. peak RSS while streaming a ~400 MB Kaizen JSONL file (written to a temp dir, deleted after):
//    RSS at 10 %, 50 % and 100 % of the bytes read shows memory stays flat.
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SourceReader, importFile } from '../src/engine/ingest';
import type { IngestFormat } from '../src/engine/model';
import { createRedactor } from '../src/engine/privacy';
import { openSqlStore } from '../src/engine/store';
import { createNodePorts } from '../src/node/nodePorts';

const ports = createNodePorts();
const dir = mkdtempSync(path.join(os.tmpdir(), 'kaizen-bench-ingest-'));
const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});
const MB = 1024 * 1024;

/** Deterministic filler text (no Math.random: figures must be repeatable). */
const WORDS = 'the my flight refund charge booking please thanks change seat baggage card account help today when where why'.split(' ');
function sentence(i: number, n = 14): string {
  let s = '';
  for (let k = 0; k < n; k++) s += `${WORDS[(i * 7 + k * 13) % WORDS.length]} `;
  return `${s.trim()}.`;
}

async function writeLines(file: string, targetBytes: number, next: (i: number) => string): Promise<number> {
  const out = createWriteStream(file);
  let bytes = 0;
  let i = 0;
  let buf = '';
  while (bytes < targetBytes) {
    const piece = next(i++);
    buf += piece;
    bytes += Buffer.byteLength(piece);
    if (buf.length > 1 << 20) {
      if (!out.write(buf)) await new Promise<void>((r) => out.once('drain', () => r()));
      buf = '';
    }
  }
  out.write(buf);
  await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
  return i;
}

function kaizenCall(i: number): string {
  const callId = `call-${i}`;
  const base = 1_770_000_000_000 + i * 60_000;
  const lines = [{ type: 'call.started', eventId: `${callId}:0`, callId, agentId: 'bench', ts: base, channel: 'voice' }];
  for (let t = 1; t <= 10; t++) lines.push({ type: 'turn', eventId: `${callId}:${t}`, callId, agentId: 'bench', ts: base + t * 1000, role: t % 2 ? 'user' : 'agent', text: sentence(i + t) } as never);
  lines.push({ type: 'call.ended', eventId: `${callId}:11`, callId, agentId: 'bench', ts: base + 11_000, outcome: { endReason: 'completed', resolved: i % 3 !== 0 } } as never);
  return lines.map((l) => JSON.stringify(l)).join('\n') + '\n';
}

function tauRecord(i: number): string {
  const traj: unknown[] = [{ role: 'system', content: '# Airline Agent Policy\n' + sentence(1, 60) }];
  for (let t = 0; t < 6; t++) {
    traj.push({ role: 'user', content: sentence(i + t) });
    traj.push({ content: null, role: 'assistant', tool_calls: [{ id: `c${i}_${t}`, type: 'function', function: { name: 'get_user_details', arguments: JSON.stringify({ user_id: `u_${i}` }) } }] });
    traj.push({ role: 'tool', tool_call_id: `c${i}_${t}`, name: 'get_user_details', content: t === 3 ? 'Error: not enough seats' : JSON.stringify({ id: i, note: sentence(t) }) });
    traj.push({ role: 'assistant', content: sentence(i + t + 1) });
  }
  return JSON.stringify({ task_id: i % 25, reward: i % 2, info: { task: { user_id: `u_${i}` } }, traj, trial: i % 4 });
}

function ussDialogue(i: number): string {
  let s = '';
  for (let t = 0; t < 6; t++) s += `USER\t${sentence(i + t)}\tINFORM\t3,${(t % 5) + 1},3\nSYSTEM\t${sentence(i + t + 2)}\tOFFER\t\n`;
  return `${s}USER\tOVERALL\t\t3,4,3\n\n`;
}

function vapiReport(i: number): string {
  const start = 1_770_000_000_000 + i * 100_000;
  const messages: unknown[] = [{ role: 'system', message: sentence(1, 40), time: start, secondsFromStart: 0 }];
  for (let t = 0; t < 10; t++) messages.push({ role: t % 2 ? 'user' : 'bot', message: sentence(i + t), time: start + t * 3000, endTime: start + t * 3000 + 2000, secondsFromStart: t * 3, duration: 2000 });
  return JSON.stringify({ message: { type: 'end-of-call-report', endedReason: 'customer-ended-call', startedAt: new Date(start).toISOString(), endedAt: new Date(start + 40_000).toISOString(), call: { id: `vapi-${i}`, assistantId: 'a1' }, analysis: { successEvaluation: 'true' }, artifact: { messages } } }) + '\n';
}

function retellCall(i: number): string {
  const entries: unknown[] = [];
  for (let t = 0; t < 10; t++) entries.push({ role: t % 2 ? 'user' : 'agent', content: sentence(i + t), words: [{ word: 'x', start: t * 3, end: t * 3 + 1 }, { word: 'y', start: t * 3 + 1, end: t * 3 + 2 }] });
  return JSON.stringify({ event: 'call_analyzed', call: { call_id: `retell-${i}`, agent_id: 'r1', start_timestamp: 1_770_000_000_000 + i * 100_000, end_timestamp: 1_770_000_040_000 + i * 100_000, disconnection_reason: 'user_hangup', transcript_object: entries, call_analysis: { call_successful: true, user_sentiment: 'Positive' } } }) + '\n';
}

function realtimeSession(i: number): string {
  const lines: unknown[] = [{ type: 'session.created', event_id: `e${i}`, session: { id: `sess_${i}`, instructions: sentence(1, 30) } }];
  for (let t = 0; t < 5; t++) {
    lines.push({ type: 'conversation.item.added', event_id: `e${i}_${t}a`, item: { id: `u${i}_${t}`, type: 'message', role: 'user' } });
    lines.push({ type: 'conversation.item.input_audio_transcription.completed', event_id: `e${i}_${t}b`, item_id: `u${i}_${t}`, content_index: 0, transcript: sentence(i + t) });
    lines.push({ type: 'response.output_audio_transcript.done', event_id: `e${i}_${t}c`, response_id: `r${i}_${t}`, item_id: `a${i}_${t}`, output_index: 0, content_index: 0, transcript: sentence(i + t + 1) });
    lines.push({ type: 'response.done', event_id: `e${i}_${t}d`, response: { id: `r${i}_${t}`, status: 'completed', status_details: null } });
  }
  return lines.map((l) => JSON.stringify(l)).join('\n') + '\n';
}

async function parseThroughput(file: string): Promise<{ seconds: number; records: number; calls: number; format?: IngestFormat }> {
  gc();
  const reader = new SourceReader(file, { fs: ports.fs, hashing: ports.hashing, baseTs: 0 });
  const t0 = process.hrtime.bigint();
  let calls = 0;
  for await (const item of reader.items()) if (item.kind === 'call') calls++;
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  return { seconds, records: reader.stats.records, calls, format: reader.format };
}

async function main(): Promise<void> {
  const perFormatBytes = Number(process.env.KAIZEN_BENCH_INGEST_MB ?? 24) * MB;
  console.log(`parse + adapt + validate (no store), ~${perFormatBytes / MB} MB per format`);
  console.log('format           MB     seconds   MB/s   records/s   calls/s');
  const cases: { name: string; file: string; write: () => Promise<unknown> }[] = [
    { name: 'kaizen-jsonl', file: 'k.jsonl', write: () => writeLines(path.join(dir, 'k.jsonl'), perFormatBytes, kaizenCall) },
    {
      name: 'openai-messages',
      file: 't.json',
      write: () => writeLines(path.join(dir, 't.json'), perFormatBytes, (i) => (i === 0 ? `[${tauRecord(0)}` : `,\n${tauRecord(i)}`)).then(async () => {
        const { appendFileSync } = await import('node:fs');
        appendFileSync(path.join(dir, 't.json'), ']\n');
      }),
    },
    { name: 'uss', file: 'u.txt', write: () => writeLines(path.join(dir, 'u.txt'), perFormatBytes, ussDialogue) },
    { name: 'vapi', file: 'v.jsonl', write: () => writeLines(path.join(dir, 'v.jsonl'), perFormatBytes, vapiReport) },
    { name: 'retell', file: 'r.jsonl', write: () => writeLines(path.join(dir, 'r.jsonl'), perFormatBytes, retellCall) },
    { name: 'openai-realtime', file: 'rt.jsonl', write: () => writeLines(path.join(dir, 'rt.jsonl'), perFormatBytes, realtimeSession) },
  ];
  for (const c of cases) {
    await c.write();
    const file = path.join(dir, c.file);
    const size = statSync(file).size;
    const r = await parseThroughput(file);
    if (r.format !== c.name) throw new Error(`${c.file} detected as ${r.format}, expected ${c.name}`);
    console.log(
      `${c.name.padEnd(15)} ${(size / MB).toFixed(1).padStart(5)}  ${r.seconds.toFixed(2).padStart(7)}  ${(size / MB / r.seconds).toFixed(1).padStart(5)}  ${Math.round(r.records / r.seconds).toString().padStart(10)}  ${Math.round(r.calls / r.seconds).toString().padStart(8)}`,
    );
    rmSync(file);
  }

  // Full pipeline: redaction + sql.js store, on 5,000 generated calls.
  {
    const file = path.join(dir, 'full.jsonl');
    const out = createWriteStream(file);
    for (let i = 0; i < 5000; i++) out.write(kaizenCall(i));
    await new Promise<void>((resolve) => out.end(() => resolve()));
    const store = await openSqlStore({ ports });
    const redactor = createRedactor({ hmacKey: new Uint8Array(32).fill(1), hashing: ports.hashing });
    const t0 = process.hrtime.bigint();
    const report = await importFile(file, { ports, store, redactor });
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    console.log(`\nfull import (redact + in-memory sql.js store, batches of 500): ${report.calls} calls, ${report.events} events in ${seconds.toFixed(2)} s = ${Math.round(report.calls / seconds)} calls/s, ${Math.round(report.events / seconds)} events/s`);
    await store.close();
    rmSync(file);
  }

  // Flat memory on a large file.
  {
    const targetMb = Number(process.env.KAIZEN_BENCH_INGEST_BIG_MB ?? 400);
    const file = path.join(dir, 'big.jsonl');
    const t0 = Date.now();
    await writeLines(file, targetMb * MB, kaizenCall);
    const size = statSync(file).size;
    console.log(`\nlarge Kaizen JSONL: ${(size / MB).toFixed(0)} MB written in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    gc();
    const rss0 = process.memoryUsage().rss;
    const marks = [0.1, 0.5, 1.0];
    const samples: { at: number; rss: number; heap: number }[] = [];
    let peak = rss0;
    let nextMark = 0;
    const reader = new SourceReader(file, {
      fs: ports.fs,
      hashing: ports.hashing,
      baseTs: 0,
      onBytes: (b) => {
        const rss = process.memoryUsage.rss();
        if (rss > peak) peak = rss;
        while (nextMark < marks.length && b >= marks[nextMark]! * size) {
          samples.push({ at: marks[nextMark]!, rss, heap: process.memoryUsage().heapUsed });
          nextMark++;
        }
      },
    });
    const t1 = process.hrtime.bigint();
    let calls = 0;
    for await (const item of reader.items()) if (item.kind === 'call') calls++;
    const seconds = Number(process.hrtime.bigint() - t1) / 1e9;
    console.log(`streamed ${calls} calls (${reader.stats.records} lines) in ${seconds.toFixed(1)} s = ${(size / MB / seconds).toFixed(1)} MB/s`);
    console.log(`RSS before: ${(rss0 / MB).toFixed(0)} MB`);
    for (const s of samples) console.log(`RSS at ${String(s.at * 100).padStart(3)} %: ${(s.rss / MB).toFixed(0)} MB (heap used ${(s.heap / MB).toFixed(0)} MB)`);
    console.log(`peak RSS: ${(peak / MB).toFixed(0)} MB for a ${(size / MB).toFixed(0)} MB file (${((peak - rss0) / size).toFixed(3)} MB of growth per MB read)`);
    rmSync(file);
  }
}

main()
  .catch((err) => {
    console.error(err);
    process.exitCode = 1;
  })
  .finally(() => rmSync(dir, { recursive: true, force: true }));
