import assert from 'node:assert/strict';
import { fitLsa, project, symmetricEigen } from '../../../../src/engine/analysis/discovery/lsa';
import { seededRandom } from '../../../../src/engine/analysis/discovery/random';
import type { SparseRow } from '../../../../src/engine/analysis/discovery/tfidf';

// A small sparse matrix of known low rank: 60 rows mixing 4 fixed term profiles over 40 terms.
function lowRankRows(): { rows: SparseRow[]; dense: number[][] } {
  const rand = seededRandom(5);
  const profiles = Array.from({ length: 4 }, (_, p) => Array.from({ length: 40 }, (_, t) => (t % 4 === p || (t * 7 + p) % 11 === 0 ? 1 + rand() : 0)));
  const dense = Array.from({ length: 60 }, () => {
    const w = profiles.map(() => (rand() < 0.5 ? rand() : 0));
    return Array.from({ length: 40 }, (_, t) => profiles.reduce((s, prof, p) => s + w[p]! * prof[t]!, 0));
  });
  const rows = dense.map((r) => {
    const ids = r.flatMap((x, t) => (x !== 0 ? [t] : []));
    return { ids: Int32Array.from(ids), values: Float64Array.from(ids.map((t) => r[t]!)) };
  });
  return { rows, dense };
}

describe('discovery: LSA', () => {
  it('symmetricEigen returns eigenpairs of a symmetric matrix, largest first', () => {
    const a = [[4, 1, 0], [1, 3, 1], [0, 1, 2]];
    const { values, vectors } = symmetricEigen(a);
    assert.ok(values[0]! >= values[1]! && values[1]! >= values[2]!);
    for (let k = 0; k < 3; k++) for (let i = 0; i < 3; i++) {
      const av = a[i]!.reduce((s, x, j) => s + x * vectors[k]![j]!, 0);
      assert.ok(Math.abs(av - values[k]! * vectors[k]![i]!) < 1e-9, `A v = λ v for pair ${k}`);
    }
    // numpy.linalg.eigvalsh([[4,1,0],[1,3,1],[0,1,2]]) = [1.26794919, 3, 4.73205081]
    assert.ok(Math.abs(values[0]! - 4.73205081) < 1e-7 && Math.abs(values[1]! - 3) < 1e-7 && Math.abs(values[2]! - 1.26794919) < 1e-7);
  });

  it('keeps the whole row space of a low-rank matrix: projections preserve every cosine', () => {
    const { rows, dense } = lowRankRows();
    const p = fitLsa(rows, 40, { dims: 10, rand: seededRandom(1) });
    assert.equal(p.dims, 4, 'rank 4 → 4 dimensions with non-zero singular values');
    const cos = (a: number[], b: number[]) => {
      const d = a.reduce((s, x, i) => s + x * b[i]!, 0);
      return d / Math.sqrt(a.reduce((s, x) => s + x * x, 0) * b.reduce((s, x) => s + x * x, 0));
    };
    const pts = rows.map((r) => project(p, r));
    for (let i = 0; i < 20; i++) for (let j = i + 1; j < 20; j++) {
      if (rows[i]!.ids.length === 0 || rows[j]!.ids.length === 0) continue;
      const lsa = pts[i]!.reduce((s, x, d) => s + x * pts[j]![d]!, 0);
      assert.ok(Math.abs(lsa - cos(dense[i]!, dense[j]!)) < 1e-8, `cosine of rows ${i},${j}`);
    }
  });
});
