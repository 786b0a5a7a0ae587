/** A dataset's training images on the backend, as samplers and methods draw from them. */
import type * as tf from '@tensorflow/tfjs';

/** Training images already on the backend. */
export interface ImageSource {
  /** [count, H, W, 3] float32 in [0, 1]. */
  images: tf.Tensor4D;
  /** [count] class labels (-1 for unlabelled), kept in JS for samplers. */
  labels: Int32Array;
  count: number;
  numClasses: number;
  classNames: readonly string[];
}
