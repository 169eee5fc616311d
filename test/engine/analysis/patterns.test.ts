import assert from 'node:assert/strict';
import { cellKey, emptyPatternCounts, mergePatternCounts, scorePatterns, toStoredPattern } from '../../../src/engine/analysis/patterns';
import type { PatternCounts } from '../../../src/engine/analysis/patterns';
import { PatternSchema } from '../../../src/engine/model';

function counts(rows: Array<[string, string, string, number, number]>): PatternCounts {
  const c = emptyPatternCounts();
  for (const [i, t, s, n, k] of rows) c.cells[cellKey(i, t, s)] = { n, s: k, examples: [`${s}-1`], templates: { [`say ${s}`]: k }, userTemplates: { [`situation ${t}`]: n } };
  return c;
}

describe('patterns', () => {
  // One planted move (82 % vs 55 %) among three ordinary ones, plus an intent with no effect at all.
  const planted = counts([
    ['billing', 'price-objection', 'value-reframing', 120, 98],
    ['billing', 'price-objection', 'discount-offer', 120, 64],
    ['billing', 'price-objection', 'policy-citation', 120, 68],
    ['billing', 'price-objection', 'direct-answer', 120, 66],
    ['shipping', 'late-delivery', 'apology', 100, 60],
    ['shipping', 'late-delivery', 'empathy', 100, 62],
  ]);

  it('flags the planted move as significant with lift over the other moves, and nothing else', () => {
    const ps = scorePatterns(planted, { now: 5 });
    const sig = ps.filter((p) => p.significant);
    assert.deepEqual(sig.map((p) => p.id), ['billing|price-objection|value-reframing']);
    const p = sig[0]!;
    assert.equal(p.successRate, 98 / 120);
    assert.ok(Math.abs(p.baselineRate - 198 / 360) < 1e-12);
    assert.ok(Math.abs(p.lift - (98 / 120 - 198 / 360)) < 1e-12);
    assert.equal(p.test, 'z');
    assert.ok(p.liftPValue < 0.001 && p.liftPValue >= p.rawPValue);
    assert.equal(p.template, 'say value-reframing');
    PatternSchema.parse(toStoredPattern(p));
  });

  it('does not flag the ordinary siblings of a strong move (they are the baseline)', () => {
    // One-vs-rest alone would call discount-offer (53 %) "worse than baseline" (62 % including the planted cell).
    const ps = scorePatterns(planted);
    const discount = ps.find((p) => p.strategy === 'discount-offer')!;
    assert.equal(discount.significant, false);
    assert.ok(Math.abs(discount.baselineRate - 134 / 240) < 1e-12, 'baseline excludes the flagged move');
  });

  it('stays precise with many calls, when one-vs-rest would flag every sibling', () => {
    const big = counts([
      ['shipping', 'late-delivery', 'policy-citation', 1000, 250],
      ['shipping', 'late-delivery', 'apology', 1000, 605],
      ['shipping', 'late-delivery', 'empathy', 1000, 590],
      ['shipping', 'late-delivery', 'clarifying-question', 1000, 598],
    ]);
    const sig = scorePatterns(big).filter((p) => p.significant);
    assert.deepEqual(sig.map((p) => p.id), ['shipping|late-delivery|policy-citation']);
    assert.ok(Math.abs(sig[0]!.baselineRate - 1793 / 3000) < 1e-12);
  });

  it('uses Fisher exact for small cells and respects min support', () => {
    const small = counts([
      ['x', 't', 'a', 8, 8],
      ['x', 't', 'b', 8, 1],
      ['x', 't', 'c', 3, 3],
    ]);
    const ps = scorePatterns(small, { minSupport: 5 });
    assert.deepEqual(ps.map((p) => p.strategy).sort(), ['a', 'b']);
    assert.ok(ps.every((p) => p.test === 'fisher'));
  });

  it('merged counts score exactly like counts made in one pass', () => {
    const a = counts([['billing', 'price-objection', 'value-reframing', 60, 49], ['billing', 'price-objection', 'discount-offer', 60, 30]]);
    const b = counts([['billing', 'price-objection', 'value-reframing', 60, 49], ['billing', 'price-objection', 'discount-offer', 60, 34]]);
    const whole = counts([['billing', 'price-objection', 'value-reframing', 120, 98], ['billing', 'price-objection', 'discount-offer', 120, 64]]);
    const merged = mergePatternCounts(mergePatternCounts(emptyPatternCounts(), a), b);
    const strip = (ps: ReturnType<typeof scorePatterns>) => ps.map((p) => [p.id, p.support, p.successes, p.liftPValue]);
    assert.deepEqual(strip(scorePatterns(merged)), strip(scorePatterns(whole)));
  });
});
