/**
 * Shuffle and Learn (Misra, Zitnick, Hebert, ECCV 2016): five frames a<b<c<d<e from a
 * high-motion window; (b,c,d) and (d,c,b) are in order, (b,a,d), (d,a,b), (b,e,d) and (d,e,b) are
 * not. One shared encoder on the three frames (one pass of 3N images); each frame's last feature
 * map through one shared layer (the paper's per-frame fc7: the pooled h all but loses where a
 * sprite is, issue 18); the tuple centred, features concatenated [N, 3D], a two-layer
 * classifier, binary cross-entropy. Held-out score: order-verification accuracy on balanced tuples
 * of the held-out videos (fixed draw, chance 50%).
 */
import * as tf from '@tensorflow/tfjs';
import { orderVerificationLoss } from '../losses/orderVerification';
import { Linear } from '../models/linear';
import { augmentParams, type AugmentParams } from '../shared/paramGroups';
import { defaultParams } from '../shared/params';
import { createRng } from '../shared/rng';
import { frameMotion, SHUFFLE_KINDS, shuffleLearnEvalSet, shuffleLearnTuples } from '../video/samplers';
import { defineMethod } from './base';
import { tripletRows, type FrameTriplet, type StepProbe } from './batches';
import { shuffleLearnSpec } from './specs/shuffleLearn';
import { probeSimilarity, sampleProbeViews } from './stepProbe';
import type { HeldOutScore } from './types';
import { embedIndices, gatherFrames, locateFrame, requireVideo } from './videoFrames';
import { text, type Text } from '../shared/text';

/** The preview's catalog key of each SHUFFLE_KINDS entry (charts.preview.shuffleLearn.kinds), in its order. */
const KIND_KEYS = ['inOrder', 'reversed', 'bad', 'dab', 'bed', 'deb'] as const satisfies { length: typeof SHUFFLE_KINDS.length };

/** Balanced held-out tuples scored at every evaluation (standard error about 3 points at 256). */
export const HELD_OUT_TUPLES = 256;
const HELD_OUT_SEED = 1603;
const PREVIEW_COLUMNS = 8;

/** N tuples of three frames in the order the classifier sees them, target [N] (1 = in order), the step probe. */
export interface ShuffleLearnBatch extends FrameTriplet, StepProbe {
  target: tf.Tensor1D;
}

export const shuffleLearn = defineMethod(shuffleLearnSpec, ({ ctx, params: p, vars, encoder }) => {
  const video = requireVideo(ctx, 'shuffle-learn');
  const { train, heldOut } = video.split;
  const motion = frameMotion(train);
  const samplerOptions = { positiveFraction: p.positiveFraction, window: p.window, motionQuantile: p.motionQuantile, minGap: p.minGap };
  // Fails here, with the sampler's message, when no training clip is long enough. A throwaway
  // rng: a draw from initRng would change the heads' initial weights.
  shuffleLearnTuples(createRng(0), train, motion, 1, samplerOptions);
  let heldOutSet: ReturnType<typeof shuffleLearnEvalSet> | null = null, heldOutProblem = '';
  try {
    // Three frames per tuple, an even count (half in order) within the run's held-out budget.
    const tuples = Math.min(HELD_OUT_TUPLES, Math.max(4, 2 * Math.floor((ctx.heldOutBudget ?? Infinity) / 6)));
    heldOutSet = shuffleLearnEvalSet(HELD_OUT_SEED, heldOut, frameMotion(heldOut), tuples, samplerOptions);
  } catch (e) {
    heldOutProblem = e instanceof Error ? e.message : String(e);
  }

  // What the classifier reads of each frame. 'map': the last stage's map [H/4, W/4, 4w], flattened,
  // through one shared layer (the paper's per-frame fc6-fc7 over AlexNet's spatial pool5 map);
  // 'h': the pooled representation, in which a sprite's position is all but gone: on moving
  // shapes a distance rule orders 58% of held-out tuples from h, 76% from the map (videoMethods.test.ts).
  const fromMap = p.frameFeatures === 'map';
  const mapDim = Math.ceil(train.height / 4) * Math.ceil(train.width / 4) * encoder.outputDim;
  const perFrame = fromMap ? new Linear(vars, 'order/frame', mapDim, p.frameDim, ctx.initRng) : null;
  const frameDim = fromMap ? p.frameDim : encoder.outputDim;
  const hidden = new Linear(vars, 'order/hidden', 3 * frameDim, p.classifierHidden, ctx.initRng);
  const output = new Linear(vars, 'order/out', p.classifierHidden, 1, ctx.initRng);
  /** images [M, H, W, 3] -> [M, frameDim], each frame's features for the classifier. */
  const frameFeatures = (x: tf.Tensor4D): tf.Tensor2D => {
    const e = encoder.apply(x);
    return perFrame ? tf.relu(perFrame.apply(e.map.reshape([x.shape[0], mapDim]) as tf.Tensor2D)) : e.h;
  };
  // The universal probe's views use the default augmentations (this method has none of its own).
  const probeAugment = defaultParams(augmentParams()) as unknown as AugmentParams;

  /** [3N, frameDim], the three frames' features frame by frame -> [N] logit of "in order". */
  const orderLogits = (h: tf.Tensor2D): tf.Tensor1D => {
    const n = h.shape[0] / 3;
    let parts = [0, 1, 2].map((k) => h.slice([k * n, 0], [n, -1]));                  // 3 x [N, D]
    if (p.tupleNorm === 'center') {
      // The three frames' features share a large common part (cosine ~0.99 at init) that says
      // nothing about their order; take it out, then scale each tuple to unit RMS.
      const mean = parts[0].add(parts[1]).add(parts[2]).div(3);
      parts = parts.map((f) => f.sub(mean));
      const rms = tf.sqrt(parts.map((f) => f.square().sum(1, true)).reduce((a, b) => a.add(b)).div(3 * h.shape[1]).add(1e-12));
      parts = parts.map((f) => f.div(rms));
    }
    const joined = tf.concat(parts, 1) as tf.Tensor2D; // [N, 3D]
    return output.apply(tf.relu(hidden.apply(joined))).reshape([n]) as tf.Tensor1D;
  };

  /** Accuracy of the classifier on the fixed balanced held-out tuples. */
  const heldOutScores = async (): Promise<HeldOutScore[]> => {
    if (!heldOutSet) return [{ value: null, chance: 0.5, detail: text('charts.heldOut.detail.shuffleLearn.none', { problem: heldOutProblem }) }];
    const set = heldOutSet;
    const n = set.target.length;
    // The three frames of every tuple, embedded in fixed-size chunks, then classified at once.
    const { values, dim } = await embedIndices(video.heldOutFrames, Int32Array.from([...set.frames[0], ...set.frames[1], ...set.frames[2]]), frameFeatures);
    const logits = tf.tidy(() => orderLogits(tf.tensor2d(values, [3 * n, dim])));
    const l = await logits.data();
    logits.dispose();
    let right = 0;
    for (let i = 0; i < n; i++) if ((l[i] > 0 ? 1 : 0) === set.target[i]) right++;
    const where = video.split.heldOutKind === 'scenes' ? 'scenes' : 'lastFifth';
    return [{ value: right / n, chance: 0.5, detail: text(`charts.heldOut.detail.shuffleLearn.${where}`, { count: n }) }];
  };

  return {
    sampleBatch: (rng): ShuffleLearnBatch => {
      const s = shuffleLearnTuples(rng, train, motion, p.batchSize, samplerOptions);
      const columns = Math.min(PREVIEW_COLUMNS, p.batchSize);
      // Under each frame its time step; under the first also the tuple's kind.
      const times = s.frames.map((f) => Array.from(f.slice(0, columns), (j) => `t=${locateFrame(train, j).frame}`));
      return {
        frames: s.frames.map((i) => gatherFrames(video.trainFrames, i)) as FrameTriplet['frames'],
        target: tf.tensor1d(s.target),
        probe: sampleProbeViews(ctx.train, rng, probeAugment),
        captions: [times[0].map((t, i) => text('charts.preview.shuffleLearn.frameLabel', { kind: text(`charts.preview.shuffleLearn.kinds.${KIND_KEYS[s.kind[i]]}`), time: t })), times[1], times[2]],
      };
    },
    // One shared encoder pass of the 3N frames.
    lossTerms: ({ frames, target, probe }: ShuffleLearnBatch) => {
      const r = orderVerificationLoss(orderLogits(frameFeatures(tf.concat(frames, 0))), target);
      const { posSim, negSim } = probeSimilarity(encoder, probe);
      return { loss: r.loss, extras: [posSim, negSim, r.accuracy] };
    },
    heldOutScores,
    preview: (batch: ShuffleLearnBatch) => [{
      title: text('charts.preview.shuffleLearn.title', { inOrder: Math.round(p.positiveFraction * 100), top: Math.round((1 - p.motionQuantile) * 100) }),
      rows: tripletRows(batch, [1, 2, 3].map((n) => text('charts.preview.shuffleLearn.frame', { n })) as [Text, Text, Text], PREVIEW_COLUMNS),
    }],
  };
});
