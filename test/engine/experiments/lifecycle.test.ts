import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { assign } from '../../../src/engine/experiments/allocation';
import { analyzeExperiment } from '../../../src/engine/experiments/analysis';
import type { CallObservation } from '../../../src/engine/experiments/metrics';
import { observationFromConversation, summarizeMetric, METRICS } from '../../../src/engine/experiments/metrics';
import { decide } from '../../../src/engine/experiments/policy';
import { ExperimentService, ExperimentStateError } from '../../../src/engine/experiments/service';
import { ExperimentStatisticsViewSchema, buildExperimentView } from '../../../src/engine/experiments/viewModel';
import { ExperimentSchema } from '../../../src/engine/model';
import type { Experiment } from '../../../src/engine/model';
import { SeededRandom } from '../../../src/engine/samples';
import { openSqlStore } from '../../../src/engine/store';
import type { LearningStore } from '../../../src/engine/store';
import { ExperimentViewSchema } from '../../../src/shared/viewModels';
import { createNodePorts } from '../../../src/node/nodePorts';

type Rates = Record<string, { resolved: number; escalated: number }>;

function clock(start = Date.UTC(2026, 2, 1)) {
  let t = start;
  return { now: () => t, advance: (ms: number) => void (t += ms) };
}

/** Calls for fresh units, assigned by the real allocator, with outcomes drawn at the given true rates. */
function traffic(e: Experiment, from: number, count: number, rates: Rates, rng: SeededRandom, ts: number): CallObservation[] {
  const out: CallObservation[] = [];
  for (let i = from; i < from + count; i++) {
    const a = assign(e, `u${i}`);
    const r = rates[a.variant]!;
    out.push({ callId: `c${i}`, unitId: `u${i}`, variant: a.variant, ts: ts + i, resolved: rng.chance(r.resolved), escalated: rng.chance(r.escalated), handleTimeSec: 200 + rng.next() * 100 });
  }
  return out;
}

describe('experiments: lifecycle on a real store', () => {
  let dir: string;
  let store: LearningStore;
  const clk = clock();
  const ports = () => ({ ...createNodePorts(), clock: clk });
  beforeEach(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'kaizen-exp-'));
    store = await openSqlStore({ path: path.join(dir, 'k.db'), ports: ports() });
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function setup(id: string, extra: Record<string, unknown> = {}) {
    const v1 = await store.saveArtifact({ payload: { kind: 'prompt', target: 'p.md', text: 'old' }, status: 'rolled-out' });
    const v2 = await store.saveArtifact({ artifactId: v1.artifactId, payload: { kind: 'prompt', target: 'p.md', text: 'new' }, status: 'testing' });
    const svc = new ExperimentService(store, clk);
    await svc.create({
      id,
      salt: `${id}-salt`,
      variants: [
        { name: 'control', weight: 1, artifactId: v1.artifactId, artifactVersion: 1 },
        { name: 'new', weight: 1, artifactId: v1.artifactId, artifactVersion: 2 },
      ],
      primaryMetric: 'resolution',
      guardrails: [{ metric: 'escalation', maxRelativeDegradation: -0.1, direction: 'lower-is-better' }],
      policy: { minSamplePerVariant: 300, minSamplePerStage: 60, mixingSd: 0.05, stages: [10, 50, 100] },
      ...extra,
    });
    await svc.start(id);
    return { svc, artifactId: v1.artifactId, v2 };
  }

  it('detects a planted effect, ships it stage by stage, marks the artifact rolled out; the journal survives a reopen', async () => {
    const { svc, artifactId } = await setup('win');
    const rng = new SeededRandom(1);
    const rates: Rates = { control: { resolved: 0.5, escalated: 0.1 }, new: { resolved: 0.62, escalated: 0.1 } };
    let unit = 0;
    let decision;
    for (let batch = 0; batch < 20; batch++) {
      const e = await svc.get('win');
      await svc.recordCalls('win', traffic(e, unit, 300, rates, rng, clk.now()));
      unit += 300;
      clk.advance(3_600_000);
      ({ decision } = await svc.decide('win', { autoShip: true }));
      if (decision.action !== 'continue') break;
    }
    assert.equal(decision!.action, 'ship', decision!.reason);
    assert.equal(decision!.variant, 'new');
    for (let batch = 0; batch < 30; batch++) {
      const e = await svc.get('win');
      if (e.status !== 'shipping') break;
      await svc.recordCalls('win', traffic(e, unit, 300, rates, rng, clk.now()));
      unit += 300;
      clk.advance(3_600_000);
      await svc.advance('win');
    }
    const done = await svc.get('win');
    assert.equal(done.status, 'shipped');
    assert.equal(done.rollout!.percent, 100);
    assert.ok([...Array(200).keys()].every((i) => assign(done, `fresh${i}`).variant === 'new'), 'after shipping everyone gets the winner');
    const latest = await store.getArtifact(artifactId);
    assert.equal(latest!.status, 'rolled-out');
    assert.equal(latest!.contentHash, (await store.getArtifact(artifactId, 2))!.contentHash);

    await store.close();
    store = await openSqlStore({ path: path.join(dir, 'k.db'), ports: ports() });
    const kinds = (await new ExperimentService(store, clk).history('win')).map((h) => h.kind).filter((k) => k !== 'decision' && k !== 'rollout.held');
    assert.deepEqual(kinds, ['created', 'started', 'rollout.started', 'rollout.advanced', 'rollout.completed']);
  });

  it('rolls back automatically when the shipped version regresses, restoring the last good version with a reason', async () => {
    const { svc, artifactId } = await setup('reg');
    await svc.ship('reg', 'new', 'Shipped by hand for the test.');
    const rng = new SeededRandom(2);
    const bad: Rates = { control: { resolved: 0.55, escalated: 0.1 }, new: { resolved: 0.3, escalated: 0.3 } };
    let step;
    for (let unit = 0, batch = 0; batch < 20; batch++, unit += 400) {
      const e = await svc.get('reg');
      if (e.status !== 'shipping') break;
      await svc.recordCalls('reg', traffic(e, unit, 400, bad, rng, clk.now()));
      ({ step } = await svc.advance('reg'));
    }
    assert.equal(step!.kind, 'rollback');
    const e = await svc.get('reg');
    assert.equal(e.status, 'rolled-back');
    const last = (await svc.history('reg')).at(-1)!;
    assert.equal(last.kind, 'rollout.rolled-back');
    assert.match((last.payload as { reason: string }).reason, /Rolled back at the 10 % stage: .*(Escalation rate|Resolution rate)/);
    assert.equal((last.payload as { automatic: boolean }).automatic, true);
    const now = await store.getArtifact(artifactId);
    assert.equal(now!.version, 3);
    assert.equal(now!.contentHash, (await store.getArtifact(artifactId, 1))!.contentHash, 'v3 carries the v1 content');
    assert.equal(assign(e, 'anyone').variant, 'control');
    await assert.rejects(svc.advance('reg'), ExperimentStateError);
  });

  it('kill switch: stops at once, every unit gets the control, the reason is journaled', async () => {
    const { svc } = await setup('k');
    const before = await svc.get('k');
    assert.ok([...Array(100).keys()].some((i) => assign(before, `x${i}`).variant === 'new'));
    await svc.kill('k', 'agent started quoting wrong prices');
    const e = await svc.get('k');
    assert.ok([...Array(100).keys()].every((i) => assign(e, `x${i}`).reason === 'killed' && assign(e, `x${i}`).variant === 'control'));
    assert.match(((await svc.history('k')).at(-1)!.payload as { reason: string }).reason, /Killed: agent started quoting wrong prices/);
  });

  it('layers: a second experiment in a full layer is refused; exposures are logged and counted per unit', async () => {
    const { svc } = await setup('first', { trafficFraction: 0.6 });
    await svc.create({ id: 'second', variants: [{ name: 'a', weight: 1 }, { name: 'b', weight: 1 }], primaryMetric: 'csat', trafficFraction: 0.4 });
    await assert.rejects(svc.create({ id: 'third', variants: [{ name: 'a', weight: 1 }, { name: 'b', weight: 1 }], primaryMetric: 'csat', trafficFraction: 0.1 }), /layer "default" has 0.00 %/);
    const first = await svc.get('first');
    const as = [...Array(500).keys()].map((i) => assign(first, `v${i}`));
    await svc.logExposures('first', [...as, ...as]);
    const counts = await svc.exposureCounts('first');
    const inAnalysis = as.filter((a) => a.inAnalysis).length;
    assert.equal((counts.control ?? 0) + (counts.new ?? 0), inAnalysis, 'a unit exposed twice counts once');
    assert.ok(Math.abs(inAnalysis / 500 - 0.6) < 0.07);
  });

  it('bad input names the field', async () => {
    const svc = new ExperimentService(store, clk);
    await assert.rejects(svc.create({ id: 'x', variants: [{ name: 'a', weight: 1 }], primaryMetric: 'resolution' }), /variants/);
    await assert.rejects(svc.create({ id: 'x', variants: [{ name: 'a', weight: 1 }, { name: 'b', weight: 1 }], primaryMetric: 'revenue' }), /primaryMetric/);
    await assert.rejects(svc.create({ id: 'x', variants: [{ name: 'a', weight: 1 }, { name: 'b', weight: 1 }], primaryMetric: 'csat', forcedAssignments: { q: 'zzz' } }), /forcedAssignments\.q/);
    await svc.create({ id: 'y', variants: [{ name: 'a', weight: 1 }, { name: 'b', weight: 1 }], primaryMetric: 'csat' });
    await assert.rejects(svc.recordCalls('y', [{ callId: 'c', unitId: 'u', variant: 'c', ts: 1 }]), /observations\[0\]\.variant/);
    await assert.rejects(svc.recordCalls('y', [{ callId: 'c', unitId: 'u', variant: 'a', ts: 1, csat: 9 }]), /observations\[0\]: csat/);
  });
});

describe('experiments: policy, metrics and the webview model', () => {
  const base = ExperimentSchema.parse({
    id: 'p',
    name: 'p',
    salt: 's',
    variants: [
      { name: 'control', weight: 1 },
      { name: 'new', weight: 1 },
    ],
    primaryMetric: 'resolution',
    guardrails: [{ metric: 'escalation', maxRelativeDegradation: -0.05, direction: 'lower-is-better' }],
    status: 'running',
    createdAt: 0,
    startedAt: 0,
    policy: { minSamplePerVariant: 500, mixingSd: 0.05, maxDurationDays: 14 },
  });
  const rng = () => new SeededRandom(9);

  it('continue before the minimum sample, stop past the maximum duration, stop on SRM, stop on a guardrail breach', () => {
    const few = traffic(base, 0, 400, { control: { resolved: 0.5, escalated: 0.1 }, new: { resolved: 0.5, escalated: 0.1 } }, rng(), 0);
    assert.equal(decide(base, analyzeExperiment(base, few, { now: 1 }), 1).action, 'continue');
    assert.match(decide(base, analyzeExperiment(base, few, { now: 20 * 86_400_000 }), 20 * 86_400_000).reason, /Ran 20\.0 days \(limit 14\)/);

    const many = traffic(base, 0, 3000, { control: { resolved: 0.5, escalated: 0.1 }, new: { resolved: 0.5, escalated: 0.1 } }, rng(), 0);
    const skewed = many.filter((o, i) => o.variant === 'control' || i % 3 !== 0); // a third of "new" calls lost in logging
    const srm = decide(base, analyzeExperiment(base, skewed, { now: 1 }), 1);
    assert.equal(srm.action, 'stop');
    assert.match(srm.reason, /Sample-ratio mismatch/);

    const harmful = traffic(base, 0, 3000, { control: { resolved: 0.5, escalated: 0.1 }, new: { resolved: 0.5, escalated: 0.2 } }, rng(), 0);
    const g = decide(base, analyzeExperiment(base, harmful, { now: 1 }), 1);
    assert.equal(g.action, 'stop');
    assert.match(g.reason, /Guardrail breached: Escalation rate of new is .* higher than control/);
  });

  it('the webview model validates against the shared ExperimentViewSchema and carries the confidence sequence and timeline', () => {
    const obs = traffic(base, 0, 4000, { control: { resolved: 0.5, escalated: 0.1 }, new: { resolved: 0.6, escalated: 0.1 } }, rng(), 0);
    const analysis = analyzeExperiment(base, obs, { now: 5 });
    const history = [
      { stream: 'experiment:p', seq: 1, kind: 'created', ts: 0, payload: { reason: 'Created' } },
      { stream: 'experiment:p', seq: 2, kind: 'decision', ts: 4, payload: { action: 'ship', reason: 'new beats control', percent: null } },
      { stream: 'experiment:p', seq: 3, kind: 'rollout.started', ts: 4, payload: { reason: 'Rollout started', percent: 1 } },
    ];
    const view = buildExperimentView(base, analysis, history);
    assert.ok(ExperimentStatisticsViewSchema.safeParse(view).success);
    assert.ok(ExperimentViewSchema.safeParse(view).success, 'the shared webview schema accepts it as is');
    assert.equal(view.verdict.kind, 'significant-win');
    assert.ok(view.cumulative.length >= 30);
    const last = view.cumulative.at(-1)!;
    assert.ok(last.low < last.lift && last.lift < last.high);
    // confidence sequence: running intersection, so intervals only shrink
    for (let i = 1; i < view.cumulative.length; i++) assert.ok(view.cumulative[i]!.high - view.cumulative[i]!.low <= view.cumulative[i - 1]!.high - view.cumulative[i - 1]!.low + 1e-12);
    assert.deepEqual(view.timeline.map((t) => t.kind), ['created', 'decision', 'rollout.started']);
    assert.equal(view.decision!.action, 'ship');
    const resolution = view.metrics.find((m) => m.metric === 'resolution')!;
    assert.ok(resolution.rows[1]!.chanceToBeatControl! > 0.99);
  });

  it('CUPED: calls carrying a pre-period covariate get an adjusted comparison with less variance', () => {
    const r = new SeededRandom(4);
    const gauss = () => Math.sqrt(-2 * Math.log(1 - r.next())) * Math.cos(2 * Math.PI * r.next());
    const obs: CallObservation[] = [];
    for (let i = 0; i < 2000; i++) {
      const a = assign(base, `h${i}`);
      const pre = 300 + 80 * gauss(); // the caller's usual handle time
      const y = 0.9 * pre + 30 + 30 * gauss() - (a.variant === 'new' ? 8 : 0);
      obs.push({ callId: `h${i}`, unitId: `h${i}`, variant: a.variant, ts: i, handleTimeSec: Math.max(0, y), pre: { handleTime: pre } });
    }
    const analysis = analyzeExperiment({ ...base, primaryMetric: 'handleTime' }, obs, { now: 1 });
    const row = analysis.metrics.find((m) => m.metric === 'handleTime')!.rows.find((x) => !x.isControl)!;
    assert.ok(row.cuped, 'CUPED ran');
    assert.ok(row.cuped.varianceReduction > 0.7, `variance reduction ${row.cuped.varianceReduction}`);
    assert.ok(row.cuped.comparison.standardError < 0.6 * row.comparison!.standardError);
    assert.ok(row.cuped.comparison.absoluteCi[0] < -8 && -8 < row.cuped.comparison.absoluteCi[1], 'the adjusted interval covers the planted −8 s');
    // without covariates on most calls, CUPED stays off
    const sparse = obs.map((o, i) => (i % 2 ? { ...o, pre: undefined } : o));
    const row2 = analyzeExperiment({ ...base, primaryMetric: 'handleTime' }, sparse, { now: 1 }).metrics.find((m) => m.metric === 'handleTime')!.rows.find((x) => !x.isControl)!;
    assert.equal(row2.cuped, undefined);
  });

  it('reads metrics from a stored conversation, and a ratio metric per unit', () => {
    const o = observationFromConversation(
      { callId: 'c1', agentId: 'a', startedAt: 1000, endedAt: 61_000, outcome: { resolved: false, transferred: true, csat: 2, endReason: 'transfer' }, events: [] },
      'new',
      'caller-1',
    );
    assert.deepEqual(o, { callId: 'c1', unitId: 'caller-1', variant: 'new', ts: 1000, resolved: false, escalated: true, csat: 2, handleTimeSec: 60 });
    const calls: CallObservation[] = [
      { callId: '1', unitId: 'a', variant: 'x', ts: 0, resolved: true },
      { callId: '2', unitId: 'a', variant: 'x', ts: 0, resolved: false },
      { callId: '3', unitId: 'b', variant: 'x', ts: 0, resolved: true },
    ];
    const r = summarizeMetric(METRICS.resolutionPerCall!, calls);
    assert.equal(r?.kind, 'ratio');
    if (r?.kind === 'ratio') {
      assert.equal(r.summary.n, 2);
      assert.equal(r.summary.meanNumerator / r.summary.meanDenominator, 2 / 3);
    }
  });
});
