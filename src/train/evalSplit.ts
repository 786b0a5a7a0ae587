/**
 * The images every evaluation of a run looks at, on the backend: a labelled bank (training
 * images) and held-out queries, plus the map's thumbnails of those queries. Used by a training
 * session and by the evaluation of an imported encoder alike.
 */
import * as tf from '@tensorflow/tfjs';
import type { ImageDataset, ImageSplit } from '../data/dataset';
import { headOfSplit, imageBytesOf, labelledOnly } from '../data/dataset';
import { uploadImages } from '../data/upload';
import type { RunConfig } from '../shared/config';
import type { MapPoints } from '../eval/types';
import { rgbaFromBytes } from './rgba';

export type EvalSizes = Pick<RunConfig, 'evalBankSize' | 'evalQuerySize'>;

export class EvalSplit {
  /** [bank, H, W, 3] labelled training images (empty without labels). */
  readonly bankImages: tf.Tensor4D;
  readonly bankLabels: tf.Tensor1D;
  readonly bankLabelValues: Int32Array;
  /** [queries, H, W, 3] held-out images: labelled ones, or without labels any (for the map and the similarity probe). */
  readonly queryImages: tf.Tensor4D;
  readonly queryLabels: Int32Array;
  readonly query: ImageSplit;
  readonly numClasses: number;
  /** False when the dataset has no labelled held-out images (or fewer than two classes): kNN and the linear probe are skipped. */
  readonly hasLabels: boolean;

  constructor(readonly dataset: ImageDataset, sizes: EvalSizes) {
    const imageBytes = imageBytesOf(dataset);
    // Evaluation uses labelled images only (a dropped folder may hold loose, unlabelled ones).
    const bank = headOfSplit(labelledOnly(dataset.train, imageBytes), sizes.evalBankSize, imageBytes);
    const labelledQuery = headOfSplit(labelledOnly(dataset.test, imageBytes), sizes.evalQuerySize, imageBytes);
    this.numClasses = dataset.classNames.length;
    this.hasLabels = bank.count > 0 && labelledQuery.count > 0 && this.numClasses >= 2;
    // Without labels the held-out images (or, failing those, training images) still feed the map and the similarity probe.
    const query = this.hasLabels ? labelledQuery : headOfSplit(dataset.test.count > 0 ? dataset.test : dataset.train, sizes.evalQuerySize, imageBytes);
    this.bankImages = uploadImages(dataset, bank);
    this.bankLabels = tf.tensor1d(bank.labels, 'int32');
    this.bankLabelValues = Int32Array.from(bank.labels);
    this.queryImages = uploadImages(dataset, query);
    this.queryLabels = query.labels;
    this.query = query;
  }

  /** The map's points: thumbnails and labels of the held-out images an evaluation embeds. */
  mapPoints(): MapPoints {
    const { height, width, channels, classNames, clipNames } = this.dataset;
    const q = this.query;
    return {
      count: q.count, height, width, rgba: rgbaFromBytes(q.images, q.count * height * width, channels), labels: Int32Array.from(q.labels), classNames,
      ...(q.origin && clipNames && { origin: { clip: Int32Array.from(q.origin.clip), frame: Int32Array.from(q.origin.frame), clipNames } }),
    };
  }

  dispose(): void {
    tf.dispose([this.bankImages, this.bankLabels, this.queryImages]);
  }
}

/** Classes with both labelled training and labelled held-out images (what a supervised method can learn and be scored on). */
export function usableClassCount(dataset: ImageDataset): number {
  const seen = (split: ImageSplit) => { const s = new Set<number>(); for (let i = 0; i < split.count; i++) if (split.labels[i] >= 0) s.add(split.labels[i]); return s; };
  const test = seen(dataset.test);
  return [...seen(dataset.train)].filter((c) => test.has(c)).length;
}
