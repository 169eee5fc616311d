// `npm run bench:learning -- --seed <n> --out <dir>`: the closed-loop fleet benchmark of issue 18.
// A seeded fleet (agents × months) from the sample-call generator with its planted effects (moves that
// truly work better per situation) and planted tool-error modes. The loop runs unattended, in memory,
// with the engine's own pieces: analyze every call (the analyzer never sees the generator's truth),
// score patterns, turn new winners into A/B experiments monitored with the always-valid test over weekly
// looks, roll out what ships in two gated stages, learn a correction for every recurring error and let agents obey it.
// The truth is used only to score: pattern recovery against PLANTED_PATTERNS.
// Writes <dir>/learning.json (issue 18's shape) and <dir>/learning.md, and prints both.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { FLEET_AA_LOOKS, runFleetSimulation } from '../src/engine/pipeline';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1]! : fallback;
}
const seed = Number(arg('seed', '1'));
const outDir = path.resolve(arg('out', 'bench-results/learning'));
const agents = Number(arg('agents', '10'));
const months = Number(arg('months', '6'));
const callsPerAgentMonth = Number(arg('calls', '1700'));

const started = performance.now();
const cpuStarted = process.cpuUsage();
const run = runFleetSimulation({ seed, agents, months, callsPerAgentMonth, onLog: (line) => process.stderr.write(`${line}\n`) });
const wallSeconds = (performance.now() - started) / 1000;
const cpu = process.cpuUsage(cpuStarted);
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
const { conversations, monthly, experiments } = run;
const aaTests = run.aaTests;
const AA_LOOKS = FLEET_AA_LOOKS;
const result = {
  seed,
  agents,
  months,
  conversations,
  wallSeconds: +wallSeconds.toFixed(2),
  conversationsPerSecond: Math.round(conversations / wallSeconds),
  patternRecovery: run.patternRecovery,
  repeatErrorReduction: run.repeatErrorReduction,
  monthly,
  aaFalsePositiveRate: run.aaFalsePositiveRate,
  experiments,
  artifactsShared: 0,
};

const pct = (x: number | null) => (x === null ? '–' : `${(100 * x).toFixed(1)} %`);
const target = (ok: boolean) => (ok ? 'met' : 'FALLS SHORT');
const rising = monthly.slice(1).map((r, i) => (r.successRate !== null && monthly[i]!.successRate ? r.successRate / monthly[i]!.successRate! - 1 : null));
const md = [
  `# Kaizen closed-loop fleet benchmark (seed ${seed})`,
  '',
  `${agents} agents × ${months} months, ${conversations.toLocaleString('en-US')} conversations in ${wallSeconds.toFixed(1)} s (${result.conversationsPerSecond.toLocaleString('en-US')} conversations/s, one process; ${cpuSeconds.toFixed(1)} s of CPU, ${Math.round(conversations / cpuSeconds).toLocaleString('en-US')} conversations per CPU-second).`,
  '',
  '| month | calls | success | vs previous | errors | repeat errors | prevented |',
  '|---|---:|---:|---:|---:|---:|---:|',
  ...monthly.map((r, i) => `| ${r.month} | ${r.calls} | ${pct(r.successRate)} | ${i === 0 ? '–' : pct(rising[i - 1] ?? null)} | ${r.errors} | ${r.repeatErrors} | ${r.preventedErrors} |`),
  '',
  '| figure | measured | target | |',
  '|---|---:|---:|---|',
  `| planted-pattern precision (month 1) | ${result.patternRecovery.precision.toFixed(3)} | ≥ 0.95 | ${target(result.patternRecovery.precision >= 0.95)} |`,
  `| planted-pattern recall (month 1) | ${result.patternRecovery.recall.toFixed(3)} | ≥ 0.95 | ${target(result.patternRecovery.recall >= 0.95)} |`,
  `| repeat errors prevented, last month | ${pct(result.repeatErrorReduction)} | > 90 % | ${target((result.repeatErrorReduction ?? 0) > 0.9)} |`,
  `| success month over month | ${rising.map((x) => pct(x)).join(', ')} | + 5 % a month | ${target(rising.every((x) => x !== null && x >= 0.05))} |`,
  `| A/A false positives (${aaTests} tests, ${AA_LOOKS} daily looks each) | ${pct(result.aaFalsePositiveRate)} | ≤ 5 % | ${target((result.aaFalsePositiveRate ?? 1) <= 0.05)} |`,
  `| conversations | ${conversations.toLocaleString('en-US')} | ≥ 100,000 | ${target(conversations >= 100_000)} |`,
  `| conversations/s | ${result.conversationsPerSecond.toLocaleString('en-US')} | ≥ 20,000 | ${target(result.conversationsPerSecond >= 20_000)} |`,
  `| experiments run / shipped / rolled back | ${experiments.run} / ${experiments.shipped} / ${experiments.rolledBack} | | |`,
  `| artifacts shared through the hub | 0 | | not run: no collective hub on main yet |`,
  '',
  'What is simulated rather than learned: an agent that has a correction avoids that failure mode every time',
  '(the generator has no precursor turns yet). A shipped move rolls out in two stages (half the calls for a month,',
  'gated by the same always-valid test against the old policy, then everyone). Nothing is persisted, no redaction',
  'runs and nothing is shared (the loop is in memory, not through `kaizen serve` and the hub).',
  '',
].join('\n');
mkdirSync(outDir, { recursive: true });
writeFileSync(path.join(outDir, 'learning.json'), `${JSON.stringify(result, null, 2)}\n`);
writeFileSync(path.join(outDir, 'learning.md'), md);
console.log(md);
console.log(`wrote ${path.join(outDir, 'learning.json')} and learning.md`);
