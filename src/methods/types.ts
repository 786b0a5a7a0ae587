/**
 * The training-side method interface. A method = a UI-safe MethodSpec (./spec.ts) + a MethodImpl
 * built by defineMethod (./base.ts). The trainer owns the loop; a method only knows how to draw a
 * batch, take one synchronous step, embed images for evaluation and show its batch.
 *
 * Each method owns its batch type (declared in its own file, the shared shapes in ./batches.ts):
 *
 * | method        | batch tensors                                                              | models                                   | pos / neg similarity |
 * |---------------|----------------------------------------------------------------------------|------------------------------------------|----------------------|
 * | SimCLR        | views[0], views[1]: [N,H,W,3]                                              | encoder + MLP head                       | the two views / other views of the batch |
 * | MoCo v1/v2    | views: query view, key view                                                | encoder + head, EMA key copy, key queue  | query-key / query-queue |
 * | CPC           | patches [N*R*C,p,p,3], rows R, cols C                                      | patch encoder, row context net, W_1..W_K | predicted vs true patch / vs other patches |
 * | Deep InfoMax  | images [N,H,W,3]                                                           | encoder exposing a local map, discriminators; prior discriminator with its own optimizer inside the method | local-global scores of the same / other images (cosine of projected pairs) |
 * | SLA + SD      | images [4N,...] interleaved per image, rotations [4N], labels [N], probe   | encoder, joint C*4 head, C-way SD head   | universal probe (two views of held-out images vs different images) |
 * | S4L           | rotation: as SLA with labelledMask [N]; exemplar: V views + labels + labelledMask | encoder, class head, rotation head or embedding | rotation: universal probe; exemplar: same-image views / other images |
 * | TCN multi     | frames: anchors of one view, the same times of another view, the anchor's view at other times | encoder + 32-d embedding | anchor-positive / anchor-negative |
 * | TCN single    | frames: anchor, positive (within radius), negative (beyond margin)         | encoder + embedding                      | anchor-positive / anchor-negative |
 * | Wang & Gupta  | first, last [N,...] patches of N tracks; others [N*R,...] of other videos; the drawn tracks and videos | encoder + embedding | track ends / chosen other-video patches |
 * | Shuffle&Learn | frames: the three frames of a tuple, target [N] (1 = in order), probe      | shared encoder, concat, binary classifier | universal probe |
 *
 * Methods that need a second optimiser (DIM's prior discriminator) or a teacher (MoCo's key
 * encoder) override the step defineMethod supplies.
 */
import type * as tf from '@tensorflow/tfjs';
import type { AnyParamValues, ParamValues } from '../shared/params';
import type { Rng } from '../shared/rng';
import type { Text } from '../shared/text';
import type { MethodSpec } from './spec';
import type { ResNetEncoder } from '../models/encoder';
import type { VideoSplit } from '../video/frameStore';
import type { HeldOutScore } from '../eval/types';
import type { NamedWeightData } from '../shared/protocol';
import type { ImageSource } from '../data/imageSource';
export type { ImageSource };
export type { HeldOutScore };

/**
 * A video dataset's frames on the backend, beside the JS stores they came from (./../video/frameStore.ts):
 * training clips (first four fifths of each) and held-out ones. Only the video methods get one.
 */
export interface VideoSource {
  split: VideoSplit;
  /** [split.train.frameCount, H, W, 3] float32 in [0, 1]. */
  trainFrames: tf.Tensor4D;
  /** [split.heldOut.frameCount, H, W, 3] float32 in [0, 1]. */
  heldOutFrames: tf.Tensor4D;
}

export interface MethodContext<P extends AnyParamValues = AnyParamValues> {
  params: P;
  train: ImageSource;
  /** [height, width] of the model input. */
  inputSize: [number, number];
  /** Seeds weight initialisation (batch draws use the rng passed to sampleBatch). */
  initRng: Rng;
  /** Video datasets only: the clips in time order (video methods train on these, not on `train`). */
  video?: VideoSource;
  /**
   * Held-out frames a video method's own task may embed per evaluation (the run's "Held-out
   * images" setting): small runs and tests get a small, cheap evaluation. Absent: the method's own cap.
   */
  heldOutBudget?: number;
  /**
   * [M, H, W, 3] float32 in [0, 1]: the held-out images every evaluation embeds (the run's
   * queries), for image methods that score their own task on them (the context pretexts).
   * Absent (tests that build a run by hand): such a method reports its score as not measured.
   */
  heldOutImages?: tf.Tensor4D;
}

export interface PreviewRow {
  /** A Text of the catalog's 'charts.preview.…' keys (shared/text.ts), or data as it is. */
  caption: Text | string;
  /** Optional text under each image (class, rotation, joint label). */
  labels?: (Text | string)[];
  /** [n, h, w, 3] in [0, 1]. */
  images: tf.Tensor4D;
}
export interface PreviewPanel {
  title: Text | string;
  rows: PreviewRow[];
}

/**
 * A method's run. B is the method's own batch type; callers outside the method (the trainer,
 * tests, scripts) hold a MethodRun<unknown> and pass back only what sampleBatch gave them
 * (method syntax below, so a MethodRun<SimclrBatch> is a MethodRun<unknown>).
 */
export interface MethodRun<B = unknown> {
  /** The encoder whose representation h is evaluated and exported (MoCo: the query encoder). */
  encoder: ResNetEncoder;
  /**
   * Draws a batch with `rng` (the trainer passes its training stream, or a separate preview
   * stream so previews do not change the run); augmentation runs on the backend.
   */
  sampleBatch(rng: Rng): B;
  /**
   * One synchronous optimiser step. Returns the metrics vector [loss, posSim, negSim, ...extra]
   * (spec.extraMetrics order) as a tensor: the trainer reads it back asynchronously, batched.
   */
  trainStep(batch: B): tf.Tensor1D;
  /** The same metrics vector on a batch with nothing updated (held-out loss, tests). */
  evaluateBatch(batch: B): tf.Tensor1D;
  /** The representation h used for evaluation. images: [N, H, W, 3] -> [N, D]. */
  embed(images: tf.Tensor4D): tf.Tensor2D;
  /**
   * Methods with classifier heads (spec.testAccuracies): predicted class of each image by each
   * head, images [N, H, W, 3] -> [N, heads] (as floats). The trainer scores them on held-out images.
   */
  classify?(images: tf.Tensor4D): tf.Tensor2D;
  /** Video methods: their own task scored on the held-out videos (spec.heldOutScores order). */
  heldOutScores?(): Promise<HeldOutScore[]>;
  /** What the model sees in one batch, for the preview panel. */
  preview(batch: B): PreviewPanel[];
  /**
   * The method's heads: the variables of the run's own set outside the encoder (SimCLR's and
   * MoCo's projection MLP, the classifier heads), read back by local name ("head/w1") in creation
   * order; none for a method without. Not MoCo's key copy, queue or feature-norm statistics.
   */
  readHeads(): Promise<NamedWeightData[]>;
  /** Every variable the run owns, trainable or not (checkpoints, leak checks), in a fixed order (a checkpoint restores by position). */
  variables(): tf.Variable[];
  /** What a checkpoint keeps besides variables(): every optimizer (the base one as 'main'), the method's rng streams and counters. */
  checkpointParts(): Required<CheckpointParts>;
  dispose(): void;
}

/** A method's state outside its variables, for checkpoints (see MethodDefinition.checkpointParts). */
export interface CheckpointParts {
  /** By name; each must see the same variable list, in the same order, at every step (tfjs keeps its slots by position). */
  optimizers?: Record<string, tf.Optimizer>;
  rngs?: Record<string, Rng>;
  counters?: { save(): Record<string, number>; load(values: Record<string, number>): void };
}

/** The param values of a spec. */
export type ParamsOf<S extends MethodSpec> = ParamValues<S['params']>;

/** A method's implementation, carrying its own spec (./registry.ts pairs each id with its spec's impl). */
export interface MethodImpl<S extends MethodSpec = MethodSpec> {
  spec: S;
  create(ctx: MethodContext<ParamsOf<S>>): MethodRun;
}
