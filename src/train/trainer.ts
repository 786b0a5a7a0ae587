/**
 * One run's training state: the dataset on the backend, the method's models and optimizer, and
 * the evaluation split. No DOM, no messaging: the worker and Node scripts both drive it.
 */
import * as tf from '@tensorflow/tfjs';
import { METHOD_SPECS, needsVideo, testAccuracyNames } from '../methods/catalog';
import { methodImpl } from '../methods/registry';
import { CORE_METRICS } from '../methods/spec';
import type { MethodRun, PreviewPanel } from '../methods/types';
import type { RunConfig } from '../shared/config';
import type { NamedWeightData } from '../shared/protocol';
import type { PreviewImagePanel, PreviewImageRow } from '../shared/preview';
import type { ImageDataset, ImageSplit, VideoDataset } from '../data/dataset';
import { splitVideo } from '../video/frameStore';
import type { VideoSource } from '../methods/types';
import { headOfSplit, imageBytesOf, labelledOnly } from '../data/dataset';
import { augmentView } from '../augment/views';
import { augmentParams, type AugmentParams } from '../shared/paramGroups';
import { defaultParams } from '../shared/params';
import { alignment, embeddingSpread, histogram, normalizeRows, uniformity } from '../eval/geometry';
import { LINEAR_PROBE_DEFAULTS, linearProbeJs, linearProbePredict } from '../eval/linearProbe';
import type { BaselineResult, EvalResult, MapPoints, SimilarityProbe } from '../eval/types';

import { uploadImages } from '../data/upload';
import { validateParams, type AnyParamValues, type ParamIssue } from '../shared/params';
import { createRng, type Rng } from '../shared/rng';
import { accuracy, KNN_DEFAULTS, knnPredict } from '../eval/knn';

/** Evaluation embeds in chunks of this fixed size (fixed shapes keep the WebGPU buffer pool flat). */
export const EMBED_CHUNK = 128;

export type { BaselineResult, EvalResult, MapPoints, SimilarityProbe };

/** Up to this many multiply-adds per probe iteration times iterations, the raw-pixel probe runs in JS (about 0.3 s). */
const RAW_PROBE_JS_MACS = 1.5e8;

/** Held-out images in the similarity probe (two views each). */
export const PROBE_IMAGES = 128;

export class Trainer {
  readonly metricNames: string[];
  readonly paramIssues: ParamIssue[];
  readonly params: AnyParamValues;
  private readonly run: MethodRun;
  private readonly trainImages: tf.Tensor4D;
  private readonly bankImages: tf.Tensor4D;
  private readonly bankLabels: tf.Tensor1D;
  private readonly bankLabelValues: Int32Array;
  private readonly queryImages: tf.Tensor4D;
  private readonly queryLabels: Int32Array;
  private readonly querySplit: ImageSplit;
  private readonly augment: AugmentParams;
  /** Draws of the training batches; previews draw from their own stream and never shift it. */
  private readonly batchRng: Rng;
  private readonly previewRng: Rng;
  stepCount = 0;
  /** False when the dataset has no labelled held-out images (or fewer than two classes): kNN and the linear probe are skipped. */
  readonly hasLabels: boolean;

  /** Video methods' clips on the backend (null for image methods). */
  private readonly video: VideoSource | null = null;

  /**
   * dataset: what evaluation and the image methods see (a video dataset's frames, imageViewOf);
   * video: the same dataset's clips in time order, for the video methods.
   */
  constructor(readonly config: RunConfig, readonly dataset: ImageDataset, video?: VideoDataset) {
    const spec = METHOD_SPECS[config.methodId];
    const { values, issues } = validateParams(spec.params, config.params);
    this.params = values;
    this.paramIssues = issues;
    this.metricNames = [...CORE_METRICS, ...spec.extraMetrics];
    const imageBytes = imageBytesOf(dataset);

    this.trainImages = uploadImages(dataset, dataset.train);
    // Evaluation uses labelled images only (a dropped folder may hold loose, unlabelled ones).
    const bank = headOfSplit(labelledOnly(dataset.train, imageBytes), config.evalBankSize, imageBytes);
    const labelledQuery = headOfSplit(labelledOnly(dataset.test, imageBytes), config.evalQuerySize, imageBytes);
    this.hasLabels = bank.count > 0 && labelledQuery.count > 0 && dataset.classNames.length >= 2;
    if (spec.needs === 'labelledImages' && !this.hasLabels) {
      throw new Error(`${spec.label} trains on labelled images: this dataset needs at least two classes with labelled training and held-out images (put images in one folder per class).`);
    }
    // Without labels the held-out images (or, failing those, training images) still feed the map and the similarity probe.
    const query = this.hasLabels ? labelledQuery : headOfSplit(dataset.test.count > 0 ? dataset.test : dataset.train, config.evalQuerySize, imageBytes);
    this.bankImages = uploadImages(dataset, bank);
    this.bankLabels = tf.tensor1d(bank.labels, 'int32');
    this.bankLabelValues = Int32Array.from(bank.labels);
    this.queryImages = uploadImages(dataset, query);
    this.queryLabels = query.labels;
    this.querySplit = query;
    if (needsVideo(config.methodId)) {
      if (!video) throw new Error(`${spec.label} trains on videos: choose "Moving shapes videos" or "Multi-view turntable", or drop video files, as the dataset.`);
      const split = splitVideo(video);
      this.video = { split, trainFrames: uploadImages(video, { images: split.train.bytes, count: split.train.frameCount }), heldOutFrames: uploadImages(video, { images: split.heldOut.bytes, count: split.heldOut.frameCount }) };
    }
    // The probe's views use the run's augmentations, or the defaults for a method without them.
    this.augment = { ...defaultParams(augmentParams()), ...values } as unknown as AugmentParams;

    const root = createRng(config.seed);
    const initRng = root.fork();
    this.batchRng = root.fork();
    this.previewRng = root.fork();
    this.run = methodImpl(config.methodId).create({
      params: values,
      train: { images: this.trainImages, labels: dataset.train.labels, count: dataset.train.count, numClasses: dataset.classNames.length, classNames: dataset.classNames },
      inputSize: [dataset.height, dataset.width],
      initRng,
      heldOutBudget: config.evalQuerySize,
      ...(this.video && { video: this.video }),
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
    return this.inChunks(images, (x) => this.run.embed(x));
  }

  /**
   * f applied to images in fixed-size chunks, rows concatenated: EMBED_CHUNK images, or the next
   * power of two above a smaller count (few distinct shapes keep the WebGPU buffer pool flat; a
   * 20-image evaluation need not pay for 128, which matters for CPC's 49 patches per image).
   */
  private inChunks(images: tf.Tensor4D, f: (chunk: tf.Tensor4D) => tf.Tensor2D): tf.Tensor2D {
    return tf.tidy(() => {
      const count = images.shape[0];
      const size = Math.min(EMBED_CHUNK, 2 ** Math.ceil(Math.log2(Math.max(1, count))));
      const chunks: tf.Tensor2D[] = [];
      for (let start = 0; start < count; start += size) {
        const n = Math.min(size, count - start);
        let chunk: tf.Tensor4D = images.slice([start, 0, 0, 0], [n, -1, -1, -1]);
        if (n < size) {
          const [, h, w, c] = images.shape;
          chunk = tf.concat([chunk, tf.zeros<tf.Rank.R4>([size - n, h, w, c])]);
        }
        chunks.push(f(chunk).slice([0, 0], [n, -1]));
      }
      return tf.concat(chunks, 0);
    });
  }

  /**
   * kNN and linear-probe accuracy of the current encoder on the held-out queries, the
   * similarity probe, the embeddings' spread, and the embeddings themselves (for the map).
   */
  async evaluate(): Promise<EvalResult> {
    const start = performance.now();
    const numClasses = this.dataset.classNames.length;
    const queryH = this.embedAll(this.queryImages);
    let knn: tf.Tensor1D | null = null, bankH: tf.Tensor2D | null = null;
    if (this.hasLabels) {
      bankH = this.embedAll(this.bankImages);
      knn = tf.tidy(() => knnPredict(bankH!, this.bankLabels, queryH, { ...KNN_DEFAULTS, numClasses }));
    }
    const [knnValues, bankValues, embeddings] = await Promise.all([knn?.data(), bankH?.data() as Promise<Float32Array> | undefined, queryH.data() as Promise<Float32Array>]);
    tf.dispose([queryH, ...(knn ? [knn] : []), ...(bankH ? [bankH] : [])]);
    const [count, dim] = [this.querySplit.count, embeddings.length / Math.max(1, this.querySplit.count)];
    // The features are small (dim ~32): the probe trains faster in JS than as ~30 GPU dispatches per iteration.
    const linearValues = bankValues ? linearProbeJs(bankValues, this.bankLabelValues, embeddings, dim, { ...LINEAR_PROBE_DEFAULTS, numClasses }) : undefined;
    const headTop1 = this.hasLabels ? await this.headAccuracies() : null;
    const similarity = await this.similarityProbe();
    const heldOutScores = this.run.heldOutScores ? await this.run.heldOutScores() : null;
    return {
      step: this.stepCount,
      knnTop1: knnValues ? accuracy(knnValues, this.queryLabels) : null,
      linearTop1: linearValues ? accuracy(linearValues, this.queryLabels) : null,
      headTop1, heldOutScores,
      similarity, spread: embeddingSpread(normalizeRows(embeddings, count, dim), count, dim), embeddings, dim,
      ms: performance.now() - start,
    };
  }

  /** Accuracy of each of the method's classifier heads on the held-out queries (null: the method has none). */
  async headAccuracies(): Promise<number[] | null> {
    const classify = this.run.classify?.bind(this.run);
    const heads = testAccuracyNames(this.config.methodId).length;
    if (!classify || heads === 0) return null;
    const predictions = this.inChunks(this.queryImages, classify);
    const values = await predictions.data();
    predictions.dispose();
    const count = this.querySplit.count;
    return Array.from({ length: heads }, (_, k) => accuracy(Float32Array.from({ length: count }, (_, i) => values[i * heads + k]), this.queryLabels));
  }

  /**
   * Two augmented views of the first PROBE_IMAGES held-out images, embedded by the encoder: the
   * same draws at every evaluation (a fixed seed), so histograms are comparable over steps.
   */
  async similarityProbe(): Promise<SimilarityProbe> {
    const n = Math.min(PROBE_IMAGES, this.querySplit.count);
    const rng = createRng(this.config.seed * 7919 + 17);
    const [sims, a, b] = tf.tidy(() => {
      const images = this.queryImages.slice([0, 0, 0, 0], [n, -1, -1, -1]);
      const views = tf.concat([augmentView(images, this.augment, rng), augmentView(images, this.augment, rng)], 0);
      const h = this.embedAll(views);
      const unit = h.div(tf.norm(h, 2, 1, true).add(1e-12));
      const [ua, ub] = [unit.slice([0, 0], [n, -1]), unit.slice([n, 0], [n, -1])];
      return [tf.matMul(ua, ub, false, true), ua, ub];
    });
    const [s, av, bv] = await Promise.all([sims.data(), a.data(), b.data()]) as Float32Array[];
    tf.dispose([sims, a, b]);
    const dim = av.length / n;
    const pos = new Float32Array(n), neg = new Float32Array(n * (n - 1));
    for (let i = 0, k = 0; i < n; i++) for (let j = 0; j < n; j++) { if (i === j) pos[i] = s[i * n + j]; else neg[k++] = s[i * n + j]; }
    const mean = (v: Float32Array) => v.reduce((x, y) => x + y, 0) / Math.max(1, v.length);
    return {
      posHist: histogram(pos), negHist: histogram(neg), posMean: mean(pos), negMean: mean(neg),
      alignment: alignment(av, bv, n, dim), uniformity: uniformity(av, n, dim),
    };
  }

  /**
   * kNN and the linear probe on raw pixels: the floor every representation should beat. The
   * probe's 150 Adam iterations run in JS when the arithmetic is small (a few hundred dispatches
   * cost a GPU backend seconds for a 30-image bank) and on the backend otherwise.
   */
  async rawPixelBaseline(): Promise<BaselineResult | null> {
    if (!this.hasLabels) return null;
    const start = performance.now();
    const numClasses = this.dataset.classNames.length;
    const probe = { ...LINEAR_PROBE_DEFAULTS, numClasses };
    const [bankCount, queryCount] = [this.bankImages.shape[0], this.queryImages.shape[0]];
    const dim = this.bankImages.size / Math.max(1, bankCount);
    const inJs = bankCount * dim * numClasses * probe.iterations <= RAW_PROBE_JS_MACS;
    const flat = (images: tf.Tensor4D, count: number) => images.reshape([count, -1]) as tf.Tensor2D;
    const knn = tf.tidy(() => knnPredict(flat(this.bankImages, bankCount), this.bankLabels, flat(this.queryImages, queryCount), { ...KNN_DEFAULTS, numClasses }));
    const linear = inJs ? null : tf.tidy(() => linearProbePredict(flat(this.bankImages, bankCount), this.bankLabels, flat(this.queryImages, queryCount), probe));
    const [k, l] = await Promise.all([
      knn.data(),
      linear ? linear.data() : Promise.all([this.bankImages.data(), this.queryImages.data()]).then(([bx, qx]) => linearProbeJs(bx as Float32Array, this.bankLabelValues, qx as Float32Array, dim, probe)),
    ]);
    tf.dispose([knn, ...(linear ? [linear] : [])]);
    return { rawKnnTop1: accuracy(k, this.queryLabels), rawLinearTop1: accuracy(l, this.queryLabels), ms: performance.now() - start };
  }

  /** The map's points: thumbnails and labels of the held-out images evaluate() embeds. */
  mapPoints(): MapPoints {
    const { height, width, channels } = this.dataset;
    const q = this.querySplit;
    const rgba = new Uint8ClampedArray(q.count * height * width * 4);
    for (let i = 0, p = 0; i < q.count * height * width; i++, p += channels) {
      rgba[i * 4] = q.images[p]; rgba[i * 4 + 1] = q.images[p + (channels === 3 ? 1 : 0)]; rgba[i * 4 + 2] = q.images[p + (channels === 3 ? 2 : 0)]; rgba[i * 4 + 3] = 255;
    }
    return {
      count: q.count, height, width, rgba, labels: Int32Array.from(q.labels), classNames: this.dataset.classNames,
      ...(q.origin && this.dataset.clipNames && { origin: { clip: Int32Array.from(q.origin.clip), frame: Int32Array.from(q.origin.frame), clipNames: this.dataset.clipNames } }),
    };
  }

  /** Preview panels of one freshly drawn batch, read back as RGBA bytes. */
  async preview(): Promise<PreviewImagePanel[]> {
    const panels = tf.tidy(() => {
      const batch = this.run.sampleBatch(this.previewRng);
      return this.run.preview(batch).map((p) => ({ title: p.title, rows: p.rows.map((r) => ({ caption: r.caption, labels: r.labels, images: tf.keep(r.images.clone()) })) }));
    });
    return Promise.all(panels.map(async (p) => ({ title: p.title, rows: await Promise.all(p.rows.map((r) => toRgbaRow(r))) })));
  }

  /** The encoder's weights, read back (for the TF.js model export), in the encoder's creation order. */
  async encoderWeights(): Promise<NamedWeightData[]> {
    const named = this.run.encoder.namedWeights();
    const data = await Promise.all(named.map((w) => w.tensor.data() as Promise<Float32Array>));
    return named.map((w, i) => ({ name: w.name, shape: w.tensor.shape.slice(), data: data[i] }));
  }

  /** Replaces the encoder's weights with imported ones (same architecture; throws on a mismatch). */
  loadEncoderWeights(weights: readonly NamedWeightData[]): void {
    const tensors = new Map(weights.map((w) => [w.name, tf.tensor(w.data, w.shape)] as const));
    try {
      this.run.encoder.loadWeights(tensors);
    } finally {
      tf.dispose([...tensors.values()]);
    }
  }

  dispose(): void {
    this.run.dispose();
    if (this.video) tf.dispose([this.video.trainFrames, this.video.heldOutFrames]);
    tf.dispose([this.trainImages, this.bankImages, this.bankLabels, this.queryImages]);
  }
}

async function toRgbaRow(row: PreviewPanel['rows'][number]): Promise<PreviewImageRow> {
  const [count, height, width] = row.images.shape;
  const rgb = await row.images.data();
  row.images.dispose();
  const rgba = new Uint8ClampedArray(count * height * width * 4);
  for (let i = 0, j = 0; i < rgb.length; i += 3, j += 4) {
    rgba[j] = rgb[i] * 255; rgba[j + 1] = rgb[i + 1] * 255; rgba[j + 2] = rgb[i + 2] * 255; rgba[j + 3] = 255;
  }
  return { caption: row.caption, count, height, width, rgba, ...(row.labels && { labels: row.labels }) };
}
