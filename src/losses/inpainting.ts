/**
 * The context encoder's reconstruction loss (Pathak et al., CVPR 2016): L2 between the decoder's
 * image and the true one over the hole only, optionally with a band of context around the hole
 * weighted more (the paper's code: 4 px overlap at 128 px, weight 10, the loss the mean over the
 * predicted region). Pixels outside hole and band never enter the loss.
 */
import * as tf from '@tensorflow/tfjs';

export interface ReconstructionTerms {
  /** mean over hole and band of weight * squared error (weight 1 in the hole, overlapWeight in the band). */
  loss: tf.Scalar;
  /** Mean squared error over the hole alone (what the held-out score measures). */
  hole: tf.Scalar;
  /** Mean squared error outside the hole (not trained unless in the band: shows what the decoder does there). */
  context: tf.Scalar;
}

/**
 * pred, target [N, H, W, 3]; hole, band [N, H, W, 1] of 0 / 1 (disjoint). Means count every
 * channel of every pixel in the region.
 */
export function maskedReconstruction(pred: tf.Tensor4D, target: tf.Tensor4D, hole: tf.Tensor4D, band: tf.Tensor4D, overlapWeight: number): ReconstructionTerms {
  return tf.tidy(() => {
    const sq = pred.sub(target).square();                          // [N, H, W, 3]
    const channels = pred.shape[3];
    const weights = hole.add(band.mul(overlapWeight));             // [N, H, W, 1]
    const region = hole.add(band).sum().mul(channels).maximum(1);  // pixels x channels in hole and band
    const loss = sq.mul(weights).sum().div(region) as tf.Scalar;
    const holeMse = sq.mul(hole).sum().div(hole.sum().mul(channels).maximum(1)) as tf.Scalar;
    const outside = tf.onesLike(hole).sub(hole);
    const context = sq.mul(outside).sum().div(outside.sum().mul(channels).maximum(1)) as tf.Scalar;
    return { loss, hole: holeMse, context };
  });
}
