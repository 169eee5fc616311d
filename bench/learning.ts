// `npm run bench:learning -- --seed <n> --out <dir>`: the closed-loop fleet benchmark of issue 18.
// A seeded fleet (agents × months) from the sample-call generator with its planted effects (moves that
// truly work better per situation) and planted tool-error modes. The loop runs unattended, in memory,
// with the engine's own pieces: analyze every call (the analyzer never sees the generator's truth),
// score patterns, turn new winners into A/B experiments monitored with the always-valid test over weekly
// looks, roll out what ships in two gated stages, learn avoidance rules in the errors stage, share through the hub.
// The truth is used only to score: pattern recovery against PLANTED_PATTERNS.
// Writes <dir>/learning.json (issue 18's shape) and <dir>/learning.md, and prints both.
import { mkdirSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { cpus as cpuList, loadavg } from 'node:os';
import path from 'node:path';
import { FLEET_AA_LOOKS, runFleetSimulation } from '../src/engine/pipeline';
import { FLEET_WORLD, PLANTED_PATTERNS, SAMPLE_STRATEGIES, SeededRandom, iterateSampleCalls } from '../src/engine/samples';
import type { SampleOptions, SampleWorld } from '../src/engine/samples';
import type { FleetMonth } from '../src/engine/pipeline';
import { loopbackFleetHub } from '../src/node/fleetHub';
import { createNodePorts } from '../src/node/nodePorts';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1]! : fallback;
}
const seed = Number(arg('seed', '1'));
const outDir = path.resolve(arg('out', 'bench-results/learning'));
const agents = Number(arg('agents', '10'));
const months = Number(arg('months', '6'));
const callsPerAgentMonth = Number(arg('calls', '1700'));
/** The sampling CPU profile (1 ms interval, a few % of overhead) is on unless --no-profile. */
const profiling = !process.argv.includes('--no-profile');
/** `--hub loopback`: share through a real hub server on 127.0.0.1 (agents subscribed over WebSocket) instead of in process. */
const hubMode = arg('hub', 'in-process');
if (hubMode !== 'in-process' && hubMode !== 'loopback') throw new Error(`--hub must be in-process or loopback (got ${hubMode})`);
/** `--world demo`: the demo generator's five planted moves only (about +22 % of headroom), for comparison with FLEET_WORLD. */
const worldName = arg('world', 'fleet');
if (worldName !== 'fleet' && worldName !== 'demo') throw new Error(`--world must be fleet or demo (got ${worldName})`);
const world: SampleWorld = worldName === 'demo' ? { planted: PLANTED_PATTERNS, rareMoves: [] } : FLEET_WORLD;

const pct = (x: number | null) => (x === null ? '–' : `${(100 * x).toFixed(1)} %`);

async function main(): Promise<void> {
  const started = performance.now();
  const cpuStarted = process.cpuUsage();
  const session = profiling ? await startProfile() : undefined;
  const run = await runFleetSimulation({ seed, agents, months, callsPerAgentMonth, ports: createNodePorts(), world, onLog: (line) => process.stderr.write(`${line}\n`), ...(hubMode === 'loopback' ? { hub: loopbackFleetHub() } : {}) });
  const profile = session ? await stopProfile(session) : undefined;
  const load = loadavg().map((x) => x.toFixed(2)).join(' ');
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
    cpuSeconds: +cpuSeconds.toFixed(2),
    conversationsPerCpuSecond: Math.round(conversations / cpuSeconds),
    loadAverage: load,
    hub: hubMode,
    world: worldName,
    patternRecovery: run.patternRecovery,
  adoptedRecovery: run.adoptedRecovery,
    repeatErrorReduction: run.repeatErrorReduction,
    monthly,
    aaFalsePositiveRate: run.aaFalsePositiveRate,
    experiments,
    artifactsShared: run.artifactsShared,
    artifactsApplied: run.artifactsApplied,
    rulesLearned: run.rulesLearned,
    discoveredRecovery: run.discoveredRecovery,
    ...(profile ? { profile: { byStage: profile.byStage, topSelf: profile.top } } : {}),
  };

  const cpus = cpuList().length;
  const target = (ok: boolean) => (ok ? 'met' : 'FALLS SHORT');
  const ceiling = oracleSuccessRate(months);
  const ceilingNote = headroomNote(monthly, ceiling);
  const rising = monthly.slice(1).map((r, i) => (r.successRate !== null && monthly[i]!.successRate ? r.successRate / monthly[i]!.successRate! - 1 : null));
  const md = [
    `# Kaizen closed-loop fleet benchmark (seed ${seed})`,
    '',
    `${agents} agents × ${months} months, ${conversations.toLocaleString('en-US')} conversations in ${wallSeconds.toFixed(1)} s (${result.conversationsPerSecond.toLocaleString('en-US')} conversations/s, one process; ${cpuSeconds.toFixed(1)} s of CPU, ${Math.round(conversations / cpuSeconds).toLocaleString('en-US')} conversations per CPU-second; load average ${load} on ${cpus} cores).`,
    '',
    '| month | calls | success | vs previous | errors | repeat errors | corrected (warned) | planted errors happened / averted (truth) |',
    '|---|---:|---:|---:|---:|---:|---:|---:|',
    ...monthly.map((r, i) => `| ${r.month} | ${r.calls} | ${pct(r.successRate)} | ${i === 0 ? '–' : pct(rising[i - 1] ?? null)} | ${r.errors} | ${r.repeatErrors} | ${r.preventedErrors} | ${r.plantedErrors} / ${r.avertedErrors} |`),
    '',
    '| figure | measured | target | |',
    '|---|---:|---:|---|',
    `| planted-pattern precision / recall, month 1's discoveries (always-valid lift test, Holm α = 0.05) | ${result.patternRecovery.precision.toFixed(3)} / ${result.patternRecovery.recall.toFixed(3)} (${result.patternRecovery.truePositives} of ${result.patternRecovery.planted}) | ≥ 0.95 | ${target(result.patternRecovery.precision >= 0.95 && result.patternRecovery.recall >= 0.95)} |`,
    `| planted-pattern precision / recall, discoveries by the last month | ${run.discoveredRecovery.precision.toFixed(3)} / ${run.discoveredRecovery.recall.toFixed(3)} (${run.discoveredRecovery.truePositives} of ${run.discoveredRecovery.planted}) | ≥ 0.95 | ${target(run.discoveredRecovery.precision >= 0.95 && run.discoveredRecovery.recall >= 0.95)} |`,
    `| planted-pattern precision / recall of what the loop adopted after A/B (end of run) | ${run.adoptedRecovery.precision.toFixed(3)} / ${run.adoptedRecovery.recall.toFixed(3)} | ≥ 0.95 | ${target(run.adoptedRecovery.precision >= 0.95 && run.adoptedRecovery.recall >= 0.95)} |`,
    `| planted-mode errors averted, last month | ${pct(result.repeatErrorReduction)} | > 90 % | ${target((result.repeatErrorReduction ?? 0) > 0.9)} |`,
    `| success month over month | ${rising.map((x) => pct(x)).join(', ')} | + 5 % a month | ${target(rising.every((x) => x !== null && x >= 0.05))} |`,
    `| A/A false positives (${aaTests} tests, ${AA_LOOKS} daily looks each) | ${pct(result.aaFalsePositiveRate)} | ≤ 5 % | ${target((result.aaFalsePositiveRate ?? 1) <= 0.05)} |`,
    `| conversations | ${conversations.toLocaleString('en-US')} | ≥ 100,000 | ${target(conversations >= 100_000)} |`,
    `| conversations/s | ${result.conversationsPerSecond.toLocaleString('en-US')} | ≥ 20,000 | ${target(result.conversationsPerSecond >= 20_000)} |`,
    `| experiments run / shipped / rolled back | ${experiments.run} / ${experiments.shipped} / ${experiments.rolledBack} | | |`,
    `| avoidance rules learned (errors stage) | ${run.rulesLearned} | | |`,
    `| moves adopted / avoided fleet-wide | ${Object.entries(run.adopted).map(([k, v]) => `${k.replace('|', ' / ')} → ${v}`).join('; ') || 'none'} — ${Object.entries(run.avoided).map(([k, v]) => `${k.replace('|', ' / ')} → not ${v.join(', ')}`).join('; ') || 'none'} | | |`,
    `| artifacts adopted by the hub (${hubMode === 'loopback' ? 'a hub server on loopback, agents over WebSocket' : 'in process'}; quorum ${2} of ${3} keys) / applied by agents | ${run.artifactsShared} / ${run.artifactsApplied} | > 0 | ${target(run.artifactsShared > 0)} |`,
    ...(profile
      ? [
          '',
          `CPU profile (sampling, 1 ms): by stage the loop called — ${Object.entries(profile.byStage).map(([k, v]) => `${k} ${v} %`).join(', ')}.`,
          `Top self time: ${profile.top.map((t) => `${t.fn} ${t.pct} %`).join('; ')}.`,
        ]
      : []),
    '',
    'How the loop learns: every call is analyzed and fed to the errors stage (fingerprints, avoidance rules learned from',
    'the observed calls); significant patterns become A/B experiments, a shipped move rolls out in two stages (half the',
    'calls for a week, gated by the same always-valid test, then everyone; looks are weekly and act at once). Shipped moves and new avoidance rules are',
    `signed, co-signed and adopted by the collective hub (${hubMode === 'loopback' ? 'a hub server on 127.0.0.1, each agent subscribed over WebSocket' : 'in process; --hub loopback runs a real hub server'}, in-memory sql.js store); each agent applies what`,
    'the hub delivered: it makes the shared moves, and its ErrorDetector warns before a tool call, which it corrects',
    '(calls the missing step first, adds the missing argument, retries with fresh arguments, or withholds the call).',
    'The generator\'s answer key is read only for scoring (pattern recovery, planted errors averted). Nothing is',
    'persisted and no redaction runs (sample calls are synthetic).',
    '',
    ...ceilingNote,
    'Discoveries: the loop re-scores its patterns every month, so each (intent, situation, move) cell carries an always-valid',
    'p-value (mixture SPRT, τ = 10 points, running minimum over the monthly looks, the lift stratified by month) and Holm',
    'controls the family: the chance that a move without effect is ever promoted stays ≤ 5 % however many months are looked at',
    '(Benjamini–Hochberg at q < 0.05 on one month\'s fixed-sample p-values had let a chance lift through, precision 0.833 on seed 1).',
    'The loop does not act on a discovery directly: one experiment per situation (its strongest move) decides what is adopted.',
    '',
  ].join('\n');
  mkdirSync(outDir, { recursive: true });
  writeFileSync(path.join(outDir, 'learning.json'), `${JSON.stringify(result, null, 2)}\n`);
  writeFileSync(path.join(outDir, 'learning.md'), md);
  console.log(md);
  console.log(`wrote ${path.join(outDir, 'learning.json')} and learning.md`);
}

/**
 * How far success could rise in this world: one month of calls played by agents that know the truth
 * (scoring only, never shown to the loop): each situation's planted best move (or, where only a harmful
 * move is planted, any other), and every planted error corrected before it happens. Without the analyzer,
 * so it costs a few seconds. The ceiling against month 1 says whether "+5 % a month" is reachable at all.
 */
function oracleSuccessRate(months: number): number {
  const best = new Map(world.planted.filter((p) => p.effect === 'positive').map((p) => [`${p.intent}|${p.trigger}`, p.strategy]));
  const harmful = new Map(world.planted.filter((p) => p.effect === 'negative').map((p) => [`${p.intent}|${p.trigger}`, p.strategy]));
  const correct: NonNullable<SampleOptions['beforeToolCall']> = (soFar, pending) => {
    const ok = (tool: string) => soFar.some((e) => e.type === 'tool.result' && e.name === tool && e.ok === true);
    if (pending.name === 'offer_refund' && !ok('verify_identity')) return { kind: 'call-first', tool: 'verify_identity' };
    if (pending.name === 'update_order' && soFar.some((e) => e.type === 'tool.result' && e.name === 'shipping_status' && String(e.result).includes('"shipped"'))) return { kind: 'withhold' };
    const earlier = [...soFar].reverse().find((e) => e.type === 'tool.called' && e.name === pending.name);
    if (pending.name === 'update_account' && earlier?.type === 'tool.called' && JSON.stringify(earlier.arguments) === JSON.stringify(pending.arguments)) return { kind: 'fresh-arguments' };
    if (pending.name === 'update_account' && !('zip' in pending.arguments)) return { kind: 'add-argument', field: 'zip' };
    return undefined;
  };
  let calls = 0;
  let successes = 0;
  for (let a = 0; a < agents; a++) {
    const random = new SeededRandom(seed * 31 + a);
    for (const call of iterateSampleCalls({
      world,
      seed: seed * 1_000_000 + (months + 1) * 10_000 + a,
      count: callsPerAgentMonth,
      errorModes: true,
      errorModePenalty: 0.3,
      chooseStrategy: (intent, trigger, uniform) => {
        const s = `${intent}|${trigger}`;
        const move = best.get(s);
        if (move) return move;
        if (harmful.get(s) !== uniform) return uniform;
        // Any other move has the intent's baseline rate.
        return random.pick(SAMPLE_STRATEGIES.filter((x) => x !== uniform));
      },
      beforeToolCall: correct,
    })) {
      calls++;
      if (call.truth.success) successes++;
    }
  }
  return successes / calls;
}

/** The headroom note: month 1 against the truth's ceiling, and what "+5 % a month" needs. */
function headroomNote(rows: readonly FleetMonth[], ceiling: number): string[] {
  const first = rows[0]?.successRate;
  const lastRate = rows[rows.length - 1]?.successRate;
  if (!first || !lastRate || rows.length < 2) return [];
  const needed = 1.05 ** (rows.length - 1) - 1;
  const average = (lastRate / first) ** (1 / (rows.length - 1)) - 1;
  return [
    `Success over the run: ${pct(first)} → ${pct(lastRate)} (${pct(lastRate / first - 1)} in total, ${pct(average)} a month compounded); +5 % every month for ${rows.length - 1} months needs +${(100 * needed).toFixed(1)} %.`,
    `Headroom (truth, scoring only): agents that knew every planted best move and corrected every planted error would succeed ${pct(ceiling)} of the time, ${pct(ceiling / first - 1)} above month 1.`,
    ...(worldName === 'demo'
      ? ['The world (--world demo): the demo generator\'s five planted moves only; once the loop has learned them, success has nothing left to rise towards.']
      : [
          'The world (FLEET_WORLD): the demo\'s five planted moves, made a third or a quarter of the time, and in the other eight situations a hidden',
          'move far better than the usual ones that agents make only rarely (4 % of the situation\'s calls down to 0.35 %): the loop finds a rare',
          'move only once enough of its calls have accumulated, so late months gain only what the rarest moves are worth.',
        ]),
  ];
}

interface Profile { nodes: Array<{ id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount?: number; children?: number[] }> }

async function startProfile(): Promise<Session> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 1000 });
  await session.post('Profiler.start');
  return session;
}

/**
 * Where the loop's CPU went: the top functions by self time, and the share of each engine stage the
 * simulation called (a sample counts for the outermost stage below the pipeline on its stack, so the
 * analyzer's share includes the privacy and stats code it calls).
 */
async function stopProfile(session: Session): Promise<{ top: Array<{ fn: string; pct: number }>; byStage: Record<string, number> }> {
  const { profile } = (await session.post('Profiler.stop')) as unknown as { profile: Profile };
  session.disconnect();
  const parent = new Map<number, number>();
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const stageOf = (url: string): string | undefined => /src\/engine\/([^/]+)\//.exec(url)?.[1];
  const self = new Map<string, number>();
  const stages = new Map<string, number>();
  let total = 0;
  for (const n of profile.nodes) {
    const hits = n.hitCount ?? 0;
    if (!hits || n.callFrame.functionName === '(idle)') continue;
    total += hits;
    const f = n.callFrame;
    const key = f.url ? `${f.functionName || '(anonymous)'} ${path.basename(f.url)}` : f.functionName;
    self.set(key, (self.get(key) ?? 0) + hits);
    let stage: string | undefined;
    for (let id: number | undefined = n.id; id !== undefined; id = parent.get(id)) {
      const s = stageOf(byId.get(id)!.callFrame.url);
      if (s === 'pipeline' && stage) break;
      if (s && s !== 'pipeline') stage = s;
    }
    stage ??= f.functionName === '(garbage collector)' ? 'gc' : f.url.includes('/src/engine/pipeline/') ? 'pipeline' : 'other';
    stages.set(stage, (stages.get(stage) ?? 0) + hits);
  }
  const pctOf = (hits: number) => +((100 * hits) / total).toFixed(1);
  return {
    top: [...self].sort((a, b) => b[1] - a[1]).slice(0, 12).map(([fn, hits]) => ({ fn, pct: pctOf(hits) })),
    byStage: Object.fromEntries([...stages].sort((a, b) => b[1] - a[1]).map(([k, v]) => [k, pctOf(v)])),
  };
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
