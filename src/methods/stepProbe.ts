/**
 * The universal probe of METHODS.md for methods without explicit pairs (supervised, SLA,
 * S4L-Rotation), measured every step on a few training images: two augmented views of the same
 * image (pos) against views of different images (neg), cosine on the encoder output h, no gradient.
 * (Evaluations measure the same probe on held-out images.)
 */
import * as tf from '@tensorflow/tfjs';
import { augmentView } from '../augment/views';
import { sampleImages } from '../data/samplers';
import { pairedCosines } from '../losses/classification';
import type { ResNetEncoder } from '../models/encoder';
import type { AugmentParams } from '../shared/paramGroups';
import type { Rng } from '../shared/rng';
import type { ImageSource } from './types';

export const STEP_PROBE_IMAGES = 16;

export function sampleProbeViews(source: ImageSource, rng: Rng, aug: AugmentParams): [tf.Tensor4D, tf.Tensor4D] {
  const { images } = sampleImages(source, rng, STEP_PROBE_IMAGES);
  return [augmentView(images, aug, rng), augmentView(images, aug, rng)];
}

export function probeSimilarity(encoder: ResNetEncoder, views: [tf.Tensor4D, tf.Tensor4D]): { posSim: tf.Scalar; negSim: tf.Scalar } {
  const h = encoder.apply(tf.concat(views, 0)).h;
  const n = views[0].shape[0];
  return pairedCosines(h.slice([0, 0], [n, -1]), h.slice([n, 0], [n, -1]));
}
