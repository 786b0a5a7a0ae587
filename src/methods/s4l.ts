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
import { ResNetEncoder } from '../models/encoder';
import { Linear } from '../models/linear';
import { createOptimizer, metricsOf, minimizeWithMetrics, type LossTerms } from '../models/optimizer';
import { VariableSet } from '../models/variables';
import type { Rng } from '../shared/rng';
import { sampleWithoutReplacement } from '../shared/rng';
import { classCaptions, drawFrom, labelledSubset } from './labelled';
import { rotationBatch, rotationRows, rotationsOf } from './rotationBatch';
import { s4lSpec, type S4lParams } from './specs/s4l';
import { probeSimilarity, sampleProbeViews } from './stepProbe';
import type { Batch, MethodImpl, MethodRun, PreviewPanel } from './types';

export const s4l: MethodImpl<S4lParams> = {
  spec: s4lSpec,
  create(ctx): MethodRun {
    const p = ctx.params;
    const vars = new VariableSet('s4l');
    const encoder = new ResNetEncoder(vars, { width: p.width, norm: p.norm }, ctx.initRng);
    const classHead = new Linear(vars, 'class', encoder.outputDim, ctx.train.numClasses, ctx.initRng);
    const selfHead = p.variant === 'rotation'
      ? new Linear(vars, 'rotation', encoder.outputDim, ROTATIONS, ctx.initRng)
      : new Linear(vars, 'exemplar', encoder.outputDim, p.projectionDim, ctx.initRng);
    const optimizer = createOptimizer(p);
    const trainable = vars.list();
    const subset = labelledSubset(ctx.train.labels, p.labelledPercent);

    /** Rows [0, L) labelled (from the subset), rows [L, L + N) from all training images. */
    const drawImages = (rng: Rng) => {
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
      };
    };

    const lossTerms = (batch: Batch): LossTerms => {
      if (batch.kind === 'rotations') {
        if (!batch.labels || !batch.labelledMask || !batch.probe) throw new Error('S4L needs labels');
        const h = encoder.apply(batch.images).h;                                 // [4M, D]
        const rotLogits = selfHead.apply(h);                                      // [4M, 4]
        const selfLoss = softmaxCrossEntropy(rotLogits, batch.rotations);
        const classLoss = maskedCrossEntropy(classHead.apply(unrotatedRows(h, ROTATIONS)), batch.labels, batch.labelledMask);
        const { posSim, negSim } = probeSimilarity(encoder, batch.probe);
        return { loss: classLoss.add(selfLoss.mul(p.selfSupWeight)) as tf.Scalar, extras: [posSim, negSim, classLoss, selfLoss, batchAccuracy(rotLogits, batch.rotations)] };
      }
      if (batch.kind !== 'views' || !batch.labels || !batch.labelledMask) throw new Error(`S4L: unexpected ${batch.kind} batch`);
      const m = batch.views[0].shape[0];
      const h = encoder.apply(tf.concat(batch.views, 0)).h;                      // [V M, D], view by view
      const triplet = batchHardTriplet(selfHead.apply(h), exemplarInstanceIds(m, batch.views.length));
      const classLoss = maskedCrossEntropy(classHead.apply(h.slice([0, 0], [m, -1])), batch.labels, batch.labelledMask);
      return { loss: classLoss.add(triplet.loss.mul(p.selfSupWeight)) as tf.Scalar, extras: [triplet.posSim, triplet.negSim, classLoss, triplet.loss, triplet.accuracy] };
    };

    return {
      encoder: encoder,
      sampleBatch: (rng): Batch => {
        const { images, labels, labelledMask, labelValues } = drawImages(rng);
        if (p.variant === 'rotation') {
          return rotationBatch(augmentView(images, p, rng), { labels, labelledMask, labelValues, probe: sampleProbeViews(ctx.train, rng, p) });
        }
        const views = Array.from({ length: p.exemplarViews }, () => augmentView(images, p, rng));
        return { kind: 'views', views, labels, labelledMask, labelValues };
      },
      trainStep: (batch) => tf.tidy(() => minimizeWithMetrics(optimizer, trainable, () => lossTerms(batch))),
      evaluateBatch: (batch) => tf.tidy(() => metricsOf(lossTerms(batch))),
      embed: (images) => encoder.apply(images).h,
      classify: (images) => tf.tidy(() => tf.argMax(classHead.apply(encoder.apply(images).h), 1).toFloat().reshape([-1, 1]) as tf.Tensor2D),
      preview: (batch): PreviewPanel[] => {
        const captions = classCaptions(batch.kind === 'rotations' || batch.kind === 'views' ? batch.labelValues : undefined, ctx.train.classNames, 1e9);
        const labelledCount = p.labelledBatch;
        const title = `${labelledCount} labelled images (class shown) then unlabelled ones; ${subset.length} labelled training images (${p.labelledPercent}%)`;
        if (batch.kind === 'rotations') {
          const b = rotationsOf(batch);
          return [{ title, rows: rotationRows(b, Math.min(8, labelledCount + 4), (i, j) => `${captions[i]} · rotation ${j}`) }];
        }
        if (batch.kind !== 'views') return [];
        const n = Math.min(8, batch.views[0].shape[0]);
        return [{ title: `${title}; columns = images, rows = exemplar views (same column = same instance)`, rows: batch.views.map((v, k) => ({
          caption: `view ${k + 1}`, images: v.slice([0, 0, 0, 0], [n, -1, -1, -1]), labels: captions.slice(0, n),
        })) }];
      },
      variables: () => vars.list(),
      dispose() {
        optimizer.dispose();
        vars.dispose();
      },
    };
  },
};
