/** Labelled-image sampling for the methods that use labels (supervised, SLA+SD, S4L). */
import * as tf from '@tensorflow/tfjs';
import { createRng, sampleWithoutReplacement, type Rng } from '../shared/rng';
import type { ImageSource } from './types';
import { text, type Text } from '../shared/text';

/** Indices of training images that have a label. */
export function labelledPool(labels: Int32Array): Int32Array {
  const out: number[] = [];
  labels.forEach((y, i) => { if (y >= 0) out.push(i); });
  return Int32Array.from(out);
}

/** The subset seed is fixed, not the run's: S4L and a supervised run at the same percent share the same images. */
const SUBSET_SEED = 20190705;

/**
 * A class-stratified `percent`% of the labelled training images (at least one per class), sorted.
 * 100 returns every labelled image.
 */
export function labelledSubset(labels: Int32Array, percent: number): Int32Array {
  const pool = labelledPool(labels);
  if (percent >= 100) return pool;
  const byClass = new Map<number, number[]>();
  for (const i of pool) byClass.set(labels[i], [...(byClass.get(labels[i]) ?? []), i]);
  const rng = createRng(SUBSET_SEED);
  const picked: number[] = [];
  for (const y of [...byClass.keys()].sort((a, b) => a - b)) {
    const members = byClass.get(y)!;
    const take = Math.max(1, Math.round((members.length * percent) / 100));
    for (const j of sampleWithoutReplacement(rng, members.length, take)) picked.push(members[j]);
  }
  return Int32Array.from(picked.sort((a, b) => a - b));
}

/** n indices from pool: distinct when the pool is large enough, else drawn with replacement. */
export function drawFrom(rng: Rng, pool: Int32Array, n: number): Int32Array {
  if (pool.length === 0) throw new Error('no labelled training images to draw from');
  if (n <= pool.length) return sampleWithoutReplacement(rng, pool.length, n).map((j) => pool[j]);
  return Int32Array.from({ length: n }, () => pool[rng.int(pool.length)]);
}

/** images [n, H, W, 3] and labels [n] int32 (-1 kept for unlabelled) of the given training indices. */
export function gatherLabelled(source: ImageSource, indices: Int32Array): { images: tf.Tensor4D; labels: tf.Tensor1D } {
  return {
    images: tf.gather(source.images, tf.tensor1d(indices, 'int32')) as tf.Tensor4D,
    labels: tf.tensor1d(indices.map((i) => source.labels[i]), 'int32'),
  };
}

/** Class names of the first n labels (-1: unlabelled). */
export function classCaptions(labelValues: Int32Array | undefined, classNames: readonly string[], n: number): (Text | string)[] {
  return Array.from(labelValues?.slice(0, n) ?? [], (y) => (y >= 0 ? classNames[y] ?? String(y) : text('charts.preview.unlabelled')));
}
