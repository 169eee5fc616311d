// Privacy filter throughput: Kaizen vs redact-pii vs @redactpii/node on the same texts, in one process.
// Texts: ../shared/data/pii/presidio (1,500 texts) when present, else the repo's spoken-form fixtures.
// Figures are CPU time (process.cpuUsage), best of 5 rounds, so other load on a shared machine inflates
// them less than wall time would; wall-clock MB/s is printed beside them.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Redactor as RedactPiiNode } from '@redactpii/node';
import { SyncRedactor } from 'redact-pii';
import type { Conversation } from '../src/engine/model';
import { createRedactor } from '../src/engine/privacy';
import { createNodePorts } from '../src/node/nodePorts';
import { kaizenSystem, loadPresidio, redactPiiNodeSystem, redactPiiSystem, score } from '../eval/pii';
import type { Case, System } from '../eval/pii';

const root = path.resolve(__dirname, '..');
// `--data=<dir>` (from a worktree, where ../shared/data does not resolve); default ../shared/data.
const dataDir = process.argv.find((a) => a.startsWith('--data='))?.slice('--data='.length) ?? '../shared/data';
const presidio = path.resolve(process.cwd(), dataDir, 'pii/presidio/synth_dataset_v2.json');
let texts: string[];
let source: string;
if (existsSync(presidio)) {
  texts = (JSON.parse(readFileSync(presidio, 'utf8')) as { full_text: string }[]).map((r) => r.full_text);
  source = `${presidio} (${texts.length} texts)`;
} else {
  const file = path.join(root, 'test/fixtures/privacy/spoken.jsonl');
  texts = readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => (JSON.parse(l) as { text: string }).text);
  source = `${file} (${texts.length} texts; Presidio data not found)`;
}
const bytes = texts.reduce((a, t) => a + Buffer.byteLength(t, 'utf8'), 0);

function measure(run: () => void, repsPerRound: number): { cpuMs: number; wallMs: number } {
  run(); // warm-up: JIT and lazy regex compilation
  let cpuMs = Infinity;
  let wallMs = Infinity;
  for (let round = 0; round < 5; round++) {
    const c0 = process.cpuUsage();
    const w0 = performance.now();
    for (let r = 0; r < repsPerRound; r++) run();
    const c = process.cpuUsage(c0);
    cpuMs = Math.min(cpuMs, (c.user + c.system) / 1000 / repsPerRound);
    wallMs = Math.min(wallMs, (performance.now() - w0) / repsPerRound);
  }
  return { cpuMs, wallMs };
}

const hashing = createNodePorts().hashing;
const kaizen = createRedactor({ hmacKey: new Uint8Array(32).fill(3), hashing });
const redactPii = new SyncRedactor();
const redactPiiNode = new RedactPiiNode();

const systems: { name: string; run: () => void; reps: number }[] = [
  { name: 'kaizen detect', run: () => texts.forEach((t) => kaizen.detect(t)), reps: 10 },
  { name: 'kaizen redactText', run: () => texts.forEach((t) => kaizen.redactText(t)), reps: 10 },
  { name: 'redact-pii 3.4 (SyncRedactor)', run: () => texts.forEach((t) => redactPii.redact(t)), reps: 1 },
  { name: '@redactpii/node 1.0', run: () => texts.forEach((t) => redactPiiNode.redact(t)), reps: 10 },
];

console.log(`texts: ${source}, ${(bytes / 1e6).toFixed(2)} MB`);
// Recall on the same texts, beside the speed (Presidio gold, all 1,500 texts; `npm run eval:pii` has the held-out split by type).
let gold: Case[] | undefined;
try {
  gold = existsSync(presidio) ? loadPresidio(path.resolve(presidio, '../../..')) : undefined;
} catch {
  gold = undefined;
}
const recallOf = (sys: System | undefined): string => {
  if (!gold || !sys) return '–';
  const sc = score(gold, sys);
  return `${(sc.overall.goldFound / sc.overall.goldTotal).toFixed(3)} / ${(sc.anyType.goldFound / sc.anyType.goldTotal).toFixed(3)}`;
};
const recallSystems: Record<string, System> = { 'kaizen detect': kaizenSystem(), 'kaizen redactText': kaizenSystem(), 'redact-pii 3.4 (SyncRedactor)': redactPiiSystem(), '@redactpii/node 1.0': redactPiiNodeSystem() };
const results = systems.map((s) => ({ name: s.name, ...measure(s.run, s.reps), recall: recallOf(recallSystems[s.name]) }));
const base = results.find((r) => r.name.startsWith('redact-pii'))!;
console.log(`${'system'.padEnd(32)} ${'MB/s cpu'.padStart(9)} ${'texts/s cpu'.padStart(12)} ${'MB/s wall'.padStart(10)} ${'× redact-pii'.padStart(13)} ${'recall typed / any'.padStart(19)}`);
for (const r of results) {
  const mbs = bytes / 1e6 / (r.cpuMs / 1000);
  console.log(
    `${r.name.padEnd(32)} ${mbs.toFixed(1).padStart(9)} ${Math.round(texts.length / (r.cpuMs / 1000)).toString().padStart(12)} ${(bytes / 1e6 / (r.wallMs / 1000)).toFixed(1).padStart(10)} ${(base.cpuMs / r.cpuMs).toFixed(1).padStart(13)} ${r.recall.padStart(19)}`,
  );
}

// The privacy stage of ingest: redactConversation on calls of 8 turns + a tool call, built from the texts.
const calls: Conversation[] = [];
for (let c = 0; c * 8 < texts.length; c++) {
  const events: Record<string, unknown>[] = [{ type: 'call.started', channel: 'voice', callerKey: `+1415555${String(c).padStart(4, '0')}` }];
  for (let t = 0; t < 8 && c * 8 + t < texts.length; t++) events.push({ type: 'turn', role: t % 2 ? 'agent' : 'user', text: texts[c * 8 + t] });
  events.push({ type: 'tool.called', toolCallId: 't', name: 'lookup', arguments: { customer_id: `cus_${c}`, note: texts[c % texts.length] } });
  calls.push({
    callId: `c${c}`,
    agentId: 'a',
    startedAt: 0,
    events: events.map((e, i) => ({ eventId: `e${i}`, callId: `c${c}`, agentId: 'a', ts: i, ...e })) as Conversation['events'],
  });
}
// A fresh redactor per run: the redactor keeps detections of texts it has seen (a repeated system prompt, a
// scripted line), and a second pass over the same calls would measure that cache instead of the detectors.
const fresh = () => createRedactor({ hmacKey: new Uint8Array(32).fill(3), hashing });
const conv = measure(() => {
  const r = fresh();
  calls.forEach((c) => r.redactConversation(c));
}, 5);
const heapBefore = process.memoryUsage().heapUsed;
console.log(
  `redactConversation: ${calls.length} calls of ~8 turns + 1 tool call: ${Math.round(calls.length / (conv.cpuMs / 1000))} calls/s cpu (${Math.round(calls.length / (conv.wallMs / 1000))} wall); heap ${(heapBefore / 1e6).toFixed(0)} MB`,
);

// τ-bench sends its ~19 KB airline policy as the system prompt of every call: redaction of identical long
// texts is cached by content, so the policy is scanned once, not once per call.
const policyFile = path.resolve(process.cwd(), '../shared/data/agent_runs/tau_bench_airline/airline_policy_wiki.md');
if (existsSync(policyFile)) {
  const policy = readFileSync(policyFile, 'utf8');
  const tauCalls: Conversation[] = calls.slice(0, 100).map((c) => ({
    ...c,
    events: [{ ...(c.events[0] as Extract<Conversation['events'][number], { type: 'call.started' }>), systemPrompt: policy }, ...c.events.slice(1)],
  }));
  const uncached = measure(() => tauCalls.forEach((c) => fresh().redactConversation(c)), 1);
  const warm = fresh();
  const cached = measure(() => tauCalls.forEach((c) => warm.redactConversation(c)), 3);
  console.log(
    `τ-bench-style calls (${(policy.length / 1024).toFixed(1)} KB system policy each): ${Math.round(tauCalls.length / (uncached.cpuMs / 1000))} calls/s with a fresh redactor per call (policy scanned every call) → ${Math.round(tauCalls.length / (cached.cpuMs / 1000))} calls/s with the content cache`,
  );
}

// Pathological inputs: every detector must stay linear (a backtracking regex here is a denial of service).
const adversarial: Record<string, string> = {
  'words with at/dot': `${'word '.repeat(5000)} at dot ${'word '.repeat(5000)}`,
  'repeated spoken emails': 'john dot smith at '.repeat(2000),
  'a.a.a.…@': `${'a.'.repeat(20000)}@`,
  'spelled letters': 'A B C D E F G '.repeat(3000),
  'capitalised words': 'Alpha Beta Gamma '.repeat(3000),
  'spoken digits': 'one two three four five six seven eight nine zero '.repeat(1000),
  'addresses': '123 Main Street, Springfield, '.repeat(2000),
};
for (const [name, text] of Object.entries(adversarial)) {
  const c0 = process.cpuUsage();
  kaizen.detect(text);
  const c = process.cpuUsage(c0);
  console.log(`adversarial ${name.padEnd(24)} ${String(text.length).padStart(6)} chars: ${((c.user + c.system) / 1000).toFixed(0)} ms`);
}
