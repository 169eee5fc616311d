import assert from 'node:assert/strict';
import { wilsonInterval } from '../../src/shared/stats';

// Reference values: scipy 1.17 `binomtest(k, n).proportion_ci(confidence_level=0.95, method='wilson')`.
const reference: Array<[number, number, number, number]> = [
  [0, 10, 0.0, 0.27753279986288926],
  [7, 10, 0.39677814746114526, 0.892208732593699],
  [45, 50, 0.7863976856252034, 0.9565242350681095],
  [300, 1000, 0.27240684247700486, 0.32912386091721724],
  [1, 1, 0.20654931437723745, 1.0],
];

describe('shared/stats wilsonInterval', () => {
  for (const [k, n, low, high] of reference) {
    it(`matches scipy for ${k}/${n}`, () => {
      const ci = wilsonInterval(k, n);
      assert.ok(Math.abs(ci.low - low) < 1e-12, `low ${ci.low} vs ${low}`);
      assert.ok(Math.abs(ci.high - high) < 1e-12, `high ${ci.high} vs ${high}`);
      assert.equal(ci.rate, k / n);
    });
  }
  it('returns the uninformative interval for no trials', () => {
    assert.deepEqual(wilsonInterval(0, 0), { rate: 0, low: 0, high: 1 });
  });
});
