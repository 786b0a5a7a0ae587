/**
 * Time-Contrastive Networks (Sermanet et al., ICRA 2018): encoder f, a linear 32-d embedding,
 * L2-normalised, triplet loss with margin 0.2, or (multi-view, the default since issue 18) the
 * N-pairs / InfoNCE form: every other positive of the batch and the anchor's own negative are
 * the candidates (losses/tcnTriplet.ts).
 *   multi-view:  anchor = view i at t, positive = view j != i at t, negative = view i at t' (|t' - t| >= gap)
 *   single-view: positive within positiveRadius frames of the anchor, negative beyond negativeRadius
 * Anchor, positive and negative go through the encoder in one pass (group norm is per sample).
 * Held-out score: the cross-view alignment error of the embedding on the held-out scenes.
 */
import * as tf from '@tensorflow/tfjs';
import { chanceAlignmentError, multiViewAlignmentError } from '../eval/alignmentError';
import { l2Normalize } from '../losses/normalize';
import { tcnNPairsLoss, tcnTripletLoss } from '../losses/tcnTriplet';
import { Linear } from '../models/linear';
import { multiViewScenes } from '../video/frameStore';
import { tcnMultiViewIndices, tcnSingleViewIndices, type MultiViewTriplets } from '../video/samplers';
import { defineMethod } from './base';
import { tripletRows, type FrameTriplet } from './batches';
import { tcnSpec } from './specs/tcn';
import type { HeldOutScore } from './types';
import { embedIndices, frameCaption, gatherFrames, requireVideo } from './videoFrames';
import { text } from '../shared/text';

const PREVIEW_COLUMNS = 8;

/** Triplets, and for multi-view N-pairs which pairs (i, j != i) show the same moment: [N, N] 0/1. */
export interface TcnBatch extends FrameTriplet {
  sameMoment?: tf.Tensor2D;
}

/** [n*n] 1 where triplets i != j are of the same scene less than `gap` time steps apart (no negatives of each other). */
export function sameMomentMask(s: Pick<MultiViewTriplets, 'scenes' | 'times'>, gap: number): Float32Array {
  const n = s.times.length, out = new Float32Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) if (i !== j && s.scenes[i] === s.scenes[j] && Math.abs(s.times[i] - s.times[j]) < gap) out[i * n + j] = 1;
  }
  return out;
}

export const tcn = defineMethod(tcnSpec, ({ ctx, params: p, vars, encoder }) => {
  const video = requireVideo(ctx, 'tcn');
  const { train, heldOut } = video.split;
  const multiView = p.variant === 'multi-view';
  if (multiView && multiViewScenes(train).length === 0) {
    throw new Error('Multi-view TCN needs synchronised views (two or more videos of the same scene, e.g. the Multi-view turntable, or videos dropped with "synchronised views" ticked). Choose the single-view variant for other videos.');
  }
  const head = new Linear(vars, 'embedding', encoder.outputDim, p.embeddingDim, ctx.initRng);
  /** [N, H, W, 3] -> [N, embeddingDim], unit rows. */
  const embedding = (x: tf.Tensor4D) => l2Normalize(head.apply(encoder.apply(x).h));

  /** Anchor, positive and negative frames of N triplets, with their preview captions. */
  const tripletOf = (s: { anchor: Int32Array; positive: Int32Array; negative: Int32Array }): FrameTriplet => {
    const rows = [s.anchor, s.positive, s.negative];
    return {
      frames: rows.map((i) => gatherFrames(video.trainFrames, i)) as FrameTriplet['frames'],
      captions: rows.map((r) => Array.from(r.slice(0, PREVIEW_COLUMNS), (i) => frameCaption(train, i, multiView))) as FrameTriplet['captions'],
    };
  };

  /** Alignment error of the embedding over every pair of views of each held-out scene with two or more. */
  const heldOutScores = async (): Promise<HeldOutScore[]> => {
    const scenes = multiViewScenes(heldOut);
    if (scenes.length === 0) {
      return [{ value: null, chance: null, detail: text('charts.heldOut.detail.tcn.noViews') }];
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
    const detail = video.split.heldOutKind === 'scenes' ? text('charts.heldOut.detail.tcn.scenes', { count: scenes.length }) : text('charts.heldOut.detail.tcn.lastFifth');
    return [{ value: error / scenes.length, chance: chance / scenes.length, detail }];
  };

  const nPairs = multiView && p.loss === 'npairs';
  return {
    // multi-view: anchor = view i at t, positive = view j != i at t, negative = view i at t'.
    sampleBatch: (rng): TcnBatch => {
      if (!multiView) return tripletOf(tcnSingleViewIndices(rng, train, p.batchSize, p.positiveRadius, p.negativeRadius));
      const s = tcnMultiViewIndices(rng, train, p.batchSize, p.negativeGap);
      return { ...tripletOf(s), ...(nPairs && { sameMoment: tf.tensor2d(sameMomentMask(s, p.negativeGap), [p.batchSize, p.batchSize]) }) };
    },
    lossTerms: ({ frames: [a, pos, neg], sameMoment }: TcnBatch) => {
      const n = a.shape[0];
      const z = head.apply(encoder.apply(tf.concat([a, pos, neg], 0)).h);          // [3N, dim]
      const [za, zp, zn] = [0, 1, 2].map((k) => z.slice([k * n, 0], [n, -1]));
      // The triplet's figures are reported either way (for N-pairs as a measurement beside its loss).
      const r = tcnTripletLoss(za, zp, zn, p.margin);
      const loss = nPairs && sameMoment ? tcnNPairsLoss(za, zp, zn, sameMoment, p.temperature) : r.loss;
      return { loss, extras: [r.posSim, r.negSim, r.accuracy, r.activeFraction] };
    },
    heldOutScores,
    preview: (batch: TcnBatch) => [{
      title: multiView
        ? text(nPairs ? 'charts.preview.tcn.nPairsTitle' : 'charts.preview.tcn.multiViewTitle')
        : text('charts.preview.tcn.singleViewTitle', { positive: p.positiveRadius, negative: p.negativeRadius }),
      rows: tripletRows(batch, [text('charts.preview.tcn.anchor'), text('charts.preview.tcn.positive'), text('charts.preview.tcn.negative')], PREVIEW_COLUMNS),
    }],
  };
});
