/**
 * Exact t-SNE (van der Maaten & Hinton, 2008) for about 1,000 points, written for the map worker:
 * typed arrays, a seeded start, and warm restarts (new embeddings of the same points keep the
 * current layout, so the map moves smoothly while training changes the encoder). O(N^2) per
 * iteration: ~1M pairs for 1,000 points. No DOM, no tfjs.
 */
import { createRng, gaussian } from '../shared/rng';

export interface TsneOptions {
  perplexity: number;
  /** P is multiplied by this for the first `exaggerationIterations` iterations of a fresh layout. */
  exaggeration: number;
  exaggerationIterations: number;
  learningRate: number;
  seed: number;
}

export const TSNE_DEFAULTS: TsneOptions = { perplexity: 30, exaggeration: 12, exaggerationIterations: 100, learningRate: 200, seed: 1 };

/** Squared Euclidean distances between the rows of X [n, dim] (row-major). */
export function squaredDistances(x: ArrayLike<number>, n: number, dim: number): Float64Array {
  const d = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      let s = 0;
      for (let k = 0; k < dim; k++) { const t = x[i * dim + k] - x[j * dim + k]; s += t * t; }
      d[i * n + j] = s;
      d[j * n + i] = s;
    }
  }
  return d;
}

/**
 * Joint probabilities P (symmetric, summing to 1): each row's Gaussian bandwidth is found by
 * bisection so that its conditional distribution has the given perplexity.
 */
export function jointProbabilities(d2: Float64Array, n: number, perplexity: number): Float64Array {
  const target = Math.log(Math.min(perplexity, (n - 1) / 3));
  const p = new Float64Array(n * n);
  const row = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let beta = 1, lo = -Infinity, hi = Infinity;
    for (let iter = 0; iter < 64; iter++) {
      let sum = 0, dot = 0;
      for (let j = 0; j < n; j++) {
        const v = j === i ? 0 : Math.exp(-d2[i * n + j] * beta);
        row[j] = v;
        sum += v;
        dot += v * d2[i * n + j];
      }
      if (sum === 0) { sum = 1e-300; }
      const entropy = Math.log(sum) + (beta * dot) / sum;
      const diff = entropy - target;
      if (Math.abs(diff) < 1e-5) break;
      if (diff > 0) { lo = beta; beta = hi === Infinity ? beta * 2 : (beta + hi) / 2; } else { hi = beta; beta = lo === -Infinity ? beta / 2 : (beta + lo) / 2; }
    }
    let sum = 0;
    for (let j = 0; j < n; j++) sum += row[j];
    for (let j = 0; j < n; j++) p[i * n + j] = sum > 0 ? row[j] / sum : 0;
  }
  // Symmetrise: p_ij = (p_j|i + p_i|j) / 2n.
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const v = Math.max((p[i * n + j] + p[j * n + i]) / (2 * n), 1e-100);
      p[i * n + j] = v;
      p[j * n + i] = v;
    }
    p[i * n + i] = 0;
  }
  return p;
}

export class Tsne {
  readonly options: TsneOptions;
  private n = 0;
  private p: Float64Array = new Float64Array(0);
  private y = new Float64Array(0);
  private velocity = new Float64Array(0);
  private gains = new Float64Array(0);
  private grad = new Float64Array(0);
  /** Iterations since the layout was (re)started from random. */
  iteration = 0;

  constructor(options: Partial<TsneOptions> = {}) {
    this.options = { ...TSNE_DEFAULTS, ...options };
  }

  /**
   * New high-dimensional points [n, dim]. Same n as before: the current layout is kept (a warm
   * restart: no exaggeration); otherwise the layout starts from small seeded random positions.
   */
  setData(x: ArrayLike<number>, n: number, dim: number): void {
    this.p = jointProbabilities(squaredDistances(x, n, dim), n, this.options.perplexity);
    if (n !== this.n) {
      this.n = n;
      const rng = createRng(this.options.seed);
      this.y = Float64Array.from({ length: 2 * n }, () => gaussian(rng) * 1e-4);
      this.velocity = new Float64Array(2 * n);
      this.gains = new Float64Array(2 * n).fill(1);
      this.grad = new Float64Array(2 * n);
      this.iteration = 0;
    } else {
      this.gains.fill(1);
      this.velocity.fill(0);
    }
  }

  get size(): number {
    return this.n;
  }

  /** One gradient-descent step (momentum and adaptive gains, as in the paper's reference code). */
  step(): void {
    const { n, p, y, grad, gains, velocity } = this;
    const o = this.options;
    const fresh = this.iteration < o.exaggerationIterations;
    const exaggeration = fresh ? o.exaggeration : 1;
    const momentum = this.iteration < 250 ? 0.5 : 0.8;
    // Student-t kernel numerators and their sum (for Q's normalisation).
    let z = 0;
    const num = new Float64Array(n * n);
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        const dx = y[2 * i] - y[2 * j], dy = y[2 * i + 1] - y[2 * j + 1];
        const q = 1 / (1 + dx * dx + dy * dy);
        num[i * n + j] = q;
        z += 2 * q;
      }
    }
    grad.fill(0);
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        const q = num[i * n + j];
        const f = 4 * (exaggeration * p[i * n + j] - q / z) * q;
        const gx = f * (y[2 * i] - y[2 * j]), gy = f * (y[2 * i + 1] - y[2 * j + 1]);
        grad[2 * i] += gx; grad[2 * i + 1] += gy;
        grad[2 * j] -= gx; grad[2 * j + 1] -= gy;
      }
    }
    let mx = 0, my = 0;
    for (let k = 0; k < 2 * n; k++) {
      gains[k] = Math.sign(grad[k]) !== Math.sign(velocity[k]) ? gains[k] + 0.2 : Math.max(0.01, gains[k] * 0.8);
      velocity[k] = momentum * velocity[k] - o.learningRate * gains[k] * grad[k];
      y[k] += velocity[k];
      if (k % 2 === 0) mx += y[k]; else my += y[k];
    }
    for (let i = 0; i < n; i++) { y[2 * i] -= mx / n; y[2 * i + 1] -= my / n; }
    this.iteration++;
  }

  /** [n * 2] layout (a copy). */
  solution(): Float32Array {
    return Float32Array.from(this.y);
  }

  /** KL(P || Q) of the current layout (O(N^2); for tests and comparisons, not every step). */
  cost(): number {
    const { n, p, y } = this;
    let z = 0;
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (i !== j) z += 1 / (1 + (y[2 * i] - y[2 * j]) ** 2 + (y[2 * i + 1] - y[2 * j + 1]) ** 2);
    let kl = 0;
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        if (i === j || p[i * n + j] <= 1e-100) continue;
        const q = 1 / (1 + (y[2 * i] - y[2 * j]) ** 2 + (y[2 * i + 1] - y[2 * j + 1]) ** 2) / z;
        kl += p[i * n + j] * Math.log(p[i * n + j] / Math.max(q, 1e-300));
      }
    }
    return kl;
  }
}

/** Fraction of points whose nearest neighbour on the map has the same label (map quality). */
export function neighbourPurity(coords: ArrayLike<number>, labels: ArrayLike<number>): number {
  const n = labels.length;
  let same = 0;
  for (let i = 0; i < n; i++) {
    let best = Infinity, bestJ = -1;
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      const d = (coords[2 * i] - coords[2 * j]) ** 2 + (coords[2 * i + 1] - coords[2 * j + 1]) ** 2;
      if (d < best) { best = d; bestJ = j; }
    }
    if (labels[bestJ] === labels[i]) same++;
  }
  return n ? same / n : 0;
}
