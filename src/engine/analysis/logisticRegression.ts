/**
 * L2-regularised logistic regression by Newton's method (IRLS). Features are few (~80), so the
 * Hessian solve is cheap next to building it; the ridge keeps weights of signal kinds absent from the
 * labels at zero. Rows are packed once into one typed matrix (intercept first) because the Hessian's
 * n·d²/2 multiply-adds per iteration dominate: a store refit runs this dozens of times.
 */
export interface LogisticFit {
  weights: number[];
  bias: number;
}

/** Rows packed with a leading 1 for the intercept, so several fits (a ridge path) share one copy. */
export interface DesignMatrix {
  readonly rows: number;
  /** Columns including the intercept. */
  readonly cols: number;
  readonly data: Float64Array;
  readonly labels: Uint8Array;
}

export function designMatrix(xs: readonly (readonly number[])[], ys: readonly boolean[]): DesignMatrix {
  const rows = xs.length;
  const cols = (xs[0]?.length ?? 0) + 1;
  const data = new Float64Array(rows * cols);
  const labels = new Uint8Array(rows);
  for (let n = 0; n < rows; n++) {
    const x = xs[n]!;
    const o = n * cols;
    data[o] = 1;
    for (let j = 1; j < cols; j++) data[o + j] = x[j - 1]!;
    labels[n] = ys[n] ? 1 : 0;
  }
  return { rows, cols, data, labels };
}

export function fitLogistic(xs: readonly (readonly number[])[], ys: readonly boolean[], l2 = 1, iterations = 30): LogisticFit {
  return fitDesign(designMatrix(xs, ys), l2, iterations);
}

/** A solution and the data part of the Hessian (XᵀWX, ridge excluded) last built for it. */
export interface RidgePathPoint {
  fit: LogisticFit;
  curvature: Float64Array;
}

/**
 * Newton's method whose Hessian is rebuilt only when the steps stop shrinking fast. Building it costs
 * n·d²/2 multiply-adds, a gradient n·d: from a neighbouring point of a ridge path (`start`, bias first
 * then weights, with the curvature built there) the old Hessian plus the new ridge is close enough that
 * a few gradient-only steps reach the optimum. The stopping rule is Newton's (largest step below 1e-8),
 * so the answer is the same optimum as full Newton's to that tolerance.
 */
export function fitDesignPath(m: DesignMatrix, l2: number, iterations = 30, start?: RidgePathPoint): RidgePathPoint {
  const { rows, cols: d, data, labels } = m;
  const beta = new Float64Array(d);
  if (start) {
    beta[0] = start.fit.bias;
    for (let j = 1; j < d; j++) beta[j] = start.fit.weights[j - 1] ?? 0;
  }
  const g = new Float64Array(d);
  let curvature = start ? Float64Array.from(start.curvature) : new Float64Array(d * d);
  let needCurvature = !start;
  let factor: Float64Array | undefined;
  let rebuilds = 0;
  let previousStep = Infinity;
  // Gradient-only passes are cheap; the cap only stops a pathological cycle.
  for (let pass = 0; pass < iterations * 10; pass++) {
    const building = needCurvature;
    if (building) {
      curvature = new Float64Array(d * d);
      rebuilds++;
    }
    g.fill(0);
    for (let n = 0; n < rows; n++) {
      const o = n * d;
      let z = 0;
      for (let j = 0; j < d; j++) z += beta[j]! * data[o + j]!;
      const p = 1 / (1 + Math.exp(-z));
      const err = labels[n]! - p;
      if (!building) {
        for (let j = 0; j < d; j++) g[j]! += err * data[o + j]!;
        continue;
      }
      const wgt = Math.max(p * (1 - p), 1e-9);
      for (let j = 0; j < d; j++) {
        const rj = data[o + j]!;
        if (rj === 0) continue;
        g[j]! += err * rj;
        const wr = wgt * rj;
        const hj = j * d;
        for (let k = j; k < d; k++) curvature[hj + k]! += wr * data[o + k]!;
      }
    }
    if (building) for (let j = 0; j < d; j++) for (let k = 0; k < j; k++) curvature[j * d + k] = curvature[k * d + j]!;
    // The intercept is not penalised.
    for (let j = 1; j < d; j++) g[j]! -= l2 * beta[j]!;
    if (building || !factor) factor = cholesky(withRidge(curvature, d, l2), d);
    const step = factor ? choleskySolve(factor, g, d) : solve(withRidge(curvature, d, l2), g, d);
    let maxStep = 0;
    for (let j = 0; j < d; j++) {
      beta[j]! += step[j]!;
      maxStep = Math.max(maxStep, Math.abs(step[j]!));
    }
    if (maxStep < 1e-8) break;
    // A stale Hessian converges linearly; once a step shrinks by less than 3× rebuild it (Newton again).
    needCurvature = !building && maxStep > previousStep / 3 && rebuilds < iterations;
    previousStep = maxStep;
  }
  return { fit: { bias: beta[0]!, weights: Array.from(beta.subarray(1)) }, curvature };
}

export function fitDesign(m: DesignMatrix, l2: number, iterations = 30): LogisticFit {
  return fitDesignPath(m, l2, iterations).fit;
}

function withRidge(curvature: Float64Array, d: number, l2: number): Float64Array {
  const h = Float64Array.from(curvature);
  h[0]! += 1e-9;
  for (let j = 1; j < d; j++) h[j * d + j]! += l2;
  return h;
}

/** Lower-triangular L with LLᵀ = a, or undefined when a is not positive definite (then Gauss–Jordan). */
function cholesky(a: Float64Array, n: number): Float64Array | undefined {
  const l = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = a[i * n + j]!;
      for (let k = 0; k < j; k++) sum -= l[i * n + k]! * l[j * n + k]!;
      if (i === j) {
        if (!(sum > 1e-12)) return undefined;
        l[i * n + i] = Math.sqrt(sum);
      } else l[i * n + j] = sum / l[j * n + j]!;
    }
  }
  return l;
}

function choleskySolve(l: Float64Array, b: Float64Array, n: number): Float64Array {
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let sum = b[i]!;
    for (let k = 0; k < i; k++) sum -= l[i * n + k]! * y[k]!;
    y[i] = sum / l[i * n + i]!;
  }
  for (let i = n - 1; i >= 0; i--) {
    let sum = y[i]!;
    for (let k = i + 1; k < n; k++) sum -= l[k * n + i]! * y[k]!;
    y[i] = sum / l[i * n + i]!;
  }
  return y;
}

/** Gauss–Jordan with partial pivoting on a copy of the d×d matrix `a`; a singular column's step is 0. */
function solve(a: Float64Array, b: Float64Array, n: number): Float64Array {
  const w = n + 1;
  const m = new Float64Array(n * w);
  for (let r = 0; r < n; r++) {
    m.set(a.subarray(r * n, r * n + n), r * w);
    m[r * w + n] = b[r]!;
  }
  const swap = new Float64Array(w);
  for (let c = 0; c < n; c++) {
    let piv = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r * w + c]!) > Math.abs(m[piv * w + c]!)) piv = r;
    if (piv !== c) {
      swap.set(m.subarray(c * w, c * w + w));
      m.copyWithin(c * w, piv * w, piv * w + w);
      m.set(swap, piv * w);
    }
    const p = m[c * w + c]!;
    if (Math.abs(p) < 1e-12) continue;
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = m[r * w + c]! / p;
      if (f === 0) continue;
      for (let k = c; k <= n; k++) m[r * w + k]! -= f * m[c * w + k]!;
    }
  }
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = Math.abs(m[i * w + i]!) < 1e-12 ? 0 : m[i * w + n]! / m[i * w + i]!;
  return out;
}
