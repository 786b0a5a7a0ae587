/**
 * S4L (Zhai et al., ICCV 2019): cross-entropy on a labelled subset plus w x a self-supervised loss
 * on every image. Each step draws `labelledBatch` images from the labelled subset and `batchSize`
 * from all training images (treated as unlabelled); rows [0, L) of the batch are the labelled ones.
 *   rotation: all L + N images in 4 rotations (interleaved), 4-way rotation head on every row,
 *             class head on the unrotated labelled rows.
 *   exemplar: V augmented views of each of the L + N images, concatenated view by view (row r of
 *             the concatenation is image r mod (L + N)); batch-hard soft-margin triplet loss on
 *             L2-normalised embeddings; class head on the first view of the labelled rows.
 */
import * as tf from '@tensorflow/tfjs';
import { ROTATIONS } from '../augment/rotate';
import { augmentView } from '../augment/views';
import { batchAccuracy, maskedCrossEntropy, softmaxCrossEntropy } from '../losses/classification';
import { unrotatedRows } from '../losses/sla';
import { batchHardTriplet, exemplarInstanceIds } from '../losses/triplet';
import { FeatureNorm } from '../models/heads';
import { Linear } from '../models/linear';
import { VariableSet } from '../models/variables';
import type { Rng } from '../shared/rng';
import { sampleWithoutReplacement } from '../shared/rng';
import { defineMethod, type MethodDefinition } from './base';
import { rotationRows, rotationsOf, type Labels, type Rotations, type StepProbe } from './batches';
import { classCaptions, drawFrom, labelledSubset } from './labelled';
import { s4lSpec } from './specs/s4l';
import { probeSimilarity, sampleProbeViews } from './stepProbe';
import { text } from '../shared/text';

/** The labels of the L + N drawn images: rows [0, L) labelled, the rest unlabelled (label 0, mask 0). */
export interface S4lLabels extends Labels {
  /** [L + N] 1 for the labelled rows, else 0. */
  labelledMask: tf.Tensor1D;
  /** The training images drawn, row by row (JS). */
  indices: Int32Array;
}
/** Rotation variant: the L + N images in four rotations ([4(L + N)] rows) and the step probe. */
export type S4lRotationBatch = Rotations & S4lLabels & StepProbe;
/** Exemplar variant: V views [L + N, H, W, 3] of the L + N images. */
export interface S4lExemplarBatch extends S4lLabels {
  views: tf.Tensor4D[];
}
export type S4lBatch = S4lRotationBatch | S4lExemplarBatch;

export const s4l = defineMethod(s4lSpec, ({ ctx, params: p, vars, encoder }): MethodDefinition<S4lBatch> => {
  const classHead = new Linear(vars, 'class', encoder.outputDim, ctx.train.numClasses, ctx.initRng);
  const selfHead = p.variant === 'rotation'
    ? new Linear(vars, 'rotation', encoder.outputDim, ROTATIONS, ctx.initRng)
    : new Linear(vars, 'exemplar', encoder.outputDim, p.projectionDim, ctx.initRng);
  const subset = labelledSubset(ctx.train.labels, p.labelledPercent);
  // Both heads read h standardised over the whole batch (running statistics at test): on raw h,
  // nearly collinear across images, the exemplar embedding stayed collapsed (triplet loss at
  // softplus(0)) and the class head lagged a linear probe by ~30 points (models/heads.ts).
  const normVars = new VariableSet('s4l-norm', false);
  const norm = new FeatureNorm(normVars, encoder.outputDim);

  /** Rows [0, L) labelled (from the subset), rows [L, L + N) from all training images. */
  const drawImages = (rng: Rng): { images: tf.Tensor4D } & S4lLabels => {
    const labelled = drawFrom(rng, subset, p.labelledBatch);
    const rest = sampleWithoutReplacement(rng, ctx.train.count, Math.min(p.batchSize, ctx.train.count));
    const indices = Int32Array.from([...labelled, ...rest]);
    const mask = Float32Array.from(indices, (_, r) => (r < labelled.length ? 1 : 0));
    // Unlabelled rows get label 0 with mask 0: they never reach the class loss.
    const labelValues = Int32Array.from(indices, (i, r) => (r < labelled.length ? ctx.train.labels[i] : -1));
    return {
      images: tf.gather(ctx.train.images, tf.tensor1d(indices, 'int32')) as tf.Tensor4D,
      labels: tf.tensor1d(labelValues.map((y) => Math.max(0, y)), 'int32'),
      labelledMask: tf.tensor1d(mask),
      labelValues,
      indices,
    };
  };
  const captionsOf = (b: S4lLabels) => classCaptions(b.labelValues, ctx.train.classNames, 1e9);
  const title = text('charts.preview.s4l.title', { labelled: p.labelledBatch, available: subset.length, percent: p.labelledPercent });
  const shared = {
    classify: (images: tf.Tensor4D) => tf.tidy(() => tf.argMax(classHead.apply(norm.apply(encoder.apply(images).h)), 1).toFloat().reshape([-1, 1]) as tf.Tensor2D),
    afterStep: () => norm.update(),
    extraVariables: () => normVars.list(),
    dispose() {
      norm.dispose();
      normVars.dispose();
    },
  };

  if (p.variant === 'rotation') return {
    ...shared,
    sampleBatch: (rng: Rng): S4lRotationBatch => {
      const { images, ...labels } = drawImages(rng);
      return { ...rotationsOf(augmentView(images, p, rng)), ...labels, probe: sampleProbeViews(ctx.train, rng, p) };
    },
    lossTerms: (b: S4lRotationBatch) => {
      const h = norm.train(encoder.apply(b.images).h);                     // [4M, D], standardised
      const rotLogits = selfHead.apply(h);                                  // [4M, 4]
      const selfLoss = softmaxCrossEntropy(rotLogits, b.rotations);
      const classLoss = maskedCrossEntropy(classHead.apply(unrotatedRows(h, ROTATIONS)), b.labels, b.labelledMask);
      const { posSim, negSim } = probeSimilarity(encoder, b.probe);
      return { loss: classLoss.add(selfLoss.mul(p.selfSupWeight)) as tf.Scalar, extras: [posSim, negSim, classLoss, selfLoss, batchAccuracy(rotLogits, b.rotations)] };
    },
    preview: (b: S4lRotationBatch) => {
      const captions = captionsOf(b);
      return [{ title, rows: rotationRows(b, Math.min(8, p.labelledBatch + 4), (i, j) => text('charts.preview.s4l.rotationLabel', { name: captions[i], rotation: j })) }];
    },
  };

  return {
    ...shared,
    sampleBatch: (rng: Rng): S4lExemplarBatch => {
      const { images, ...labels } = drawImages(rng);
      return { views: Array.from({ length: p.exemplarViews }, () => augmentView(images, p, rng)), ...labels };
    },
    lossTerms: (b: S4lExemplarBatch) => {
      const m = b.views[0].shape[0];
      const h = norm.train(encoder.apply(tf.concat(b.views, 0)).h);          // [V M, D], view by view, standardised
      const triplet = batchHardTriplet(selfHead.apply(h), exemplarInstanceIds(m, b.views.length));
      const classLoss = maskedCrossEntropy(classHead.apply(h.slice([0, 0], [m, -1])), b.labels, b.labelledMask);
      return { loss: classLoss.add(triplet.loss.mul(p.selfSupWeight)) as tf.Scalar, extras: [triplet.posSim, triplet.negSim, classLoss, triplet.loss, triplet.accuracy] };
    },
    preview: (b: S4lExemplarBatch) => {
      const captions = captionsOf(b);
      const n = Math.min(8, b.views[0].shape[0]);
      return [{ title: text('charts.preview.s4l.exemplarTitle', { title }), rows: b.views.map((v, k) => ({
        caption: text('charts.preview.s4l.view', { n: k + 1 }), images: v.slice([0, 0, 0, 0], [n, -1, -1, -1]), labels: captions.slice(0, n),
      })) }];
    },
  };
});
