/**
 * The shape of the embedding, from read-back arrays (plain JS, small inputs): similarity
 * histograms of positive and negative pairs, alignment and uniformity (Wang & Isola, ICML 2020),
 * and the spread of L2-normalised embeddings that falls to zero when a representation collapses.
 */

export const HISTOGRAM_BINS = 40;

/** Counts of values in HISTOGRAM_BINS equal bins over [-1, 1], as fractions of the total. */
export function histogram(values: ArrayLike<number>, bins = HISTOGRAM_BINS): number[] {
  const counts = new Array<number>(bins).fill(0);
  for (let i = 0; i < values.length; i++) {
    const b = Math.min(bins - 1, Math.max(0, Math.floor(((values[i] + 1) / 2) * bins)));
    counts[b]++;
  }
  return counts.map((c) => (values.length ? c / values.length : 0));
}

/** Rows of x [n, dim] scaled to unit length (zero rows stay zero). */
export function normalizeRows(x: ArrayLike<number>, n: number, dim: number): Float32Array {
  const out = new Float32Array(n * dim);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let k = 0; k < dim; k++) s += x[i * dim + k] ** 2;
    const inv = s > 0 ? 1 / Math.sqrt(s) : 0;
    for (let k = 0; k < dim; k++) out[i * dim + k] = x[i * dim + k] * inv;
  }
  return out;
}

/** Alignment: mean ||a_i - b_i||^2 over positive pairs of unit vectors (alpha = 2). Lower is better. */
export function alignment(a: Float32Array, b: Float32Array, n: number, dim: number): number {
  let s = 0;
  for (let i = 0; i < n; i++) for (let k = 0; k < dim; k++) s += (a[i * dim + k] - b[i * dim + k]) ** 2;
  return n ? s / n : 0;
}

/** Uniformity: log mean over pairs i < j of exp(-t ||x_i - x_j||^2), t = 2. Lower is better (min -4 on the sphere). */
export function uniformity(x: Float32Array, n: number, dim: number, t = 2): number {
  let s = 0, pairs = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      let d = 0;
      for (let k = 0; k < dim; k++) d += (x[i * dim + k] - x[j * dim + k]) ** 2;
      s += Math.exp(-t * d);
      pairs++;
    }
  }
  return pairs ? Math.log(s / pairs) : 0;
}

/**
 * Mean over dimensions of the standard deviation of the unit-normalised embeddings, times
 * sqrt(dim): about 1 when they spread over the sphere, 0 when every input maps to one point
 * (the collapse SimSiam's paper monitors).
 */
export function embeddingSpread(unit: Float32Array, n: number, dim: number): number {
  if (n < 2) return 0;
  let total = 0;
  for (let k = 0; k < dim; k++) {
    let mean = 0;
    for (let i = 0; i < n; i++) mean += unit[i * dim + k];
    mean /= n;
    let v = 0;
    for (let i = 0; i < n; i++) v += (unit[i * dim + k] - mean) ** 2;
    total += Math.sqrt(v / (n - 1));
  }
  return (total / dim) * Math.sqrt(dim);
}

/** Below this spread the UI raises the collapse alarm. */
export const COLLAPSE_SPREAD = 0.05;

/** Top-2 principal components of x [n, dim] by power iteration (deterministic start): [n * 2] coordinates. */
export function pca2(x: ArrayLike<number>, n: number, dim: number): Float32Array {
  const mean = new Float64Array(dim);
  for (let i = 0; i < n; i++) for (let k = 0; k < dim; k++) mean[k] += x[i * dim + k] / n;
  const centred = new Float64Array(n * dim);
  for (let i = 0; i < n; i++) for (let k = 0; k < dim; k++) centred[i * dim + k] = x[i * dim + k] - mean[k];
  const cov = new Float64Array(dim * dim);
  for (let i = 0; i < n; i++) for (let a = 0; a < dim; a++) for (let b = a; b < dim; b++) cov[a * dim + b] += centred[i * dim + a] * centred[i * dim + b];
  for (let a = 0; a < dim; a++) for (let b = 0; b < a; b++) cov[a * dim + b] = cov[b * dim + a];
  const components: Float64Array[] = [];
  for (let c = 0; c < 2; c++) {
    let v = Float64Array.from({ length: dim }, (_, k) => 1 + ((k * 7919 + c * 104729) % 13) / 13);
    for (let it = 0; it < 200; it++) {
      const next = new Float64Array(dim);
      for (let a = 0; a < dim; a++) for (let b = 0; b < dim; b++) next[a] += cov[a * dim + b] * v[b];
      for (const prev of components) { const d = next.reduce((s, val, k) => s + val * prev[k], 0); for (let k = 0; k < dim; k++) next[k] -= d * prev[k]; }
      const norm = Math.hypot(...next) || 1;
      v = next.map((val) => val / norm);
    }
    components.push(v);
  }
  const out = new Float32Array(n * 2);
  for (let i = 0; i < n; i++) for (let c = 0; c < 2; c++) {
    let s = 0;
    for (let k = 0; k < dim; k++) s += centred[i * dim + k] * components[c][k];
    out[i * 2 + c] = s;
  }
  return out;
}
