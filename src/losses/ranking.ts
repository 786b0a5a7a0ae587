/**
 * Ranking loss of Wang & Gupta (ICCV 2015), unsupervised learning from tracked patches:
 * the first and last patch of a track (anchor, positive) must be nearer to each other than the
 * anchor is to a patch of another video, by a margin:
 *   max(0, D(a, p) - D(a, n) + M),  D = 1 - cosine of L2-normalised embeddings.
 * Negatives per anchor: its K hardest allowed pool rows (highest cosine) plus the caller's random
 * ones (official code: 4 negatives, half hard).
 *
 * The pool must hold at least K = hardNegatives allowed rows for every anchor. When an anchor has
 * fewer, top-k also returns masked (disallowed) rows; those get weight 0 in the loss, and the loss
 * is normalised by the number of allowed chosen negatives, so they change nothing.
 */
import * as tf from '@tensorflow/tfjs';
import { l2Normalize, MASKED_LOGIT } from './normalize';

/** METHODS.md / the paper: M = 0.5 on D = 1 - cosine (the official code uses 1). */
export const RANKING_MARGIN = 0.5;

export interface RankingOptions {
  margin: number;
  /** K: hard negatives mined per anchor (1 <= K <= pool rows). */
  hardNegatives: number;
  /** [N, R] int32 indices into the pool chosen by the caller (allowed rows), added to the hard ones. */
  randomIndex?: tf.Tensor2D;
}

export interface RankingLoss {
  loss: tf.Scalar;
  /** Mean cosine of anchor and positive. */
  posSim: tf.Scalar;
  /** Mean cosine of the anchors with their chosen (allowed) negatives. */
  negSim: tf.Scalar;
  /** Fraction of (anchor, allowed pool row) pairs with D(a, p) < D(a, n), over all allowed pairs. */
  accuracy: tf.Scalar;
  /** [N, K] int32: the mined hard negatives, pool row indices. */
  hardIndex: tf.Tensor2D;
}

type CustomGradFn = Parameters<typeof tf.customGrad>[0];

/**
 * compute() run as a custom op with no inputs, so nothing it does is recorded on the gradient tape
 * and its output counts as a constant. Needed for mining indices: the tape tracks which tensors
 * derive from the differentiated inputs structurally, so indices computed through stopGradient
 * still count as derived, and backprop then fails in gather ("gradient of input indices must have
 * 'float32' dtype") or in topk (no gradient). Ops inside a customGrad forward are not taped.
 */
function outsideGradientTape<T extends tf.Tensor>(compute: () => T): T {
  const op = tf.customGrad((() => ({ value: compute(), gradFunc: () => [] })) as unknown as CustomGradFn);
  return (op as unknown as () => T)();
}

/** Pool rows with the K highest cosines among the allowed ones. sims, allowed: [N, P] -> [N, K] int32. */
function mineHardNegatives(sims: tf.Tensor2D, allowed: tf.Tensor2D, k: number): tf.Tensor2D {
  return outsideGradientTape(() => {
    // Disallowed entries get a large finite negative (-Infinity breaks WGSL).
    const masked = sims.mul(allowed).add(tf.scalar(1).sub(allowed).mul(MASKED_LOGIT));
    return tf.topk(masked, k).indices as tf.Tensor2D;
  });
}

/** allowed[i, chosen[i, m]] (allowed: float [N, P]): 1 for a valid negative, 0 for a masked row top-k had to take. [N, M]. */
function chosenWeights(allowed: tf.Tensor2D, chosenIndex: tf.Tensor2D): tf.Tensor2D {
  return outsideGradientTape(() => tf.gather(allowed, chosenIndex, 1, 1) as tf.Tensor2D);
}

/** Cosine of anchor i with each of its M negatives, unit rows: [N, D], [N, M, D] -> [N, M]. */
function anchorNegativeCosines(a: tf.Tensor2D, negatives: tf.Tensor3D): tf.Tensor2D {
  return tf.sum(tf.mul(tf.expandDims(a, 1), negatives), 2) as tf.Tensor2D;
}

function checkShapes(anchor: tf.Tensor2D, positive: tf.Tensor2D, pool: tf.Tensor2D, allowed: tf.Tensor2D, opts: RankingOptions): void {
  const [n, p] = [anchor.shape[0], pool.shape[0]];
  if (positive.shape[0] !== n) throw new Error(`rankingLoss: ${n} anchors but ${positive.shape[0]} positives`);
  if (allowed.shape[0] !== n || allowed.shape[1] !== p) throw new Error(`rankingLoss: allowed is [${allowed.shape}], expected [${n}, ${p}]`);
  if (!Number.isInteger(opts.hardNegatives) || opts.hardNegatives < 1 || opts.hardNegatives > p) {
    throw new Error(`rankingLoss: hardNegatives ${opts.hardNegatives} must be an integer in [1, ${p}]`);
  }
  const r = opts.randomIndex;
  if (r && (r.shape[0] !== n || r.dtype !== 'int32')) throw new Error(`rankingLoss: randomIndex must be int32 [${n}, R]`);
}

/**
 * anchor, positive: [N, D] first and last patch of each track; pool: [P, D] candidate negatives;
 * allowed: [N, P] 1 where pool row j may be a negative of anchor i (another video), else 0.
 * Gradient reaches the pool only through the gathered (chosen) rows.
 */
export function rankingLoss(
  anchor: tf.Tensor2D, positive: tf.Tensor2D, pool: tf.Tensor2D, allowed: tf.Tensor2D, opts: RankingOptions,
): RankingLoss {
  checkShapes(anchor, positive, pool, allowed, opts);
  const a = l2Normalize(anchor), p = l2Normalize(positive), poolUnit = l2Normalize(pool);
  const mask = allowed.toFloat() as tf.Tensor2D;
  const sims = tf.matMul(a, poolUnit, false, true) as tf.Tensor2D; // [N, P] cosines, for mining and accuracy
  const hardIndex = mineHardNegatives(sims, mask, opts.hardNegatives);
  const chosenIndex = opts.randomIndex ? tf.concat([hardIndex, opts.randomIndex], 1) : hardIndex; // [N, M]
  const weight = chosenWeights(mask, chosenIndex);                 // [N, M]
  const weightSum = tf.maximum(tf.sum(weight), 1);                 // weights are 0/1

  const negatives = tf.gather(poolUnit, chosenIndex) as unknown as tf.Tensor3D; // [N, M, D], differentiable in pool
  const negCos = anchorNegativeCosines(a, negatives);              // [N, M]
  const posCos = tf.sum(tf.mul(a, p), 1, true);                    // [N, 1]
  // D(a,p) - D(a,n) = (1 - posCos) - (1 - negCos)
  const hinge = tf.relu(negCos.sub(posCos).add(opts.margin));      // [N, M]

  const posDistance = tf.scalar(1).sub(posCos);                    // [N, 1]
  const poolDistance = tf.scalar(1).sub(sims);                     // [N, P]
  const rankedRight = tf.less(posDistance, poolDistance).toFloat().mul(mask);
  return {
    loss: tf.sum(hinge.mul(weight)).div(weightSum) as tf.Scalar,
    posSim: tf.mean(posCos) as tf.Scalar,
    negSim: tf.sum(negCos.mul(weight)).div(weightSum) as tf.Scalar,
    accuracy: tf.sum(rankedRight).div(tf.maximum(tf.sum(mask), 1)) as tf.Scalar,
    hardIndex,
  };
}
