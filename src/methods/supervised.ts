/**
 * Supervised baseline: cross-entropy through the same encoder and augmentations as the
 * self-supervised methods, on all labelled images or a fixed percent of them (as S4L's subset).
 */
import * as tf from '@tensorflow/tfjs';
import { augmentView } from '../augment/views';
import { batchAccuracy, softmaxCrossEntropy } from '../losses/classification';
import { ResNetEncoder } from '../models/encoder';
import { Linear } from '../models/linear';
import { createOptimizer, metricsOf, minimizeWithMetrics, type LossTerms } from '../models/optimizer';
import { VariableSet } from '../models/variables';
import { classCaptions, drawFrom, gatherLabelled, labelledSubset } from './labelled';
import { supervisedSpec, type SupervisedParams } from './specs/supervised';
import { probeSimilarity, sampleProbeViews } from './stepProbe';
import type { Batch, MethodImpl, MethodRun, PreviewPanel } from './types';

function labelledViewsOf(batch: Batch): { images: tf.Tensor4D; labels: tf.Tensor1D; probe: [tf.Tensor4D, tf.Tensor4D] } {
  if (batch.kind !== 'views' || !batch.labels || !batch.probe) throw new Error(`expected a labelled views batch, got ${batch.kind}`);
  return { images: batch.views[0], labels: batch.labels, probe: batch.probe };
}

export const supervised: MethodImpl<SupervisedParams> = {
  spec: supervisedSpec,
  create(ctx): MethodRun {
    const p = ctx.params;
    const vars = new VariableSet('supervised');
    const encoder = new ResNetEncoder(vars, { width: p.width, norm: p.norm }, ctx.initRng);
    const classifier = new Linear(vars, 'classifier', encoder.outputDim, ctx.train.numClasses, ctx.initRng);
    const optimizer = createOptimizer(p);
    const trainable = vars.list();
    const pool = labelledSubset(ctx.train.labels, p.labelledPercent);

    const lossTerms = (batch: Batch): LossTerms => {
      const { images, labels, probe } = labelledViewsOf(batch);
      const logits = classifier.apply(encoder.apply(images).h);
      const { posSim, negSim } = probeSimilarity(encoder, probe);
      return { loss: softmaxCrossEntropy(logits, labels), extras: [posSim, negSim, batchAccuracy(logits, labels)] };
    };

    return {
      encoder: encoder,
      sampleBatch: (rng): Batch => {
        const indices = drawFrom(rng, pool, p.batchSize);
        const { images, labels } = gatherLabelled(ctx.train, indices);
        return { kind: 'views', views: [augmentView(images, p, rng)], labels, probe: sampleProbeViews(ctx.train, rng, p), labelValues: indices.map((i) => ctx.train.labels[i]) };
      },
      trainStep: (batch) => tf.tidy(() => minimizeWithMetrics(optimizer, trainable, () => lossTerms(batch))),
      evaluateBatch: (batch) => tf.tidy(() => metricsOf(lossTerms(batch))),
      embed: (images) => encoder.apply(images).h,
      classify: (images) => tf.tidy(() => tf.argMax(classifier.apply(encoder.apply(images).h), 1).toFloat().reshape([-1, 1]) as tf.Tensor2D),
      preview: (batch): PreviewPanel[] => {
        const { images } = labelledViewsOf(batch);
        const n = Math.min(8, images.shape[0]);
        return [{ title: `Augmented labelled images (${pool.length} labelled training images available)`, rows: [
          { caption: 'view (class below)', images: images.slice([0, 0, 0, 0], [n, -1, -1, -1]), labels: classCaptions(batch.kind === 'views' ? batch.labelValues : undefined, ctx.train.classNames, n) },
        ] }];
      },
      variables: () => vars.list(),
      dispose() {
        optimizer.dispose();
        vars.dispose();
      },
    };
  },
};
