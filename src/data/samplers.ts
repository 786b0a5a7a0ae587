/** Batch samplers over training data already on the backend. */
import * as tf from '@tensorflow/tfjs';
import { sampleWithoutReplacement, type Rng } from '../shared/rng';
import type { ImageSource } from './imageSource';

/** n distinct training images: [n, H, W, 3] plus their indices. */
export function sampleImages(source: ImageSource, rng: Rng, n: number): { images: tf.Tensor4D; indices: Int32Array } {
  const indices = sampleWithoutReplacement(rng, source.count, Math.min(n, source.count));
  const images = tf.gather(source.images, tf.tensor1d(indices, 'int32')) as tf.Tensor4D;
  return { images, indices };
}
