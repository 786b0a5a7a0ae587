import * as tf from '@tensorflow/tfjs';

/** x in the forward pass, zero gradient in the backward pass (tfjs has no stop_gradient op). */
const identityWithZeroGrad = (x: tf.Tensor, save: tf.GradSaveFunc) => {
  save([]);
  return { value: x.clone(), gradFunc: (dy: tf.Tensor) => tf.zerosLike(dy) };
};
export const stopGradient = tf.customGrad(identityWithZeroGrad as unknown as Parameters<typeof tf.customGrad>[0]) as unknown as <T extends tf.Tensor>(x: T) => T;
