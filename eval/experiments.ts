// `npm run eval:experiments`: simulation proofs for src/engine/experiments.
//   1. 10,000 A/A experiments with a look after every batch: the mSPRT's false-positive rate stays ≤ 5 %,
//      naive repeated fixed-horizon z-tests inflate it.
//   2. A/B power: simulated power of the pooled z-test against the power formula.
//   3. End to end: an experiment on the sample-call generator with a planted true effect is detected and
//      shipped stage by stage; a planted regression is rolled back; everything lands in a real store file.
// Counts are drawn per batch from seeded binomials (no per-user loops), so this runs in seconds.
import { existsSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import binomialFactory from '@stdlib/random-base-binomial';
import chisquareFactory from '@stdlib/random-base-chisquare';
import normalFactory from '@stdlib/random-base-normal';
import { ExperimentService } from '../src/engine/experiments/service';
import { runPlaybookScenario } from '../src/engine/experiments/scenario';
import { plantedPlaybookPrompts } from '../src/engine/experiments/plantedPlaybook';
import { SampleCallPool } from '../src/engine/experiments/simulation';
import { binaryPower, msprtLook, twoProportionZTest, welchTTest } from '../src/engine/stats';
import { openSqlStore } from '../src/engine/store';
import { wilsonInterval } from '../src/shared/stats';
import { createNodePorts } from '../src/node/nodePorts';

const args = process.argv.slice(2);
const arg = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1]! : fallback;
};
const SEED = Number(arg('seed', '20261125'));
const N_AA = Number(arg('experiments', '10000'));
const binomial = binomialFactory.factory({ seed: SEED });
const normal = normalFactory.factory({ seed: SEED + 1 });
const chisquare = chisquareFactory.factory({ seed: SEED + 2 });
const pct = (x: number) => `${(x * 100).toFixed(2)} %`;
const ci = (k: number, n: number) => {
  const w = wilsonInterval(k, n);
  return `[${pct(w.low)}, ${pct(w.high)}]`;
};
function table(head: string[], rows: string[][]): void {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((x, i) => x.padStart(widths[i]!)).join('  ');
  console.log(line(head));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows) console.log(line(r));
}

// ---- 1. A/A with continuous peeking -------------------------------------------------------------
function aaSimulation(): void {
  const p = 0.3; // baseline resolution rate
  const batch = 200; // calls per arm between looks
  const looks = 20;
  const alpha = 0.05;
  const tau = 0.03; // mixing sd: an absolute lift of 3 pp is the effect size the test is tuned for
  const checkpoints = [1, 2, 5, 10, 20];
  const naiveAt = new Array<number>(looks + 1).fill(0);
  const seqAt = new Array<number>(looks + 1).fill(0);
  let finalOnly = 0;
  const t0 = performance.now();
  for (let e = 0; e < N_AA; e++) {
    let c = 0;
    let t = 0;
    let naive = false;
    let seq = false;
    let minP = 1;
    for (let k = 1; k <= looks; k++) {
      c += binomial(batch, p);
      t += binomial(batch, p);
      const n = k * batch;
      const z = twoProportionZTest({ users: n, conversions: c }, { users: n, conversions: t }, alpha);
      if (z.pValue < alpha) naive = true;
      const p1 = c / n;
      const p2 = t / n;
      const look = msprtLook(p2 - p1, (p1 * (1 - p1) + p2 * (1 - p2)) / n, { tau2: tau * tau, alpha });
      minP = Math.min(minP, look.pValueThisLook);
      if (minP <= alpha) seq = true;
      if (naive) naiveAt[k]!++;
      if (seq) seqAt[k]!++;
      if (k === looks && z.pValue < alpha) finalOnly++;
    }
  }
  const secs = (performance.now() - t0) / 1000;
  console.log(`\n## 1. A/A: ${N_AA} experiments, baseline ${p}, ${batch} calls per arm per look, up to ${looks} looks, alpha ${alpha}, mSPRT tau = ${tau} (${secs.toFixed(1)} s)`);
  console.log('False-positive rate (share of A/A experiments ever declared significant by that look), with Wilson 95 % Monte-Carlo intervals:\n');
  table(
    ['looks', 'calls/arm', 'naive repeated z-test', 'MC 95 % CI', 'mSPRT (always valid)', 'MC 95 % CI'],
    checkpoints.map((k) => [String(k), String(k * batch), pct(naiveAt[k]! / N_AA), ci(naiveAt[k]!, N_AA), pct(seqAt[k]! / N_AA), ci(seqAt[k]!, N_AA)]),
  );
  console.log(`\nSingle fixed-horizon z-test at the last look only: ${pct(finalOnly / N_AA)} ${ci(finalOnly, N_AA)} (should be ≈ 5 %).`);
  const seqRate = seqAt[looks]! / N_AA;
  const upper = wilsonInterval(seqAt[looks]!, N_AA).high;
  console.log(
    `Verdict: mSPRT FPR with peeking after every batch = ${pct(seqRate)} (MC 95 % CI upper ${pct(upper)}) ${seqRate <= alpha ? '≤' : '>'} 5 %; ` +
      `naive peeking = ${pct(naiveAt[looks]! / N_AA)}, ${(naiveAt[looks]! / N_AA / alpha).toFixed(1)}× the nominal rate.`,
  );
  if (seqRate > alpha) process.exitCode = 1;
}

// ---- 1b. A/A on a continuous metric (handle time), Welch vs mSPRT --------------------------------
function aaContinuous(): void {
  const mu = 300; // seconds
  const sigma = 120;
  const batch = 200;
  const looks = 20;
  const alpha = 0.05;
  const tau = 10; // mixing sd: a 10-second difference in mean handle time
  const checkpoints = [1, 5, 10, 20];
  const naiveAt = new Array<number>(looks + 1).fill(0);
  const seqAt = new Array<number>(looks + 1).fill(0);
  const t0 = performance.now();
  // One batch of `batch` normal calls, drawn exactly as (mean, M2): mean ~ N(mu, sigma²/m), M2 ~ sigma²·χ²(m − 1).
  const drawBatch = () => ({ mean: normal(mu, sigma / Math.sqrt(batch)), m2: sigma * sigma * chisquare(batch - 1) });
  for (let e = 0; e < N_AA; e++) {
    const arms = [
      { n: 0, mean: 0, m2: 0 },
      { n: 0, mean: 0, m2: 0 },
    ];
    let naive = false;
    let minP = 1;
    for (let k = 1; k <= looks; k++) {
      for (const a of arms) {
        // Chan et al.'s parallel merge of (n, mean, M2)
        const b = drawBatch();
        const n = a.n + batch;
        const d = b.mean - a.mean;
        a.m2 += b.m2 + (d * d * a.n * batch) / n;
        a.mean += (d * batch) / n;
        a.n = n;
      }
      const [c, t] = arms.map((a) => ({ n: a.n, mean: a.mean, sd: Math.sqrt(a.m2 / (a.n - 1)) }));
      if (welchTTest(c!, t!, alpha).pValue < alpha) naive = true;
      minP = Math.min(minP, msprtLook(t!.mean - c!.mean, (c!.sd ** 2) / c!.n + (t!.sd ** 2) / t!.n, { tau2: tau * tau, alpha }).pValueThisLook);
      if (naive) naiveAt[k]!++;
      if (minP <= alpha) seqAt[k]!++;
    }
  }
  console.log(`\n## 1b. A/A on handle time: ${N_AA} experiments, mean ${mu} s, sd ${sigma} s, ${batch} calls per arm per look, ${looks} looks, mSPRT tau = ${tau} s (${((performance.now() - t0) / 1000).toFixed(1)} s)\n`);
  table(
    ['looks', 'calls/arm', "naive repeated Welch", 'MC 95 % CI', 'mSPRT (always valid)', 'MC 95 % CI'],
    checkpoints.map((k) => [String(k), String(k * batch), pct(naiveAt[k]! / N_AA), ci(naiveAt[k]!, N_AA), pct(seqAt[k]! / N_AA), ci(seqAt[k]!, N_AA)]),
  );
  if (seqAt[looks]! / N_AA > alpha) process.exitCode = 1;
}

// ---- 2. A/B power against the formula ----------------------------------------------------------
function powerCurve(): void {
  const p = 0.3;
  const n = 2000;
  const sims = 4000;
  const alpha = 0.05;
  const rows: string[][] = [];
  let worst = 0;
  const t0 = performance.now();
  for (const d of [0, 0.01, 0.02, 0.03, 0.04, 0.05]) {
    let rej = 0;
    let seqRej = 0;
    for (let s = 0; s < sims; s++) {
      // fixed horizon: one look at n per arm
      const c = binomial(n, p);
      const t = binomial(n, p + d);
      if (twoProportionZTest({ users: n, conversions: c }, { users: n, conversions: t }, alpha).pValue < alpha) rej++;
      // sequential: 10 looks of n/10 up to the same n, mSPRT with tau = 0.03
      let cc = 0;
      let tt = 0;
      let minP = 1;
      for (let k = 1; k <= 10; k++) {
        cc += binomial(n / 10, p);
        tt += binomial(n / 10, p + d);
        const m = (k * n) / 10;
        const p1 = cc / m;
        const p2 = tt / m;
        minP = Math.min(minP, msprtLook(p2 - p1, (p1 * (1 - p1) + p2 * (1 - p2)) / m, { tau2: 0.03 ** 2, alpha }).pValueThisLook);
      }
      if (minP <= alpha) seqRej++;
    }
    const formula = d === 0 ? alpha : binaryPower({ baseline: p, effect: d, nControl: n, alpha });
    const emp = rej / sims;
    const w = wilsonInterval(rej, sims);
    const inside = formula >= w.low && formula <= w.high;
    worst = Math.max(worst, Math.abs(emp - formula));
    rows.push([d.toFixed(2), pct(formula), pct(emp), ci(rej, sims), inside ? 'yes' : 'no', pct(seqRej / sims)]);
  }
  console.log(`\n## 2. A/B power: baseline ${p}, ${n} calls per arm, ${sims} simulated experiments per effect, alpha ${alpha} (${((performance.now() - t0) / 1000).toFixed(1)} s)\n`);
  table(['abs. effect', 'formula power', 'simulated (z-test)', 'MC 95 % CI', 'formula inside CI', 'mSPRT, 10 looks'], rows);
  console.log(`\nLargest |simulated − formula| = ${pct(worst)}. The mSPRT column is the price of peeking safely: less power at the same maximum sample.`);
}

// ---- 3. End to end on the sample-call generator ------------------------------------------------
async function endToEnd(): Promise<void> {
  // --out <file> keeps the store where you want it; by default a fresh temp folder (printed, kept for inspection).
  const out = arg('out', '');
  const file = out ? path.resolve(process.cwd(), out) : path.join(mkdtempSync(path.join(os.tmpdir(), 'kaizen-eval-experiments-')), 'learning.db');
  if (existsSync(file)) throw new Error(`--out ${out}: ${file} exists; give a new file so the scenario starts from an empty store`);
  let t = Date.UTC(2026, 10, 1);
  const clock = { now: () => t, advance: (ms: number) => void (t += ms) };
  const store = await openSqlStore({ path: file, ports: { ...createNodePorts(), clock } });
  const svc = new ExperimentService(store, clock);
  const t0 = performance.now();
  const pool = new SampleCallPool(7, 6000);
  console.log(`\n## 3. End to end: sample-call generator (${pool.size} generated calls, seed 7), store ${file}`);
  for (const scenario of [
    { id: 'playbook', regression: undefined as number | undefined },
    { id: 'playbook-regressed', regression: 25 },
  ]) {
    const run = await runPlaybookScenario(store, clock, {
      id: scenario.id,
      seed: 7,
      pool,
      trafficSeed: scenario.id.length * 1000 + 7,
      prompts: plantedPlaybookPrompts(scenario.id),
      regressionStage: scenario.regression,
    });
    const steps = run.steps;
    const v1 = run.artifact[0]!;
    const e = await svc.get(scenario.id);
    const calls = steps.reduce((n, s) => n + s.calls, 0);
    console.log(
      `\n### ${scenario.id}${scenario.regression !== undefined ? ` (planted regression from the ${scenario.regression} % stage: 35 % of calls that would resolve fail)` : ' (planted true effect only)'}: ${calls} calls in ${steps.length} batches → ${e.status}`,
    );
    for (const h of await svc.history(scenario.id)) {
      if (h.kind === 'rollout.held' || (h.kind === 'decision' && (h.payload as { action: string }).action === 'continue')) continue;
      console.log(`  ${new Date(h.ts).toISOString().slice(0, 16)}  ${h.kind.padEnd(20)} ${(h.payload as { reason?: string }).reason ?? ''}`);
    }
    const versions = await store.artifactHistory(v1.artifactId);
    console.log(`  artifact ${v1.artifactId}: ${versions.map((a) => `v${a.version} ${a.status}${a.note ? ` (${a.note.slice(0, 60)})` : ''}`).join('; ')}`);
  }
  await store.save();
  const stats = await store.stats();
  await store.close();
  console.log(`\nStore ${file}: ${stats.experiments} experiments, ${stats.artifactVersions} artifact versions, ${stats.fileBytes ?? '?'} bytes (${((performance.now() - t0) / 1000).toFixed(1)} s).`);
  console.log('Same from the CLI: kaizen experiment simulate --store <file> [--regression-stage 25]; then kaizen experiment status <id> --store <file>.');
}

async function main(): Promise<void> {
  const t0 = performance.now();
  console.log(`# Experiments evaluation (seed ${SEED}; simulation only: no real data is read)`);
  aaSimulation();
  aaContinuous();
  powerCurve();
  await endToEnd();
  console.log(`\nTotal ${((performance.now() - t0) / 1000).toFixed(1)} s.`);
}

void main();
