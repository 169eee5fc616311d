import assert from 'node:assert/strict';
import { ExperimentSchema } from '../../../src/engine/model';
import type { Experiment } from '../../../src/engine/model';
import { LayerFullError, assign, reserveLayerRange } from '../../../src/engine/experiments/allocation';
import { murmurhash3 } from '../../../src/engine/stats/hash';
import { sampleRatioMismatch } from '../../../src/engine/stats';

function experiment(over: Partial<Experiment> & Record<string, unknown> = {}): Experiment {
  return ExperimentSchema.parse({
    id: 'exp-1',
    name: 'greeting test',
    salt: 'exp-1-salt',
    variants: [
      { name: 'control', weight: 1, artifactId: 'prompt-a', artifactVersion: 3 },
      { name: 'treatment', weight: 1, artifactId: 'prompt-a', artifactVersion: 4 },
    ],
    primaryMetric: 'resolution',
    status: 'running',
    createdAt: 0,
    ...over,
  });
}

const ids = (n: number, prefix = 'caller-') => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

describe('experiments/allocation', () => {
  it('murmurhash3 x86_32 matches the published test vectors', () => {
    // Vectors from the reference implementation (SMHasher), as collected in the widely cited list.
    const vectors: Array<[string, number, number]> = [
      ['', 0, 0],
      ['', 1, 0x514e28b7],
      ['', 0xffffffff, 0x81f16f39],
      ['\0\0\0\0', 0, 0x2362f9de],
      ['a', 0x9747b28c, 0x7fa09ea6],
      ['ab', 0x9747b28c, 0x74875592],
      ['abc', 0x9747b28c, 0xc84a62dd],
      ['aaaa', 0x9747b28c, 0x5a97808a],
      ['Hello, world!', 0x9747b28c, 0x24884cba],
      ['ππππππππ', 0x9747b28c, 0xd58063c1],
      ['The quick brown fox jumps over the lazy dog', 0x9747b28c, 0x2fa826cd],
    ];
    for (const [text, seed, want] of vectors) assert.equal(murmurhash3(text, seed), want, JSON.stringify(text));
  });

  it('is sticky: the same unit always gets the same variant and artifact version', () => {
    const e = experiment();
    for (const id of ids(200)) {
      const a = assign(e, id);
      assert.deepEqual(assign(e, id), a);
      assert.equal(a.artifactVersion, a.variant === 'control' ? 3 : 4);
      assert.equal(a.artifactId, 'prompt-a');
    }
  });

  it('splits by weight: chi-square over 30,000 ids does not reject the configured 1:1:2 split', () => {
    const e = experiment({
      variants: [
        { name: 'control', weight: 1 },
        { name: 'b', weight: 1 },
        { name: 'c', weight: 2 },
      ],
    });
    const counts = new Map<string, number>();
    for (const id of ids(30_000)) {
      const v = assign(e, id).variant;
      counts.set(v, (counts.get(v) ?? 0) + 1);
    }
    const observed = ['control', 'b', 'c'].map((v) => counts.get(v) ?? 0);
    const srm = sampleRatioMismatch(observed, [1, 1, 2]);
    assert.ok(srm.pValue > 0.01, `split ${observed.join(':')} rejected, p = ${srm.pValue}`);
    // and the test has teeth: a 1 % skew on this many units is caught
    assert.ok(sampleRatioMismatch([7800, 7500, 14700], [1, 1, 2]).pValue < 0.01);
  });

  it('hash buckets are uniform: chi-square over 100 buckets for 50,000 ids', () => {
    const buckets = new Array<number>(100).fill(0);
    for (const id of ids(50_000, 'call-')) buckets[murmurhash3(`layer:default:${id}`) % 100]!++;
    const srm = sampleRatioMismatch(buckets, new Array<number>(100).fill(1));
    assert.ok(srm.pValue > 0.01, `non-uniform buckets, p = ${srm.pValue}`);
  });

  it('changing the salt reshuffles units independently', () => {
    const a = experiment();
    const b = experiment({ salt: 'another-salt' });
    let same = 0;
    for (const id of ids(4000)) if (assign(a, id).variant === assign(b, id).variant) same++;
    assert.ok(Math.abs(same / 4000 - 0.5) < 0.03, `agreement ${same / 4000} should be ≈ 0.5`);
  });

  it('traffic fraction: only that share of units is in the analysis; the rest get the control artifact', () => {
    const e = experiment({ trafficFraction: 0.2, layerRange: [0, 2000] });
    const as = ids(20_000).map((id) => assign(e, id));
    const inside = as.filter((a) => a.inAnalysis).length / as.length;
    assert.ok(Math.abs(inside - 0.2) < 0.01, `in-traffic share ${inside}`);
    for (const a of as.filter((x) => !x.inAnalysis)) {
      assert.equal(a.reason, 'not-in-traffic');
      assert.equal(a.artifactVersion, 3);
    }
  });

  it('mutually exclusive layers: two experiments in one layer never share a unit', () => {
    const first = experiment({ id: 'x1', salt: 's1', trafficFraction: 0.5 });
    const firstWithRange = { ...first, layerRange: reserveLayerRange('default', 0.5, []) };
    const second = experiment({ id: 'x2', salt: 's2', trafficFraction: 0.5, layerRange: reserveLayerRange('default', 0.5, [firstWithRange]) });
    assert.deepEqual(firstWithRange.layerRange, [0, 5000]);
    assert.deepEqual(second.layerRange, [5000, 10000]);
    let both = 0;
    let either = 0;
    for (const id of ids(10_000)) {
      const a = assign(firstWithRange, id).inAnalysis;
      const b = assign(second, id).inAnalysis;
      if (a && b) both++;
      if (a || b) either++;
    }
    assert.equal(both, 0);
    assert.equal(either, 10_000);
    assert.throws(() => reserveLayerRange('default', 0.1, [firstWithRange, second]), LayerFullError);
    // another layer is independent
    assert.deepEqual(reserveLayerRange('tone', 0.5, [firstWithRange, second]), [0, 5000]);
  });

  it('holdout: the configured share is held out of the analysis and served the control', () => {
    const e = experiment({ holdoutFraction: 0.1 });
    const as = ids(20_000).map((id) => assign(e, id));
    const held = as.filter((a) => a.reason === 'holdout');
    assert.ok(Math.abs(held.length / as.length - 0.1) < 0.01);
    assert.ok(held.every((a) => a.variant === 'control' && !a.inAnalysis));
  });

  it('forced assignment for QA wins over hashing and stays out of the analysis', () => {
    const e = experiment({ forcedAssignments: { 'qa-tester': 'treatment' } });
    const a = assign(e, 'qa-tester');
    assert.equal(a.variant, 'treatment');
    assert.equal(a.reason, 'forced');
    assert.equal(a.inAnalysis, false);
  });

  it('rollout: the winner share grows with the stage and nobody who had the winner loses it', () => {
    const base = experiment({ status: 'shipping' });
    const at = (percent: number) => ({ ...base, rollout: { variant: 'treatment', stageIndex: 0, percent, stageStartedAt: 0 } });
    const units = ids(10_000);
    let previous = new Set<string>();
    for (const pct of [1, 5, 25, 50]) {
      const winners = new Set(units.filter((id) => assign(at(pct), id).variant === 'treatment'));
      assert.ok(Math.abs(winners.size / units.length - pct / 100) < 0.015, `${pct} % stage served ${winners.size}`);
      for (const id of previous) assert.ok(winners.has(id), `${id} lost the winner at ${pct} %`);
      previous = winners;
    }
  });

  it('killed and stopped experiments serve the control to everyone', () => {
    for (const status of ['killed', 'stopped', 'draft'] as const) {
      const e = experiment({ status });
      assert.ok(ids(500).every((id) => assign(e, id).variant === 'control'));
    }
  });
});
