import assert from 'node:assert/strict';
import { SummaryInputError, analyzeSummary } from '../../../src/engine/experiments/summaryAnalysis';
import { holm, twoProportionZTest } from '../../../src/engine/stats';

describe('experiments/summaryAnalysis', () => {
  it('stops on a sample-ratio mismatch whatever the p-values say', () => {
    const r = analyzeSummary({
      metric: 'binary',
      expectedSplit: [1, 1],
      variants: [
        { variant: 'control', users: 10_000, conversions: 1000 },
        { variant: 'b', users: 9_000, conversions: 1200 },
      ],
    });
    assert.equal(r.decision, 'stop');
    assert.ok(r.srm.pValue < 0.001);
    assert.match(r.reason, /Sample-ratio mismatch/);
  });

  it('lower-is-better: a significant drop ships, a significant rise stops', () => {
    const drop = analyzeSummary({
      metric: 'binary',
      direction: 'lower-is-better',
      expectedSplit: [1, 1],
      variants: [
        { variant: 'control', users: 5000, conversions: 600 },
        { variant: 'calmer', users: 5000, conversions: 480 },
      ],
    });
    assert.equal(drop.decision, 'ship');
    assert.equal(drop.winner, 'calmer');
    const rise = analyzeSummary({
      metric: 'binary',
      direction: 'lower-is-better',
      expectedSplit: [1, 1],
      variants: [
        { variant: 'control', users: 5000, conversions: 480 },
        { variant: 'pushy', users: 5000, conversions: 600 },
      ],
    });
    assert.equal(rise.decision, 'stop');
  });

  it('Holm across three test variants, in input order, equal to the z-test p-values adjusted', () => {
    const variants = [
      { variant: 'control', users: 4000, conversions: 800 },
      { variant: 'a', users: 4000, conversions: 860 },
      { variant: 'b', users: 4000, conversions: 905 },
      { variant: 'c', users: 4000, conversions: 790 },
    ];
    const r = analyzeSummary({ metric: 'binary', expectedSplit: [1, 1, 1, 1], variants });
    const ps = variants.slice(1).map((v) => twoProportionZTest(variants[0]!, v).pValue);
    assert.deepEqual(
      r.variants.slice(1).map((v) => v.pValueAdjusted),
      holm(ps),
    );
    assert.equal(r.winner, 'b');
  });

  it('a zero control rate gives a null relative lift instead of Infinity', () => {
    const r = analyzeSummary({ metric: 'binary', expectedSplit: [1, 1], variants: [{ variant: 'control', users: 100, conversions: 0 }, { variant: 'b', users: 100, conversions: 5 }] });
    assert.equal(r.variants[1]!.relativeLift, null);
    assert.equal(r.variants[1]!.relativeCi, null);
  });

  it('reports every bad field at once', () => {
    try {
      analyzeSummary({ metric: 'binary', expectedSplit: [1, 1, 1], variants: [{ variant: 'a', users: 10, conversions: 20 }, { variant: 'a', users: 10, conversions: 1 }] });
      assert.fail('should throw');
    } catch (err) {
      assert.ok(err instanceof SummaryInputError);
      assert.deepEqual(err.issues.map((i) => i.split(':')[0]), ['expectedSplit', 'variants[0].conversions', 'variants[1].variant']);
    }
  });
});
