/**
 * One run's training state: the dataset on the backend, the method's models and optimizer, and
 * the evaluation split. No DOM, no messaging: the worker and Node scripts both drive it.
 */
import * as tf from '@tensorflow/tfjs';
import { METHOD_SPECS } from '../methods/catalog';
import { methodImpl } from '../methods/registry';
import { CORE_METRICS } from '../methods/spec';
import type { MethodRun, PreviewPanel } from '../methods/types';
import type { RunConfig } from '../shared/config';
import type { ImageDataset } from '../data/dataset';
import { headOfSplit, imageBytesOf, labelledOnly } from '../data/dataset';
import { uploadImages } from '../data/upload';
import { validateParams, type AnyParamValues, type ParamIssue } from '../shared/params';
import { createRng, type Rng } from '../shared/rng';
import { accuracy, KNN_DEFAULTS, knnPredict } from '../eval/knn';

/** Evaluation embeds in chunks of this fixed size (fixed shapes keep the WebGPU buffer pool flat). */
export const EMBED_CHUNK = 128;

export interface EvalResult {
  step: number;
  knnTop1: number;
  ms: number;
}

export class Trainer {
  readonly metricNames: string[];
  readonly paramIssues: ParamIssue[];
  readonly params: AnyParamValues;
  private readonly run: MethodRun;
  private readonly trainImages: tf.Tensor4D;
  private readonly bankImages: tf.Tensor4D;
  private readonly bankLabels: tf.Tensor1D;
  private readonly queryImages: tf.Tensor4D;
  private readonly queryLabels: Int32Array;
  /** Draws of the training batches; previews draw from their own stream and never shift it. */
  private readonly batchRng: Rng;
  private readonly previewRng: Rng;
  stepCount = 0;
  /** False when the dataset has no labelled held-out images (or fewer than two classes): kNN is skipped. */
  readonly canEvaluate: boolean;

  constructor(readonly config: RunConfig, readonly dataset: ImageDataset) {
    const spec = METHOD_SPECS[config.methodId];
    const { values, issues } = validateParams(spec.params, config.params);
    this.params = values;
    this.paramIssues = issues;
    this.metricNames = [...CORE_METRICS, ...spec.extraMetrics];
    const imageBytes = imageBytesOf(dataset);

    this.trainImages = uploadImages(dataset, dataset.train);
    // Evaluation uses labelled images only (a dropped folder may hold loose, unlabelled ones).
    const bank = headOfSplit(labelledOnly(dataset.train, imageBytes), config.evalBankSize, imageBytes);
    this.bankImages = uploadImages(dataset, bank);
    this.bankLabels = tf.tensor1d(bank.labels, 'int32');
    const query = headOfSplit(labelledOnly(dataset.test, imageBytes), config.evalQuerySize, imageBytes);
    this.canEvaluate = bank.count > 0 && query.count > 0 && dataset.classNames.length >= 2;
    this.queryImages = uploadImages(dataset, query);
    this.queryLabels = query.labels;

    const root = createRng(config.seed);
    const initRng = root.fork();
    this.batchRng = root.fork();
    this.previewRng = root.fork();
    this.run = methodImpl(config.methodId).create({
      params: values,
      train: { images: this.trainImages, labels: dataset.train.labels, count: dataset.train.count, numClasses: dataset.classNames.length },
      inputSize: [dataset.height, dataset.width],
      initRng,
    });
  }

  /** One synchronous training step; returns the metrics vector (not read back). */
  step(): tf.Tensor1D {
    const metrics = tf.tidy(() => this.run.trainStep(this.run.sampleBatch(this.batchRng)));
    this.stepCount++;
    return metrics;
  }

  /** Images per step (for throughput figures). */
  get batchSize(): number {
    return Number(this.params.batchSize);
  }

  /** [count, D] representation of images, embedded in fixed-size chunks (last one padded). */
  embedAll(images: tf.Tensor4D): tf.Tensor2D {
    return tf.tidy(() => {
      const count = images.shape[0];
      const chunks: tf.Tensor2D[] = [];
      for (let start = 0; start < count; start += EMBED_CHUNK) {
        const n = Math.min(EMBED_CHUNK, count - start);
        let chunk: tf.Tensor4D = images.slice([start, 0, 0, 0], [n, -1, -1, -1]);
        if (n < EMBED_CHUNK) {
          const [, h, w, c] = images.shape;
          chunk = tf.concat([chunk, tf.zeros<tf.Rank.R4>([EMBED_CHUNK - n, h, w, c])]);
        }
        chunks.push(this.run.embed(chunk).slice([0, 0], [n, -1]));
      }
      return tf.concat(chunks, 0);
    });
  }

  /** kNN top-1 accuracy of the current encoder on the held-out queries. */
  async evaluate(): Promise<EvalResult> {
    const start = performance.now();
    const predicted = tf.tidy(() => knnPredict(
      this.embedAll(this.bankImages), this.bankLabels, this.embedAll(this.queryImages),
      { ...KNN_DEFAULTS, numClasses: this.dataset.classNames.length },
    ));
    const values = await predicted.data();
    predicted.dispose();
    return { step: this.stepCount, knnTop1: accuracy(values, this.queryLabels), ms: performance.now() - start };
  }

  /** Preview panels of one freshly drawn batch, read back as RGBA bytes. */
  async preview(): Promise<PreviewImagePanel[]> {
    const panels = tf.tidy(() => {
      const batch = this.run.sampleBatch(this.previewRng);
      return this.run.preview(batch).map((p) => ({ title: p.title, rows: p.rows.map((r) => ({ caption: r.caption, images: tf.keep(r.images.clone()) })) }));
    });
    return Promise.all(panels.map(async (p) => ({ title: p.title, rows: await Promise.all(p.rows.map((r) => toRgbaRow(r))) })));
  }

  dispose(): void {
    this.run.dispose();
    tf.dispose([this.trainImages, this.bankImages, this.bankLabels, this.queryImages]);
  }
}

export interface PreviewImageRow {
  caption: string;
  count: number;
  height: number;
  width: number;
  /** count * height * width * 4 bytes, RGBA, images side by side in order. */
  rgba: Uint8ClampedArray;
}
export interface PreviewImagePanel {
  title: string;
  rows: PreviewImageRow[];
}

async function toRgbaRow(row: PreviewPanel['rows'][number]): Promise<PreviewImageRow> {
  const [count, height, width] = row.images.shape;
  const rgb = await row.images.data();
  row.images.dispose();
  const rgba = new Uint8ClampedArray(count * height * width * 4);
  for (let i = 0, j = 0; i < rgb.length; i += 3, j += 4) {
    rgba[j] = rgb[i] * 255; rgba[j + 1] = rgb[i + 1] * 255; rgba[j + 2] = rgb[i + 2] * 255; rgba[j + 3] = 255;
  }
  return { caption: row.caption, count, height, width, rgba };
}
