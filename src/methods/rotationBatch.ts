/** Shared by SLA and S4L-Rotation: the interleaved rotation batch and its preview. */
import * as tf from '@tensorflow/tfjs';
import { interleavedRotationIndex, interleavedRotations, ROTATIONS } from '../augment/rotate';
import type { Batch, PreviewRow } from './types';

export type RotationBatch = Extract<Batch, { kind: 'rotations' }>;

/** images: [N, S, S, 3] (already augmented) -> the rotations batch (rows 4i..4i+3 = image i). */
export function rotationBatch(images: tf.Tensor4D, extra: Omit<RotationBatch, 'kind' | 'images' | 'rotations'>): RotationBatch {
  const n = images.shape[0];
  return { kind: 'rotations', images: interleavedRotations(images), rotations: tf.tensor1d(interleavedRotationIndex(n), 'int32'), ...extra };
}

export function rotationsOf(batch: Batch): RotationBatch {
  if (batch.kind !== 'rotations') throw new Error(`expected a rotations batch, got ${batch.kind}`);
  return batch;
}

/**
 * One preview row per rotation j: the first n images rotated by j, each captioned by caption(i, j).
 */
export function rotationRows(batch: RotationBatch, n: number, caption: (image: number, rotation: number) => string): PreviewRow[] {
  const count = Math.min(n, batch.images.shape[0] / ROTATIONS);
  const [, h, w, c] = batch.images.shape;
  const grouped = batch.images.reshape([-1, ROTATIONS, h, w, c]);
  return Array.from({ length: ROTATIONS }, (_, j) => ({
    caption: `rotated ${j * 90}°`,
    images: grouped.slice([0, j, 0, 0, 0], [count, 1, h, w, c]).reshape([count, h, w, c]) as tf.Tensor4D,
    labels: Array.from({ length: count }, (_, i) => caption(i, j)),
  }));
}
