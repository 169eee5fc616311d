import type { SparseRow } from './tfidf';

/**
 * Latent semantic analysis: a truncated SVD of the TF-IDF matrix by the randomised range finder
 * (Halko, Martinsson & Tropp 2011, alg. 4.4 with power iterations), so words that occur in the same
 * kinds of request ("refund", "money back") land near each other. Only the n × (k+p) sketch and the
 * (k+p) × terms basis are dense; the TF-IDF matrix stays sparse.
 */
export interface Projection {
  /** dims × terms, row-major: a row's coordinates are components · row. */
  components: Float64Array;
  dims: number;
  terms: number;
}

function orthonormalise(cols: readonly Float64Array[], n: number): Float64Array[] {
  // Modified Gram–Schmidt, twice (enough for numerical orthogonality at these sizes).
  const out: Float64Array[] = [];
  for (const c0 of cols) {
    const c = Float64Array.from(c0);
    for (let pass = 0; pass < 2; pass++) {
      for (const q of out) {
        let d = 0;
        for (let i = 0; i < n; i++) d += q[i]! * c[i]!;
        for (let i = 0; i < n; i++) c[i]! -= d * q[i]!;
      }
    }
    let norm = 0;
    for (let i = 0; i < n; i++) norm += c[i]! * c[i]!;
    norm = Math.sqrt(norm);
    if (norm < 1e-10) continue;
    for (let i = 0; i < n; i++) c[i]! /= norm;
    out.push(c);
  }
  return out;
}

/** Y = X · Ω for each column ω (terms-long) → n-long columns. */
function timesDense(rows: readonly SparseRow[], omegas: readonly Float64Array[]): Float64Array[] {
  const n = rows.length;
  return omegas.map((w) => {
    const y = new Float64Array(n);
    for (let r = 0; r < n; r++) {
      const { ids, values } = rows[r]!;
      let s = 0;
      for (let j = 0; j < ids.length; j++) s += values[j]! * w[ids[j]!]!;
      y[r] = s;
    }
    return y;
  });
}

/** Xᵀ · q for each n-long column q → terms-long columns. */
function transposeTimes(rows: readonly SparseRow[], qs: readonly Float64Array[], terms: number): Float64Array[] {
  return qs.map((q) => {
    const z = new Float64Array(terms);
    for (let r = 0; r < rows.length; r++) {
      const qr = q[r]!;
      if (qr === 0) continue;
      const { ids, values } = rows[r]!;
      for (let j = 0; j < ids.length; j++) z[ids[j]!]! += values[j]! * qr;
    }
    return z;
  });
}

/** Eigen-decomposition of a small symmetric matrix by cyclic Jacobi rotations. */
export function symmetricEigen(a: number[][]): { values: number[]; vectors: number[][] } {
  const n = a.length;
  const m = a.map((r) => [...r]);
  const v: number[][] = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));
  for (let sweep = 0; sweep < 60; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += m[p]![q]! ** 2;
    if (off < 1e-20) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = m[p]![q]!;
        if (Math.abs(apq) < 1e-300) continue;
        const theta = (m[q]![q]! - m[p]![p]!) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const mkp = m[k]![p]!;
          const mkq = m[k]![q]!;
          m[k]![p] = c * mkp - s * mkq;
          m[k]![q] = s * mkp + c * mkq;
        }
        for (let k = 0; k < n; k++) {
          const mpk = m[p]![k]!;
          const mqk = m[q]![k]!;
          m[p]![k] = c * mpk - s * mqk;
          m[q]![k] = s * mpk + c * mqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = v[k]![p]!;
          const vkq = v[k]![q]!;
          v[k]![p] = c * vkp - s * vkq;
          v[k]![q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => m[j]![j]! - m[i]![i]!);
  return { values: order.map((i) => m[i]![i]!), vectors: order.map((i) => v.map((row) => row[i]!)) };
}

export interface LsaOptions {
  dims: number;
  oversample?: number;
  powerIterations?: number;
  rand: () => number;
}

/** Fits the projection onto the top `dims` right singular vectors of the (sparse) TF-IDF matrix. */
export function fitLsa(rows: readonly SparseRow[], terms: number, options: LsaOptions): Projection {
  const l = Math.min(options.dims + (options.oversample ?? 10), rows.length, terms);
  const gauss = () => {
    const u = Math.max(options.rand(), 1e-12);
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * options.rand());
  };
  let omegas: Float64Array[] = Array.from({ length: l }, () => Float64Array.from({ length: terms }, gauss));
  let q = orthonormalise(timesDense(rows, omegas), rows.length);
  for (let it = 0; it < (options.powerIterations ?? 2); it++) {
    omegas = orthonormalise(transposeTimes(rows, q, terms), terms);
    q = orthonormalise(timesDense(rows, omegas), rows.length);
  }
  // B = Qᵀ X (l × terms); B Bᵀ = U S² Uᵀ; the right singular vectors are Vᵀ = S⁻¹ Uᵀ B.
  const b = transposeTimes(rows, q, terms);
  const bbt = b.map((bi) => b.map((bj) => {
    let s = 0;
    for (let t = 0; t < terms; t++) s += bi[t]! * bj[t]!;
    return s;
  }));
  const { values, vectors } = symmetricEigen(bbt);
  const dims = Math.min(options.dims, values.filter((x) => x > 1e-10).length);
  const components = new Float64Array(dims * terms);
  for (let d = 0; d < dims; d++) {
    const u = vectors[d]!;
    const inv = 1 / Math.sqrt(values[d]!);
    for (let i = 0; i < b.length; i++) {
      const w = u[i]! * inv;
      if (w === 0) continue;
      const bi = b[i]!;
      for (let t = 0; t < terms; t++) components[d * terms + t]! += w * bi[t]!;
    }
  }
  return { components, dims, terms };
}

/** A row's LSA coordinates, L2-normalised (cosine geometry for spherical k-means). */
export function project(p: Projection, row: SparseRow): Float64Array {
  const z = new Float64Array(p.dims);
  for (let d = 0; d < p.dims; d++) {
    const off = d * p.terms;
    let s = 0;
    for (let j = 0; j < row.ids.length; j++) s += row.values[j]! * p.components[off + row.ids[j]!]!;
    z[d] = s;
  }
  return normalise(z);
}

export function normalise(z: Float64Array): Float64Array {
  let n = 0;
  for (let i = 0; i < z.length; i++) n += z[i]! * z[i]!;
  if (n > 0) {
    const s = 1 / Math.sqrt(n);
    for (let i = 0; i < z.length; i++) z[i]! *= s;
  }
  return z;
}
