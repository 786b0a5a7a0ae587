/**
 * Batch shapes more than one method draws, with their samplers and preview rows: two views
 * (SimCLR, MoCo), interleaved rotations (SLA, S4L-Rotation), a patch grid (CPC) and frame
 * triplets (TCN, Shuffle and Learn). A method's own batch type builds on these in its own file.
 */
import * as tf from '@tensorflow/tfjs';
import { interleavedRotationIndex, interleavedRotations, ROTATIONS } from '../augment/rotate';
import { augmentView } from '../augment/views';
import { sampleImages } from '../data/samplers';
import type { AugmentParams } from '../shared/paramGroups';
import type { Rng } from '../shared/rng';
import { gridSize } from './specs/cpc';
import type { ImageSource, PreviewPanel, PreviewRow } from './types';
import { text, type Text } from '../shared/text';

export { gridSize };

/** Two independent augmented views of the same N images, each [N, H, W, 3]. */
export interface TwoViews {
  views: [tf.Tensor4D, tf.Tensor4D];
}

export function sampleTwoViews(train: ImageSource, rng: Rng, batchSize: number, aug: AugmentParams): TwoViews {
  const { images } = sampleImages(train, rng, batchSize);
  const v1 = augmentView(images, aug, rng);
  const v2 = augmentView(images, aug, rng);
  images.dispose();
  return { views: [v1, v2] };
}

export function twoViewsPreview({ views: [v1, v2] }: TwoViews, count: number, names: [Text, Text]): PreviewPanel[] {
  const n = Math.min(count, v1.shape[0]);
  return [{
    title: text('charts.preview.twoViews.title'),
    rows: [
      { caption: names[0], images: v1.slice([0, 0, 0, 0], [n, -1, -1, -1]) },
      { caption: names[1], images: v2.slice([0, 0, 0, 0], [n, -1, -1, -1]) },
    ],
  }];
}

/** N images in four rotations each. */
export interface Rotations {
  /** [4N, H, W, 3]: rows 4i..4i+3 are image i rotated by 0, 90, 180, 270 degrees. */
  images: tf.Tensor4D;
  /** [4N] int32 rotation index 0..3. */
  rotations: tf.Tensor1D;
}

/** images: [N, S, S, 3] (already augmented) -> the rotations (rows 4i..4i+3 = image i). */
export function rotationsOf(images: tf.Tensor4D): Rotations {
  return { images: interleavedRotations(images), rotations: tf.tensor1d(interleavedRotationIndex(images.shape[0]), 'int32') };
}

/** One preview row per rotation j: the first n images rotated by j, each captioned by caption(i, j). */
export function rotationRows(batch: Rotations, n: number, caption: (image: number, rotation: number) => Text | string): PreviewRow[] {
  const count = Math.min(n, batch.images.shape[0] / ROTATIONS);
  const [, h, w, c] = batch.images.shape;
  const grouped = batch.images.reshape([-1, ROTATIONS, h, w, c]);
  return Array.from({ length: ROTATIONS }, (_, j) => ({
    caption: text('charts.preview.rotations.caption', { degrees: j * 90 }),
    images: grouped.slice([0, j, 0, 0, 0], [count, 1, h, w, c]).reshape([count, h, w, c]) as tf.Tensor4D,
    labels: Array.from({ length: count }, (_, i) => caption(i, j)),
  }));
}

/** An overlapping grid of patches of N images. */
export interface PatchGrid {
  /** [N * rows * cols, p, p, 3], row-major per image. */
  patches: tf.Tensor4D;
  rows: number;
  cols: number;
}

/**
 * images [N, H, W, C] -> [N * R * C', p, p, C] patches, row-major per image (image b, row r,
 * column c at index (b R + r) C' + c): exact pixel copies, one slice per grid position.
 * (tf.image.cropAndResize with one box per patch gave patches of the wrong images on webgl.)
 */
export function extractPatches(images: tf.Tensor4D, patch: number, stride: number): PatchGrid {
  return tf.tidy(() => {
    const [n, h, w, ch] = images.shape;
    const rows = gridSize(h, patch, stride), cols = gridSize(w, patch, stride);
    const cells: tf.Tensor4D[] = [];
    for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) cells.push(images.slice([0, r * stride, c * stride, 0], [n, patch, patch, ch]));
    const patches = tf.stack(cells, 1).reshape([n * rows * cols, patch, patch, ch]) as tf.Tensor4D; // [N, R C, p, p, C] -> flat
    return { patches, rows, cols };
  });
}

/** Three frames (or patches) per row, each [N, H, W, 3], in the method's order, with their captions. */
export interface FrameTriplet {
  frames: [tf.Tensor4D, tf.Tensor4D, tf.Tensor4D];
  /** Per frame, a caption under each of the first preview columns (kept in JS: no readback). */
  captions: [(Text | string)[], (Text | string)[], (Text | string)[]];
}

/** The first `count` columns of a preview row. */
export const firstRows = (x: tf.Tensor4D, count: number) => x.slice([0, 0, 0, 0], [Math.min(count, x.shape[0]), -1, -1, -1]);

/** One preview row per frame of the triplet, the first `columns` rows of each, captioned. */
export function tripletRows(batch: FrameTriplet, names: [Text, Text, Text], columns: number): PreviewRow[] {
  return batch.frames.map((x, k) => ({ caption: names[k], images: firstRows(x, columns), labels: batch.captions[k] }));
}

/** Class labels of a batch's N images. */
export interface Labels {
  /** [N] int32 class labels. */
  labels: tf.Tensor1D;
  /** JS copy of the labels (-1: unlabelled), so previews caption images without a readback. */
  labelValues: Int32Array;
}

/** Two views of a few training images for the per-step universal probe (./stepProbe.ts). */
export interface StepProbe {
  probe: [tf.Tensor4D, tf.Tensor4D];
}
