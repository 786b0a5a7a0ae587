import * as tf from '@tensorflow/tfjs';

/**
 * Rows scaled to unit L2 norm: x * rsqrt(max(sum(x^2), eps)). tf.norm has a NaN gradient at 0;
 * this form stays finite.
 */
export function l2Normalize(x: tf.Tensor2D, eps = 1e-12): tf.Tensor2D {
  return x.mul(tf.rsqrt(tf.maximum(tf.sum(tf.square(x), 1, true), eps))) as tf.Tensor2D;
}

/** A large finite negative for masked logits (-Infinity breaks WGSL and softmax gradients). */
export const MASKED_LOGIT = -1e9;
