/**
 * Time-Contrastive Networks (Sermanet et al., ICRA 2018): encoder f, a linear 32-d embedding,
 * L2-normalised, triplet loss with margin 0.2.
 *   multi-view:  anchor = view i at t, positive = view j != i at t, negative = view i at t' (|t' - t| >= gap)
 *   single-view: positive within positiveRadius frames of the anchor, negative beyond negativeRadius
 * Anchor, positive and negative go through the encoder in one pass (group norm is per sample).
 * Held-out score: the cross-view alignment error of the embedding on the held-out scenes.
 */
import * as tf from '@tensorflow/tfjs';
import { chanceAlignmentError, multiViewAlignmentError } from '../eval/alignmentError';
import { l2Normalize } from '../losses/normalize';
import { tcnTripletLoss } from '../losses/tcnTriplet';
import { ResNetEncoder } from '../models/encoder';
import { Linear } from '../models/linear';
import { createOptimizer, type LossTerms } from '../models/optimizer';
import { commonRunParts } from './runParts';
import { VariableSet } from '../models/variables';
import { multiViewScenes } from '../video/frameStore';
import { tcnMultiViewIndices, tcnSingleViewIndices } from '../video/samplers';
import { tcnSpec, type TcnParams } from './specs/tcn';
import type { Batch, HeldOutScore, MethodImpl, MethodRun, PreviewPanel } from './types';
import { embedIndices, firstRows, frameCaption, gatherFrames, requireVideo } from './videoFrames';

const PREVIEW_COLUMNS = 8;

export const tcn: MethodImpl<TcnParams> = {
  spec: tcnSpec,
  create(ctx): MethodRun {
    const p = ctx.params;
    const video = requireVideo(ctx, tcnSpec.label);
    const { train, heldOut } = video.split;
    const multiView = p.variant === 'multi-view';
    if (multiView && multiViewScenes(train).length === 0) {
      throw new Error('Multi-view TCN needs synchronised views (two or more videos of the same scene, e.g. the Multi-view turntable, or videos dropped with "synchronised views" ticked). Choose the single-view variant for other videos.');
    }
    const vars = new VariableSet('tcn');
    const encoder = new ResNetEncoder(vars, { width: p.width, norm: p.norm }, ctx.initRng);
    const head = new Linear(vars, 'embedding', encoder.outputDim, p.embeddingDim, ctx.initRng);
    const optimizer = createOptimizer(p);
    /** [N, H, W, 3] -> [N, embeddingDim], unit rows. */
    const embedding = (x: tf.Tensor4D) => l2Normalize(head.apply(encoder.apply(x).h));

    const tripletOf = (batch: Batch): [tf.Tensor4D, tf.Tensor4D, tf.Tensor4D] => {
      if (batch.kind === 'multiViewFrames') return [batch.views[0], batch.views[1], batch.negatives];
      if (batch.kind === 'frameTuples') return [batch.frames[0], batch.frames[1], batch.frames[2]];
      throw new Error(`TCN: unexpected ${batch.kind} batch`);
    };

    const lossTerms = (batch: Batch): LossTerms => {
      const [a, pos, neg] = tripletOf(batch);
      const n = a.shape[0];
      const z = head.apply(encoder.apply(tf.concat([a, pos, neg], 0)).h);          // [3N, dim]
      const r = tcnTripletLoss(z.slice([0, 0], [n, -1]), z.slice([n, 0], [n, -1]), z.slice([2 * n, 0], [n, -1]), p.margin);
      return { loss: r.loss, extras: [r.posSim, r.negSim, r.accuracy, r.activeFraction] };
    };

    const sampleBatch = (rng: Parameters<MethodRun['sampleBatch']>[0]): Batch => {
      if (multiView) {
        const s = tcnMultiViewIndices(rng, train, p.batchSize, p.negativeGap);
        return {
          kind: 'multiViewFrames',
          views: [gatherFrames(video.trainFrames, s.anchor), gatherFrames(video.trainFrames, s.positive)],
          times: tf.tensor1d(s.times, 'int32'),
          negatives: gatherFrames(video.trainFrames, s.negative),
          info: captionsOf([s.anchor, s.positive, s.negative], true),
        };
      }
      const s = tcnSingleViewIndices(rng, train, p.batchSize, p.positiveRadius, p.negativeRadius);
      return {
        kind: 'frameTuples',
        frames: [s.anchor, s.positive, s.negative].map((i) => gatherFrames(video.trainFrames, i)),
        info: captionsOf([s.anchor, s.positive, s.negative], false),
      };
    };

    const captionsOf = (rows: Int32Array[], views: boolean) => ({
      captions: rows.map((r) => Array.from(r.slice(0, PREVIEW_COLUMNS), (i) => frameCaption(train, i, views))),
    });

    /** Alignment error of the embedding over every pair of views of each held-out scene with two or more. */
    const heldOutScores = async (): Promise<HeldOutScore[]> => {
      const scenes = multiViewScenes(heldOut);
      if (scenes.length === 0) {
        return [{ value: null, chance: null, detail: 'No held-out scene has two or more synchronised views, so there is no cross-view alignment to measure.' }];
      }
      let error = 0, chance = 0;
      for (const clips of scenes) {
        const length = Math.min(...clips.map((c) => heldOut.clips[c].frameCount));
        const views: Float32Array[] = [];
        let dim = 0;
        for (const c of clips) {
          const indices = Int32Array.from({ length }, (_, t) => heldOut.clips[c].start + t);
          const e = await embedIndices(video.heldOutFrames, indices, embedding);
          views.push(e.values);
          dim = e.dim;
        }
        error += multiViewAlignmentError(views, length, dim);
        chance += chanceAlignmentError(length);
      }
      const where = video.split.heldOutKind === 'scenes' ? `${scenes.length} held-out scene${scenes.length > 1 ? 's' : ''}` : 'the held-out last fifth of each scene';
      return [{ value: error / scenes.length, chance: chance / scenes.length, detail: `${where}, every ordered pair of views` }];
    };

    return {
      ...commonRunParts(encoder, vars, optimizer, lossTerms),
      sampleBatch,
      heldOutScores,
      preview: (batch): PreviewPanel[] => {
        const [a, pos, neg] = tripletOf(batch);
        const captions = (batch.kind === 'multiViewFrames' || batch.kind === 'frameTuples') ? batch.info?.captions : undefined;
        const title = multiView
          ? 'Columns = triplets. Anchor and positive: the same time step from two cameras. Negative: the anchor\'s camera at another time.'
          : `Columns = triplets. Positive: within ${p.positiveRadius} frames of the anchor. Negative: more than ${p.negativeRadius} frames away, same video.`;
        return [{
          title,
          rows: [['anchor', a], ['positive', pos], ['negative', neg]].map(([caption, x], k) => ({
            caption: caption as string, images: firstRows(x as tf.Tensor4D, PREVIEW_COLUMNS), ...(captions && { labels: captions[k] }),
          })),
        }];
      },
    };
  },
};
