/**
 * The training-side method interface. A method = a UI-safe MethodSpec (./spec.ts) + a MethodImpl
 * here. The trainer owns the loop; a method only knows how to draw a batch, take one synchronous
 * step, embed images for evaluation and show its batch.
 *
 * How each of the nine methods of METHODS.md maps onto this interface (the video methods get their
 * clips through MethodContext.video and score their own task on held-out videos, heldOutScores):
 *
 * | method        | batch kind        | batch tensors                                            | models                                   | pos / neg similarity |
 * |---------------|-------------------|----------------------------------------------------------|------------------------------------------|----------------------|
 * | SimCLR        | views (V=2)       | views[0], views[1]: [N,H,W,3]                            | encoder + MLP head                       | the two views / other views of the batch |
 * | MoCo v1/v2    | views (V=2)       | query view, key view                                     | encoder + head, EMA key copy, key queue  | query-key / query-queue |
 * | CPC           | patchGrid         | patches [N*R*C,p,p,3], rows R, cols C                    | patch encoder, row context net, W_1..W_K | predicted vs true patch / vs other patches |
 * | Deep InfoMax  | views (V=1)       | views[0] [N,H,W,3]                                       | encoder exposing a local map, discriminators; prior discriminator with its own optimizer inside the method | local-global scores of the same / other images (cosine of projected pairs) |
 * | SLA + SD      | rotations         | images [4N,...] interleaved per image, rotations [4N], labels [N] | encoder, joint C*4 head, C-way SD head | universal probe (two views of held-out images vs different images) |
 * | S4L           | rotations / views | rotation variant: as SLA with labelledMask [N]; exemplar: views (V=4) + labels + labelledMask | encoder, class head, rotation head or embedding | rotation: universal probe; exemplar: same-image views / other images |
 * | TCN multi     | multiViewFrames   | views[0] anchors, views[1] another view at the same times [N], negatives [N,...] from the anchor's view | encoder + 32-d embedding | anchor-positive / anchor-negative |
 * | TCN single    | frameTuples       | frames[0..2] = anchor, positive (within radius), negative (beyond margin) | encoder + embedding                | anchor-positive / anchor-negative |
 * | Wang & Gupta  | frameTuples       | frames[0], [1] = first, last patch of N tracks; frames[2] = N*R patches of other videos; info.video | encoder + embedding | track ends / chosen other-video patches |
 * | Shuffle&Learn | frameTuples       | frames[0..2] = the three frames of a tuple, target [N] (1 = in order), probe | shared encoder, concat, binary classifier | universal probe |
 *
 * Methods that need a second optimiser (DIM's prior discriminator) or a teacher (SLA+SD's
 * aggregated prediction) keep it inside their MethodRun: trainStep is theirs to compose.
 */
import type * as tf from '@tensorflow/tfjs';
import type { AnyParamValues } from '../shared/params';
import type { Rng } from '../shared/rng';
import type { MethodSpec } from './spec';
import type { ResNetEncoder } from '../models/encoder';
import type { VideoSplit } from '../video/frameStore';
import type { HeldOutScore } from '../eval/types';
import type { ImageSource } from '../data/imageSource';
export type { ImageSource };
export type { HeldOutScore };

export type Batch =
  | {
      kind: 'views';
      /** V views of the same N images, each [N, H, W, 3] in [0, 1]. */
      views: tf.Tensor4D[];
      /** [N] int32 class labels, where the method uses them. */
      labels?: tf.Tensor1D;
      /** [N] 1 for images whose label may be used (semi-supervised), else 0. */
      labelledMask?: tf.Tensor1D;
      /** Two views of a few training images for the per-step universal probe (./stepProbe.ts). */
      probe?: [tf.Tensor4D, tf.Tensor4D];
      /** JS copy of labels (previews caption images without reading the backend). */
      labelValues?: Int32Array;
    }
  | {
      kind: 'rotations';
      /** [4N, H, W, 3]: rows 4i..4i+3 are image i rotated by 0, 90, 180, 270 degrees. */
      images: tf.Tensor4D;
      /** [4N] int32 rotation index 0..3. */
      rotations: tf.Tensor1D;
      /** [N] class labels of the N images (0 where unlabelled: see labelledMask). */
      labels?: tf.Tensor1D;
      labelledMask?: tf.Tensor1D;
      probe?: [tf.Tensor4D, tf.Tensor4D];
      labelValues?: Int32Array;
    }
  | {
      kind: 'patchGrid';
      /** [N * rows * cols, p, p, 3], row-major per image. */
      patches: tf.Tensor4D;
      rows: number;
      cols: number;
    }
  | {
      kind: 'frameTuples';
      /** k tensors [N, H, W, 3]: frames (or patches) of each tuple, in the method's order. */
      frames: tf.Tensor4D[];
      /** [N] per-tuple target where the method has one (Shuffle and Learn: 1 = in order). */
      target?: tf.Tensor1D;
      /** JS side of the draw (clip of each row, frame indices) for the loss's masks and the preview. */
      info?: FrameTupleInfo;
      /** Two views of a few training frames for the per-step universal probe (./stepProbe.ts). */
      probe?: [tf.Tensor4D, tf.Tensor4D];
    }
  | {
      kind: 'multiViewFrames';
      /** V views [N, H, W, 3]; row i of every view shows the same time step times[i]. */
      views: tf.Tensor4D[];
      /** [N] int32 time index of each row. */
      times: tf.Tensor1D;
      /** [N, H, W, 3]: for row i, a frame of the anchor's view at another time. */
      negatives: tf.Tensor4D;
      info?: FrameTupleInfo;
    };

/** What a frame-tuple batch was drawn from, kept in JS (no readback for masks or captions). */
export interface FrameTupleInfo {
  /** [N] the video (scene) of each row, where the loss needs it (Wang & Gupta's other-video negatives). */
  video?: Int32Array;
  /** Per row, a caption for the preview (tuple kind, view and time step). */
  captions: string[][];
}

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
}

export interface PreviewRow {
  caption: string;
  /** Optional text under each image (class, rotation, joint label). */
  labels?: string[];
  /** [n, h, w, 3] in [0, 1]. */
  images: tf.Tensor4D;
}
export interface PreviewPanel {
  title: string;
  rows: PreviewRow[];
}

export interface MethodRun {
  /** The encoder whose representation h is evaluated and exported (MoCo: the query encoder). */
  encoder: ResNetEncoder;
  /**
   * Draws a batch with `rng` (the trainer passes its training stream, or a separate preview
   * stream so previews do not change the run); augmentation runs on the backend.
   */
  sampleBatch(rng: Rng): Batch;
  /**
   * One synchronous optimiser step. Returns the metrics vector [loss, posSim, negSim, ...extra]
   * (spec.extraMetrics order) as a tensor: the trainer reads it back asynchronously, batched.
   */
  trainStep(batch: Batch): tf.Tensor1D;
  /** The same metrics vector on a batch with nothing updated (held-out loss, tests). */
  evaluateBatch(batch: Batch): tf.Tensor1D;
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
  preview(batch: Batch): PreviewPanel[];
  /** Every variable the run owns, trainable or not (checkpoints, leak checks). */
  variables(): tf.Variable[];
  dispose(): void;
}

export interface MethodImpl<P extends AnyParamValues = AnyParamValues> {
  spec: MethodSpec;
  create(ctx: MethodContext<P>): MethodRun;
}
