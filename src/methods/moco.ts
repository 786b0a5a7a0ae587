/**
 * MoCo (He et al., CVPR 2020; v2: Chen et al. 2020). The key encoder is an EMA copy of the query
 * encoder held in non-trainable variables (the optimizer never sees it); a FIFO queue of K
 * normalised keys supplies the negatives. Batch statistics cannot leak between query and key:
 * the encoder uses group norm or no norm (see encoderParams), never batch norm.
 */
import * as tf from '@tensorflow/tfjs';
import { mocoInfoNceLoss } from '../losses/infoNce';
import { l2Normalize } from '../losses/normalize';
import { ResNetEncoder } from '../models/encoder';
import { ProjectionHead } from '../models/heads';
import { createOptimizer, metricsOf, minimizeWithMetrics, type LossTerms } from '../models/optimizer';
import { frozenCopy, momentumUpdate, VariableSet } from '../models/variables';
import { KeyQueue } from '../models/keyQueue';
import { mocoSpec, type MocoParams } from './specs/moco';
import { sampleTwoViews, twoViewsOf, twoViewsPreview } from './twoViews';
import type { MethodImpl, MethodRun } from './types';

export const moco: MethodImpl<MocoParams> = {
  spec: mocoSpec,
  create(ctx): MethodRun {
    const p = ctx.params;
    const encoderConfig = { width: p.width, norm: p.norm };
    const headKind = p.version === 'v1' ? 'linear' : 'mlp';

    const queryVars = new VariableSet('moco/query');
    const queryEncoder = new ResNetEncoder(queryVars, encoderConfig, ctx.initRng);
    const queryHead = new ProjectionHead(queryVars, headKind, queryEncoder.outputDim, p.headHidden, p.projectionDim, ctx.initRng);
    // Key encoder starts equal to the query encoder (MoCo: param_k.data.copy_(param_q.data)).
    const keyVars = frozenCopy(queryVars, 'moco/key');
    const keyEncoder = new ResNetEncoder(keyVars, encoderConfig, null);
    const keyHead = new ProjectionHead(keyVars, headKind, keyEncoder.outputDim, p.headHidden, p.projectionDim, null);
    const queue = new KeyQueue(p.queueSize, p.projectionDim, ctx.initRng.seed());
    const optimizer = createOptimizer(p);
    const trainable = queryVars.list();

    /** keys: [N, dim] normalised, from the key encoder (no gradient). */
    const keysOf = (keyView: tf.Tensor4D) => l2Normalize(keyHead.apply(keyEncoder.apply(keyView).h));
    const lossTerms = (query: tf.Tensor4D, keys: tf.Tensor2D): LossTerms => {
      const q = queryHead.apply(queryEncoder.apply(query).h); // [N, dim]
      const r = mocoInfoNceLoss(q, keys, queue.keys as tf.Tensor2D, p.temperature);
      return { loss: r.loss, extras: [r.posSim, r.negSim, tf.scalar(queue.fillFraction), r.positiveLogit, r.queueLogit] };
    };

    return {
      encoder: queryEncoder,
      sampleBatch: (rng) => sampleTwoViews(ctx, rng, p.batchSize, p),
      trainStep: (batch) => tf.tidy(() => {
        const [query, key] = twoViewsOf(batch);
        momentumUpdate(keyVars, queryVars, p.momentum);
        // Keys: no gradient, computed outside the optimizer's function.
        const keys = keysOf(key);
        const metrics = minimizeWithMetrics(optimizer, trainable, () => lossTerms(query, keys));
        queue.enqueue(keys);
        return metrics;
      }),
      evaluateBatch: (batch) => tf.tidy(() => {
        const [query, key] = twoViewsOf(batch);
        return metricsOf(lossTerms(query, keysOf(key)));
      }),
      embed: (images) => queryEncoder.apply(images).h,
      preview: (batch) => twoViewsPreview(batch, 8, ['query view', 'key view']),
      variables: () => [...queryVars.list(), ...keyVars.list(), queue.keys],
      dispose() {
        optimizer.dispose();
        queryVars.dispose();
        keyVars.dispose();
        queue.dispose();
      },
    };
  },
};
