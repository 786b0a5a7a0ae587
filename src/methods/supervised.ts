/**
 * Supervised baseline: cross-entropy through the same encoder and augmentations as the
 * self-supervised methods, on all labelled images or a fixed percent of them (as S4L's subset).
 */
import * as tf from '@tensorflow/tfjs';
import { augmentView } from '../augment/views';
import { batchAccuracy, softmaxCrossEntropy } from '../losses/classification';
import { Linear } from '../models/linear';
import { defineMethod } from './base';
import type { Labels, StepProbe } from './batches';
import { classCaptions, drawFrom, gatherLabelled, labelledSubset } from './labelled';
import { supervisedSpec } from './specs/supervised';
import { probeSimilarity, sampleProbeViews } from './stepProbe';
import { text } from '../shared/text';

/** N augmented labelled images [N, H, W, 3], their labels and the step probe. */
export interface SupervisedBatch extends Labels, StepProbe {
  images: tf.Tensor4D;
}

export const supervised = defineMethod(supervisedSpec, ({ ctx, params: p, vars, encoder }) => {
  const classifier = new Linear(vars, 'classifier', encoder.outputDim, ctx.train.numClasses, ctx.initRng);
  const pool = labelledSubset(ctx.train.labels, p.labelledPercent);
  const logitsOf = (images: tf.Tensor4D) => classifier.apply(encoder.apply(images).h);

  return {
    sampleBatch: (rng): SupervisedBatch => {
      const indices = drawFrom(rng, pool, p.batchSize);
      const { images, labels } = gatherLabelled(ctx.train, indices);
      return { images: augmentView(images, p, rng), labels, probe: sampleProbeViews(ctx.train, rng, p), labelValues: indices.map((i) => ctx.train.labels[i]) };
    },
    lossTerms: ({ images, labels, probe }: SupervisedBatch) => {
      const logits = logitsOf(images);
      const { posSim, negSim } = probeSimilarity(encoder, probe);
      return { loss: softmaxCrossEntropy(logits, labels), extras: [posSim, negSim, batchAccuracy(logits, labels)] };
    },
    classify: (images) => tf.tidy(() => tf.argMax(logitsOf(images), 1).toFloat().reshape([-1, 1]) as tf.Tensor2D),
    preview: ({ images, labelValues }: SupervisedBatch) => {
      const n = Math.min(8, images.shape[0]);
      return [{ title: text('charts.preview.supervised.title', { count: pool.length }), rows: [
        { caption: text('charts.preview.supervised.caption'), images: images.slice([0, 0, 0, 0], [n, -1, -1, -1]), labels: classCaptions(labelValues, ctx.train.classNames, n) },
      ] }];
    },
  };
});
