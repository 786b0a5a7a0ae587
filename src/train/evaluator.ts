/**
 * Evaluation of any encoder on an EvalSplit: kNN and linear-probe accuracy on the held-out
 * queries, the classifier heads' accuracies, the similarity probe, the embeddings' spread, and
 * the raw-pixel baseline. The encoder is a bare one (an imported model) or a method's, with the
 * method's optional classify and heldOutScores: no method needed.
 */
import * as tf from '@tensorflow/tfjs';
import { augmentView } from '../augment/views';
import { embedImages } from '../eval/embedInChunks';
import { alignment, embeddingSpread, histogram, normalizeRows, uniformity } from '../eval/geometry';
import { accuracy, KNN_DEFAULTS, knnPredict } from '../eval/knn';
import { LINEAR_PROBE_DEFAULTS, linearProbeJs, linearProbePredict } from '../eval/linearProbe';
import type { BaselineResult, EvalResult, HeldOutScore, SimilarityProbe } from '../eval/types';
import type { ResNetEncoder } from '../models/encoder';
import type { AugmentParams } from '../shared/paramGroups';
import { createRng } from '../shared/rng';
import { knnNeighbours } from '../shared/dataLimits';
import type { EvalSplit } from './evalSplit';

/** Held-out images in the similarity probe (two views each). */
export const PROBE_IMAGES = 128;

/** Up to this many multiply-adds per probe iteration times iterations, the raw-pixel probe runs in JS (about 0.3 s). */
const RAW_PROBE_JS_MACS = 1.5e8;

/** What is evaluated: a representation, and a method's extras when there is one. */
export interface EvaluatedEncoder {
  /** [N, D] the representation of images [N, H, W, 3]. */
  embed(images: tf.Tensor4D): tf.Tensor2D;
  /** [N, heads] predicted class per classifier head (heads > 0 only). */
  classify?(images: tf.Tensor4D): tf.Tensor2D;
  /** Number of classifier heads classify predicts for (0: none). */
  heads: number;
  heldOutScores?(): Promise<HeldOutScore[]>;
}

/** A bare encoder (an imported model): its representation h, no heads, no method scores. */
export function bareEncoder(encoder: ResNetEncoder): EvaluatedEncoder {
  return { embed: (images) => encoder.apply(images).h, heads: 0 };
}

/** Hears each part of an evaluation as it begins (part 1-based, of `parts`). */
export type EvaluationProgress = (part: string, index: number, parts: number) => void;

export interface EvaluatorOptions {
  /** Seeds the similarity probe's views (the same draws at every evaluation). */
  seed: number;
  /** The similarity probe's augmentations. */
  augment: AugmentParams;
}

export class Evaluator {
  constructor(readonly split: EvalSplit, private readonly subject: EvaluatedEncoder, private readonly options: EvaluatorOptions) {}

  /** [count, D] representation of images, embedded in chunks. */
  embedAll(images: tf.Tensor4D): tf.Tensor2D {
    return embedImages(images, (x) => this.subject.embed(x));
  }

  /** The parts of an evaluation, in order, as `evaluate` reports them to its progress callback. */
  evaluationParts(): string[] {
    return [
      'embedding held-out images',
      ...(this.split.hasLabels ? ['kNN', 'linear probe'] : []),
      ...(this.split.hasLabels && this.subject.classify && this.subject.heads > 0 ? ['classifier heads'] : []),
      'similarity probe',
      ...(this.subject.heldOutScores ? ["the method's held-out task"] : []),
    ];
  }

  /**
   * Everything an evaluation reports, for the encoder as it is after `step` training steps.
   * `progress` hears each part as it begins: its name, its 1-based index and the number of parts.
   */
  async evaluate(step: number, progress?: EvaluationProgress): Promise<EvalResult> {
    const start = performance.now();
    const { split } = this;
    const parts = this.evaluationParts();
    const begin = (part: string) => progress?.(part, parts.indexOf(part) + 1, parts.length);
    const numClasses = split.numClasses;
    begin('embedding held-out images');
    const queryH = this.embedAll(split.queryImages);
    let knn: tf.Tensor1D | null = null, bankH: tf.Tensor2D | null = null;
    if (split.hasLabels) {
      bankH = this.embedAll(split.bankImages);
      begin('kNN');
      knn = tf.tidy(() => knnPredict(bankH!, split.bankLabels, queryH, { ...KNN_DEFAULTS, k: this.knnK, numClasses }));
    }
    const [knnValues, bankValues, embeddings] = await Promise.all([knn?.data(), bankH?.data() as Promise<Float32Array> | undefined, queryH.data() as Promise<Float32Array>]);
    tf.dispose([queryH, ...(knn ? [knn] : []), ...(bankH ? [bankH] : [])]);
    const [count, dim] = [split.query.count, embeddings.length / Math.max(1, split.query.count)];
    if (bankValues) begin('linear probe');
    // The features are small (dim ~32): the probe trains faster in JS than as ~30 GPU dispatches per iteration.
    const linearValues = bankValues ? linearProbeJs(bankValues, split.bankLabelValues, embeddings, dim, { ...LINEAR_PROBE_DEFAULTS, numClasses }) : undefined;
    if (parts.includes('classifier heads')) begin('classifier heads');
    const headTop1 = split.hasLabels ? await this.headAccuracies() : null;
    begin('similarity probe');
    const similarity = await this.similarityProbe();
    if (this.subject.heldOutScores) begin("the method's held-out task");
    const heldOutScores = this.subject.heldOutScores ? await this.subject.heldOutScores() : null;
    return {
      step,
      knnTop1: knnValues ? accuracy(knnValues, split.queryLabels) : null,
      linearTop1: linearValues ? accuracy(linearValues, split.queryLabels) : null,
      headTop1, heldOutScores,
      similarity, spread: embeddingSpread(normalizeRows(embeddings, count, dim), count, dim), embeddings, dim,
      ms: performance.now() - start,
      ...(split.hasLabels && { queries: split.query.count }),
    };
  }

  /** The kNN's k on this split's bank (see knnNeighbours). */
  get knnK(): number {
    return knnNeighbours(KNN_DEFAULTS.k, this.split.bankImages.shape[0]);
  }

  /** Accuracy of each classifier head on the held-out queries (null: there is none). */
  async headAccuracies(): Promise<number[] | null> {
    const { classify, heads } = this.subject;
    if (!classify || heads === 0) return null;
    const predictions = embedImages(this.split.queryImages, (x) => classify.call(this.subject, x));
    const values = await predictions.data();
    predictions.dispose();
    const count = this.split.query.count;
    return Array.from({ length: heads }, (_, k) => accuracy(Float32Array.from({ length: count }, (_, i) => values[i * heads + k]), this.split.queryLabels));
  }

  /**
   * Two augmented views of the first PROBE_IMAGES held-out images, embedded by the encoder: the
   * same draws at every evaluation (a fixed seed), so histograms are comparable over steps.
   */
  async similarityProbe(): Promise<SimilarityProbe> {
    const n = Math.min(PROBE_IMAGES, this.split.query.count);
    const rng = createRng(this.options.seed * 7919 + 17);
    const { augment } = this.options;
    const [sims, a, b] = tf.tidy(() => {
      const images = this.split.queryImages.slice([0, 0, 0, 0], [n, -1, -1, -1]);
      const views = tf.concat([augmentView(images, augment, rng), augmentView(images, augment, rng)], 0);
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

  /** The raw-pixel floor on this evaluator's split (see rawPixelBaseline). */
  rawPixelBaseline(): Promise<BaselineResult | null> {
    return rawPixelBaseline(this.split);
  }
}

/**
 * kNN and the linear probe on raw pixels: the floor every representation should beat (null:
 * no labels). The probe's 150 Adam iterations run in JS when the arithmetic is small (a few
 * hundred dispatches cost a GPU backend seconds for a 30-image bank) and on the backend otherwise.
 */
export async function rawPixelBaseline(split: EvalSplit): Promise<BaselineResult | null> {
  if (!split.hasLabels) return null;
  const start = performance.now();
  const { bankImages, queryImages, bankLabels, bankLabelValues, queryLabels, numClasses } = split;
  const probe = { ...LINEAR_PROBE_DEFAULTS, numClasses };
  const [bankCount, queryCount] = [bankImages.shape[0], queryImages.shape[0]];
  const dim = bankImages.size / Math.max(1, bankCount);
  const inJs = bankCount * dim * numClasses * probe.iterations <= RAW_PROBE_JS_MACS;
  const flat = (images: tf.Tensor4D, count: number) => images.reshape([count, -1]) as tf.Tensor2D;
  const knn = tf.tidy(() => knnPredict(flat(bankImages, bankCount), bankLabels, flat(queryImages, queryCount), { ...KNN_DEFAULTS, k: knnNeighbours(KNN_DEFAULTS.k, bankCount), numClasses }));
  const linear = inJs ? null : tf.tidy(() => linearProbePredict(flat(bankImages, bankCount), bankLabels, flat(queryImages, queryCount), probe));
  const [k, l] = await Promise.all([
    knn.data(),
    linear ? linear.data() : Promise.all([bankImages.data(), queryImages.data()]).then(([bx, qx]) => linearProbeJs(bx as Float32Array, bankLabelValues, qx as Float32Array, dim, probe)),
  ]);
  tf.dispose([knn, ...(linear ? [linear] : [])]);
  return { rawKnnTop1: accuracy(k, queryLabels), rawLinearTop1: accuracy(l, queryLabels), ms: performance.now() - start, queries: queryCount };
}
