/**
 * L2-regularised logistic regression by Newton's method (IRLS). Features are few (~25), so the
 * Hessian solve is cheap; the ridge keeps weights of signal kinds absent from the labels at zero.
 */
export function fitLogistic(xs: readonly (readonly number[])[], ys: readonly boolean[], l2 = 1, iterations = 30): { weights: number[]; bias: number } {
  const d = (xs[0]?.length ?? 0) + 1;
  const beta = new Array<number>(d).fill(0);
  const row = (x: readonly number[]) => [1, ...x];
  for (let it = 0; it < iterations; it++) {
    const g = new Array<number>(d).fill(0);
    const h = Array.from({ length: d }, () => new Array<number>(d).fill(0));
    for (let n = 0; n < xs.length; n++) {
      const r = row(xs[n]!);
      let z = 0;
      for (let j = 0; j < d; j++) z += beta[j]! * r[j]!;
      const p = 1 / (1 + Math.exp(-z));
      const err = (ys[n] ? 1 : 0) - p;
      const wgt = Math.max(p * (1 - p), 1e-9);
      for (let j = 0; j < d; j++) {
        g[j]! += err * r[j]!;
        const hj = h[j]!;
        for (let k = j; k < d; k++) hj[k]! += wgt * r[j]! * r[k]!;
      }
    }
    for (let j = 0; j < d; j++) {
      for (let k = 0; k < j; k++) h[j]![k] = h[k]![j]!;
      // The intercept is not penalised.
      if (j > 0) {
        g[j]! -= l2 * beta[j]!;
        h[j]![j]! += l2;
      } else h[0]![0]! += 1e-9;
    }
    const step = solve(h, g);
    let maxStep = 0;
    for (let j = 0; j < d; j++) {
      beta[j]! += step[j]!;
      maxStep = Math.max(maxStep, Math.abs(step[j]!));
    }
    if (maxStep < 1e-8) break;
  }
  return { bias: beta[0]!, weights: beta.slice(1) };
}

function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((r, i) => [...r, b[i]!]);
  for (let c = 0; c < n; c++) {
    let piv = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r]![c]!) > Math.abs(m[piv]![c]!)) piv = r;
    [m[c], m[piv]] = [m[piv]!, m[c]!];
    const p = m[c]![c]!;
    if (Math.abs(p) < 1e-12) continue;
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = m[r]![c]! / p;
      if (f === 0) continue;
      for (let k = c; k <= n; k++) m[r]![k]! -= f * m[c]![k]!;
    }
  }
  return m.map((r, i) => (Math.abs(r[i]!) < 1e-12 ? 0 : r[n]! / r[i]!));
}
