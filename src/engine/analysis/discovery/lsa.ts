import type { SparseRow } from './tfidf';

/**
 * Latent semantic analysis: a truncated SVD of the TF-IDF matrix by the randomised range finder
 * (Halko, Martinsson & Tropp 2011, alg. 4.4 with power iterations), so words that occur in the same
 * kinds of request ("refund", "money back") land near each other. Only the n × (k+p) sketch and the
 * (k+p) × terms basis are dense; the TF-IDF matrix stays sparse.
 */
export interface Projection {
  /** terms × dims, row-major: a row's coordinates are Σ value · (the term's row of components). */
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

/** Columns → one row-major block (rows × columns), so the sparse products below read it contiguously. */
function rowMajor(cols: readonly Float64Array[], length: number): Float64Array {
  const l = cols.length;
  const out = new Float64Array(length * l);
  cols.forEach((c, k) => {
    for (let i = 0; i < length; i++) out[i * l + k] = c[i]!;
  });
  return out;
}

function columnsOf(block: Float64Array, length: number, l: number): Float64Array[] {
  return Array.from({ length: l }, (_, k) => {
    const c = new Float64Array(length);
    for (let i = 0; i < length; i++) c[i] = block[i * l + k]!;
    return c;
  });
}

/** Y = X · Ω for each column ω (terms-long) → n-long columns. */
function timesDense(rows: readonly SparseRow[], omegas: readonly Float64Array[]): Float64Array[] {
  const n = rows.length;
  const l = omegas.length;
  if (l === 0) return [];
  const w = rowMajor(omegas, omegas[0]!.length);
  const y = new Float64Array(n * l);
  for (let r = 0; r < n; r++) {
    const { ids, values } = rows[r]!;
    const out = r * l;
    for (let j = 0; j < ids.length; j++) {
      const v = values[j]!;
      const off = ids[j]! * l;
      for (let k = 0; k < l; k++) y[out + k]! += v * w[off + k]!;
    }
  }
  return columnsOf(y, n, l);
}

/** Xᵀ · q for each n-long column q → terms-long columns. */
function transposeTimes(rows: readonly SparseRow[], qs: readonly Float64Array[], terms: number): Float64Array[] {
  const l = qs.length;
  const q = rowMajor(qs, rows.length);
  const z = new Float64Array(terms * l);
  for (let r = 0; r < rows.length; r++) {
    const { ids, values } = rows[r]!;
    const from = r * l;
    for (let j = 0; j < ids.length; j++) {
      const v = values[j]!;
      const off = ids[j]! * l;
      for (let k = 0; k < l; k++) z[off + k]! += v * q[from + k]!;
    }
  }
  return columnsOf(z, terms, l);
}

/** Eigen-decomposition of a small symmetric matrix by cyclic Jacobi rotations (flat arrays: fast enough at l ≈ 110). */
export function symmetricEigen(a: number[][]): { values: number[]; vectors: number[][] } {
  const n = a.length;
  const m = new Float64Array(n * n);
  a.forEach((row, i) => row.forEach((x, j) => (m[i * n + j] = x)));
  const v = new Float64Array(n * n);
  for (let i = 0; i < n; i++) v[i * n + i] = 1;
  // Converged when the off-diagonal mass is negligible beside the matrix's own (an absolute bar is
  // never reached on large entries and made every call run all 60 sweeps).
  let total = 0;
  for (let i = 0; i < n * n; i++) total += m[i]! * m[i]!;
  for (let sweep = 0; sweep < 60; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += m[p * n + q]! ** 2;
    if (off <= 1e-24 * total || off < 1e-300) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = m[p * n + q]!;
        if (Math.abs(apq) < 1e-300) continue;
        const theta = (m[q * n + q]! - m[p * n + p]!) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const kp = k * n + p;
          const kq = k * n + q;
          const mkp = m[kp]!;
          const mkq = m[kq]!;
          m[kp] = c * mkp - s * mkq;
          m[kq] = s * mkp + c * mkq;
        }
        const pr = p * n;
        const qr = q * n;
        for (let k = 0; k < n; k++) {
          const mpk = m[pr + k]!;
          const mqk = m[qr + k]!;
          m[pr + k] = c * mpk - s * mqk;
          m[qr + k] = s * mpk + c * mqk;
        }
        for (let k = 0; k < n; k++) {
          const kp = k * n + p;
          const kq = k * n + q;
          const vkp = v[kp]!;
          const vkq = v[kq]!;
          v[kp] = c * vkp - s * vkq;
          v[kq] = s * vkp + c * vkq;
        }
      }
    }
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => m[j * n + j]! - m[i * n + i]!);
  return { values: order.map((i) => m[i * n + i]!), vectors: order.map((i) => Array.from({ length: n }, (_, k) => v[k * n + i]!)) };
}

export interface LsaOptions {
  dims: number;
  oversample?: number;
  powerIterations?: number;
  rand: () => number;
}

/** Scales each column to unit length (keeps the power iteration's numbers in range without a full QR). */
function scaleColumns(cols: Float64Array[]): Float64Array[] {
  for (const c of cols) {
    let norm = 0;
    for (let i = 0; i < c.length; i++) norm += c[i]! * c[i]!;
    if (norm > 0) {
      const s = 1 / Math.sqrt(norm);
      for (let i = 0; i < c.length; i++) c[i]! *= s;
    }
  }
  return cols;
}

/**
 * Fits the projection onto the top `dims` right singular vectors of the (sparse) TF-IDF matrix.
 * The power iterations multiply by X Xᵀ without re-orthonormalising in between (only rescaling the
 * columns): with two iterations the sketch's condition grows by (σ₁/σₗ)⁴, far inside what one
 * twice-repeated Gram–Schmidt at the end recovers exactly, and that one orthonormalisation (instead
 * of one per half-step in both spaces) was most of the fit's time.
 */
export function fitLsa(rows: readonly SparseRow[], terms: number, options: LsaOptions): Projection {
  const l = Math.min(options.dims + (options.oversample ?? 10), rows.length, terms);
  const gauss = () => {
    const u = Math.max(options.rand(), 1e-12);
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * options.rand());
  };
  const omegas: Float64Array[] = Array.from({ length: l }, () => Float64Array.from({ length: terms }, gauss));
  let y = scaleColumns(timesDense(rows, omegas));
  for (let it = 0; it < (options.powerIterations ?? 2); it++) y = scaleColumns(timesDense(rows, scaleColumns(transposeTimes(rows, y, terms))));
  const q = orthonormalise(y, rows.length);
  // B = Qᵀ X (l × terms); B Bᵀ = U S² Uᵀ; the right singular vectors are Vᵀ = S⁻¹ Uᵀ B.
  const b = transposeTimes(rows, q, terms);
  const m = b.length;
  const bbt: number[][] = Array.from({ length: m }, () => new Array<number>(m).fill(0));
  for (let i = 0; i < m; i++) {
    const bi = b[i]!;
    for (let j = i; j < m; j++) {
      const bj = b[j]!;
      let s = 0;
      for (let t = 0; t < terms; t++) s += bi[t]! * bj[t]!;
      bbt[i]![j] = s;
      bbt[j]![i] = s;
    }
  }
  const { values, vectors } = symmetricEigen(bbt);
  const dims = Math.min(options.dims, values.filter((x) => x > 1e-10).length);
  // Term-major (terms × dims): projecting a sparse row reads one contiguous block per term.
  const components = new Float64Array(dims * terms);
  for (let d = 0; d < dims; d++) {
    const u = vectors[d]!;
    const inv = 1 / Math.sqrt(values[d]!);
    for (let i = 0; i < m; i++) {
      const w = u[i]! * inv;
      if (w === 0) continue;
      const bi = b[i]!;
      for (let t = 0; t < terms; t++) components[t * dims + d]! += w * bi[t]!;
    }
  }
  return { components, dims, terms };
}

/** A row's LSA coordinates, L2-normalised (cosine geometry for spherical k-means). */
export function project(p: Projection, row: SparseRow): Float64Array {
  const dims = p.dims;
  const z = new Float64Array(dims);
  const c = p.components;
  for (let j = 0; j < row.ids.length; j++) {
    const v = row.values[j]!;
    const off = row.ids[j]! * dims;
    for (let d = 0; d < dims; d++) z[d]! += v * c[off + d]!;
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
