// Experiments: how fast assignment, the statistics and a full analysis run (figures, not assertions).
import { assign } from '../src/engine/experiments/allocation';
import { analyzeExperiment } from '../src/engine/experiments/analysis';
import type { CallObservation } from '../src/engine/experiments/metrics';
import { bayesianBetaBinomial, msprtLook, twoProportionZTest, welchTTest } from '../src/engine/stats';
import { ExperimentSchema } from '../src/engine/model';
import { SeededRandom } from '../src/engine/samples';

function time(label: string, n: number, fn: (i: number) => unknown): void {
  for (let i = 0; i < Math.min(n, 1000); i++) fn(i); // warm up
  const t0 = performance.now();
  for (let i = 0; i < n; i++) fn(i);
  const ms = performance.now() - t0;
  console.log(`${label.padEnd(44)} ${String(n).padStart(9)} ops  ${(ms / 1000).toFixed(2).padStart(6)} s  ${Math.round(n / (ms / 1000)).toLocaleString('en-US').padStart(12)} ops/s  ${((ms * 1000) / n).toFixed(2).padStart(8)} µs/op`);
}

const e = ExperimentSchema.parse({
  id: 'bench',
  name: 'bench',
  salt: 'bench-salt',
  variants: [
    { name: 'control', weight: 1, artifactId: 'p', artifactVersion: 1 },
    { name: 'b', weight: 1, artifactId: 'p', artifactVersion: 2 },
    { name: 'c', weight: 2, artifactId: 'p', artifactVersion: 3 },
  ],
  primaryMetric: 'resolution',
  guardrails: [{ metric: 'escalation', maxRelativeDegradation: -0.05, direction: 'lower-is-better' }],
  status: 'running',
  createdAt: 0,
  holdoutFraction: 0.05,
});

time('assign (murmur3, layer + holdout + variant)', 500_000, (i) => assign(e, `caller-${i}`));
time('two-proportion z-test with intervals', 200_000, (i) => twoProportionZTest({ users: 10_000, conversions: 3000 + (i % 50) }, { users: 10_000, conversions: 3100 }));
time("Welch's t-test with intervals", 200_000, (i) => welchTTest({ n: 5000, mean: 300 + (i % 7), sd: 80 }, { n: 5100, mean: 295, sd: 90 }));
time('mSPRT look', 1_000_000, (i) => msprtLook(0.01 + i * 1e-9, 1e-4, { tau2: 4e-4 }));
time('Beta-Binomial P(beat) + 2 expected losses', 300, (i) => bayesianBetaBinomial({ users: 20_000, conversions: 6000 + i }, { users: 20_000, conversions: 6100 }));

const rng = new SeededRandom(1);
for (const n of [10_000, 100_000]) {
  const obs: CallObservation[] = [];
  for (let i = 0; i < n; i++) {
    const a = assign(e, `u${i}`);
    if (!a.inAnalysis) continue;
    obs.push({ callId: `c${i}`, unitId: `u${i}`, variant: a.variant, ts: i, resolved: rng.chance(0.5), escalated: rng.chance(0.1), handleTimeSec: 200 + rng.next() * 100, csat: 1 + rng.int(0, 4) });
  }
  global.gc?.();
  const before = process.memoryUsage().heapUsed;
  const t0 = performance.now();
  const a = analyzeExperiment(e, obs, { now: n });
  const ms = performance.now() - t0;
  console.log(`full analysis (6 metrics, 40 sequential looks, Bayes) of ${n.toLocaleString('en-US')} calls: ${ms.toFixed(0)} ms, heap +${((process.memoryUsage().heapUsed - before) / 1e6).toFixed(1)} MB, ${a.cumulative.length} cumulative points`);
}
