/**
 * Shuffle and Learn (Misra, Zitnick, Hebert, ECCV 2016): five frames a<b<c<d<e from a
 * high-motion window; (b,c,d) and (d,c,b) are in order, (b,a,d) and (b,e,d) are not. One shared
 * encoder on the three frames (one pass of 3N images), features concatenated [N, 3D], a two-layer
 * classifier, binary cross-entropy. Held-out score: order-verification accuracy on balanced tuples
 * of the held-out videos (fixed draw, chance 50%).
 */
import * as tf from '@tensorflow/tfjs';
import { orderVerificationLoss } from '../losses/orderVerification';
import { ResNetEncoder } from '../models/encoder';
import { Linear } from '../models/linear';
import { createOptimizer, type LossTerms } from '../models/optimizer';
import { commonRunParts } from './runParts';
import { VariableSet } from '../models/variables';
import { augmentParams, type AugmentParams } from '../shared/paramGroups';
import { defaultParams } from '../shared/params';
import { createRng, type Rng } from '../shared/rng';
import { frameMotion, SHUFFLE_KINDS, shuffleLearnEvalSet, shuffleLearnTuples } from '../video/samplers';
import { shuffleLearnSpec, type ShuffleLearnParams } from './specs/shuffleLearn';
import { probeSimilarity, sampleProbeViews } from './stepProbe';
import type { Batch, HeldOutScore, MethodImpl, MethodRun, PreviewPanel } from './types';
import { embedIndices, firstRows, frameCaption, gatherFrames, requireVideo } from './videoFrames';

/** Balanced held-out tuples scored at every evaluation (standard error about 3 points at 256). */
export const HELD_OUT_TUPLES = 256;
const HELD_OUT_SEED = 1603;
const PREVIEW_COLUMNS = 8;

export const shuffleLearn: MethodImpl<ShuffleLearnParams> = {
  spec: shuffleLearnSpec,
  create(ctx): MethodRun {
    const p = ctx.params;
    const video = requireVideo(ctx, shuffleLearnSpec.label);
    const { train, heldOut } = video.split;
    const motion = frameMotion(train);
    const samplerOptions = { positiveFraction: p.positiveFraction, window: p.window, motionQuantile: p.motionQuantile };
    // Fails here, with the sampler's message, when no training clip is long enough. A throwaway
    // rng: drawing from initRng would give this method another random-init encoder than the
    // others get from the same seed.
    shuffleLearnTuples(createRng(0), train, motion, 1, samplerOptions);
    let heldOutSet: ReturnType<typeof shuffleLearnEvalSet> | null = null, heldOutProblem = '';
    try {
      // Three frames per tuple, an even count (half in order) within the run's held-out budget.
      const tuples = Math.min(HELD_OUT_TUPLES, Math.max(4, 2 * Math.floor((ctx.heldOutBudget ?? Infinity) / 6)));
      heldOutSet = shuffleLearnEvalSet(HELD_OUT_SEED, heldOut, frameMotion(heldOut), tuples, p.window, p.motionQuantile);
    } catch (e) {
      heldOutProblem = e instanceof Error ? e.message : String(e);
    }

    const vars = new VariableSet('shuffle-learn');
    const encoder = new ResNetEncoder(vars, { width: p.width, norm: p.norm }, ctx.initRng);
    const hidden = new Linear(vars, 'order/hidden', 3 * encoder.outputDim, p.classifierHidden, ctx.initRng);
    const output = new Linear(vars, 'order/out', p.classifierHidden, 1, ctx.initRng);
    const optimizer = createOptimizer(p);
    // The universal probe's views use the default augmentations (this method has none of its own).
    const probeAugment = defaultParams(augmentParams()) as unknown as AugmentParams;

    /** frames: three [N, H, W, 3] -> [N] logit of "in order". */
    const orderLogits = (frames: tf.Tensor4D[]): tf.Tensor1D => {
      const n = frames[0].shape[0];
      const h = encoder.apply(tf.concat(frames, 0)).h;                                    // [3N, D]
      const joined = tf.concat([0, 1, 2].map((k) => h.slice([k * n, 0], [n, -1])), 1) as tf.Tensor2D; // [N, 3D]
      return output.apply(tf.relu(hidden.apply(joined))).reshape([n]) as tf.Tensor1D;
    };

    const lossTerms = (batch: Batch): LossTerms => {
      if (batch.kind !== 'frameTuples' || !batch.target || !batch.probe) throw new Error(`Shuffle and Learn: unexpected ${batch.kind} batch`);
      const r = orderVerificationLoss(orderLogits(batch.frames), batch.target);
      const { posSim, negSim } = probeSimilarity(encoder, batch.probe);
      return { loss: r.loss, extras: [posSim, negSim, r.accuracy] };
    };

    const sampleBatch = (rng: Rng): Batch => {
      const s = shuffleLearnTuples(rng, train, motion, p.batchSize, samplerOptions);
      const columns = Math.min(PREVIEW_COLUMNS, p.batchSize);
      return {
        kind: 'frameTuples',
        frames: s.frames.map((i) => gatherFrames(video.trainFrames, i)),
        target: tf.tensor1d(s.target),
        probe: sampleProbeViews(ctx.train, rng, probeAugment),
        info: {
          captions: [
            Array.from({ length: columns }, (_, i) => SHUFFLE_KINDS[s.kind[i]]),
            ...s.frames.map((f) => Array.from(f.slice(0, columns), (j) => frameCaption(train, j, false).replace(/^.* · /, ''))),
          ],
        },
      };
    };

    /** Accuracy of the classifier on the fixed balanced held-out tuples. */
    const heldOutScores = async (): Promise<HeldOutScore[]> => {
      if (!heldOutSet) return [{ value: null, chance: 0.5, detail: `No held-out tuples: ${heldOutProblem}` }];
      const set = heldOutSet;
      const n = set.target.length;
      // The three frames of every tuple, embedded in fixed-size chunks, then classified at once.
      const { values, dim } = await embedIndices(video.heldOutFrames, Int32Array.from([...set.frames[0], ...set.frames[1], ...set.frames[2]]), (x) => encoder.apply(x).h);
      const logits = tf.tidy(() => {
        const h = tf.tensor2d(values, [3 * n, dim]);
        const joined = tf.concat([0, 1, 2].map((k) => h.slice([k * n, 0], [n, -1])), 1) as tf.Tensor2D;
        return output.apply(tf.relu(hidden.apply(joined))).reshape([n]);
      });
      const l = await logits.data();
      logits.dispose();
      let right = 0;
      for (let i = 0; i < n; i++) if ((l[i] > 0 ? 1 : 0) === set.target[i]) right++;
      const where = video.split.heldOutKind === 'scenes' ? 'tuples from the held-out videos' : 'tuples from the held-out last fifth of each video';
      return [{ value: right / n, chance: 0.5, detail: `${n} ${where}, half in order` }];
    };

    return {
      ...commonRunParts(encoder, vars, optimizer, lossTerms),
      sampleBatch,
      heldOutScores,
      preview: (batch): PreviewPanel[] => {
        if (batch.kind !== 'frameTuples') return [];
        const captions = batch.info?.captions;
        return [{
          title: `Columns = tuples, in the order the classifier sees them; about ${Math.round(p.positiveFraction * 100)}% are in order. Frames come from windows in the top ${Math.round((1 - p.motionQuantile) * 100)}% by motion.`,
          rows: batch.frames.map((f, k) => ({
            caption: `frame ${k + 1}`,
            images: firstRows(f, PREVIEW_COLUMNS),
            ...(captions && { labels: captions[k + 1].map((t, i) => (k === 0 ? `${captions[0][i]} · ${t}` : t)) }),
          })),
        }];
      },
    };
  },
};
