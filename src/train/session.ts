/**
 * One training run's state: the dataset on the backend, the method's run (models, optimizer),
 * the rng streams, stepping and previews, and the Evaluator over the run's encoder. No DOM, no
 * messaging: the worker and Node scripts both drive it.
 */
import * as tf from '@tensorflow/tfjs';
import { imagesPerStep, METHOD_SPECS, needsVideo, testAccuracyNames } from '../methods/catalog';
import { methodImpl } from '../methods/registry';
import { assertDatasetFits } from '../methods/requirements';
import { CORE_METRICS } from '../methods/spec';
import type { MethodRun, PreviewPanel, VideoSource } from '../methods/types';
import type { RunConfig } from '../shared/config';
import { clampToData } from '../shared/dataLimits';
import { KNN_DEFAULTS } from '../eval/knn';
import type { NamedWeightData } from '../shared/protocol';
import type { PreviewImagePanel, PreviewImageRow } from '../shared/preview';
import type { ImageDataset, VideoDataset } from '../data/dataset';
import { uploadImages } from '../data/upload';
import { splitVideo } from '../video/frameStore';
import { augmentParams, type AugmentParams } from '../shared/paramGroups';
import { defaultParams, validateParams, type AnyParamValues, type ParamIssue } from '../shared/params';
import { createRng, type Rng } from '../shared/rng';
import type { BaselineResult, EvalResult, MapPoints } from '../eval/types';
import { DEFAULT_NORM_GROUPS, encoderOutputDim, type EncoderLayout } from '../models/encoderLayout';
import { EvalSplit, usableClassCount } from './evalSplit';
import { Evaluator } from './evaluator';
import { rgbaFromUnitRgb } from './rgba';
import { captureRun, restoreRun, type Capture, type CheckpointTarget } from './checkpointing';
import { LearningRateSchedule } from './lrSchedule';
import type { CheckpointState } from '../checkpoint/types';
import { text, type Text } from '../shared/text';

export type { BaselineResult, EvalResult, MapPoints };

/** The similarity probe's augmentations: the run's own, or the defaults for a method (or an imported encoder) without them. */
export function probeAugment(values: AnyParamValues = {}): AugmentParams {
  return { ...defaultParams(augmentParams()), ...values } as unknown as AugmentParams;
}

export class TrainingSession {
  readonly metricNames: string[];
  readonly paramIssues: ParamIssue[];
  readonly params: AnyParamValues;
  readonly evaluator: Evaluator;
  private readonly run: MethodRun;
  private readonly trainImages: tf.Tensor4D;
  private readonly evalSplit: EvalSplit;
  /** Draws of the training batches; previews draw from their own stream and never shift it. */
  private readonly batchRng: Rng;
  private readonly previewRng: Rng;
  /** Every optimizer's rate per step (warm-up and cosine, or constant). */
  private readonly schedule: LearningRateSchedule;
  stepCount = 0;
  /** Video methods' clips on the backend (null for image methods). */
  private readonly video: VideoSource | null = null;

  /**
   * dataset: what evaluation and the image methods see (a video dataset's frames, imageViewOf);
   * video: the same dataset's clips in time order, for the video methods.
   */
  constructor(readonly config: RunConfig, readonly dataset: ImageDataset, video?: VideoDataset) {
    const spec = METHOD_SPECS[config.methodId];
    // Checked before anything is uploaded: a dataset that does not fit leaves nothing behind.
    assertDatasetFits(config.methodId, { name: dataset.name, kind: video ? 'video' : 'images', usableClasses: usableClassCount(dataset) });
    const validated = validateParams(spec.params, config.params);
    const issues = validated.issues;
    // Settings the data cannot support are clamped, and the run says so (limitNotices).
    const clamped = clampToData(validated.values, dataset.train.count);
    const values = clamped.params as typeof validated.values;
    this.limitNotices = [...clamped.notices];
    this.params = values;
    this.paramIssues = issues;
    this.metricNames = [...CORE_METRICS, ...spec.extraMetrics];

    // Everything uploaded from here on is freed again if a later part throws (a method's setup
    // that refuses the data, an evaluation split that cannot be built).
    const uploaded: { dispose(): void }[] = [];
    try {
      this.trainImages = uploadImages(dataset, dataset.train);
      uploaded.push(this.trainImages);
      this.evalSplit = new EvalSplit(dataset, config);
      uploaded.push(this.evalSplit);
      if (needsVideo(config.methodId) && video) {
        const split = splitVideo(video);
        const trainFrames = uploadImages(video, { images: split.train.bytes, count: split.train.frameCount });
        uploaded.push(trainFrames);
        const heldOutFrames = uploadImages(video, { images: split.heldOut.bytes, count: split.heldOut.frameCount });
        uploaded.push(heldOutFrames);
        this.video = { split, trainFrames, heldOutFrames };
      }

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
        heldOutImages: this.evalSplit.queryImages,
        ...(this.video && { video: this.video }),
      });
      uploaded.push(this.run);
      const run = this.run;
      this.schedule = new LearningRateSchedule(Object.values(run.checkpointParts().optimizers), {
        lrSchedule: values.lrSchedule === 'constant' ? 'constant' : 'cosine',
        warmupPercent: Number(values.warmupPercent ?? 0),
        totalSteps: config.maxSteps,
      });
      this.evaluator = new Evaluator(this.evalSplit, {
        embed: (x) => run.embed(x),
        ...(run.classify && { classify: (x: tf.Tensor4D) => run.classify!(x) }),
        heads: testAccuracyNames(config.methodId).length,
        ...(run.heldOutScores && { heldOutScores: () => run.heldOutScores!() }),
      }, { seed: config.seed, augment: probeAugment(values) });
    } catch (e) {
      for (const u of uploaded.reverse()) u.dispose();
      throw e;
    }
    const bankCount = this.evalSplit.bankImages.shape[0];
    if (this.evalSplit.hasLabels && config.evalEvery > 0 && this.evaluator.knnK < KNN_DEFAULTS.k) {
      this.limitNotices.push(text('messages.notice.knnClamped', { k: this.evaluator.knnK, usual: KNN_DEFAULTS.k, bank: bankCount }));
    }
  }

  /** What this run does differently from its settings because of the data's size (the worker posts them as notices). */
  readonly limitNotices: Text[];

  /** False when the dataset has no labelled held-out images (or fewer than two classes): kNN and the linear probe are skipped. */
  get hasLabels(): boolean {
    return this.evalSplit.hasLabels;
  }

  /** One synchronous training step; returns the metrics vector (not read back). */
  step(): tf.Tensor1D {
    this.schedule.apply(this.stepCount);
    const metrics = tf.tidy(() => this.run.trainStep(this.run.sampleBatch(this.batchRng)));
    this.stepCount++;
    return metrics;
  }

  /** Images one step trains on (for throughput figures; the method's spec says how many). */
  get imagesPerStep(): number {
    return imagesPerStep(this.config.methodId, this.params, [this.dataset.height, this.dataset.width]);
  }

  /** The encoder's layout as the run's params set it. */
  get encoderLayout(): EncoderLayout {
    return { width: Number(this.params.width), norm: this.params.norm === 'none' ? 'none' : 'group', normGroups: Number(this.params.normGroups ?? DEFAULT_NORM_GROUPS) };
  }

  get outputDim(): number {
    return encoderOutputDim(this.encoderLayout);
  }

  /** [count, D] representation of images by the method's embedding, in chunks. */
  embedAll(images: tf.Tensor4D): tf.Tensor2D {
    return this.evaluator.embedAll(images);
  }

  /** The evaluation of the encoder as it is now (see Evaluator.evaluate). */
  evaluate(): Promise<EvalResult> {
    return this.evaluator.evaluate(this.stepCount);
  }

  mapPoints(): MapPoints {
    return this.evalSplit.mapPoints();
  }

  /** Preview panels of one freshly drawn batch, read back as RGBA bytes. */
  async preview(): Promise<PreviewImagePanel[]> {
    // The panels' texts are Texts (not tensor containers): tidy returns nothing, the kept images survive it.
    let panels: PreviewPanel[] = [];
    tf.tidy(() => {
      const batch = this.run.sampleBatch(this.previewRng);
      panels = this.run.preview(batch).map((p) => ({ title: p.title, rows: p.rows.map((r) => ({ caption: r.caption, labels: r.labels, images: tf.keep(r.images.clone()) })) }));
    });
    return Promise.all(panels.map(async (p) => ({ title: p.title, rows: await Promise.all(p.rows.map((r) => previewRow(r))) })));
  }

  /** The encoder's weights, read back (for the TF.js model export), in the encoder's creation order. */
  encoderWeights(): Promise<NamedWeightData[]> {
    return this.run.encoder.readWeights();
  }

  /** Replaces the encoder's weights with imported ones (same architecture; throws on a mismatch). */
  loadEncoderWeights(weights: readonly NamedWeightData[]): void {
    this.run.encoder.loadWeightData(weights);
  }

  /** What a checkpoint captures and restores of this run (./checkpointing.ts). */
  private get checkpointTarget(): CheckpointTarget {
    return { run: this.run, rngs: { batch: this.batchRng, preview: this.previewRng } };
  }

  /** The run's state now, cloned between two steps (read it back with readCapture). */
  capture(): Promise<Capture> {
    return captureRun(this.checkpointTarget);
  }

  /** Continues from a checkpoint taken at `step` (a fresh session of the same config only). */
  async restore(state: CheckpointState, step: number): Promise<void> {
    if (this.stepCount !== 0) throw new Error('restore into a session that has not stepped');
    await restoreRun(this.checkpointTarget, state);
    this.stepCount = step;
  }

  dispose(): void {
    this.run.dispose();
    if (this.video) tf.dispose([this.video.trainFrames, this.video.heldOutFrames]);
    this.evalSplit.dispose();
    this.trainImages.dispose();
  }
}

/** A preview row read back (and its tensor disposed) as RGBA bytes. */
async function previewRow(row: PreviewPanel['rows'][number]): Promise<PreviewImageRow> {
  const [count, height, width] = row.images.shape;
  const rgb = await row.images.data();
  row.images.dispose();
  return { caption: row.caption, count, height, width, rgba: rgbaFromUnitRgb(rgb), ...(row.labels && { labels: row.labels }) };
}
