import assert from 'node:assert/strict';
import { chooseK } from '../../../../src/engine/analysis/discovery/kmeans';
import { normalise } from '../../../../src/engine/analysis/discovery/lsa';
import { seededRandom } from '../../../../src/engine/analysis/discovery/random';

// Four tight directions on the unit sphere (8 dimensions), 30 noisy points each.
function blobs(): Float64Array[] {
  const rand = seededRandom(9);
  return Array.from({ length: 120 }, (_, i) => {
    const x = Float64Array.from({ length: 8 }, () => (rand() - 0.5) * 0.2);
    x[i % 4]! += 1;
    return normalise(x);
  });
}

describe('discovery: chooseK', () => {
  for (const smooth of [false, true]) {
    it(`reads four groups from the silhouette curve (${smooth ? 'smoothed' : 'raw'}, best point)`, () => {
      const r = chooseK(blobs(), { rand: seededRandom(1), maxK: 12, parsimony: 1, smooth, step: 1.2 });
      assert.equal(r.best.k, 4, r.scores.map((s) => `${s.k}:${s.silhouette.toFixed(3)}`).join(' '));
    });
  }
});
