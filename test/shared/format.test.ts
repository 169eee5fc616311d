import assert from 'node:assert/strict';
import { dedupeRunLabels, pText, pValueCell } from '../../src/shared/format';

describe('shared/format', () => {
  it('writes p-values as "p < 0.001" or "p = x", never "p = < 0.001"', () => {
    assert.equal(pText(0.0004), 'p < 0.001');
    assert.equal(pText(0.0123), 'p = 0.012');
    assert.equal(pText(1), 'p = 1.000');
    assert.equal(pText(0.0004, 'χ² p'), 'χ² p < 0.001');
    assert.equal(pValueCell(0.0004), '< 0.001');
    assert.equal(pValueCell(undefined), '—');
  });
  it('names each run of equal axis labels once', () => {
    assert.deepEqual(dedupeRunLabels(['d1', 'd1', 'd2', 'd2', 'd2', 'd1']), ['d1', '', 'd2', '', '', 'd1']);
  });
});
