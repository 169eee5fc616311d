// `npm run eval:ingest [-- --data <dir>]`: imports the real τ-bench airline runs and every USS file
// (MWOZ.txt, SGD.txt, uss_mwoz_sgd.jsonl) through the full pipeline (stream → adapt → validate →
// redact → sql.js store) and checks every count against an independent count made here with plain
// JSON.parse / string splitting. Exits 1 on any mismatch.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { importFile } from '../src/engine/ingest';
import type { ImportReport } from '../src/engine/ingest';
import { createRedactor } from '../src/engine/privacy';
import { openSqlStore } from '../src/engine/store';
import { createNodePorts } from '../src/node/nodePorts';

function argValue(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const dataDir = path.resolve(process.cwd(), argValue('--data') ?? '../shared/data');

interface Counts {
  records: number;
  calls: number;
  turns: number;
  toolCalls: number;
  toolErrors: number;
  transfers: number;
  rejected: number;
}

interface TauMessage {
  role: string;
  content: string | null;
  tool_calls?: { function: { name: string } }[] | null;
}

/** τ-bench by hand: a turn is every user message and every assistant message with text. */
function countTau(file: string): Counts {
  const runs = JSON.parse(readFileSync(file, 'utf8')) as { traj: TauMessage[] }[];
  const c: Counts = { records: runs.length, calls: runs.length, turns: 0, toolCalls: 0, toolErrors: 0, transfers: 0, rejected: 0 };
  for (const run of runs) {
    let transferred = false;
    let systems = 0;
    for (const m of run.traj) {
      if (m.role === 'system' && systems++ > 0) c.turns++;
      if (m.role === 'user') c.turns++;
      if (m.role === 'assistant' && m.content) c.turns++;
      for (const tc of m.tool_calls ?? []) {
        c.toolCalls++;
        if (tc.function.name === 'transfer_to_human_agents') transferred = true;
      }
      if (m.role === 'tool' && (m.content ?? '').startsWith('Error')) c.toolErrors++;
    }
    if (transferred) c.transfers++;
  }
  return c;
}

/** USS text by hand: dialogues are blank-line separated; every line but OVERALL is a turn. */
function countUssText(file: string): Counts {
  const dialogues = readFileSync(file, 'utf8')
    .split(/\r?\n\s*\r?\n/)
    .map((d) => d.split(/\r?\n/).filter((l) => l.trim() !== ''))
    .filter((d) => d.length > 0);
  const turns = dialogues.reduce((n, d) => n + d.filter((l) => !l.startsWith('USER\tOVERALL\t')).length, 0);
  return { records: dialogues.length, calls: dialogues.length, turns, toolCalls: 0, toolErrors: 0, transfers: 0, rejected: 0 };
}

function countUssJsonl(file: string): Counts {
  const rows = readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as { turns: unknown[] });
  const turns = rows.reduce((n, r) => n + r.turns.length, 0);
  return { records: rows.length, calls: rows.length, turns, toolCalls: 0, toolErrors: 0, transfers: 0, rejected: 0 };
}

const FILES: { rel: string; count: (file: string) => Counts }[] = [
  { rel: 'agent_runs/tau_bench_airline/trajectories_tasks_00_24.json', count: countTau },
  { rel: 'satisfaction/uss/MWOZ.txt', count: countUssText },
  { rel: 'satisfaction/uss/SGD.txt', count: countUssText },
  { rel: 'satisfaction/uss/uss_mwoz_sgd.jsonl', count: countUssJsonl },
];

const KEYS: (keyof Counts)[] = ['records', 'calls', 'turns', 'toolCalls', 'toolErrors', 'transfers', 'rejected'];

async function main(): Promise<void> {
  const ports = createNodePorts();
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'kaizen-eval-ingest-'));
  const store = await openSqlStore({ path: path.join(tmp, 'learning.db'), ports });
  const redactor = createRedactor({ hmacKey: ports.hashing.randomBytes(32), hashing: ports.hashing });
  let mismatches = 0;
  const rows: string[][] = [];
  const reports: ImportReport[] = [];
  try {
    for (const f of FILES) {
      const file = path.join(dataDir, f.rel);
      const report = await importFile(file, { ports, store, redactor, sourceName: f.rel });
      reports.push(report);
      const expected = f.count(file);
      const bad = KEYS.filter((k) => report[k] !== expected[k]);
      const stored = await store.countCalls({ sourceFile: f.rel });
      if (stored !== expected.calls) bad.push('calls' as keyof Counts);
      mismatches += bad.length;
      rows.push([
        path.basename(f.rel),
        report.format ?? '?',
        ...KEYS.map((k) => (report[k] === expected[k] ? String(report[k]) : `${report[k]}≠${expected[k]}`)),
        String(report.duplicates),
        String(stored),
        (report.durationMs / 1000).toFixed(2),
        bad.length ? `MISMATCH ${bad.join(',')}` : 'ok',
      ]);
    }

    // The USS jsonl has the dataset's own rating modes (sat_label, overall_sat_label): ours must agree.
    const jsonl = path.join(dataDir, 'satisfaction/uss/uss_mwoz_sgd.jsonl');
    const labels = readFileSync(jsonl, 'utf8')
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => JSON.parse(l) as { turns: { sat_label?: number }[]; overall_sat_label: number });
    let checked = 0;
    let labelMismatch = 0;
    for await (const conv of store.iterateConversations({ sourceFile: 'satisfaction/uss/uss_mwoz_sgd.jsonl' })) {
      const truth = labels[conv.source!.index]!;
      const turns = conv.events.filter((e) => e.type === 'turn');
      truth.turns.forEach((t, i) => {
        const ours = turns[i]?.type === 'turn' ? turns[i].annotations?.satMode : undefined;
        if (t.sat_label !== undefined) {
          checked++;
          if (ours !== t.sat_label) labelMismatch++;
        }
      });
      checked++;
      if (conv.outcome?.csat !== truth.overall_sat_label) labelMismatch++;
    }
    mismatches += labelMismatch;

    const head = ['file', 'format', ...KEYS, 'duplicates', 'stored', 'seconds', 'check'];
    const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
    const line = (r: string[]) => r.map((x, i) => (i < 2 ? x.padEnd(widths[i]!) : x.padStart(widths[i]!))).join('  ');
    console.log(`Ingest evaluation on ${dataDir}`);
    console.log('(every count checked against an independent count with plain JSON.parse / string splitting)\n');
    console.log(line(head));
    for (const r of rows) console.log(line(r));
    console.log(`\nUSS rating modes vs the dataset's sat_label / overall_sat_label: ${checked - labelMismatch} of ${checked} agree`);
    const stats = await store.stats();
    console.log(`store: ${stats.calls} calls, ${stats.events} events`);
    console.log(mismatches === 0 ? '\nALL COUNTS MATCH' : `\n${mismatches} MISMATCHES`);
    process.exitCode = mismatches === 0 ? 0 : 1;
  } finally {
    await store.close();
    rmSync(tmp, { recursive: true, force: true });
  }
}

void main();
