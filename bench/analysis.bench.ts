// `npm run bench analysis`: the pattern analyzer's throughput and memory, on one core.
//   1. analyzer alone: parsed events in memory → CallAnalyzer → mergeable counts (calls/s);
//   2. the full pipeline on N generated calls: ingest (parse, validate) → redact → store (sql.js)
//      → analyze (two passes: outcome-model calibration, then analysis + analyses written back)
//      → patterns and knowledge artifacts; calls/s per stage and end to end;
//   3. memory: heap and RSS growth of the streaming analysis state over 100k calls (counts only,
//      calls streamed from the generator), and of the full pipeline at N calls, scaled per 100k.
import { spawnSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { analyzeEvents, addCall, emptyPatternCounts } from '../src/engine/analysis';
import { analyzeStore } from '../src/engine/pipeline';
import { addGraphCall, addToolCall, addTreeCall, emptyGraphCounts, emptyToolCounts, emptyTreeCounts } from '../src/engine/knowledge';
import { importFile } from '../src/engine/ingest';
import { ConversationEventSchema } from '../src/engine/model';
import type { ConversationEvent } from '../src/engine/model';
import { createRedactor } from '../src/engine/privacy';
import { iterateSampleCalls } from '../src/engine/samples';
import { openSqlStore } from '../src/engine/store';
import { createNodePorts } from '../src/node/nodePorts';

const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});
const mb = (b: number) => `${(b / 1048576).toFixed(1)} MB`;
const arg = (name: string, dflt: number) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : dflt;
};
const N = arg('--calls', 10_000);
const ports = createNodePorts();

/** CPU seconds of this process: on a shared machine wall time includes waiting for a core, CPU time does not. */
const cpuNow = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

/** Samples heap and RSS every 25 ms to catch the peak of a phase. */
function peakSampler(): { stop: () => { heap: number; rss: number } } {
  let heap = 0;
  let rss = 0;
  const take = () => {
    const m = process.memoryUsage();
    heap = Math.max(heap, m.heapUsed);
    rss = Math.max(rss, m.rss);
  };
  take();
  const timer = setInterval(take, 25);
  return {
    stop: () => {
      clearInterval(timer);
      take();
      return { heap, rss };
    },
  };
}

async function main(): Promise<void> {
  const pipelineFile = process.argv.includes('--pipeline') ? process.argv[process.argv.indexOf('--pipeline') + 1] : undefined;
  if (pipelineFile) return pipeline(pipelineFile);
  console.log(`node ${process.version}, one process, ${os.cpus().length} cores visible (load ${os.loadavg()[0]!.toFixed(1)})`);

  // 1. analyzer alone
  const parsed: ConversationEvent[][] = [];
  for (const c of iterateSampleCalls({ seed: 31, count: 5000 })) parsed.push(c.events.map((e) => ConversationEventSchema.parse(e)));
  const counts = { p: emptyPatternCounts(), t: emptyToolCounts(), tr: emptyTreeCounts(), g: emptyGraphCounts() };
  const run = () => {
    for (const events of parsed) {
      const a = analyzeEvents(events);
      addCall(counts.p, a);
      addToolCall(counts.t, a);
      addTreeCall(counts.tr, a);
      addGraphCall(counts.g, a);
    }
  };
  run();
  const t0 = performance.now();
  const c0 = cpuNow();
  for (let r = 0; r < 3; r++) run();
  const perSec = (3 * parsed.length) / ((performance.now() - t0) / 1000);
  const perCpu = (3 * parsed.length) / (cpuNow() - c0);
  console.log(
    `analyzer alone (signals, outcome, intent, situations, fragments, counts): ${Math.round(perSec).toLocaleString('en-US')} calls/s wall, ` +
      `${Math.round(perCpu).toLocaleString('en-US')} calls per CPU-second`,
  );
  parsed.length = 0;

  // 3a. streaming state over 100k calls
  gc();
  const heap0 = process.memoryUsage().heapUsed;
  const rss0 = process.memoryUsage().rss;
  const s = { p: emptyPatternCounts(), t: emptyToolCounts(), tr: emptyTreeCounts(), g: emptyGraphCounts() };
  const t1 = performance.now();
  let streamed = 0;
  for (const c of iterateSampleCalls({ seed: 32, count: 100_000 })) {
    const a = analyzeEvents(c.events.map((e) => ConversationEventSchema.parse(e)));
    addCall(s.p, a);
    addToolCall(s.t, a);
    addTreeCall(s.tr, a);
    addGraphCall(s.g, a);
    streamed++;
  }
  const streamSecs = (performance.now() - t1) / 1000;
  gc();
  const heap1 = process.memoryUsage().heapUsed;
  console.log(
    `100k calls streamed (generate + parse + analyze + count): ${Math.round(streamed / streamSecs).toLocaleString('en-US')} calls/s; ` +
      `analysis state after 100k calls: heap +${mb(Math.max(0, heap1 - heap0))}, RSS +${mb(Math.max(0, process.memoryUsage().rss - rss0))}, ` +
      `${Object.keys(s.p.cells).length} pattern cells`,
  );

  // 2. full pipeline, in a fresh process so its memory figures start from a clean baseline
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kaizen-bench-analysis-'));
  const file = path.join(dir, 'calls.jsonl');
  const out = createWriteStream(file);
  for (const c of iterateSampleCalls({ seed: 33, count: N })) for (const e of c.events) if (!out.write(`${JSON.stringify(e)}\n`)) await new Promise<void>((r) => out.once('drain', () => r()));
  await new Promise<void>((r) => out.end(() => r()));
  const child = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', __filename, '--pipeline', file, '--calls', String(N)], { stdio: 'inherit' });
  rmSync(dir, { recursive: true, force: true });
  if (child.status !== 0) process.exitCode = 1;
}

async function pipeline(file: string): Promise<void> {
  gc();
  const before = process.memoryUsage();
  const sampler = peakSampler();
  const store = await openSqlStore({ ports });
  const redactor = createRedactor({ hmacKey: new Uint8Array(32).fill(3), hashing: ports.hashing });
  const t2 = performance.now();
  const c2 = cpuNow();
  const rep = await importFile(file, { ports, store, redactor, format: 'kaizen-jsonl', sourceName: 'calls.jsonl' });
  const t3 = performance.now();
  const c3 = cpuNow();
  const summary = await analyzeStore(store, { ports });
  const t4 = performance.now();
  const c4 = cpuNow();
  const peak = sampler.stop();
  await store.close();
  const ingestSecs = (t3 - t2) / 1000;
  const analyzeSecs = (t4 - t3) / 1000;
  const rate = (n: number, secs: number) => Math.round(n / secs).toLocaleString('en-US');
  console.log(`full pipeline, ${N.toLocaleString('en-US')} calls (${rep.callsInserted} stored, in-memory sql.js store), fresh process:`);
  console.log(`  ingest + redact + store    ${ingestSecs.toFixed(1)} s wall  ${rate(N, ingestSecs)} calls/s   ${rate(N, c3 - c2)} calls per CPU-s`);
  console.log(`  analyze + write analyses + patterns + artifacts  ${analyzeSecs.toFixed(1)} s wall  ${rate(summary.calls, analyzeSecs)} calls/s   ${rate(summary.calls, c4 - c3)} calls per CPU-s`);
  console.log(`  end to end                 ${(ingestSecs + analyzeSecs).toFixed(1)} s wall  ${rate(N, ingestSecs + analyzeSecs)} calls/s   ${rate(N, c4 - c2)} calls per CPU-s   (target 20,000)`);
  const dh = Math.max(0, peak.heap - before.heapUsed);
  const dr = Math.max(0, peak.rss - before.rss);
  console.log(
    `  peak memory above the process baseline at ${N.toLocaleString('en-US')} calls: heap +${mb(dh)}, RSS +${mb(dr)}` +
      (N === 100_000 ? '' : ` (≈ heap +${mb((dh * 100_000) / N)}, RSS +${mb((dr * 100_000) / N)} per 100k calls if linear)`) +
      '; RSS includes the in-memory store, which holds every compressed transcript',
  );
}

void main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
