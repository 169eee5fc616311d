// `npm run bench scale [-- --quick]`: the figures of issue 14 side by side, in one run:
//   1. end to end (import → redact → analyze → store) calls per CPU-second, in one process and with workers;
//   2. per stage µs per call (parse + validate, redact, analyze, store insert, save);
//   3. the CPU profile's top self-time functions of the end-to-end run;
//   4. a file-backed store grown to 10k / 100k / 1M calls: save ms, RSS, reopen + query ms.
// --quick: 5k calls end to end and a store of 10k / 50k. KAIZEN_BENCH_MAX_CALLS caps the store sizes.
// Calls are generated synthetically (deterministic), as fast as possible: it is a benchmark, not a test.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Session } from 'node:inspector/promises';
import { analysisOf, storedCall, writeJsonl } from './scaleCalls';
import type { Conversation } from '../src/engine/model';
import { assembleConversation } from '../src/engine/model';
import { SourceReader } from '../src/engine/ingest';
import type { ImportOptions } from '../src/engine/ingest';
import { createRedactor } from '../src/engine/privacy';
import { openSqlStore } from '../src/engine/store';
import type { LearningStore, SqlLearningStore } from '../src/engine/store';
import { analyzeStore } from '../src/engine/pipeline';
import { analyzeEvents } from '../src/engine/analysis/callAnalyzer';
import { createNodePorts } from '../src/node/nodePorts';
import * as importPath from './scaleImport';

const quick = process.argv.includes('--quick');
const maxCalls = Number(process.env.KAIZEN_BENCH_MAX_CALLS ?? Infinity);
const ports = createNodePorts();
const MB = 1024 * 1024;
const fmt = (n: number, digits = 0): string => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const gc = (): void => (globalThis as { gc?: () => void }).gc?.();
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kaizen-scale-bench-'));
const hmacKey = new Uint8Array(32).fill(7);

function table(title: string, head: string[], rows: string[][]): void {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]): string => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  console.log(`\n${title}`);
  console.log(line(head));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows) console.log(line(r));
}

async function cpu<T>(fn: () => Promise<T>): Promise<{ ms: number; cpuMs: number; value: T }> {
  const c = process.cpuUsage();
  const t = performance.now();
  const value = await fn();
  const used = process.cpuUsage(c);
  return { ms: performance.now() - t, cpuMs: (used.user + used.system) / 1000, value };
}

// ---- 1–3: end to end ------------------------------------------------------------------------
interface Profiled {
  top: Array<{ name: string; pct: number }>;
}
async function profiled<T>(fn: () => Promise<T>): Promise<{ value: T; profile: Profiled }> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 200 });
  await session.post('Profiler.start');
  const value = await fn();
  const { profile } = await session.post('Profiler.stop');
  session.disconnect();
  const self = new Map<string, number>();
  let total = 0;
  for (const node of profile.nodes) {
    const hits = node.hitCount ?? 0;
    total += hits;
    const f = node.callFrame;
    const name = f.functionName || '(anonymous)';
    const where = f.url ? path.basename(f.url) : '';
    const key = where && !name.startsWith('(') ? `${name} ${where}` : name;
    self.set(key, (self.get(key) ?? 0) + hits);
  }
  const top = [...self.entries()]
    .filter(([k]) => k !== '(idle)' && k !== '(program)')
    .sort((a, b) => b[1] - a[1])
    .slice(0, 12)
    .map(([name, hits]) => ({ name, pct: (100 * hits) / total }));
  return { value, profile: { top } };
}

async function endToEnd(n: number): Promise<void> {
  const file = path.join(dir, 'calls.jsonl');
  const bytes = await writeJsonl(file, n);
  const rows: string[][] = [];
  const profiles: Array<[string, Profiled]> = [];
  for (const mode of importPath.modes(hmacKey)) {
    const storeFile = path.join(dir, `e2e-${mode.name.replace(/\W+/g, '-')}.db`);
    gc();
    const run = await cpu(async () => {
      const store = await openSqlStore({ path: storeFile, ports, saveDebounceMs: 3_600_000 });
      const redactor = createRedactor({ hmacKey, hashing: ports.hashing });
      const options: ImportOptions = { ports, store, redactor };
      const job = () => mode.run(file, options, analyzeStore);
      const out = mode.profile ? await profiled(job) : { value: await job(), profile: undefined };
      if (out.profile) profiles.push([mode.name, out.profile]);
      await store.close();
      return out.value;
    });
    // process.cpuUsage covers every thread of the process, workers included.
    rows.push([mode.name, fmt(run.value.calls), fmt(run.ms), fmt(run.cpuMs), fmt((run.value.calls / run.cpuMs) * 1000), fmt((run.value.calls / run.ms) * 1000)]);
    for (const f of [storeFile, `${storeFile}.saved.json`]) fs.rmSync(f, { force: true });
  }
  await asUserRunsIt(file, n);
  table(`1. end to end on ${fmt(n)} generated calls (${fmt(bytes / MB, 1)} MB Kaizen JSONL, raw text with PII; ${os.cpus().length} cores, load ${os.loadavg()[0]!.toFixed(1)})`, ['path', 'calls', 'wall ms', 'CPU ms', 'calls/CPU-s', 'calls/s wall'], rows);

  // ---- 2. per stage ----
  const stage: Array<[string, number]> = [];
  gc();
  const convs: Conversation[] = [];
  const parse = await cpu(async () => {
    const reader = new SourceReader(file, { fs: ports.fs, hashing: ports.hashing });
    for await (const item of reader.items()) if (item.kind === 'call') convs.push(assembleConversation(item.events));
  });
  stage.push(['parse + validate + assemble', parse.cpuMs]);
  const redactor = createRedactor({ hmacKey, hashing: ports.hashing });
  const redacted: Conversation[] = [];
  const red = await cpu(async () => {
    for (const c of convs) redacted.push(redactor.redactConversation(c));
  });
  stage.push(['redact', red.cpuMs]);
  const an = await cpu(async () => {
    for (const c of redacted) analyzeEvents(c.events);
  });
  stage.push(['analyze (analyzeEvents)', an.cpuMs]);
  const storeFile = path.join(dir, 'stages.db');
  const store = await openSqlStore({ path: storeFile, ports, saveDebounceMs: 3_600_000 });
  const ins = await cpu(async () => {
    for (let i = 0; i < redacted.length; i += 500) await store.putConversations(redacted.slice(i, i + 500));
  });
  stage.push(['store insert (putConversations)', ins.cpuMs]);
  const sav = await cpu(() => store.save());
  stage.push(['save (once, at the end)', sav.cpuMs]);
  await store.close();
  table(`2. per stage, ${fmt(convs.length)} calls (CPU µs per call)`, ['stage', 'µs/call'], stage.map(([s, ms]) => [s, fmt((ms * 1000) / convs.length, 1)]));

  for (const [name, profile] of profiles) {
    table(`3. CPU profile, top self time: ${name}`, ['function', '% of samples'], profile.top.map((t) => [t.name, fmt(t.pct, 1)]));
  }
  fs.rmSync(file, { force: true });
}

/**
 * 0. As a user runs it: whole CLI processes of the built bundle (dist/cli.js), `kaizen import` then
 * `kaizen analyze`, through the workspace (privacy gate, retention, saves) and with the process start.
 */
async function asUserRunsIt(file: string, n: number): Promise<void> {
  const cli = path.resolve(__dirname, '..', 'bin', 'kaizen.js');
  if (!fs.existsSync(path.resolve(__dirname, '..', 'dist', 'cli.js'))) {
    console.log('\n0. as a user runs it: dist/cli.js is missing; run `npm run build` first (skipped)');
    return;
  }
  const run = (cwd: string, args: string[]): { ms: number; cpuMs: number } => {
    const cpuFile = path.join(cwd, 'cpu.json');
    const t = performance.now();
    const r = spawnSync(process.execPath, ['--require', path.join(__dirname, 'cpuOnExit.cjs'), cli, ...args], { cwd, encoding: 'utf8', env: { ...process.env, KAIZEN_BENCH_CPU_FILE: cpuFile } });
    const ms = performance.now() - t;
    if (r.status !== 0) throw new Error(`kaizen ${args.join(' ')} exited with ${r.status}: ${r.stderr}`);
    return { ms, cpuMs: (JSON.parse(fs.readFileSync(cpuFile, 'utf8')) as { cpuMs: number }).cpuMs };
  };
  const rows: string[][] = [];
  const workers = Math.max(1, os.availableParallelism() - 1);
  for (const [label, flags] of [['one thread (--workers 0)', ['--workers', '0']], [`redaction in ${workers} worker(s) (--workers ${workers})`, ['--workers', String(workers)]]] as const) {
    const cwd = fs.mkdtempSync(path.join(dir, 'cli-'));
    const imp = run(cwd, ['import', file, ...flags]);
    const ana = run(cwd, ['analyze']);
    const per = (x: { ms: number; cpuMs: number }) => [fmt(x.cpuMs), fmt((n / x.cpuMs) * 1000)];
    rows.push([label, ...per(imp), ...per(ana), ...per({ ms: imp.ms + ana.ms, cpuMs: imp.cpuMs + ana.cpuMs }), fmt((n / (imp.ms + ana.ms)) * 1000)]);
    fs.rmSync(cwd, { recursive: true, force: true });
  }
  table(
    `0. as a user runs it: kaizen import, then kaizen analyze (whole CLI processes, CPU of all threads; load ${os.loadavg()[0]!.toFixed(1)})`,
    ['import', 'import CPU ms', 'calls/CPU-s', 'analyze CPU ms', 'calls/CPU-s', 'both CPU ms', 'calls/CPU-s', 'calls/s wall'],
    rows,
  );
}

// ---- 4: store growth ------------------------------------------------------------------------
async function storeGrowth(sizes: number[]): Promise<void> {
  const file = path.join(dir, 'grow.db');
  const open = (): Promise<LearningStore> => openSqlStore({ path: file, ports, saveDebounceMs: 3_600_000 });
  const dirBytes = (d: string): number => (fs.existsSync(d) ? fs.readdirSync(d).reduce((n, f) => n + fs.statSync(path.join(d, f)).size, 0) : 0);
  let store = await open();
  let stored = 0;
  const rows: string[][] = [];
  const BATCH = 2000;
  const started = performance.now();
  let peakRss = 0;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss / MB)), 200);
  sampler.unref();
  for (const target of sizes) {
    while (stored < target) {
      const batch: Conversation[] = [];
      const m = Math.min(BATCH, target - stored);
      for (let k = 0; k < m; k++) batch.push(storedCall(stored + k));
      await store.putConversations(batch);
      await store.putCallAnalyses(batch.map((c, k) => analysisOf(c, stored + k)));
      // Saves happen as they would in a long import (the debounce is off here: one save per 20k calls).
      if (Math.floor((stored + m) / 20_000) > Math.floor(stored / 20_000)) {
        stored += m;
        await store.save();
      } else stored += m;
    }
    await store.save();
    // Steady state: a small write, then a save, five times; the median is a typical save, the
    // maximum one that also sealed a segment (once per 10,000 new calls).
    const saves: Array<{ ms: number; cpuMs: number }> = [];
    for (let r = 0; r < 5; r++) {
      const extra: Conversation[] = [];
      for (let k = 0; k < 100; k++) extra.push(storedCall(stored + k));
      await store.putConversations(extra);
      await store.putCallAnalyses(extra.map((c, k) => analysisOf(c, stored + k)));
      stored += 100;
      saves.push(await cpu(() => store.save()));
    }
    saves.sort((a, b) => a.cpuMs - b.cpuMs);
    const save = saves[2]!;
    const worst = saves[4]!;
    gc();
    const rss = process.memoryUsage().rss / MB;
    const hot = fs.statSync(file).size;
    const cold = dirBytes(`${file}.segments`) + dirBytes(`${file}.archive`);
    await store.close();
    // Reopen + query twice: with the full integrity check (`verify`, what every open did before the
    // save record, and what `kaizen doctor` does), then as a CLI command opens an untouched file.
    const reopenWith = async (verify: boolean): Promise<{ ms: number; cpuMs: number }> => {
      gc();
      const r = await cpu(async () => {
        store = await openSqlStore({ path: file, ports, saveDebounceMs: 3_600_000, verify });
        return store.listCalls({ intent: 'billing', limit: 50 });
      });
      if (r.value.length !== 50) throw new Error(`query returned ${r.value.length} calls, expected 50`);
      return r;
    };
    // Alternating, three of each, medians: one reopen is at the mercy of the page cache and the load.
    const runs: Record<'verified' | 'recorded', Array<{ ms: number; cpuMs: number }>> = { verified: [], recorded: [] };
    for (let r = 0; r < 3; r++) {
      runs.verified.push(await reopenWith(true));
      await store.close();
      runs.recorded.push(await reopenWith(false));
      if ((store as SqlLearningStore).integrityChecked) throw new Error('an untouched store was checked in full on open');
      if (r < 2) await store.close();
    }
    const median = (xs: Array<{ ms: number; cpuMs: number }>) => ({ ms: [...xs].sort((a, b) => a.ms - b.ms)[1]!.ms, cpuMs: [...xs].sort((a, b) => a.cpuMs - b.cpuMs)[1]!.cpuMs });
    const verified = median(runs.verified);
    const reopen = median(runs.recorded);
    const rssAfter = process.memoryUsage().rss / MB;
    // The same in a fresh process, as a CLI command opens the store (sql.js's code not yet optimised).
    await store.close();
    const fresh: Record<'verified' | 'recorded', Array<{ ms: number; cpuMs: number }>> = { verified: [], recorded: [] };
    for (let r = 0; r < 3; r++) {
      for (const verify of [true, false]) {
        const child = spawnSync(process.execPath, [...process.execArgv, __filename], {
          encoding: 'utf8',
          env: { ...process.env, KAIZEN_BENCH_PART: 'reopen', KAIZEN_BENCH_STORE: file, KAIZEN_BENCH_VERIFY: verify ? '1' : '0' },
        });
        if (child.status !== 0) throw new Error(`the reopen process failed: ${child.stderr}`);
        fresh[verify ? 'verified' : 'recorded'].push(JSON.parse(child.stdout.trim().split('\n').pop()!) as { ms: number; cpuMs: number });
      }
    }
    store = await open();
    const freshVerified = median(fresh.verified);
    const freshRecorded = median(fresh.recorded);
    rows.push([fmt(target), fmt(hot / MB, 1), fmt(cold / MB, 1), `${fmt(save.ms)} / ${fmt(save.cpuMs)}`, `${fmt(worst.ms)} / ${fmt(worst.cpuMs)}`, fmt(rss), fmt(peakRss), `${fmt(verified.ms)} / ${fmt(verified.cpuMs)}`, `${fmt(reopen.ms)} / ${fmt(reopen.cpuMs)}`, `${fmt(freshVerified.ms)} / ${fmt(freshVerified.cpuMs)}`, `${fmt(freshRecorded.ms)} / ${fmt(freshRecorded.cpuMs)}`, fmt(rssAfter), fmt((performance.now() - started) / 1000)]);
    console.log(`  ... ${rows[rows.length - 1]!.join('  ')}`);
  }
  await store.close();
  table(
    '4. file-backed store (zlib), grown in one process; save = a 100-call write then save() (median and max of 5); query = close, reopen, listCalls({ intent, limit: 50 }), ' +
      'with the full integrity check (verify, as kaizen doctor, and every open before the save record) and as any other open of a file that matches its save record (medians of 3, alternating), ' +
      'in this process and in a fresh one (as a CLI command)',
    ['calls', 'hot file MB', 'segments+archives MB', 'save ms wall / CPU (median)', 'max', 'RSS MB', 'peak RSS MB', 'reopen + query, verify: ms wall / CPU', 'reopen + query ms wall / CPU', 'fresh process, verify', 'fresh process', 'RSS after reopen MB', 'elapsed s'],
    rows,
  );
}

async function main(): Promise<void> {
  const part = process.env.KAIZEN_BENCH_PART;
  if (part === 'reopen') {
    // One reopen + query of a grown store, in this fresh process; prints its cost as a JSON line.
    const verify = process.env.KAIZEN_BENCH_VERIFY === '1';
    const r = await cpu(async () => {
      const store = await openSqlStore({ path: process.env.KAIZEN_BENCH_STORE!, ports, saveDebounceMs: 3_600_000, verify });
      const calls = await store.listCalls({ intent: 'billing', limit: 50 });
      if (calls.length !== 50) throw new Error(`query returned ${calls.length} calls, expected 50`);
      if ((store as SqlLearningStore).integrityChecked !== verify) throw new Error(`integrityChecked is ${(store as SqlLearningStore).integrityChecked} with verify ${verify}`);
      return store;
    });
    await r.value.close();
    fs.rmSync(dir, { recursive: true, force: true });
    console.log(JSON.stringify({ ms: r.ms, cpuMs: r.cpuMs }));
    return;
  }
  if (part === undefined) {
    // Each part in its own process, so the store's RSS is not coloured by the end-to-end run's heap.
    console.log(`node ${process.version}, ${os.cpus().length} cores, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
    for (const p of ['e2e', 'store']) {
      const r = spawnSync(process.execPath, [...process.execArgv, __filename, ...process.argv.slice(2)], { stdio: 'inherit', env: { ...process.env, KAIZEN_BENCH_PART: p } });
      if (r.status !== 0) process.exitCode = 1;
    }
    return;
  }
  try {
    if (part === 'e2e') await endToEnd(quick ? 5_000 : 20_000);
    const sizes = (quick ? [10_000, 50_000] : [10_000, 100_000, 1_000_000]).filter((s) => s <= maxCalls);
    if (part === 'store') await storeGrowth(sizes);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

void main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
