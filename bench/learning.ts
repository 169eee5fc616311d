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
import { callFactsOf, computeKpis, maskErrorMessage } from '../src/engine/analytics';
import type { CallFacts } from '../src/engine/analytics';
import { addCall, analyzeEvents, emptyPatternCounts, scorePatterns } from '../src/engine/analysis';
import type { CallAnalysis } from '../src/engine/analysis';
import { monitorExperiments } from '../src/engine/experiments';
import type { MonitorLook } from '../src/engine/experiments';
import { ConversationEventSchema, assembleConversation } from '../src/engine/model';
import { PLANTED_PATTERNS, SeededRandom, iterateSampleCalls, scorePatternRecovery } from '../src/engine/samples';
import type { SampleIntent, SampleStrategy, SampleTrigger } from '../src/engine/samples';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1]! : fallback;
}
const seed = Number(arg('seed', '1'));
const outDir = path.resolve(arg('out', 'bench-results/learning'));
const agents = Number(arg('agents', '10'));
const months = Number(arg('months', '6'));
const callsPerAgentMonth = Number(arg('calls', '1700'));
const LOOKS_PER_MONTH = 4;
/** A/A tests: independent random splits of each situation's calls per month, each monitored at a daily look. */
const AA_SPLITS = 10;
const AA_LOOKS = 27;
/** An error key seen this many times in the fleet becomes a correction every agent obeys. */
const RULE_AFTER = 2;
/** Months an experiment may run without a decision before it is stopped. */
const MAX_EXPERIMENT_MONTHS = 3;
for (const [k, v] of Object.entries({ seed, agents, months, callsPerAgentMonth })) {
  if (!Number.isInteger(v) || v < (k === 'seed' ? 0 : 1)) throw new Error(`--${k === 'callsPerAgentMonth' ? 'calls' : k} must be a whole number (got ${v})`);
}

type Situation = `${string}|${string}`;
const situationOf = (intent: string, trigger: string): Situation => `${intent}|${trigger}`;
interface RunningExperiment {
  id: string;
  situation: Situation;
  strategy: SampleStrategy;
  startedMonth: number;
  looks: MonitorLook[];
  control: { users: number; conversions: number };
  test: { users: number; conversions: number };
}

const adopted = new Map<Situation, SampleStrategy>();
/** Shipped moves in their first rollout stage (half the calls for a month, gated before everyone gets them). */
const rollouts = new Map<Situation, RunningExperiment>();
const ROLLOUT_SHARE = 0.5;
const rejected = new Set<string>();
const running = new Map<Situation, RunningExperiment>();
const rules = new Set<string>();
const errorKeyCounts = new Map<string, number>();
const experiments = { run: 0, shipped: 0, rolledBack: 0 };
let aaTests = 0;
let aaFalsePositives = 0;
let recovery: ReturnType<typeof scorePatternRecovery> | undefined;
const monthly: Array<{ month: string; calls: number; successRate: number | null; errors: number; repeatErrors: number; preventedErrors: number }> = [];
const allFacts: CallFacts[] = [];
const seenErrorKeys = new Set<string>();

const started = performance.now();
const cpuStarted = process.cpuUsage();
let conversations = 0;
for (let m = 0; m < months; m++) {
  const monthStart = Date.UTC(2026, m, 1);
  const monthKey = new Date(monthStart).toISOString().slice(0, 7);
  let prevented = 0;
  const monthFacts: CallFacts[] = [];
  const arms: Array<'control' | 'test' | undefined> = [];
  const analyses: CallAnalysis[] = [];
  const armRandom = new SeededRandom(seed * 1_000_003 + m);
  for (let a = 0; a < agents; a++) {
    const generator = iterateSampleCalls({
      seed: seed * 100_000 + m * 1_000 + a,
      count: callsPerAgentMonth,
      agentId: `agent-${a}`,
      startTs: monthStart,
      spanDays: 27,
      // The agent's policy: adopted moves; in a running experiment, half the calls get the proposed move.
      chooseStrategy: (intent: SampleIntent, trigger: SampleTrigger, uniform: SampleStrategy) => {
        const s = situationOf(intent, trigger);
        const exp = running.get(s) ?? rollouts.get(s);
        if (exp) {
          const arm = armRandom.chance(running.has(s) ? 0.5 : ROLLOUT_SHARE) ? 'test' : 'control';
          arms.push(arm);
          return arm === 'test' ? exp.strategy : (adopted.get(s) ?? uniform);
        }
        arms.push(undefined);
        return adopted.get(s) ?? uniform;
      },
      // The agent obeys every learned correction: a check before the tool call avoids the failure mode.
      preventError: (_intent, tool, _code, message) => {
        if (!rules.has(`${tool}\u0000${maskErrorMessage(message)}`)) return false;
        prevented++;
        return true;
      },
    });
    for (const call of generator) {
      const events = call.events.map((e) => ConversationEventSchema.parse(e));
      const analysis = analyzeEvents(events);
      analyses.push(analysis);
      const opening = analysis.fragments.find((f) => f.opening && f.primary);
      const facts = callFactsOf(assembleConversation(events), {
        outcomeLabel: analysis.outcome.label,
        signalKinds: analysis.signals.map((s) => s.kind),
        ...(opening ? { opening: { intent: analysis.intent, situation: opening.trigger, move: opening.strategy } } : {}),
      });
      monthFacts.push(facts);
      conversations++;
    }
  }

  // Experiments: weekly cumulative looks on the platform's verdict (else the analyzer's label).
  const week = (ts: number) => Math.min(LOOKS_PER_MONTH - 1, Math.floor((ts - monthStart) / (7 * 86_400_000)));
  const day = (ts: number) => Math.min(AA_LOOKS - 1, Math.floor((ts - monthStart) / 86_400_000));
  const aaCalls = new Map<Situation, Array<{ d: number; success: boolean }>>();
  const byWeek = new Map<Situation, Array<{ w: number; arm: 'control' | 'test'; success: boolean }>>();
  monthFacts.forEach((f, i) => {
    if (f.success === undefined || !f.opening) return;
    const s = situationOf(f.opening.intent, f.opening.situation);
    const arm = arms[i];
    if (arm && (running.has(s) || rollouts.has(s))) {
      const list = byWeek.get(s) ?? [];
      list.push({ w: week(f.startedAt), arm, success: f.success });
      byWeek.set(s, list);
    } else if (!running.has(s) && !rollouts.has(s)) {
      // A/A candidates: the same policy on both sides.
      const list = aaCalls.get(s) ?? [];
      list.push({ d: day(f.startedAt), success: f.success });
      aaCalls.set(s, list);
    }
  });
  const addLooks = (s: Situation, exp: RunningExperiment) => {
    const obs = byWeek.get(s) ?? [];
    for (let w = 0; w < LOOKS_PER_MONTH; w++) {
      for (const o of obs.filter((x) => x.w === w)) {
        const arm = o.arm === 'test' ? exp.test : exp.control;
        arm.users++;
        if (o.success) arm.conversions++;
      }
      exp.looks.push({ experiment: exp.id, look: exp.looks.length + 1, metric: 'binary', variants: [{ variant: 'control', ...exp.control }, { variant: 'test', ...exp.test }] });
    }
  };
  // Rollout gate: the shipped move against the old policy over the stage's looks; a significant regression rolls back.
  for (const [s, stage] of rollouts) {
    addLooks(s, stage);
    const gate = monitorExperiments(stage.looks)[0]!;
    process.stderr.write(`  rollout ${s} → ${stage.strategy}: ${gate.decision === 'rollback' ? 'rolled back' : 'to everyone'}\n`);
    if (gate.decision === 'rollback') {
      experiments.rolledBack++;
      rejected.add(`${s}|${stage.strategy}`);
    } else adopted.set(s, stage.strategy);
    rollouts.delete(s);
  }
  for (const [s, exp] of running) {
    addLooks(s, exp);
    const [d] = monitorExperiments(exp.looks);
    process.stderr.write(`  experiment ${s} → ${exp.strategy}: ${d!.decision}${d!.stoppedAtLook ? ` at look ${d!.stoppedAtLook}` : ''}\n`);
    if (d!.decision === 'ship') {
      experiments.shipped++;
      rollouts.set(s, { ...exp, id: `rollout-${exp.id}`, looks: [], control: { users: 0, conversions: 0 }, test: { users: 0, conversions: 0 } });
      running.delete(s);
    } else if (d!.decision === 'rollback' || m - exp.startedMonth + 1 >= MAX_EXPERIMENT_MONTHS) {
      if (d!.decision === 'rollback') experiments.rolledBack++;
      rejected.add(`${s}|${exp.strategy}`);
      running.delete(s);
    }
  }
  const splitRandom = new SeededRandom(seed * 7_919 + m);
  for (const [s, obs] of aaCalls) {
    for (let k = 0; k < AA_SPLITS; k++) {
      const arms = obs.map(() => (splitRandom.chance(0.5) ? 1 : 0));
      const c = { users: 0, conversions: 0 };
      const t = { users: 0, conversions: 0 };
      const looks: MonitorLook[] = [];
      for (let d = 0; d < AA_LOOKS; d++) {
        obs.forEach((o, j) => {
          if (o.d !== d) return;
          const arm = arms[j] === 1 ? t : c;
          arm.users++;
          if (o.success) arm.conversions++;
        });
        looks.push({ experiment: `aa-${m}-${s}-${k}`, look: d + 1, metric: 'binary', variants: [{ variant: 'control', ...c }, { variant: 'test', ...t }] });
      }
      if (c.users < 20 || t.users < 20) continue;
      aaTests++;
      if (monitorExperiments(looks)[0]!.decision !== 'continue') aaFalsePositives++;
    }
  }

  // Learn from this month: significant patterns become proposals (one experiment per situation).
  const counts = emptyPatternCounts();
  for (const a of analyses) addCall(counts, a);
  const significant = scorePatterns(counts).filter((p) => p.significant);
  if (m === 0) recovery = scorePatternRecovery(significant, PLANTED_PATTERNS);
  for (const p of significant) {
    const s = situationOf(p.intent, p.trigger);
    if (p.lift <= 0 || adopted.has(s) || running.has(s) || rollouts.has(s) || rejected.has(`${s}|${p.strategy}`)) continue;
    experiments.run++;
    process.stderr.write(`  proposal ${s} → ${p.strategy} (lift ${(100 * p.lift).toFixed(1)} pts): experiment next month\n`);
    running.set(s, { id: `exp-${m}-${s}`, situation: s, strategy: p.strategy as SampleStrategy, startedMonth: m + 1, looks: [], control: { users: 0, conversions: 0 }, test: { users: 0, conversions: 0 } });
  }

  // Errors: repeats against everything seen before; a recurring error becomes a correction.
  let errors = 0;
  let repeats = 0;
  for (const f of monthFacts) {
    for (const e of f.errors) {
      errors++;
      if (seenErrorKeys.has(e.key)) repeats++;
      else seenErrorKeys.add(e.key);
      const n = (errorKeyCounts.get(e.key) ?? 0) + 1;
      errorKeyCounts.set(e.key, n);
      if (n >= RULE_AFTER) rules.add(e.key);
    }
  }
  const row = computeKpis(monthFacts, 'month').rows.find((r) => r.key === monthKey);
  monthly.push({ month: monthKey, calls: monthFacts.length, successRate: row?.successRate ?? null, errors, repeatErrors: repeats, preventedErrors: prevented });
  allFacts.push(...monthFacts);
  process.stderr.write(`month ${monthKey}: ${monthFacts.length} calls, success ${((row?.successRate ?? 0) * 100).toFixed(1)} %, errors ${errors} (repeats ${repeats}, prevented ${prevented}), adopted ${adopted.size}, rolling out ${rollouts.size}, running ${running.size}\n`);
}
const wallSeconds = (performance.now() - started) / 1000;
const cpu = process.cpuUsage(cpuStarted);
const cpuSeconds = (cpu.user + cpu.system) / 1e6;

const last = monthly[monthly.length - 1]!;
const wouldHaveRepeated = last.repeatErrors + last.preventedErrors;
const result = {
  seed,
  agents,
  months,
  conversations,
  wallSeconds: +wallSeconds.toFixed(2),
  conversationsPerSecond: Math.round(conversations / wallSeconds),
  patternRecovery: {
    planted: recovery!.planted,
    found: recovery!.discovered,
    truePositives: recovery!.matched,
    precision: recovery!.precision,
    recall: recovery!.recall,
  },
  repeatErrorReduction: wouldHaveRepeated > 0 ? last.preventedErrors / wouldHaveRepeated : null,
  monthly,
  aaFalsePositiveRate: aaTests ? aaFalsePositives / aaTests : null,
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
