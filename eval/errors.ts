// `npm run eval:errors [-- --data <dir>] [-- --calls 4000]`: the error catalog and pre-emptive detection.
// Fixed protocols, nothing tuned on a test split (the learner's defaults — support 3, precision 0.6,
// warning threshold 0.5 — are the ones the tests use):
//   grouping   every τ-bench tool error (tool message "Error: …"), imported and redacted as `kaizen import`
//              does, fingerprinted; gold groups: same tool and same raw message once every token carrying a
//              digit is replaced (ids, numbers, dates). Purity and completeness (inverse purity) over errors.
//   τ replay   learn on trials 0–1 of every task, predict at every pending tool call of trials 2–3: repeats
//              (errors whose fingerprint was seen while learning) caught before they happen, and the
//              precision of every warning given (a warning is right when that fingerprint follows).
//   generator  N calls (seed 2026) with the recurring error modes planted; calls redacted; learn on the
//              first half, predict on the second. Recall over repeats of the planted modes (whose
//              precursors the generator records) and over all repeats, and precision of all warnings.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ErrorDetector, ErrorLearner, recordedToolCalls } from '../src/engine/errors';
import type { AvoidanceRule } from '../src/engine/errors';
import { SourceReader } from '../src/engine/ingest';
import { assembleConversation, ConversationEventSchema } from '../src/engine/model';
import type { Conversation, ConversationEvent } from '../src/engine/model';
import { createRedactor } from '../src/engine/privacy';
import { iterateSampleCalls } from '../src/engine/samples';
import type { CallTruth } from '../src/engine/samples';
import { createNodePorts } from '../src/node/nodePorts';

function argValue(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
const dataDir = path.resolve(process.cwd(), argValue('--data') ?? argValue('--data-dir') ?? '../shared/data');
const sampleCount = Number(argValue('--calls') ?? 4000);
const ports = createNodePorts();
const hash = (text: string) => ports.hashing.sha256(text);
const redactor = createRedactor({ hmacKey: new Uint8Array(32).fill(7), hashing: ports.hashing });
const f3 = (x: number) => (Number.isFinite(x) ? x.toFixed(3) : 'n/a');
const pct = (x: number) => (Number.isFinite(x) ? `${(x * 100).toFixed(1)}%` : 'n/a');

const TAU_FILE = path.join(dataDir, 'agent_runs/tau_bench_airline/trajectories_tasks_00_24.json');

/** τ-bench runs as redacted conversations, in file order. */
async function loadTau(): Promise<Conversation[]> {
  const reader = new SourceReader(TAU_FILE, { fs: ports.fs, hashing: ports.hashing, sourceName: 'tau.json', format: 'openai-messages', baseTs: 0 });
  const out: Conversation[] = [];
  for await (const item of reader.items()) if (item.kind === 'call') out.push(redactor.redactConversation(assembleConversation(item.events)));
  return out;
}

/** Gold keys of τ-bench tool errors from the raw file, per run in message order: tool + message with digit-bearing tokens as `#`. */
function tauGold(): Map<string, string[]> {
  const runs = JSON.parse(readFileSync(TAU_FILE, 'utf8')) as Array<{ task_id: number; trial: number; traj: Array<{ role: string; content?: unknown; name?: string }> }>;
  const gold = new Map<string, string[]>();
  for (const r of runs) {
    const keys: string[] = [];
    for (const m of r.traj) {
      if (m.role !== 'tool' || typeof m.content !== 'string' || !m.content.startsWith('Error')) continue;
      keys.push(`${m.name ?? ''}|${m.content.split(/\s+/).map((t) => (/\d/.test(t) ? '#' : t)).join(' ')}`);
    }
    gold.set(`${r.task_id}/${r.trial}`, keys);
  }
  return gold;
}

const runKey = (c: Conversation) => `${c.source?.externalId ?? '?'}/${c.source?.trial ?? '?'}`;

/** Purity and inverse purity of a clustering against gold classes (parallel arrays of labels). */
function purity(predicted: readonly string[], gold: readonly string[]): { purity: number; completeness: number; clusters: number; classes: number } {
  const table = new Map<string, Map<string, number>>();
  const inverse = new Map<string, Map<string, number>>();
  predicted.forEach((p, i) => {
    const g = gold[i]!;
    const row = table.get(p) ?? new Map<string, number>();
    row.set(g, (row.get(g) ?? 0) + 1);
    table.set(p, row);
    const col = inverse.get(g) ?? new Map<string, number>();
    col.set(p, (col.get(p) ?? 0) + 1);
    inverse.set(g, col);
  });
  const best = (m: Map<string, Map<string, number>>) => [...m.values()].reduce((s, row) => s + Math.max(...row.values()), 0);
  return { purity: best(table) / predicted.length, completeness: best(inverse) / predicted.length, clusters: table.size, classes: inverse.size };
}

interface ReplayScore {
  errors: number;
  repeats: number;
  caught: number;
  warnings: number;
  rightWarnings: number;
  /** Repeats restricted to a subset (the generator's planted modes). */
  subset?: { repeats: number; caught: number };
  calls: number;
  /** Calls with a repeat error as recorded, and with every warned tool call withdrawn (its error never happens). */
  callsWithRepeat: number;
  callsWithRepeatPrevented: number;
}

/** Learns on `train`, then predicts at every pending tool call of `test` (each call's events up to that call). */
function replay(train: readonly Conversation[], test: readonly Conversation[], inSubset?: (c: Conversation, code: string) => boolean): { score: ReplayScore; rules: AvoidanceRule[] } {
  const learner = new ErrorLearner({ hash });
  for (const c of train) learner.add(c.events);
  const learned = learner.finish();
  const seen = new Set(learned.catalog.map((f) => f.fingerprint));
  const detector = new ErrorDetector(learned.rules);
  const score: ReplayScore = { errors: 0, repeats: 0, caught: 0, warnings: 0, rightWarnings: 0, ...(inSubset ? { subset: { repeats: 0, caught: 0 } } : {}), calls: 0, callsWithRepeat: 0, callsWithRepeatPrevented: 0 };
  for (const c of test) {
    score.calls++;
    let repeat = false;
    let unprevented = false;
    // The fingerprints of this call's failed tool calls (a separate learner: nothing of the test half is learned).
    const probe = new ErrorLearner({ hash });
    const found = probe.add(c.events);
    const byToolCall = new Map<string, { fp: string; code: string }>();
    found.occurrences.forEach((o, i) => {
      if (o.kind === 'tool-result' && o.toolCallId !== undefined) byToolCall.set(o.toolCallId, { fp: found.fingerprints[i]!, code: o.code });
    });
    for (const t of recordedToolCalls(c.events)) {
      const warnings = detector.warnContext(t.context);
      const actual = byToolCall.get(t.toolCallId);
      score.warnings += warnings.length;
      score.rightWarnings += warnings.filter((w) => w.fingerprint === actual?.fp).length;
      if (!actual) continue;
      score.errors++;
      if (!seen.has(actual.fp)) continue;
      const caught = warnings.some((w) => w.fingerprint === actual.fp);
      score.repeats++;
      repeat = true;
      if (caught) score.caught++;
      else unprevented = true;
      if (score.subset && inSubset!(c, actual.code)) {
        score.subset.repeats++;
        if (caught) score.subset.caught++;
      }
    }
    if (repeat) score.callsWithRepeat++;
    if (unprevented) score.callsWithRepeatPrevented++;
  }
  return { score, rules: learned.rules };
}

function printReplay(label: string, s: ReplayScore): void {
  console.log(`  ${label}: ${s.errors} tool errors, ${s.repeats} repeats of a known fingerprint, caught before they happened ${s.caught} (${pct(s.caught / s.repeats)})`);
  if (s.subset) console.log(`    repeats of planted error modes: ${s.subset.repeats}, caught ${s.subset.caught} (${pct(s.subset.caught / s.subset.repeats)})`);
  console.log(`    warnings ${s.warnings}, followed by the error ${s.rightWarnings}: precision ${f3(s.rightWarnings / s.warnings)}`);
  const before = s.callsWithRepeat / s.calls;
  const after = s.callsWithRepeatPrevented / s.calls;
  console.log(`    repeat rate (calls hitting an already-known error / calls): ${pct(before)} as recorded, ${pct(after)} if every warned tool call were withheld (${pct((before - after) / before)} fewer)`);
}

async function tauBench(): Promise<void> {
  console.log(`τ-bench airline (${path.relative(process.cwd(), TAU_FILE)})`);
  const convs = await loadTau();
  const gold = tauGold();
  // Grouping: predicted fingerprints of every tool error, paired with gold by run and order.
  const learner = new ErrorLearner({ hash });
  const predicted: string[] = [];
  const goldLabels: string[] = [];
  let unpaired = 0;
  for (const c of convs) {
    const found = learner.add(c.events);
    const fps = found.occurrences.flatMap((o, i) => (o.kind === 'tool-result' ? [found.fingerprints[i]!] : []));
    const keys = gold.get(runKey(c)) ?? [];
    if (keys.length !== fps.length) unpaired += Math.abs(keys.length - fps.length);
    for (let i = 0; i < Math.min(keys.length, fps.length); i++) {
      predicted.push(fps[i]!);
      goldLabels.push(keys[i]!);
    }
  }
  const p = purity(predicted, goldLabels);
  console.log(`  grouping: ${predicted.length} tool errors in ${p.clusters} fingerprints vs ${p.classes} gold groups (${unpaired} unpaired): purity ${f3(p.purity)}, completeness ${f3(p.completeness)}  (target ≥ 0.95 each)`);
  const trial = (c: Conversation) => c.source?.trial ?? -1;
  const { score, rules } = replay(convs.filter((c) => trial(c) <= 1), convs.filter((c) => trial(c) >= 2));
  console.log(`  replay (learn trials 0–1, predict at every pending tool call of trials 2–3): ${rules.length} rules learned`);
  for (const r of rules) console.log(`    rule: support ${r.support}, precision ${f3(r.precision)} — ${r.text}`);
  printReplay('trials 2–3', score);
}

function generator(): void {
  console.log(`sample generator with error modes (${sampleCount} calls, seed 2026; learn on the first half, predict on the second)`);
  const convs: Conversation[] = [];
  const truth = new Map<string, CallTruth>();
  for (const { events, truth: t } of iterateSampleCalls({ seed: 2026, count: sampleCount, errorModes: true })) {
    const parsed: ConversationEvent[] = events.map((e) => ConversationEventSchema.parse(e));
    convs.push(redactor.redactConversation(assembleConversation(parsed)));
    truth.set(t.callId, t);
  }
  const half = Math.floor(convs.length / 2);
  const planted = (c: Conversation, code: string) => (truth.get(c.callId)?.plantedErrors ?? []).some((p) => p.code === code);
  const { score, rules } = replay(convs.slice(0, half), convs.slice(half), planted);
  console.log(`  ${rules.length} rules learned`);
  for (const r of rules) console.log(`    rule: support ${r.support}, precision ${f3(r.precision)} — ${r.text}`);
  printReplay('second half', score);
  const s = score.subset!;
  const recall = s.caught / s.repeats;
  const precision = score.rightWarnings / score.warnings;
  console.log(`  target: planted repeats caught > 90% at precision ≥ 0.8 → ${pct(recall)} at ${f3(precision)}: ${recall > 0.9 && precision >= 0.8 ? 'MET' : 'NOT MET'}`);
}

async function main(): Promise<void> {
  await tauBench();
  console.log('');
  generator();
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
