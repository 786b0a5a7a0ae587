/**
 * SimCLR (Chen et al., ICML 2020): encoder f, MLP head g, NT-Xent over 2N views.
 * Both views go through the encoder in one pass of 2N images (group norm is per sample, so
 * this equals two passes).
 */
import * as tf from '@tensorflow/tfjs';
import { ntXentLoss } from '../losses/ntXent';
import { ResNetEncoder } from '../models/encoder';
import { ProjectionHead } from '../models/heads';
import { createOptimizer, metricsOf, minimizeWithMetrics, type LossTerms } from '../models/optimizer';
import { VariableSet } from '../models/variables';
import { simclrSpec, type SimclrParams } from './specs/simclr';
import { sampleTwoViews, twoViewsOf, twoViewsPreview } from './twoViews';
import type { Batch, MethodImpl, MethodRun } from './types';

export const simclr: MethodImpl<SimclrParams> = {
  spec: simclrSpec,
  create(ctx): MethodRun {
    const p = ctx.params;
    const vars = new VariableSet('simclr');
    const encoder = new ResNetEncoder(vars, { width: p.width, norm: p.norm }, ctx.initRng);
    const head = new ProjectionHead(vars, 'mlp', encoder.outputDim, p.headHidden, p.projectionDim, ctx.initRng);
    const optimizer = createOptimizer(p);
    const trainable = vars.list();

    const lossTerms = (batch: Batch): LossTerms => {
      const [v1, v2] = twoViewsOf(batch);
      const n = v1.shape[0];
      const z = head.apply(encoder.apply(tf.concat([v1, v2], 0)).h); // [2N, dim]
      const r = ntXentLoss(z.slice([0, 0], [n, -1]), z.slice([n, 0], [n, -1]), p.temperature);
      return { loss: r.loss, extras: [r.posSim, r.negSim, r.positiveLogit, r.topNegativeSim] };
    };

    return {
      encoder: encoder,
      sampleBatch: (rng) => sampleTwoViews(ctx, rng, p.batchSize, p),
      trainStep: (batch) => tf.tidy(() => minimizeWithMetrics(optimizer, trainable, () => lossTerms(batch))),
      evaluateBatch: (batch) => tf.tidy(() => metricsOf(lossTerms(batch))),
      embed: (images) => encoder.apply(images).h,
      preview: (batch) => twoViewsPreview(batch, 8, ['view 1', 'view 2']),
      variables: () => vars.list(),
      dispose() {
        optimizer.dispose();
        vars.dispose();
      },
    };
  },
};
