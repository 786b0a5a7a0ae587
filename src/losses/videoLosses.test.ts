/**
 * The losses of the video methods (TCN triplet, Wang & Gupta ranking, Shuffle and Learn order
 * verification) against independent plain-JS computations written from the papers' formulas
 * (loops over rows, no tfjs), plus the gradient properties the training loop relies on.
 */
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { TCN_MARGIN, tcnNPairsLoss, tcnTripletLoss } from './tcnTriplet';
import { RANKING_MARGIN, rankingLoss } from './ranking';
import { orderVerificationLoss } from './orderVerification';
import { createRng } from '../shared/rng';

// ---- plain-JS reference helpers -------------------------------------------------------------
type Rows = number[][];
const dot = (a: number[], b: number[]) => a.reduce((s, x, i) => s + x * b[i], 0);
const unit = (v: number[]) => { const n = Math.hypot(...v); return v.map((x) => x / n); };
const cosine = (a: number[], b: number[]) => dot(unit(a), unit(b));
const squaredDistance = (a: number[], b: number[]) => a.reduce((s, x, i) => s + (x - b[i]) ** 2, 0);
const mean = (v: number[]) => v.reduce((s, x) => s + x, 0) / v.length;
const randomRows = (rng: ReturnType<typeof createRng>, rows: number, cols: number): Rows =>
  Array.from({ length: rows }, () => Array.from({ length: cols }, () => rng.uniform(-1, 1)));
const scalarOf = async (t: tf.Tensor) => (await t.data())[0];
const expectClose = (got: number, want: number, tol = 1e-5) => expect(Math.abs(got - want)).toBeLessThan(tol);

/** Runs `steps` SGD steps of lossOf over vars; returns the loss before and after. */
async function sgdLosses(lossOf: () => tf.Scalar, vars: tf.Variable[], steps: number, lr: number): Promise<[number, number]> {
  const before = await scalarOf(tf.tidy(lossOf));
  const optimizer = tf.train.sgd(lr);
  for (let s = 0; s < steps; s++) tf.tidy(() => { optimizer.minimize(lossOf, false, vars); });
  optimizer.dispose();
  return [before, await scalarOf(tf.tidy(lossOf))];
}

// ---- TCN triplet ----------------------------------------------------------------------------
describe('TCN triplet', () => {
  const rng = createRng(21);
  const [N, D] = [6, 4];
  const A = randomRows(rng, N, D), P = randomRows(rng, N, D), Neg = randomRows(rng, N, D);

  /** FaceNet / TCN: max(0, |a-p|^2 - |a-n|^2 + margin) on unit vectors, per triplet. */
  function byHand(a: Rows, p: Rows, n: Rows, margin: number) {
    const dPos = a.map((ai, i) => squaredDistance(unit(ai), unit(p[i])));
    const dNeg = a.map((ai, i) => squaredDistance(unit(ai), unit(n[i])));
    const hinge = dPos.map((d, i) => Math.max(0, d - dNeg[i] + margin));
    return {
      loss: mean(hinge),
      posSim: mean(a.map((ai, i) => cosine(ai, p[i]))),
      negSim: mean(a.map((ai, i) => cosine(ai, n[i]))),
      accuracy: mean(dPos.map((d, i) => (d < dNeg[i] ? 1 : 0))),
      activeFraction: mean(hinge.map((h) => (h > 0 ? 1 : 0))),
    };
  }

  it('equals the hand computation (loss, similarities, accuracy, active fraction)', async () => {
    for (const margin of [TCN_MARGIN, 1]) {
      const want = byHand(A, P, Neg, margin);
      expect(want.activeFraction).toBeGreaterThan(0);   // the fixture mixes active and satisfied triplets
      expect(want.activeFraction).toBeLessThan(1);
      const r = tcnTripletLoss(tf.tensor2d(A), tf.tensor2d(P), tf.tensor2d(Neg), margin);
      expectClose(await scalarOf(r.loss), want.loss);
      expectClose(await scalarOf(r.posSim), want.posSim);
      expectClose(await scalarOf(r.negSim), want.negSim);
      expectClose(await scalarOf(r.accuracy), want.accuracy);
      expectClose(await scalarOf(r.activeFraction), want.activeFraction);
    }
  });

  it('is 0 with no active triplet when every positive is far nearer than its negative', async () => {
    const negated = A.map((row) => row.map((x) => -x));
    const r = tcnTripletLoss(tf.tensor2d(A), tf.tensor2d(A.map((row) => row.map((x) => 3 * x))), tf.tensor2d(negated), TCN_MARGIN);
    expect(await scalarOf(r.loss)).toBe(0);
    expect(await scalarOf(r.activeFraction)).toBe(0);
    expect(await scalarOf(r.accuracy)).toBe(1);
  });

  it('gives the anchor a gradient when triplets are active and none when all are satisfied', async () => {
    const gradOfAnchor = (p: Rows, n: Rows) =>
      tf.grad((a: tf.Tensor) => tcnTripletLoss(a as tf.Tensor2D, tf.tensor2d(p), tf.tensor2d(n), TCN_MARGIN).loss)(tf.tensor2d(A));
    const active = Array.from(await gradOfAnchor(P, Neg).data());
    expect(active.every(Number.isFinite)).toBe(true);
    expect(Math.max(...active.map(Math.abs))).toBeGreaterThan(1e-4);
    const satisfied = Array.from(await gradOfAnchor(A, A.map((row) => row.map((x) => -x))).data());
    expect(satisfied.every((g) => Math.abs(g) === 0)).toBe(true);
  });

  it('a few SGD steps on free embeddings lower the loss', async () => {
    const [a, p, n] = [A, P, Neg].map((rows) => tf.variable(tf.tensor2d(rows)));
    const [before, after] = await sgdLosses(() => tcnTripletLoss(a, p, n, TCN_MARGIN).loss, [a, p, n], 10, 0.5);
    expect(after).toBeLessThan(before);
    [a, p, n].forEach((v) => v.dispose());
  });
});

// ---- TCN multi-view N-pairs ------------------------------------------------------------------
describe('TCN N-pairs (InfoNCE over the batch\'s positives and the anchor\'s own negative)', () => {
  const rng = createRng(21);
  const [A, P, Neg] = [0, 1, 2].map(() => randomRows(rng, 5, 4));
  /** Plain JS: -mean_i log softmax_i over {a_i.p_j / T : j not masked} and a_i.n_i / T, at p_i. */
  function reference(mask: number[][], T: number): number {
    return mean(A.map((a, i) => {
      const logits = [...P.map((p, j) => (mask[i][j] ? null : cosine(a, p) / T)).filter((x): x is number => x !== null), cosine(a, Neg[i]) / T];
      const max = Math.max(...logits);
      const logZ = max + Math.log(logits.reduce((s, l) => s + Math.exp(l - max), 0));
      return logZ - cosine(a, P[i]) / T;
    }));
  }

  it('matches the formula, with masked pairs left out of the softmax', async () => {
    const none = A.map(() => A.map(() => 0));
    const some = none.map((row, i) => row.map((_, j) => (i !== j && (i + j) % 3 === 0 ? 1 : 0)));
    for (const [mask, T] of [[none, 0.1], [some, 0.1], [some, 0.5]] as const) {
      const got = await scalarOf(tcnNPairsLoss(tf.tensor2d(A), tf.tensor2d(P), tf.tensor2d(Neg), tf.tensor2d(mask as number[][]), T));
      expectClose(got, reference(mask as number[][], T), 1e-4);
    }
  });

  it('a few SGD steps on free embeddings lower the loss', async () => {
    const [a, p, n] = [A, P, Neg].map((rows) => tf.variable(tf.tensor2d(rows)));
    const mask = tf.zeros([5, 5]) as tf.Tensor2D;
    const [before, after] = await sgdLosses(() => tcnNPairsLoss(a, p, n, mask, 0.1), [a, p, n], 10, 0.05);
    expect(after).toBeLessThan(before);
    [a, p, n, mask].forEach((v) => v.dispose());
  });
});

// ---- Wang & Gupta ranking -------------------------------------------------------------------
describe('Wang & Gupta ranking with hard-negative mining', () => {
  const rng = createRng(33);
  const [N, D, POOL] = [3, 4, 8];
  const A = randomRows(rng, N, D);
  const Pos = A.map((row) => row.map((x) => x + rng.uniform(-0.6, 0.6)));
  // Pool row j comes from video j mod 4; anchor i from video i. Rows 0..2 are near copies of the
  // anchors (same video): the most similar rows overall, and never allowed as their negatives.
  const Pool = randomRows(rng, POOL, D).map((row, j) => (j < N ? A[j].map((x, d) => 2 * x + 0.05 * row[d]) : row));
  const Allowed = A.map((_, i) => Array.from({ length: POOL }, (_, j) => (j % 4 === i ? 0 : 1)));
  const Random = [[5], [6], [7]];                                  // allowed for anchors 0, 1, 2

  /** Allowed pool rows of anchor i, highest cosine first, the first k. */
  const hardByHand = (allowed: Rows, k: number) => A.map((a, i) =>
    Pool.map((row, j) => ({ j, c: cosine(a, row) })).filter(({ j }) => allowed[i][j] === 1)
      .sort((x, y) => y.c - x.c).slice(0, k).map(({ j }) => j));

  /** Mean of max(0, D(a,p) - D(a,n) + M), D = 1 - cos, over the allowed chosen negatives. */
  function lossByHand(chosen: number[][], allowed: Rows, margin: number) {
    const terms: number[] = [], negCos: number[] = [];
    chosen.forEach((js, i) => js.forEach((j) => {
      if (allowed[i][j] !== 1) return;
      const dPos = 1 - cosine(A[i], Pos[i]), dNeg = 1 - cosine(A[i], Pool[j]);
      terms.push(Math.max(0, dPos - dNeg + margin));
      negCos.push(cosine(A[i], Pool[j]));
    }));
    return { loss: mean(terms), negSim: mean(negCos) };
  }

  const run = (opts: { margin: number; hardNegatives: number; random?: number[][] }, allowed: Rows = Allowed) =>
    rankingLoss(tf.tensor2d(A), tf.tensor2d(Pos), tf.tensor2d(Pool), tf.tensor2d(allowed), {
      margin: opts.margin, hardNegatives: opts.hardNegatives,
      randomIndex: opts.random ? tf.tensor2d(opts.random, undefined, 'int32') : undefined,
    });

  it('mines the allowed rows of highest cosine (K = 1 and K = 2), never the disallowed nearer ones', async () => {
    for (const k of [1, 2]) {
      const got = await run({ margin: RANKING_MARGIN, hardNegatives: k }).hardIndex.array();
      expect(got).toEqual(hardByHand(Allowed, k));
      got.forEach((js, i) => js.forEach((j) => expect(Allowed[i][j]).toBe(1)));
    }
    // Unmasked, each anchor's own-video copy would win: the mask is what keeps it out.
    A.forEach((a, i) => expect(hardByHand(A.map(() => Array(POOL).fill(1)), 1)[i]).toEqual([i]));
  });

  it('loss, similarities and accuracy equal the hand computation, random negatives included', async () => {
    for (const [k, margin] of [[1, RANKING_MARGIN], [2, 1]]) {
      const r = run({ margin, hardNegatives: k, random: Random });
      const chosen = hardByHand(Allowed, k).map((js, i) => [...js, ...Random[i]]);
      const want = lossByHand(chosen, Allowed, margin);
      expectClose(await scalarOf(r.loss), want.loss);
      expectClose(await scalarOf(r.negSim), want.negSim);
      expectClose(await scalarOf(r.posSim), mean(A.map((a, i) => cosine(a, Pos[i]))));
      let right = 0, pairs = 0;
      A.forEach((a, i) => Pool.forEach((row, j) => {
        if (Allowed[i][j] !== 1) return;
        pairs++;
        if (1 - cosine(a, Pos[i]) < 1 - cosine(a, row)) right++;
      }));
      expectClose(await scalarOf(r.accuracy), right / pairs);
    }
  });

  it('gives zero weight to masked rows top-k must take when an anchor has fewer than K allowed', async () => {
    const sparse = Allowed.map((row, i) => (i === 0 ? row.map((_, j) => (j === 3 ? 1 : 0)) : row));
    const r = run({ margin: 1, hardNegatives: 2 }, sparse);
    const hard = await r.hardIndex.array();
    expect(hard[0]).toContain(3);
    const want = lossByHand(hard, sparse, 1);                       // skips the disallowed pick
    expectClose(await scalarOf(r.loss), want.loss);
    expectClose(await scalarOf(r.negSim), want.negSim);
  });

  it('the pool gets gradient only on chosen rows: mining is outside the differentiated path', async () => {
    const k = 1, margin = 3;                                        // margin > 2: every hinge is active
    const chosen = new Set(hardByHand(Allowed, k).flat().concat(Random.flat()));
    const unchosen = Pool.map((_, j) => j).filter((j) => !chosen.has(j));
    expect(unchosen.length).toBeGreaterThan(0);
    const g = tf.grad((pool: tf.Tensor) => rankingLoss(tf.tensor2d(A), tf.tensor2d(Pos), pool as tf.Tensor2D, tf.tensor2d(Allowed), {
      margin, hardNegatives: k, randomIndex: tf.tensor2d(Random, undefined, 'int32'),
    }).loss)(tf.tensor2d(Pool));
    const rows = (await g.array()) as Rows;
    for (const j of unchosen) expect(rows[j].every((x) => Math.abs(x) === 0)).toBe(true);
    for (const j of chosen) expect(Math.hypot(...rows[j])).toBeGreaterThan(1e-4);
  });

  it('a few SGD steps on free embeddings lower the loss, with no tensors leaked per step', async () => {
    const [a, p, pool] = [A, Pos, Pool].map((rows) => tf.variable(tf.tensor2d(rows)));
    const allowed = tf.tensor2d(Allowed), random = tf.tensor2d(Random, undefined, 'int32');
    const lossOf = () => rankingLoss(a, p, pool, allowed,
      { margin: RANKING_MARGIN, hardNegatives: 2, randomIndex: random }).loss;
    const optimizer = tf.train.sgd(0.5);
    tf.tidy(() => { optimizer.minimize(lossOf, false, [a, p, pool]); }); // warm-up allocates optimizer state
    const tensorsBefore = tf.memory().numTensors;
    tf.tidy(() => { optimizer.minimize(lossOf, false, [a, p, pool]); });
    expect(tf.memory().numTensors).toBe(tensorsBefore);
    optimizer.dispose();
    const [before, after] = await sgdLosses(lossOf, [a, p, pool], 10, 0.5);
    expect(after).toBeLessThan(before);
    [a, p, pool, allowed, random].forEach((t) => t.dispose());
  });
});

// ---- Shuffle and Learn order verification ---------------------------------------------------
describe('Shuffle and Learn order verification', () => {
  /** log sigmoid(x), accurate for large |x| (log(1 - sigmoid(x)) = logSigmoid(-x)). */
  const logSigmoid = (x: number) => (x >= 0 ? -Math.log1p(Math.exp(-x)) : x - Math.log1p(Math.exp(x)));
  const bceByHand = (x: number[], y: number[]) =>
    mean(x.map((xi, i) => -(y[i] * logSigmoid(xi) + (1 - y[i]) * logSigmoid(-xi))));
  const accuracyByHand = (x: number[], y: number[]) => mean(x.map((xi, i) => ((xi > 0 ? 1 : 0) === y[i] ? 1 : 0)));

  it('equals -[y log s(x) + (1-y) log(1-s(x))] and the (logit > 0) accuracy', async () => {
    const x = [-3, -0.5, 0, 0.7, 2, 1.2, -1.1, 0.05];
    const y = [0, 1, 1, 1, 0, 1, 0, 0];
    const r = orderVerificationLoss(tf.tensor1d(x), tf.tensor1d(y));
    expectClose(await scalarOf(r.loss), bceByHand(x, y));
    expectClose(await scalarOf(r.accuracy), accuracyByHand(x, y));
    expectClose(await scalarOf(r.accuracy), 4 / 8);                 // wrong: -0.5, 0 (not > 0), 2, 0.05
  });

  it('stays finite and exact for |logit| = 50, in value and gradient', async () => {
    for (const y of [[0, 1], [1, 0]]) {
      const x = [50, -50];
      const got = await scalarOf(orderVerificationLoss(tf.tensor1d(x), tf.tensor1d(y)).loss);
      expect(Number.isFinite(got)).toBe(true);
      expectClose(got, bceByHand(x, y));                            // 50 when wrong, ~2e-22 when right
      const g = tf.grad((l: tf.Tensor) => orderVerificationLoss(l as tf.Tensor1D, tf.tensor1d(y)).loss)(tf.tensor1d(x));
      expect(Array.from(await g.data()).every(Number.isFinite)).toBe(true);
    }
  });

  it('a few SGD steps of a linear classifier on fixed tuple features lower the loss', async () => {
    const rng = createRng(7);
    const features = tf.tensor2d(randomRows(rng, 8, 5));
    const target = tf.tensor1d([1, 0, 0, 1, 0, 1, 0, 0]);
    const w = tf.variable(tf.zeros([5, 1]));
    const lossOf = () => orderVerificationLoss(tf.matMul(features, w).reshape([-1]) as tf.Tensor1D, target).loss;
    const [before, after] = await sgdLosses(lossOf, [w], 10, 0.5);
    expectClose(before, Math.LN2);                                  // zero logits: log 2
    expect(after).toBeLessThan(before);
    [features, target, w].forEach((t) => t.dispose());
  });
});
