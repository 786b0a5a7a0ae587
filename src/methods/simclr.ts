/**
 * SimCLR (Chen et al., ICML 2020): encoder f, MLP head g, NT-Xent over 2N views.
 * Both views go through the encoder in one pass of 2N images (group norm is per sample, so
 * this equals two passes).
 */
import * as tf from '@tensorflow/tfjs';
import { ntXentLoss } from '../losses/ntXent';
import { ProjectionHead } from '../models/heads';
import { defineMethod } from './base';
import { sampleTwoViews, twoViewsPreview, type TwoViews } from './batches';
import { simclrSpec } from './specs/simclr';
import { text } from '../shared/text';

export const simclr = defineMethod(simclrSpec, ({ ctx, params: p, vars, encoder }) => {
  const head = new ProjectionHead(vars, 'mlp', encoder.outputDim, p.headHidden, p.projectionDim, ctx.initRng);
  return {
    sampleBatch: (rng): TwoViews => sampleTwoViews(ctx.train, rng, p.batchSize, p),
    lossTerms: ({ views: [v1, v2] }: TwoViews) => {
      const n = v1.shape[0];
      const z = head.apply(encoder.apply(tf.concat([v1, v2], 0)).h); // [2N, dim]
      const r = ntXentLoss(z.slice([0, 0], [n, -1]), z.slice([n, 0], [n, -1]), p.temperature);
      return { loss: r.loss, extras: [r.posSim, r.negSim, r.positiveLogit, r.topNegativeSim] };
    },
    preview: (batch: TwoViews) => twoViewsPreview(batch, 8, [text('charts.preview.simclr.view1'), text('charts.preview.simclr.view2')]),
  };
});
