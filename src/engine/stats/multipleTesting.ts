import { StatsInputError } from './errors';

function checkP(pValues: readonly number[]): void {
  pValues.forEach((p, i) => {
    if (!(p >= 0 && p <= 1)) throw new StatsInputError(`pValues[${i}]`, `must be a probability in [0, 1] (got ${p})`);
  });
}

/**
 * Holm's step-down adjustment (controls the family-wise error rate under any dependence).
 * Adjusted p₍ᵢ₎ = max over j ≤ i of min(1, (m − j + 1)·p₍ⱼ₎), returned in the input order.
 */
export function holm(pValues: readonly number[]): number[] {
  checkP(pValues);
  const m = pValues.length;
  const order = pValues.map((p, i) => ({ p, i })).sort((a, b) => a.p - b.p || a.i - b.i);
  const out = new Array<number>(m);
  let running = 0;
  order.forEach(({ p, i }, rank) => {
    running = Math.max(running, Math.min(1, (m - rank) * p));
    out[i] = running;
  });
  return out;
}

/**
 * Benjamini–Hochberg step-up adjustment (controls the false discovery rate for independent or
 * positively dependent tests). Adjusted p₍ᵢ₎ = min over j ≥ i of min(1, m·p₍ⱼ₎ / j).
 */
export function benjaminiHochberg(pValues: readonly number[]): number[] {
  checkP(pValues);
  const m = pValues.length;
  const order = pValues.map((p, i) => ({ p, i })).sort((a, b) => a.p - b.p || a.i - b.i);
  const out = new Array<number>(m);
  let running = 1;
  for (let rank = m - 1; rank >= 0; rank--) {
    const { p, i } = order[rank]!;
    running = Math.min(running, Math.min(1, (m * p) / (rank + 1)));
    out[i] = running;
  }
  return out;
}
