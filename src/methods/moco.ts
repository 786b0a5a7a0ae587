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
import { minimizeWithMetrics, type LossTerms } from '../models/optimizer';
import { frozenCopy, momentumUpdate } from '../models/variables';
import { KeyQueue } from '../models/keyQueue';
import { defineMethod } from './base';
import { sampleTwoViews, twoViewsPreview, type TwoViews } from './batches';
import { mocoSpec } from './specs/moco';
import { text } from '../shared/text';

const prefixed = (p: string, v: Record<string, number>) => Object.fromEntries(Object.entries(v).map(([k, x]) => [`${p}.${k}`, x]));
const unprefixed = (p: string, v: Record<string, number>) => Object.fromEntries(Object.entries(v).filter(([k]) => k.startsWith(`${p}.`)).map(([k, x]) => [k.slice(p.length + 1), x]));

/** The query encoder is the base encoder: its variables are 'moco/query/...'. */
export const moco = defineMethod(mocoSpec, ({ ctx, params: p, vars: queryVars, encoder: queryEncoder, optimizer }) => {
  const headKind = p.version === 'v1' ? 'linear' : 'mlp';
  const queryHead = new ProjectionHead(queryVars, headKind, queryEncoder.outputDim, p.headHidden, p.projectionDim, ctx.initRng);
  // Key encoder starts equal to the query encoder (MoCo: param_k.data.copy_(param_q.data)).
  const keyVars = frozenCopy(queryVars, 'moco/key');
  const keyEncoder = new ResNetEncoder(keyVars, queryEncoder.config, null);
  const keyHead = new ProjectionHead(keyVars, headKind, keyEncoder.outputDim, p.headHidden, p.projectionDim, null);
  const queue = new KeyQueue(p.queueSize, p.projectionDim, ctx.initRng.seed());
  const trainable = queryVars.list();

  /** keys: [N, dim] normalised, from the key encoder (no gradient). */
  const keysOf = (keyView: tf.Tensor4D) => l2Normalize(keyHead.apply(keyEncoder.apply(keyView).h));
  const queryTerms = (query: tf.Tensor4D, keys: tf.Tensor2D): LossTerms => {
    const q = queryHead.apply(queryEncoder.apply(query).h); // [N, dim]
    const r = mocoInfoNceLoss(q, keys, queue.keys as tf.Tensor2D, p.temperature);
    return { loss: r.loss, extras: [r.posSim, r.negSim, tf.scalar(queue.fillFraction), r.positiveLogit, r.queueLogit] };
  };

  return {
    sampleBatch: (rng): TwoViews => sampleTwoViews(ctx.train, rng, p.batchSize, p),
    lossTerms: ({ views: [query, key] }: TwoViews) => queryTerms(query, keysOf(key)),
    // The EMA update and the keys come before the query's step, the keys join the queue after it.
    trainStep: ({ views: [query, key] }: TwoViews) => tf.tidy(() => {
      momentumUpdate(keyVars, queryVars, p.momentum);
      // Keys: no gradient, computed outside the optimizer's function.
      const keys = keysOf(key);
      const metrics = minimizeWithMetrics(optimizer, trainable, () => queryTerms(query, keys));
      queue.enqueue(keys);
      return metrics;
    }),
    preview: (batch: TwoViews) => twoViewsPreview(batch, 8, [text('charts.preview.moco.query'), text('charts.preview.moco.key')]),
    extraVariables: () => [...keyVars.list(), queue.keys],
    checkpointParts: () => ({
      counters: {
        save: () => prefixed('queue', queue.saveCounters()),
        load: (v) => queue.loadCounters(unprefixed('queue', v)),
      },
    }),
    dispose() {
      keyVars.dispose();
      queue.dispose();
    },
  };
}, { variablePrefix: 'moco/query' });
